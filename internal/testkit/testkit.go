// Package testkit holds the helpers that the module's tests share: Renderers that log nowhere or into a
// buffer, a log buffer safe for concurrent writes, an error whose Unwrap chain cycles, and the exact bodies
// and header fields of problems, with a check of a recorded response against them (this file); requests
// on a loopback server and checks of their answers (loopback.go); the stray-write and panic drivers of the
// adapters' tests (stray.go); tables of problems, a declared problem type and a validated body
// (problems.go). Only _test.go files import it (TestOnlyTestsImport keeps it so); the core's internal
// tests (package httperr) cannot, as it imports the core, while its external ones (httperr_test) can.
package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// Secret is a cause that must never reach a client: [Check] fails on a body that holds it.
const Secret = "password=hunter2"

// Unsent begins the message of the record [httperr.Renderer.LogUnsent] writes for an error it could not
// send, the response having started.
const Unsent = "error after the response had started"

// Quiet returns a new Renderer whose logs go nowhere, so that tests do not write to the default logger.
func Quiet() *httperr.Renderer {
	return &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
}

// LogText returns a new Renderer that logs every record, Debug included, into w in slog's text form.
func LogText(w io.Writer) *httperr.Renderer {
	return &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))}
}

// LogJSON returns a new Renderer that logs every record, Debug included, into w in slog's JSON form.
func LogJSON(w io.Writer) *httperr.Renderer {
	return &httperr.Renderer{Logger: slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))}
}

// Logging returns a new Renderer that logs every record, Debug included, in slog's text form into the
// returned buffer.
func Logging() (*httperr.Renderer, *LogBuffer) {
	logs := new(LogBuffer)
	return LogText(logs), logs
}

// LogBuffer is a bytes.Buffer safe for the concurrent writes of a server's handlers and the reads of the
// test: a Renderer's logs, or a server's ErrorLog. Its zero value is empty and ready.
type LogBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

// Write appends p to the buffer.
func (b *LogBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// String returns what was written so far.
func (b *LogBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// LoopError is an error whose Unwrap returns itself: errors.As and errors.Is would follow it forever.
type LoopError struct{}

// Error returns "loop".
func (*LoopError) Error() string { return "loop" }

// Unwrap returns e itself.
func (e *LoopError) Unwrap() error { return e }

// AsProblem returns an error that wraps nothing and whose As method yields e to an **httperr.Error target:
// only errors.As, and the core's walk of the chain, see e.
func AsProblem(e *httperr.Error) error { return asProblem{e} }

type asProblem struct{ e *httperr.Error }

func (a asProblem) Error() string { return "as problem" }

func (a asProblem) As(target any) bool {
	if p, ok := target.(**httperr.Error); ok {
		*p = a.e
		return true
	}
	return false
}

// Problem returns the JSON body the zero Renderer writes for a problem without a type: status, title and
// detail (left out when empty), then members, each a name and its JSON value ("code":"E1"), in the order
// given (the renderer sorts them by name), and the trailing newline.
func Problem(status int, title, detail string, members ...string) string {
	var b strings.Builder
	b.WriteString(`{"type":"about:blank","title":`)
	b.Write(jsonString(title))
	b.WriteString(`,"status":`)
	b.WriteString(strconv.Itoa(status))
	if detail != "" {
		b.WriteString(`,"detail":`)
		b.Write(jsonString(detail))
	}
	for _, m := range members {
		b.WriteByte(',')
		b.WriteString(m)
	}
	b.WriteString("}\n")
	return b.String()
}

// CatalogProblem returns the body of a problem whose title and detail are the English catalog's for status:
// what a framework's router 404 or a 500 with a hidden cause becomes.
func CatalogProblem(status int) string {
	return Problem(status, httperr.English().Title(status), httperr.English().Description(status))
}

// jsonString is s as encoding/json writes it, HTML-sensitive characters escaped, as the renderer does.
func jsonString(s string) []byte {
	b, _ := json.Marshal(s) // a string always encodes
	return b
}

// ProblemHeader returns the header fields of an English JSON problem with body, then each key, value pair
// of kv set on them (Allow, Retry-After, WWW-Authenticate, ...).
func ProblemHeader(body string, kv ...string) http.Header {
	h := http.Header{
		"Content-Type":           {"application/problem+json"},
		"Content-Length":         {strconv.Itoa(len(body))},
		"X-Content-Type-Options": {"nosniff"},
		"Content-Language":       {"en"},
		"Vary":                   {"Accept, Accept-Language"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// EqualHeader reports whether a and b hold the same fields, each with the same values in the same order.
func EqualHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok || strings.Join(v, "\x00") != strings.Join(w, "\x00") || len(v) != len(w) {
			return false
		}
	}
	return true
}

// Check reports, through t.Errorf, each way in which rec differs from the status, the header fields (all of
// them, exactly) and the body, and a body that holds [Secret].
func Check(t testing.TB, rec *httptest.ResponseRecorder, status int, header http.Header, body string) {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d", rec.Code, status)
	}
	if got := rec.Body.String(); got != body {
		t.Errorf("body =\n%q\nwant\n%q", got, body)
	}
	if got := rec.Header(); !EqualHeader(got, header) {
		t.Errorf("header =\n%v\nwant\n%v", got, header)
	}
	if strings.Contains(rec.Body.String(), Secret) {
		t.Errorf("body leaks the secret: %s", rec.Body)
	}
}

// Serve plays one request on h and returns what h answered: method and target, body when not empty, and
// each key, value pair of header set on the request (Content-Type, Accept, ...).
func Serve(h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rb)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// StatusProblem returns the body of a problem of status with the catalog's title and detail, or with
// detail when it is not empty: what a text answer of a middleware becomes.
func StatusProblem(status int, detail string) string {
	if detail == "" {
		return CatalogProblem(status)
	}
	return Problem(status, httperr.English().Title(status), detail)
}
