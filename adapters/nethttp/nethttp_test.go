package httperrhttp_test

import (
	"bytes"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

const (
	body404User = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	body404Mux  = `{"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}` + "\n"
	body405Mux  = `{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method received in the request is not supported by the target resource."}` + "\n"
	body500     = `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}` + "\n"
)

// server returns a ServeMux behind the middleware, with a log that the test can read.
func server(t *testing.T, rd *httperr.Renderer) (http.Handler, *bytes.Buffer) {
	t.Helper()
	var logs bytes.Buffer
	if rd == nil {
		rd = &httperr.Renderer{}
	}
	rd.Logger = slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if r.PathValue("id") != "1" {
			return httperr.NotFound("user")
		}
		w.Header().Set("Content-Type", "application/json")
		_, err := io.WriteString(w, `{"id":1}`)
		return err
	}))
	mux.Handle("GET /partial", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		io.WriteString(w, "partial")
		return errors.New("failed after writing")
	}))
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom: secret") })
	mux.HandleFunc("GET /own404", http.NotFound) // net/http's own text, from a handler: the same problem as ServeMux's
	mux.HandleFunc("GET /widget", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "widget 7 is not in stock", http.StatusNotFound) // the handler's own text: the detail
	})
	return httperrhttp.Middleware(rd)(mux), &logs
}

func do(h http.Handler, method, target string) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(method, target, nil))
	return w
}

