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
	// echo's own doc warns that middleware.Timeout races: its handler's goroutine sets the Response's Writer
	// and the Request, which every middleware outside it then reads.
	timeout := testkit.TextCase{Name: "middleware.Timeout", Path: "/slow", Status: 503,
		Header: map[string]string{"Content-Type": "application/problem+json"}, Body: testkit.StatusProblem(503, "")}
	if childtest.Race {
		timeout.Skip = "middleware.Timeout races by design (its doc comment); run without -race"
	}
	testkit.RunTextAnswers(t, append([]testkit.TextCase{timeout}, testkit.EchoTexts("c.File")...),
		func(keep bool, access io.Writer) *httptest.Server {
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
			return httptest.NewServer(e)
		})
}
