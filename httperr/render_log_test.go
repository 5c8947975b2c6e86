package httperr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestRenderLogs checks the record of each rendered problem: 5xx at ERROR with method, path, status and
// cause; 4xx and 499 at DEBUG.
func TestRenderLogs(t *testing.T) {
	tests := []struct {
		name   string
		err    error
		level  string
		status float64
		cause  string
	}{
		{"5xx", InternalServerError("").Wrap(errSecret), "ERROR", 500, errSecret.Error()},
		{"plain error", fmt.Errorf("load: %w", errSecret), "ERROR", 500, "load: " + errSecret.Error()},
		{"502", BadGateway("upstream").Wrap(errSecret), "ERROR", 502, errSecret.Error()},
		{"4xx", NotFound("user"), "DEBUG", 404, ""},
		{"422", validationErr, "DEBUG", 422, ""},
		{"499", fmt.Errorf("read body: %w", context.Canceled), "DEBUG", 499, "read body: context canceled"},
		{"bad status", New(302, "redirect?"), "ERROR", 500, ""},
		{"refused member", NotFound("user").With("status", 1), "WARN", 404, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := captureLogger()
			render(&Renderer{Logger: logger}, "POST", "/users/42?secret=no", nil, nil, tt.err)
			rec := oneRecord(t, logs)
			if rec["level"] != tt.level || rec["msg"] != "httperr: problem response" {
				t.Errorf("level %v msg %v, want %s", rec["level"], rec["msg"], tt.level)
			}
			if rec["method"] != "POST" || rec["path"] != "/users/42" || rec["status"] != tt.status {
				t.Errorf("method %v path %v status %v", rec["method"], rec["path"], rec["status"])
			}
			errGroup, _ := rec["error"].(map[string]any)
			if errGroup == nil || errGroup["status"] != tt.status {
				t.Errorf("error attribute %v", rec["error"])
			}
			if tt.cause != "" && errGroup["cause"] != tt.cause {
				t.Errorf("cause %v, want %q", errGroup["cause"], tt.cause)
			}
		})
	}
	// A logger that drops debug records sees nothing of a 4xx.
	var buf bytes.Buffer
	render(&Renderer{Logger: slog.New(slog.NewJSONHandler(&buf, nil))}, "GET", "/", nil, nil, NotFound("user"))
	if buf.Len() != 0 {
		t.Errorf("4xx logged at info: %s", buf.String())
	}
}

// uncomparableError is an error type whose values == cannot compare: the renderer must not panic on it.
type uncomparableError struct{ parts []string }

func (e uncomparableError) Error() string { return strings.Join(e.parts, "; ") }

// TestRenderLogsChain checks that the record keeps what the error given to Render says beyond the *Error it
// resolved to: context wrapped around an *Error, errors joined with it, an error Map replaced.
func TestRenderLogsChain(t *testing.T) {
	tests := []struct {
		name  string
		rd    Renderer
		err   error
		chain string // "" when the record must have no chain
	}{
		{"bare *Error", Renderer{}, BadGateway("").Wrap(errSecret), ""},
		{"foreign error, the cause already", Renderer{}, fmt.Errorf("load: %w", errSecret), ""},
		{"context around an *Error", Renderer{}, fmt.Errorf("charge card 42: %w", BadGateway("")), "charge card 42: 502 Bad Gateway"},
		{"joined", Renderer{}, errors.Join(errSecret, NotImplemented("")), errSecret.Error() + "\n501 Not Implemented"},
		{"Map replaced it", Renderer{Map: func(error) *Error { return ServiceUnavailable(0) }}, errSecret, errSecret.Error()},
		// The cause already, but == cannot tell: logged twice rather than a panic.
		{"uncomparable", Renderer{}, uncomparableError{[]string{"a", "b"}}, "a; b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			logger, logs := captureLogger()
			tt.rd.Logger = logger
			res := render(&tt.rd, "GET", "/", nil, nil, tt.err)
			checkProblem(t, "GET", res, body(t, res))
			rec := oneRecord(t, logs)
			chain, ok := rec["chain"]
			if tt.chain == "" && ok {
				t.Errorf("chain %q, want none", chain)
			}
			if tt.chain != "" && chain != tt.chain {
				t.Errorf("chain %q, want %q", chain, tt.chain)
			}
		})
	}
}

