package httperrecho_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/httperr/toolkit/internal/testkit"
	"github.com/labstack/echo/v4"
)

func TestPanic(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	want := catalogProblem(t, 500)
	check(t, serve(e, "GET", "/panic", "", ""), 500, problemHeader(want), want)
	if l := logs.String(); !strings.Contains(l, "level=ERROR") || !strings.Contains(l, "panic: boom") {
		t.Errorf("panic not logged at error with its value:\n%s", l)
	}
	// The same Echo still serves.
	check(t, serve(e, "GET", "/ok", "", ""), 200, http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}, "ok")
	want = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	check(t, serve(e, "GET", "/users/1", "", ""), 404, problemHeader(want), want)
}

func TestAbortHandlerRepanics(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	e.GET("/abort", func(echo.Context) error { panic(http.ErrAbortHandler) })
	rec, p := testkit.ServePanicking(e, "/abort")
	if p != http.ErrAbortHandler {
		t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
	}
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "" {
		t.Errorf("something was written: %v %q", rec.Header(), rec.Body)
	}
	if logs.String() != "" {
		t.Errorf("an abort was logged:\n%s", logs)
	}
}
