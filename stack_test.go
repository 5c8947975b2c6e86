package toolkit_test

// The stacks under test and the two ways the suite plays a request: on an httptest.ResponseRecorder, or on
// a real loopback server where HTTP semantics matter (1xx responses, TimeoutHandler, gzip, HEAD).

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httptrace"
	"net/textproto"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
	"github.com/httperr/toolkit/internal/testkit"
)

// framework is one stack: a router or framework with its httperr adapter, serving the users API as its
// users write it, and the success answer it gives for user 1 (each framework encodes JSON its own way).
type framework struct {
	name               string
	build              func(rd *httperr.Renderer, o options, extra ...route) http.Handler
	userType, userBody string
}

// serve returns the stack with its default options and the extra routes.
func (fw framework) serve(rd *httperr.Renderer, extra ...route) http.Handler {
	return fw.build(rd, options{}, extra...)
}

const (
	userJSON   = `{"id":1,"name":"Ada Lovelace","email":"ada@example.com"}`
	userBody   = userJSON + "\n" // json.Encoder's, as net/http's handlers and echo's c.JSON write it
	ginUserTyp = "application/json; charset=utf-8"
)

// frameworks are the seven stacks, built fresh for each request of a scenario.
var frameworks = []framework{
	{sNetHTTP, serveNetHTTP, "application/json", userBody},
	{sChi, serveChi, "application/json", userBody},
	{sGorilla, serveGorilla, "application/json", userBody},
	{sEcho, serveEcho, "application/json", userBody},
	{sGin, serveGin, ginUserTyp, userJSON}, // gin's c.JSON writes json.Marshal's bytes, without a newline
	{sEchoV5, serveEchoV5, "application/json", userBody},
	{sFiber, serveFiber, ginUserTyp, userJSON}, // fiber's c.JSON too, with the same Content-Type as gin's
}

// staticFiles are the files every stack serves under /files/ with its own static file server: the same
// bytes everywhere, so that a Content-Range naming their size is the same on every stack.
var staticFiles = fstest.MapFS{"data.txt": {Data: []byte("hello, world\n")}}

// rateLimitRetry is the Retry-After of every stack's rate limiter, in seconds.
const rateLimitRetry = "30"

// recordingRenderer is httperr_test.go's name for testkit.LogJSON, kept until that file moves onto testkit.
var recordingRenderer = testkit.LogJSON

// answer is what a stack answered.
type answer struct {
	status        int
	header        http.Header
	body          string
	informational []int  // the 1xx statuses received before the response (loopback only)
	serverLog     string // what net/http logged (loopback only)
	logs          string // what the Renderer logged
}

func newRequest(method, target, body string, header map[string]string) *http.Request {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rb)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	return r
}

// serve plays a request on h with a ResponseRecorder.
func serve(h http.Handler, method, target, body string, header map[string]string) answer {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, newRequest(method, target, body, header))
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: string(b)}
}

// serveLoopback plays a request on h served by a real loopback server, recording the 1xx responses. A
// gzip-encoded body is decoded (the request's Accept-Encoding is set by hand, so the transport leaves it).
func serveLoopback(t *testing.T, h http.Handler, method, target, body string, header map[string]string) answer {
	t.Helper()
	ts, c, serverLog := loopback(t, h)
	r := newRequest(method, ts.URL+target, body, header)
	r.RequestURI = ""
	var mu sync.Mutex
	var informational []int
	r = r.WithContext(httptrace.WithClientTrace(context.Background(), &httptrace.ClientTrace{
		Got1xxResponse: func(code int, _ textproto.MIMEHeader) error {
			mu.Lock()
			defer mu.Unlock()
			informational = append(informational, code)
			return nil
		},
	}))
	res, err := c.Do(r)
	if err != nil {
		t.Fatalf("%s %s: %v", method, target, err)
	}
	defer res.Body.Close()
	var rd io.Reader = res.Body
	if res.Header.Get("Content-Encoding") == "gzip" {
		zr, err := gzip.NewReader(res.Body)
		if err != nil {
			t.Fatalf("gzip: %v", err)
		}
		rd = zr
	}
	b, err := io.ReadAll(rd)
	if err != nil {
		t.Errorf("reading the body: %v", err)
	}
	ts.Close()
	mu.Lock()
	defer mu.Unlock()
	return answer{status: res.StatusCode, header: res.Header, body: string(b), informational: informational,
		serverLog: serverLog.String()}
}

// loggedOnce returns a check that exactly one record of the Renderer's log holds text: one problem rendered,
// by the Renderer, not two (a Middleware inside another).
func loggedOnce(text string) func(*testing.T, answer, string) {
	return func(t *testing.T, _ answer, logs string) {
		n := 0
		for line := range strings.Lines(logs) {
			if strings.Contains(line, text) {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d records of the Renderer's log hold %s, want one:\n%s", n, text, logs)
		}
	}
}

// varyLists returns a check that the Vary field lists each of names.
func varyLists(names ...string) func(*testing.T, answer, string) {
	return func(t *testing.T, got answer, _ string) {
		var listed []string
		for _, v := range got.header.Values("Vary") {
			for _, f := range strings.Split(v, ",") {
				listed = append(listed, strings.ToLower(strings.TrimSpace(f)))
			}
		}
		for _, n := range names {
			if !slices.Contains(listed, strings.ToLower(n)) {
				t.Errorf("Vary %q does not list %s", got.header.Values("Vary"), n)
			}
		}
	}
}

// problemSchema compiles httperrdoc.Schema, the OpenAPI 3.1 / JSON Schema 2020-12 Problem schema.
func problemSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(httperrdoc.Schema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("problem.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("problem.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}