// TestRenderLogsPanicStack checks that the Error record of a recovered panic carries the stack captured by
// the adapters' recover (recovered), and that other records have none.
func TestRenderLogsPanicStack(t *testing.T) {
	panicked := func() (e *Error) {
		defer func() { e = recovered(recover()) }()
		panic("boom")
	}()
	for _, tc := range []struct {
		name  string
		err   error
		stack bool
	}{
		{"recovered panic", panicked, true},
		{"recovered panic, wrapped", fmt.Errorf("handler: %w", panicked), true},
		{"plain 500", InternalServerError("").Wrap(errSecret), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			logger, logs := captureLogger()
			render(&Renderer{Logger: logger}, "GET", "/", nil, nil, tc.err)
			rec := oneRecord(t, logs)
			stack, _ := rec["stack"].(string)
			if !tc.stack {
				if _, ok := rec["stack"]; ok {
					t.Errorf("stack attribute on a record without a panic: %v", rec["stack"])
				}
				return
			}
			if rec["level"] != "ERROR" || !strings.Contains(stack, "goroutine ") || !strings.Contains(stack, "TestRenderLogsPanicStack") {
				t.Errorf("level %v, stack %q: want the panicking goroutine's stack", rec["level"], stack)
			}
		})
	}
}

// TestRenderBrokenLogger checks that a Logger whose handler panics, in Enabled or in Handle, loses its
// records but not the response: the documented fallback.
func TestRenderBrokenLogger(t *testing.T) {
	for _, h := range []brokenHandler{{enabled: true}, {handle: true}} {
		for _, err := range []error{NotFound("user"), InternalServerError("").Wrap(errors.New("db down")), New(302, "bad status")} {
			for _, accept := range []string{"", "application/problem+xml"} {
				name := fmt.Sprintf("Enabled panics %v, Handle panics %v/%v/%s", h.enabled, h.handle, err, cmpOr(accept, "json"))
				t.Run(name, func(t *testing.T) {
					calls := 0
					h.calls = &calls
					rd := &Renderer{
						Logger: slog.New(h),
						Map:    func(error) *Error { panic("Map exploded too") }, // the hook's record goes to the broken logger as well
					}
					res, b := renderSafely(t, rd, accept, err)
					checkProblem(t, http.MethodGet, res, b)
					checkWire(t, res, b)
					if res.StatusCode != StatusOf(err) {
						t.Errorf("status %d, want %d", res.StatusCode, StatusOf(err))
					}
					if calls == 0 {
						t.Error("the logger was never asked")
					}
					// LogUnsent, which only logs, survives the broken logger too.
					rd.LogUnsent(httptest.NewRequest(http.MethodGet, "/", nil), err)
				})
			}
		}
	}
}

// TestLogUnsentSafeMessage checks the log-only path, for an error written after the response started:
// an error whose Error method panics, or whose chain cycles, is logged without a panic or a hang.
func TestLogUnsentSafeMessage(t *testing.T) {
	for name, err := range map[string]error{
		"Error() panics":     panickingError{},
		"cause panics":       BadGateway("").Wrap(panickingError{}),
		"wrapped, panics":    fmt.Errorf("late: %w", panickingError{}),
		"StatusCode() panic": panickingStatus{},
		"Unwrap cycle":       &loopError{"loop"},
	} {
		t.Run(name, func(t *testing.T) {
			logger, logs := captureLogger()
			rd := &Renderer{Logger: logger}
			done := make(chan any, 1)
			go func() {
				defer func() { done <- recover() }()
				w := &startedWriter{header: http.Header{}, written: true}
				rd.Render(w, httptest.NewRequest(http.MethodGet, "/late", nil), err)
				if len(w.calls) != 0 {
					t.Errorf("wrote to a started response: %q", w.calls)
				}
			}()
			select {
			case p := <-done:
				if p != nil {
					t.Fatalf("panicked: %v", p)
				}
			case <-time.After(10 * time.Second):
				t.Fatal("did not return")
			}
			rec := oneRecord(t, logs)
			if rec["level"] != "ERROR" || rec["msg"] != "error after the response had started; nothing written" || rec["path"] != "/late" {
				t.Errorf("record %v", rec)
			}
		})
	}
}
