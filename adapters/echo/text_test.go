//lint:file-ignore SA1019 echo's middleware.Timeout is deprecated, but services still run it, and it answers past the error handler

package httperrecho_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/gorilla/websocket"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestTextAnswers drives, on a loopback server, the error answers that middlewares and echo's helpers write
// straight to c.Response(), past the error handler: each becomes the problem of its status, with the header
// fields it set, while the application's JSON and, under KeepText, its text go out as they were. The access
// log (middleware.RequestLogger before Install) records the status sent.
func TestTextAnswers(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "a.txt"), []byte("0123456789"), 0o600); err != nil {
		t.Fatal(err)
	}
	limited := func(next echo.HandlerFunc) echo.HandlerFunc { // a rate limiter, as users write one
		return func(c echo.Context) error {
			c.Response().Header().Set("Retry-After", "30")
			c.Response().Header().Set("X-RateLimit-Remaining", "0")
			return c.String(http.StatusTooManyRequests, "slow down")
		}
	}
	var upgrader websocket.Upgrader
	routes := func(e *echo.Echo) {
		e.GET("/slow", func(c echo.Context) error {
			<-c.Request().Context().Done() // the http.TimeoutHandler's context, cancelled at the timeout
			return nil
		}, middleware.TimeoutWithConfig(middleware.TimeoutConfig{Timeout: 20 * time.Millisecond}))
		e.Static("/static", dir)
		e.GET("/file", func(c echo.Context) error { return c.File(filepath.Join(dir, "a.txt")) })
		e.GET("/limited", func(c echo.Context) error { return c.String(200, "ok") }, limited)
		e.GET("/ws", func(c echo.Context) error {
			ws, err := upgrader.Upgrade(c.Response(), c.Request(), nil)
			if err != nil {
				return err
			}
			return ws.Close()
		})
		e.GET("/json", func(c echo.Context) error { return c.JSON(400, map[string]string{"error": "bad"}) })
		e.GET("/secret", func(c echo.Context) error { return c.String(500, "db: "+secret) })
		e.GET("/gone", func(c echo.Context) error { return c.NoContent(http.StatusGone) })
	}
	p := testkit.StatusProblem
	tests := []struct {
		name, path, rng string
		keep            bool
		status          int
		header          map[string]string
		body            string
	}{
		{"middleware.Timeout", "/slow", "", false, 503, map[string]string{"Content-Type": "application/problem+json"}, p(503, "")},
		{"Static, unsatisfiable range", "/static/a.txt", "bytes=999999-", false, 416,
			map[string]string{"Content-Type": "application/problem+json", "Content-Range": "bytes */10"}, p(416, "invalid range: failed to overlap")},
		{"c.File, unsatisfiable range", "/file", "bytes=999999-", false, 416,
			map[string]string{"Content-Range": "bytes */10"}, p(416, "invalid range: failed to overlap")},
		{"c.String(429) from a middleware", "/limited", "", false, 429,
			map[string]string{"Content-Type": "application/problem+json", "Retry-After": "30", "X-Ratelimit-Remaining": "0"}, p(429, "slow down")},
		{"websocket.Upgrader, plain GET", "/ws", "", false, 400,
			map[string]string{"Content-Type": "application/problem+json", "Sec-Websocket-Version": "13"}, p(400, "")},
		{"c.JSON(400) left alone", "/json", "", false, 400,
			map[string]string{"Content-Type": "application/json"}, `{"error":"bad"}` + "\n"},
		{"c.String(500) never sent", "/secret", "", false, 500, map[string]string{"Content-Type": "application/problem+json"}, p(500, "")},
		{"c.NoContent(410)", "/gone", "", false, 410, map[string]string{"Content-Type": "application/problem+json"}, p(410, "")},
		{"KeepText keeps c.String(429)", "/limited", "", true, 429,
			map[string]string{"Content-Type": "text/plain; charset=UTF-8", "Retry-After": "30"}, "slow down"},
		{"KeepText, c.NoContent(410)", "/gone", "", true, 410, map[string]string{"Content-Type": "application/problem+json"}, p(410, "")},
	}
	for _, keep := range []bool{false, true} {
		access, from := new(testkit.LogBuffer), 0 // from: where the record of the request played begins
		e := echo.New()
		e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{LogStatus: true, LogURI: true,
			LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
				io.WriteString(access, v.URI+" "+strconv.Itoa(v.Status)+"\n")
				return nil
			}}))
		rd, _ := renderer()
		rd.KeepText = keep
		httperrecho.Install(e, rd)
		routes(e)
		srv := httptest.NewServer(e)
		t.Run("websocket handshake", func(t *testing.T) { // a hijack goes through the holding writer
			testkit.Handshake(t, srv, "/ws")
			access.Await("/ws ") // the handler returns, and is logged, after the handshake
			from = len(access.String())
		})
		for _, tt := range tests {
			if tt.keep != keep {
				continue
			}
			t.Run(tt.name, func(t *testing.T) {
				if tt.path == "/slow" && childtest.Race {
					// echo's own doc warns that middleware.Timeout races: its handler's goroutine sets the
					// Response's Writer and the Request, which every middleware outside it then reads.
					t.Skip("middleware.Timeout races by design (its doc comment); run without -race")
				}
				from = len(access.String())
				res, body := testkit.Send(t, srv.Client(), http.MethodGet, srv.URL+tt.path, "", "Range", tt.rng)
				testkit.CheckFields(t, res, body, tt.status, tt.header, tt.body)
				if want := tt.path + " " + strconv.Itoa(tt.status) + "\n"; access.String()[from:] != want {
					t.Errorf("access log %q, want %q", access.String()[from:], want)
				}
			})
		}
		srv.Close()
	}
}
