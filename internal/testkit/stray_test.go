package testkit_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/httperr/toolkit/internal/testkit"
)

// TestStrayProblem checks that the stray-write problem has its 64 fields, and answer is its rendering.
func TestStrayProblem(t *testing.T) {
	p, answer := testkit.StrayProblem()
	if len(p.Header()) != 64 || answer.Code != 404 || answer.Header().Get("X-Field-63") != "value 63" {
		t.Errorf("%d fields; answer %d %v", len(p.Header()), answer.Code, answer.Header())
	}
}

// TestCheckCommitted checks that CheckCommitted passes a partial answer logged once and reports the rest.
func TestCheckCommitted(t *testing.T) {
	rd, logs := testkit.Logging()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("partial"))
		rd.LogUnsent(r, errors.New("late")) // what an adapter does for an error after the response started
	})
	testkit.CheckCommitted(t, h, "/", nil, logs, "text/plain")
	tb := &fakeTB{TB: t}
	testkit.CheckCommitted(tb, h, "/", nil, logs, "text/html") // a second Unsent record, another type
	if got := strings.Join(tb.errors, "\n"); len(tb.errors) != 2 || !strings.Contains(got, "2 drop records") {
		t.Errorf("reports:\n%s", got)
	}
	if _, p := testkit.ServePanicking(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("x") }), "/"); p != "x" {
		t.Errorf("ServePanicking recovered %v", p)
	}
}