func TestMiddleware(t *testing.T) {
	tests := []struct {
		name, method, target string
		status               int
		contentType          string
		body                 string
		header               map[string]string
	}{
		{"handler 404", "GET", "/users/42", 404, "application/problem+json", body404User, nil},
		{"success untouched", "GET", "/users/1", 200, "application/json", `{"id":1}`, nil},
		{"mux 404", "GET", "/nope", 404, "application/problem+json", body404Mux, nil},
		{"mux 405 keeps Allow", "DELETE", "/users/1", 405, "application/problem+json", body405Mux, map[string]string{"Allow": "GET, HEAD"}},
		{"panic", "GET", "/panic", 500, "application/problem+json", body500, nil},
		{"written then failed", "GET", "/partial", 200, "text/plain; charset=utf-8", "partial", nil},
		{"handler's http.NotFound", "GET", "/own404", 404, "application/problem+json", body404Mux, nil},
		{"handler's own http.Error text is the detail", "GET", "/widget", 404, "application/problem+json",
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"widget 7 is not in stock"}` + "\n", nil},
		{"HEAD of a 404", "HEAD", "/users/42", 404, "application/problem+json", "", map[string]string{"Content-Length": "82"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, _ := server(t, nil)
			w := do(h, tt.method, tt.target)
			if w.Code != tt.status || w.Body.String() != tt.body {
				t.Fatalf("got %d %q, want %d %q", w.Code, w.Body, tt.status, tt.body)
			}
			if got := w.Header().Get("Content-Type"); got != tt.contentType {
				t.Errorf("Content-Type = %q, want %q", got, tt.contentType)
			}
			if strings.HasPrefix(tt.contentType, "application/problem") {
				if got := w.Header().Get("X-Content-Type-Options"); got != "nosniff" {
					t.Errorf("X-Content-Type-Options = %q", got)
				}
				if tt.method != "HEAD" {
					if got, want := w.Header().Get("Content-Length"), len(tt.body); got != strconv.Itoa(want) {
						t.Errorf("Content-Length = %q, want %d", got, want)
					}
				}
			}
			for k, v := range tt.header {
				if got := w.Header().Get(k); got != v {
					t.Errorf("%s = %q, want %q", k, got, v)
				}
			}
			if strings.Contains(w.Body.String(), "secret") {
				t.Errorf("body leaks the panic value: %s", w.Body)
			}
		})
	}
}

func TestPanicThenServeAgain(t *testing.T) {
	h, logs := server(t, nil)
	if w := do(h, "GET", "/panic"); w.Code != 500 {
		t.Fatalf("panic: status %d", w.Code)
	}
	if !strings.Contains(logs.String(), `"level":"ERROR"`) || !strings.Contains(logs.String(), "panic: boom: secret") {
		t.Errorf("panic not logged with its value: %s", logs)
	}
	if w := do(h, "GET", "/users/1"); w.Code != 200 || w.Body.String() != `{"id":1}` {
		t.Fatalf("next request: %d %q", w.Code, w.Body)
	}
}

func TestWrittenThenFailedIsLogged(t *testing.T) {
	h, logs := server(t, nil)
	do(h, "GET", "/partial")
	if !strings.Contains(logs.String(), "after the response had started") || !strings.Contains(logs.String(), "failed after writing") {
		t.Errorf("late error not logged: %s", logs)
	}
}

func TestAbortHandlerRepanics(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write bool
		value any
	}{
		{"ErrAbortHandler", false, http.ErrAbortHandler},
		{"panic after writing aborts", true, "late panic"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := httperrhttp.Middleware(testkit.Quiet())(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				if tc.write {
					io.WriteString(w, "half")
				}
				panic(tc.value)
			}))
			defer func() {
				if p := recover(); p != http.ErrAbortHandler {
					t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
				}
			}()
			do(h, "GET", "/")
		})
	}
}

func TestHandlerFuncUsesMiddlewareRenderer(t *testing.T) {
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	inner := httperrhttp.Handle(func(w http.ResponseWriter, r *http.Request) error { return httperr.Gone("user") })
	// Another middleware between ours and the handler wraps the writer; the renderer is still found.
	wrapping := func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { next.ServeHTTP(unwrapper{w}, r) })
	}
	w := do(httperrhttp.Middleware(rd)(wrapping(inner)), "GET", "/")
	want := `{"type":"https://example.com/problems/gone","title":"Gone","status":410,"detail":"user is gone"}` + "\n"
	if w.Code != 410 || w.Body.String() != want {
		t.Fatalf("got %d %s, want %s", w.Code, w.Body, want)
	}
}

type unwrapper struct{ http.ResponseWriter }

func (u unwrapper) Unwrap() http.ResponseWriter { return u.ResponseWriter }

func TestHandlerFuncWithoutMiddleware(t *testing.T) {
	h := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error { return httperr.NotFound("user") })
	if w := do(h, "GET", "/"); w.Code != 404 || w.Body.String() != body404User {
		t.Fatalf("got %d %q", w.Code, w.Body)
	}
	late := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusAccepted)
		return errors.New("too late")
	})
	if w := do(late, "GET", "/"); w.Code != http.StatusAccepted || w.Body.Len() != 0 {
		t.Fatalf("a started response was rewritten: %d %q", w.Code, w.Body)
	}
}

// TestHandlerFuncFinishesItsHeldAnswer: a HandlerFunc without a Middleware that calls http.NotFound and
// returns nil sends the 404 problem, not an empty 200 (on a loopback server).
func TestHandlerFuncFinishesItsHeldAnswer(t *testing.T) {
	srv := httptest.NewServer(httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		http.NotFound(w, r)
		return nil
	}))
	defer srv.Close()
	res, err := srv.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 404 || string(body) != body404Mux || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Fatalf("got %d %q %q, want 404 %q", res.StatusCode, res.Header.Get("Content-Type"), body, body404Mux)
	}
}

func TestFlushThroughResponseController(t *testing.T) {
	h := httperrhttp.Middleware(nil)(httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if err := http.NewResponseController(w).Flush(); err != nil {
			return err
		}
		return errors.New("after flush")
	}))
	w := do(h, "GET", "/")
	if !w.Flushed || w.Body.Len() != 0 || w.Code != 200 {
		t.Fatalf("flushed=%v code=%d body=%q", w.Flushed, w.Code, w.Body)
	}
}

// discard is a ResponseWriter that allocates nothing.
type discard struct {
	h    http.Header
	code int
}

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(code int)        { d.code = code }
