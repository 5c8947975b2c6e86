package httperrechov5_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestSubprocessStrayWriteDuringRender: a goroutine the handler started writes through echo v5's Context
// (c.String) while the error handler answers the error the handler returned. echo v5's Context and Response
// are not safe for concurrent use, and echo pools its Contexts, so no error handler survives this: the test
// runs the misuse in a child process with an error handler written in echo's idiom that sends the same
// problem (header fields, then c.Blob), and in one with Install's, and requires ours to fail in no way the
// misuse does not cause with echo's own (childtest.CompareWithFramework).
func TestSubprocessStrayWriteDuringRender(t *testing.T) {
	mode := childtest.Mode(t)
	if mode == "" {
		childtest.CompareWithFramework(t, "echo v5")
		return
	}
	e := echo.New()
	e.Logger = slog.New(slog.DiscardHandler)
	quiet := testkit.Quiet()
	problem, answer := testkit.StrayProblem()
	if mode == "ours" {
		httperrechov5.Install(e, quiet)
	} else { // echo's own way to send the same response: header fields, then c.Blob
		e.HTTPErrorHandler = func(c *echo.Context, err error) {
			if res, _ := echo.UnwrapResponse(c.Response()); res == nil || res.Committed {
				return
			}
			h := c.Response().Header()
			for k, v := range answer.Header() {
				h[k] = v
			}
			c.Blob(answer.Code, answer.Header().Get("Content-Type"), answer.Body.Bytes())
		}
	}
	err := error(problem)
	e.GET("/", func(c *echo.Context) error {
		done := make(chan struct{})
		go func() { <-done; c.String(http.StatusOK, "STRAY") }()
		defer close(done)
		return err
	})
	testkit.ServeStray(t, e, answer)
}
