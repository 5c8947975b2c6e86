// Command gin serves the example users API with gin and the httperrgin adapter. It answers the same bytes
// as the net/http example.
//
//	go run ./examples/gin -addr 127.0.0.1:8080
//	curl -i localhost:8080/users/42
package main

import (
	"flag"
	"log/slog"
	"net/http"
	"os"
	"strings"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/examples/internal/users"
	"github.com/httperr/toolkit/httperr"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rd := &httperr.Renderer{Logger: logger}

	logger.Info("listening", "addr", *addr, "framework", "gin")
	if err := http.ListenAndServe(*addr, Handler(rd)); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// Handler returns the users API on a gin engine (no default logger or recovery) set up by httperrgin.Install.
// Like ServeMux, it answers HEAD on the GET routes.
func Handler(rd *httperr.Renderer) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	e := gin.New()
	httperrgin.Install(e, rd)
	for _, rt := range users.New().Routes() {
		path := ginPath(rt.Pattern)
		h := mount(rt.Handler)
		e.Handle(rt.Method, path, h)
		if rt.Method == http.MethodGet {
			e.Handle(http.MethodHead, path, h)
		}
	}
	return e
}

// ginPath turns a ServeMux pattern's {name} parameters into gin's :name, and {name...} into *name.
func ginPath(pattern string) string {
	segs := strings.Split(pattern, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			if name, rest := strings.CutSuffix(s[1:len(s)-1], "..."); rest {
				segs[i] = "*" + name
			} else {
				segs[i] = ":" + name
			}
		}
	}
	return strings.Join(segs, "/")
}

// mount serves a shared handler, which reads its parameters with r.PathValue.
func mount(h func(http.ResponseWriter, *http.Request) error) gin.HandlerFunc {
	return httperrgin.Handle(func(c *gin.Context) error {
		for _, p := range c.Params {
			c.Request.SetPathValue(p.Key, p.Value)
		}
		return h(c.Writer, c.Request)
	})
}
