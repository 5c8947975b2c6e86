package httperrecho_test

import (
	"io"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestSubprocessStrayWriteDuringRender: a goroutine the handler started writes through echo's Context
// (c.String) while the error handler answers the error the handler returned. echo's Context and Response
// are not safe for concurrent use, and echo pools its Contexts, so no error handler survives this: the test
// runs the misuse in a child process with an error handler written in echo's idiom that sends the same
// problem (header fields, then c.Blob), and in one with Install's, and requires ours to fail in no way the
// misuse does not cause with echo's own (childtest.CompareWithFramework).
func TestSubprocessStrayWriteDuringRender(t *testing.T) {
	mode := childtest.Mode(t)
	if mode == "" {
		childtest.CompareWithFramework(t, "echo")
		return
	}
	e := echo.New()
	e.Logger.SetOutput(io.Discard)
	quiet := testkit.Quiet()
	problem, answer := testkit.StrayProblem()
	if mode == "ours" {
		httperrecho.Install(e, quiet)
	} else { // echo's own way to send the same response: header fields, then c.Blob
		e.HTTPErrorHandler = func(err error, c echo.Context) {
			if c.Response().Committed {
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
	e.GET("/", func(c echo.Context) error {
		done := make(chan struct{})
		go func() { <-done; c.String(http.StatusOK, "STRAY") }()
		defer close(done)
		return err
	})
	testkit.ServeStray(t, e, answer)
}
