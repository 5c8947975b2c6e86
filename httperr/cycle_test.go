package httperr_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
)

// Errors whose Unwrap methods never end, and the test that StatusOf, From and rendering still return.

// selfUnwrapper's Unwrap returns itself: a chain without end.
type selfUnwrapper struct{ msg string }

func (e *selfUnwrapper) Error() string { return e.msg }
func (e *selfUnwrapper) Unwrap() error { return e }

// selfJoiner's Unwrap returns itself twice: a tree without end that also doubles at each level.
type selfJoiner struct{}

func (e *selfJoiner) Error() string   { return "joiner" }
func (e *selfJoiner) Unwrap() []error { return []error{e, e} }

// pingPong errors unwrap to each other.
type pingPong struct{ other *pingPong }

func (e *pingPong) Error() string { return "ping" }
func (e *pingPong) Unwrap() error { return e.other }

func TestUnwrapCycleTerminates(t *testing.T) {
	ping, pong := &pingPong{}, &pingPong{}
	ping.other, pong.other = pong, ping
	errs := []struct {
		name string
		err  error
	}{
		{"self", &selfUnwrapper{"loop"}},
		{"self wrapped", fmt.Errorf("x: %w", &selfUnwrapper{"loop"})},
		{"join of itself", &selfJoiner{}},
		{"join containing a cycle", errors.Join(errors.New("a"), &selfUnwrapper{"loop"}, &selfJoiner{})},
		{"two-cycle", ping},
	}
	for _, e := range errs {
		t.Run(e.name, func(t *testing.T) {
			done := make(chan [3]int, 1)
			go func() {
				res := respondQuiet(e.err)
				done <- [3]int{httperr.StatusOf(e.err), httperr.From(e.err).Status(), res.Status}
			}()
			select {
			case got := <-done:
				if got != [3]int{500, 500, 500} {
					t.Errorf("StatusOf, From, rendered = %v, want 500 each", got)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("did not terminate")
			}
		})
	}
	// A cycle does not hide an error found before it.
	e := errors.Join(httperr.Gone("file"), &selfJoiner{})
	if got := httperr.StatusOf(e); got != 410 {
		t.Errorf("StatusOf = %d, want 410", got)
	}
}
