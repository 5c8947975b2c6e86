package recovery

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
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

// TestAnswer: net/http's sentinel is re-panicked, a panic after the response started is logged and turned
// into the sentinel, and any other gets the 500 to render, with the panicking stack.
func TestAnswer(t *testing.T) {
	var logs bytes.Buffer
	rd := &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(&logs, nil))}
	r := httptest.NewRequest(http.MethodGet, "/users/1", nil)
	answer := func(p any, started bool) (e *httperr.Error, repanic any) {
		defer func() { repanic = recover() }()
		func() {
			defer func() { e = Answer(rd, r, recover(), started) }()
			panic(p)
		}()
		return e, nil
	}
	if e, re := answer("boom", false); re != nil || e.Status() != 500 || !strings.Contains(e.Error(), "boom") {
		t.Errorf("not started: %v, re-panic %v; want the 500 to render", e, re)
	}
	var pe *httperr.PanicError
	if e, _ := answer("boom", false); !errors.As(e, &pe) || !strings.Contains(string(pe.Stack), "TestAnswer") {
		t.Errorf("not started: cause %#v; want the panicking stack", e.Unwrap())
	}
	if _, re := answer(http.ErrAbortHandler, false); re != http.ErrAbortHandler {
		t.Errorf("http.ErrAbortHandler: re-panic %v, want it", re)
	}
	if logs.Len() != 0 {
		t.Errorf("logged before the response started: %s", logs.String())
	}
	if _, re := answer("late", true); re != http.ErrAbortHandler {
		t.Errorf("started: re-panic %v, want http.ErrAbortHandler", re)
	}
	if got := logs.String(); !strings.Contains(got, "level=ERROR") || !strings.Contains(got, "late") || !strings.Contains(got, "/users/1") {
		t.Errorf("started: logged %q, want the unsent 500 with the panic value and the path", got)
	}
}
