package httperr

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime/debug"
	"slices"
	"testing"
)

// Helpers shared by the package's internal tests (package httperr): quiet renderers, a captured log,
// a rendered response and its body.

// quiet returns rd with a logger that drops everything, so that tests do not write to the default
// logger.
func quiet(rd Renderer) *Renderer {
	if rd.Logger == nil {
		rd.Logger = slog.New(slog.DiscardHandler)
	}
	return &rd
}

// captureLogger returns a logger that writes JSON records, every level included, to the returned buffer.
func captureLogger() (*slog.Logger, *bytes.Buffer) {
	var buf bytes.Buffer
	return slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), &buf
}

// logRecords decodes the records a captureLogger wrote.
func logRecords(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	var recs []map[string]any
	dec := json.NewDecoder(bytes.NewReader(buf.Bytes()))
	for dec.More() {
		var m map[string]any
		if err := dec.Decode(&m); err != nil {
			t.Fatalf("log record is not JSON: %v\n%s", err, buf)
		}
		recs = append(recs, m)
	}
	return recs
}

// oneRecord returns the only log record, failing the test when there is not exactly one.
func oneRecord(t *testing.T, buf *bytes.Buffer) map[string]any {
	t.Helper()
	recs := logRecords(t, buf)
	if len(recs) != 1 {
		t.Fatalf("got %d log records, want 1:\n%s", len(recs), buf)
	}
	return recs[0]
}

// render renders err through rd.Render for a request with the given method, path and header fields, after
// the handler set the fields in pre on the response.
func render(rd *Renderer, method, target string, reqHeader, pre map[string]string, err error) *http.Response {
	r := httptest.NewRequest(method, target, nil)
	for k, v := range reqHeader {
		r.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	for k, v := range pre {
		rec.Header().Set(k, v)
	}
	rd.Render(rec, r, err)
	return rec.Result()
}

func body(t *testing.T, res *http.Response) []byte {
	t.Helper()
	var buf bytes.Buffer
	if _, err := buf.ReadFrom(res.Body); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func headersEqual(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if !slices.Equal(v, b[k]) {
			return false
		}
	}
	return true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// recovered is what the adapters' recover renders for the panic value p (internal/recovery, which imports
// this package): a 500 whose cause is a *PanicError with the stack.
func recovered(p any) *Error {
	return InternalServerError("").Wrap(&PanicError{Value: p, Stack: debug.Stack()})
}
