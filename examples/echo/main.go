// Command echo serves the example users API with echo v4 and the httperrecho adapter: the same handlers, and
// the same answers byte for byte, as the net/http example.
//
//	go run ./examples/echo -addr 127.0.0.1:8080
//	curl -i localhost:8080/users/42
package main

import (
	"flag"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/examples/internal/users"
	"github.com/httperr/toolkit/httperr"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rd := &httperr.Renderer{Logger: logger}

	logger.Info("listening", "addr", *addr, "framework", "echo")
	if err := newEcho(rd).Start(*addr); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// Handler returns the users API on an *echo.Echo with httperrecho installed.
func Handler(rd *httperr.Renderer) http.Handler {
	return newEcho(rd)
}

func newEcho(rd *httperr.Renderer) *echo.Echo {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	httperrecho.Install(e, rd)
	for _, rt := range users.New().Routes() {
		path, h := echoPath(rt.Pattern), mount(rt.Handler)
		e.Add(rt.Method, path, h)
		if rt.Method == http.MethodGet { // a ServeMux GET pattern answers HEAD too
			e.Add(http.MethodHead, path, h)
		}
	}
	return e
}

// mount adapts a shared handler to echo: echo's path parameters are copied into the request, where the
// handler reads them with r.PathValue.
func mount(h func(http.ResponseWriter, *http.Request) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		r := c.Request()
		for _, name := range c.ParamNames() {
			r.SetPathValue(name, c.Param(name))
		}
		return h(c.Response(), r)
	}
}

// echoPath turns a ServeMux pattern's {name} segments into echo's :name.
func echoPath(pattern string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if len(s) > 2 && s[0] == '{' && s[len(s)-1] == '}' {
			segs[i] = ":" + s[1:len(s)-1]
		}
	}
	return strings.Join(segs, "/")
}
