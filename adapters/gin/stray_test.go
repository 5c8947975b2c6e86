package httperrgin_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestSubprocessStrayWriteDuringRender: a goroutine the handler started writes through gin's Context
// (c.String) while the error is answered after the handler returned. gin's documentation forbids it (a
// goroutine gets c.Copy(), whose Writer writes nothing), its Context and writer are not safe for concurrent
// use, and gin pools its Contexts, so no error middleware survives it: the test runs the misuse in a child
// process with an error middleware written in gin's idiom (c.Errors.Last() after c.Next(), header fields,
// then c.Data) that sends the same problem, and in one with Install's, and requires ours to fail in no way
// the misuse does not cause with gin's own (childtest.CompareWithFramework).
func TestSubprocessStrayWriteDuringRender(t *testing.T) {
	mode := childtest.Mode(t)
	if mode == "" {
		childtest.CompareWithFramework(t, "gin")
		return
	}
	e := gin.New()
	quiet := testkit.Quiet()
	problem, answer := testkit.StrayProblem()
	stray := func(c *gin.Context) func() {
		done := make(chan struct{})
		go func() { <-done; c.String(http.StatusOK, "STRAY") }()
		return func() { close(done) }
	}
	if mode == "ours" {
		httperrgin.Install(e, quiet)
		e.GET("/", httperrgin.Handle(func(c *gin.Context) error {
			defer stray(c)()
			return problem
		}))
	} else {
		e.Use(func(c *gin.Context) { // gin's own way to send the same response
			c.Next()
			if c.Errors.Last() == nil || c.Writer.Written() {
				return
			}
			h := c.Writer.Header()
			for k, v := range answer.Header() {
				h[k] = v
			}
			c.Data(answer.Code, answer.Header().Get("Content-Type"), answer.Body.Bytes())
		})
		e.GET("/", func(c *gin.Context) {
			defer stray(c)()
			c.Error(problem) //nolint:errcheck // c.Error returns its argument
		})
	}
	testkit.ServeStray(t, e, answer)
}

// TestSubprocessLateWriteThroughKeptWriter: a goroutine that kept c.Writer writes after the Middleware
// returned. gin alone sends such a write to its own writer of that request (and its pooled Context's next
// request); the Middleware's writer, pooled too, must do no worse: before, it had dropped its writer and the
// write was a nil dereference in the goroutine, which ends the process.
func TestSubprocessLateWriteThroughKeptWriter(t *testing.T) {
	if childtest.Mode(t) == "" {
		childtest.Run(t)
		return
	}
	e := gin.New()
	httperrgin.Install(e, testkit.Quiet())
	released, wrote := make(chan struct{}), make(chan error)
	e.GET("/", httperrgin.Handle(func(c *gin.Context) error {
		w := c.Writer
		go func() { <-released; _, err := w.WriteString("LATE"); wrote <- err }()
		return httperr.NotFound("x")
	}))
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	close(released)
	err := <-wrote
	t.Logf("outcomes: the late write returned %v", err)
	if rec.Code != http.StatusNotFound || rec.Header().Get("Content-Type") != "application/problem+json" {
		t.Errorf("got %d %q", rec.Code, rec.Header().Get("Content-Type"))
	}
}
