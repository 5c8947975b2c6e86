package recovery

import (
	"errors"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

func TestProblem(t *testing.T) {
	boom := errors.New("boom")
	var e *httperr.Error
	func() {
		defer func() { e = Problem(recover()) }()
		panic(httperr.NotFound("user")) // even an *Error is a 500: a panic is a bug
	}()
	var pe *httperr.PanicError
	if e.Status() != 500 || e.Detail() != "" || !errors.As(e, &pe) || !strings.Contains(string(pe.Stack), "TestProblem") {
		t.Fatalf("Problem = %d %q, cause %#v; want a 500 whose cause holds the panicking stack", e.Status(), e.Detail(), e.Unwrap())
	}
	if !errors.Is(Problem(boom), boom) {
		t.Error("an error panic value is not in the chain")
	}
}
