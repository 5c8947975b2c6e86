package httperr

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/httperr/toolkit/internal/field"
)

// The hardening suite: bad values an application may hand the renderer, each rendered in JSON and XML. For
// every one the response must be a valid problem (or the documented fallback), a log record must say what
// happened, and nothing may panic or hang.

// renderHard renders err with rd for a GET with the given Accept, failing the test on a panic or when
// rendering does not finish within a few seconds.
func renderHard(t *testing.T, rd *Renderer, accept string, err error) (*http.Response, []byte) {
	t.Helper()
	type result struct {
		res   *http.Response
		panic any
	}
	done := make(chan result, 1)
	go func() {
		defer func() {
			if p := recover(); p != nil {
				done <- result{panic: p}
			}
		}()
		r := httptest.NewRequest(http.MethodGet, "/hard", nil)
		r.Header.Set("Accept", accept)
		w := httptest.NewRecorder()
		rd.Render(w, r, err)
		done <- result{res: w.Result()}
	}()
	select {
	case got := <-done:
		if got.panic != nil {
			t.Fatalf("Render panicked: %v", got.panic)
		}
		return got.res, body(t, got.res)
	case <-time.After(10 * time.Second):
		t.Fatal("Render did not return")
	}
	return nil, nil
}

// checkWire checks what must hold of any response whatever went wrong: a UTF-8 body and header fields
// without control characters (HTAB aside), which Go's HTTP client would refuse.
func checkWire(t *testing.T, res *http.Response, b []byte) {
	t.Helper()
	if !utf8.Valid(b) {
		t.Errorf("body is not valid UTF-8: %q", b)
	}
	for k, vs := range res.Header {
		for _, v := range vs {
			if !field.ValidName(k) || !field.ValidValue(v) {
				t.Errorf("header field %s: %q holds a control character", k, v)
			}
		}
	}
}

func TestHardeningBadValues(t *testing.T) {
	for _, c := range hardCases() {
		for _, accept := range []string{"", "application/problem+xml"} {
			t.Run(c.name+"/"+cmpOr(accept, "json"), func(t *testing.T) {
				logger, logs := captureLogger()
				rd := c.rd
				rd.Logger = logger
				res, b := renderHard(t, &rd, accept, c.err)
				checkProblem(t, http.MethodGet, res, b)
				checkWire(t, res, b)
				if res.StatusCode != c.status {
					t.Errorf("status %d, want %d", res.StatusCode, c.status)
				}
				if accept == "" && c.checkJSON != nil {
					c.checkJSON(t, checkJSONProblem(t, res.StatusCode, b), b)
				}
				if accept != "" && c.checkXML != nil {
					c.checkXML(t, checkXMLProblem(t, res.StatusCode, b), b)
				}
				if c.header != nil {
					c.header(t, res.Header)
				}
				var problemRecord map[string]any
				for _, rec := range logRecords(t, logs) {
					if rec["msg"] == "httperr: problem response" {
						problemRecord = rec
					}
				}
				if problemRecord == nil || problemRecord["level"] != c.level || problemRecord["path"] != "/hard" {
					t.Errorf("no problem record at %s for /hard:\n%s", c.level, logs)
				}
				for _, want := range c.log {
					if !strings.Contains(logs.String(), want) {
						t.Errorf("log lacks %s:\n%.2000s", want, logs)
					}
				}
			})
		}
	}
}

// TestHardeningBrokenLogger checks that a Logger whose handler panics, in Enabled or in Handle, loses its
// records but not the response: the documented fallback.
func TestHardeningBrokenLogger(t *testing.T) {
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
					res, b := renderHard(t, rd, accept, err)
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

// TestHardeningLogUnsentSafeMessage checks the log-only path, for an error written after the response started:
// an error whose Error method panics, or whose chain cycles, is logged without a panic or a hang.
func TestHardeningLogUnsentSafeMessage(t *testing.T) {
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

// TestHardeningLargeBodyNotPooled checks that a 1 MiB problem leaves no trace in the next, small, one: its
// buffer is not reused with stale bytes, and Content-Length follows each body.
func TestHardeningLargeBodyNotPooled(t *testing.T) {
	rd := quiet(Renderer{})
	big := rd.Prepare(context.Background(), Conflict(strings.Repeat("x", 1<<20)), Request{Method: http.MethodGet})
	if len(big.Body) <= 1<<20 || big.Header().Get("Content-Length") != fmt.Sprint(len(big.Body)) {
		t.Fatalf("1 MiB problem: %d bytes, Content-Length %s", len(big.Body), big.Header().Get("Content-Length"))
	}
	small := rd.Prepare(context.Background(), NotFound("user"), Request{Method: http.MethodGet})
	const want = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	if string(small.Body) != want || small.Header().Get("Content-Length") != fmt.Sprint(len(want)) {
		t.Errorf("next problem %q, Content-Length %s", small.Body, small.Header().Get("Content-Length"))
	}
}
