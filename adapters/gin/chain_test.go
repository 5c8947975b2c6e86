package httperrgin_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"testing"
	"time"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// isDeadline says it is context.DeadlineExceeded through its Is method.
type isDeadline struct{}

func (isDeadline) Error() string        { return "slow upstream" }
func (isDeadline) Is(target error) bool { return target == context.DeadlineExceeded }

// TestHandleChains checks that Handle and the Middleware judge an error's chain as the core does: As and Is
// methods seen, Unwrap cycles ended, with and without a Middleware.
func TestHandleChains(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		status int
		detail string
	}{
		{"As method yields a 409 *Error", fmt.Errorf("x: %w", testkit.AsProblem(httperr.Conflict("email taken"))), 409, "email taken"},
		{"Is method matches DeadlineExceeded", isDeadline{}, 504, httperr.English().Description(504)},
		{"*gin.Error in the chain", fmt.Errorf("x: %w", &gin.Error{Err: httperr.NotFound("user")}), 404, "user not found"},
		{"Unwrap cycle", &testkit.LoopError{}, 500, httperr.English().Description(500)},
		{"*Error before a cycle", errors.Join(httperr.Conflict("email taken"), &testkit.LoopError{}), 409, "email taken"},
		{"truncated body before a cycle", errors.Join(io.ErrUnexpectedEOF, &testkit.LoopError{}), 400,
			"request body is not valid JSON (unexpected end)"},
		{"empty body", fmt.Errorf("bind: %w", io.EOF), 400, "request body is empty"},
	}
	for _, tt := range tests {
		for _, installed := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/Middleware=%t", tt.name, installed), func(t *testing.T) {
				var log bytes.Buffer
				e := gin.New()
				if installed {
					httperrgin.Install(e, testkit.LogText(&log))
				}
				e.GET("/", httperrgin.Handle(func(*gin.Context) error { return tt.err }))
				done := make(chan struct{})
				var got, want string
				var code int
				go func() {
					defer close(done)
					rec := serve(e, "GET", "/", "")
					code, got = rec.Code, rec.Body.String()
				}()
				select {
				case <-done:
				case <-time.After(10 * time.Second):
					t.Fatal("did not terminate")
				}
				want = problem(httperr.English().Title(tt.status), tt.status, tt.detail, "")
				if code != tt.status || got != want {
					t.Errorf("got %d %q, want %d %q", code, got, tt.status, want)
				}
			})
		}
	}
}
