package httperr

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Bad values an application may hand the renderer (the cases are in render_badvalues_cases_test.go), each
// rendered in JSON and XML. For every one the response must be a valid problem (or the documented fallback),
// a log record must say what happened, and nothing may panic or hang.

// renderSafely renders err with rd for a GET with the given Accept, failing the test on a panic or when
// rendering does not finish within a few seconds.
func renderSafely(t *testing.T, rd *Renderer, accept string, err error) (*http.Response, []byte) {
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
			if !validFieldName(k) || !validFieldValue(v) {
				t.Errorf("header field %s: %q holds a control character", k, v)
			}
		}
	}
}

// TestRenderBadValues renders each bad value of badValueCases in JSON and XML.
func TestRenderBadValues(t *testing.T) {
	for _, c := range badValueCases() {
		for _, accept := range []string{"", "application/problem+xml"} {
			t.Run(c.name+"/"+cmpOr(accept, "json"), func(t *testing.T) {
				logger, logs := captureLogger()
				rd := c.rd
				rd.Logger = logger
				res, b := renderSafely(t, &rd, accept, c.err)
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
