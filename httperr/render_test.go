package httperr

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"
)

// TestRenderHead checks that HEAD gets the status and header fields of GET, Content-Length included, and
// no body.
func TestRenderHead(t *testing.T) {
	for _, err := range []error{NotFound("user"), conflictErr, validationErr, ServiceUnavailable(time.Minute), errSecret} {
		for _, accept := range []string{"", "application/xml"} {
			rd := quiet(Renderer{})
			h := map[string]string{"Accept": accept, "Accept-Language": "fr"}
			get := render(rd, "GET", "/x", h, nil, err)
			head := render(rd, "HEAD", "/x", h, nil, err)
			if b := body(t, head); len(b) != 0 {
				t.Errorf("HEAD body %q", b)
			}
			if head.StatusCode != get.StatusCode || !headersEqual(head.Header, get.Header) {
				t.Errorf("%v: HEAD %d %v\nGET %d %v", err, head.StatusCode, head.Header, get.StatusCode, get.Header)
			}
			if cl := head.Header.Get("Content-Length"); cl != strconv.Itoa(len(body(t, get))) || cl == "0" {
				t.Errorf("HEAD Content-Length %s", cl)
			}
			resp := rd.Prepare(context.Background(), err, Request{Method: "HEAD", Accept: accept, AcceptLanguage: "fr"})
			if resp.Body != nil || resp.Status != get.StatusCode || !headersEqual(resp.Header(), get.Header) {
				t.Errorf("Prepare HEAD: %d %v %q", resp.Status, resp.Header(), resp.Body)
			}
		}
	}
}

// startedWriter is a ResponseWriter whose response has already started.
type startedWriter struct {
	header  http.Header
	written bool
	calls   []string
}

func (w *startedWriter) Header() http.Header { return w.header }
func (w *startedWriter) Write(b []byte) (int, error) {
	w.calls = append(w.calls, "Write")
	return len(b), nil
}
func (w *startedWriter) WriteHeader(int) { w.calls = append(w.calls, "WriteHeader") }
func (w *startedWriter) Written() bool   { return w.written }

func TestRenderResponseStarted(t *testing.T) {
	logger, logs := captureLogger()
	rd := &Renderer{Logger: logger}
	w := &startedWriter{header: http.Header{"Content-Type": {"text/plain"}}, written: true}
	r := httptest.NewRequest("GET", "/stream", nil)
	rd.Render(w, r, InternalServerError("").Wrap(errSecret))
	if len(w.calls) != 0 {
		t.Errorf("calls on a started response: %q", w.calls)
	}
	if !headersEqual(w.header, http.Header{"Content-Type": {"text/plain"}}) {
		t.Errorf("header changed: %v", w.header)
	}
	rec := oneRecord(t, logs)
	if rec["level"] != "ERROR" || rec["msg"] != "error after the response had started; nothing written" ||
		rec["path"] != "/stream" || rec["status"] != 500.0 {
		t.Errorf("record %v", rec)
	}

	// Written() false: rendered as usual.
	w = &startedWriter{header: http.Header{}}
	rd.Render(w, r, NotFound("user"))
	if !slices.Equal(w.calls, []string{"WriteHeader", "Write"}) {
		t.Errorf("calls %q, want WriteHeader then one Write", w.calls)
	}
}

// TestPrepareMatchesRender checks that the lower-level Prepare yields what Render writes.
func TestPrepareMatchesRender(t *testing.T) {
	rd := quiet(Renderer{TypeBase: "https://example.com/p/"})
	for _, tc := range goldenCases() {
		if tc.rd.Enrich != nil || tc.pre != nil || tc.rd.ExposeCause {
			continue
		}
		t.Run(tc.name, func(t *testing.T) {
			method := cmpOr(tc.method, "GET")
			res := render(rd, method, "/users/42", tc.header, nil, tc.err)
			b := body(t, res)
			resp := rd.Prepare(context.Background(), tc.err, Request{
				Method: method, Path: "/users/42",
				Accept: tc.header["Accept"], AcceptLanguage: tc.header["Accept-Language"],
			})
			if resp.Status != res.StatusCode || !headersEqual(resp.Header(), res.Header) || !bytes.Equal(resp.Body, b) {
				t.Errorf("Prepare: %d %v\n%s\nRender: %d %v\n%s", resp.Status, resp.Header(), resp.Body, res.StatusCode, res.Header, b)
			}
		})
	}
}

func TestRenderPackageLevel(t *testing.T) {
	r := httptest.NewRequest("GET", "/users/42", nil)
	rec := httptest.NewRecorder()
	Render(rec, r, NotFound("user"))
	res := rec.Result()
	b := body(t, res)
	checkProblem(t, "GET", res, b)
	nilRd := (*Renderer)(nil)
	rec2 := httptest.NewRecorder()
	nilRd.Render(rec2, r, NotFound("user"))
	if !bytes.Equal(b, rec2.Body.Bytes()) {
		t.Errorf("nil Renderer %s, package Render %s", rec2.Body.Bytes(), b)
	}
	if want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"; string(b) != want {
		t.Errorf("body %s", b)
	}
}

// TestRenderSharedErrorConcurrently renders one shared error from many goroutines under -race; it must
// neither race nor change.
func TestRenderSharedErrorConcurrently(t *testing.T) {
	shared := ServiceUnavailable(time.Minute).With("region", "eu").Wrap(errSecret)
	before := shared.Error()
	rd := quiet(Renderer{
		Enrich: func(r *http.Request, e *Error) *Error { return e.WithInstance(r.URL.Path).With("trace_id", r.URL.Path) },
	})
	want := map[string][]byte{}
	for _, accept := range []string{"", "application/xml"} {
		res := render(rd, "GET", "/r", map[string]string{"Accept": accept}, nil, shared)
		want[accept] = body(t, res)
	}
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			for j := range 50 {
				accept := []string{"", "application/xml"}[(i+j)%2]
				res := render(rd, "GET", "/r", map[string]string{"Accept": accept, "Accept-Language": "fr"[:2*(j%2)]}, map[string]string{"Vary": "Origin"}, shared)
				b := body(t, res)
				if j%2 == 0 && !bytes.Equal(b, want[accept]) {
					t.Errorf("concurrent render differs:\n%s\nwant\n%s", b, want[accept])
				}
			}
		})
	}
	wg.Wait()
	if shared.Error() != before || shared.Instance() != "" || len(shared.Extensions()) != 1 {
		t.Errorf("the shared error changed: %v", shared)
	}
}
