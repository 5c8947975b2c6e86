package httperrecho_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/childtest"
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
	quiet := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
	problem := httperr.NotFound("x")
	for i := range 64 {
		problem = problem.WithHeader("X-Field-"+strconv.Itoa(i), "value "+strconv.Itoa(i))
	}
	answer := httptest.NewRecorder()
	quiet.Render(answer, httptest.NewRequest(http.MethodGet, "/", nil), problem)
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
	strayOutcomes(t, e, answer)
}

// strayOutcomes sends 1,000 requests to h on a loopback server and logs how many got exactly answer, how
// many the stray write alone, and how many anything else.
func strayOutcomes(t *testing.T, h http.Handler, answer *httptest.ResponseRecorder) {
	srv := httptest.NewServer(h)
	defer srv.Close()
	var exact, stray, other, next atomic.Int64
	var clients sync.WaitGroup
	for range 4 {
		clients.Go(func() {
			for next.Add(1) <= 1000 {
				res, err := srv.Client().Get(srv.URL + "/")
				if err != nil {
					other.Add(1)
					continue
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				switch {
				case res.StatusCode == answer.Code && string(body) == answer.Body.String() &&
					res.Header.Get("Content-Type") == answer.Header().Get("Content-Type"):
					exact.Add(1)
				case res.StatusCode == http.StatusOK && string(body) == "STRAY":
					stray.Add(1)
				default:
					other.Add(1)
				}
			}
		})
	}
	clients.Wait()
	t.Logf("outcomes: %d the error's answer, %d the stray write alone, %d anything else", exact.Load(), stray.Load(), other.Load())
}
