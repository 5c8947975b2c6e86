package httperr_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
)

// Helpers shared by error_test.go, status_test.go and map_test.go. Their names are specific on purpose:
// other test files of the package live in the same httperr_test package.

// quietRenderer is a Renderer that logs nowhere.
func quietRenderer() *httperr.Renderer {
	return &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
}

// loggingRenderer is a Renderer that logs every level as JSON into the returned buffer.
func loggingRenderer() (*httperr.Renderer, *bytes.Buffer) {
	var buf bytes.Buffer
	return &httperr.Renderer{Logger: slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))}, &buf
}

// respondQuiet renders err as JSON, in English, for GET, with a quiet Renderer.
func respondQuiet(err error) httperr.Response {
	return quietRenderer().Prepare(context.Background(), err, httperr.Request{Method: http.MethodGet})
}

// problemMembers decodes a problem+json body into its members, failing the test when it is not one JSON
// object followed by a single newline.
func problemMembers(t *testing.T, body []byte) map[string]json.RawMessage {
	t.Helper()
	if !bytes.HasSuffix(body, []byte("}\n")) || bytes.Count(body, []byte("\n")) != 1 {
		t.Fatalf("body is not one JSON object and a newline: %q", body)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, body)
	}
	return m
}

// errorSnapshot is everything observable about an *Error.
type errorSnapshot struct {
	Status                              int
	Title, Detail, Type, Instance       string
	Extensions                          map[string]any
	Violations                          []httperr.Violation
	Header                              http.Header
	Cause                               error
	Text                                string
	JSON, formatXML, French, HeaderSent string
	JSONStatus, XMLStatus, FRState      int
}

func snapshotError(e *httperr.Error) errorSnapshot {
	rd := quietRenderer()
	rd.ExposeCause = true
	j := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
	x := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, Accept: "application/problem+xml"})
	f := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, AcceptLanguage: "fr"})
	var hdr strings.Builder
	j.Header.Write(&hdr) //nolint:errcheck // strings.Builder does not fail
	return errorSnapshot{
		Status: e.Status(), Title: e.Title(), Detail: e.Detail(), Type: e.Type(), Instance: e.Instance(),
		Extensions: e.Extensions(), Violations: e.Violations(), Header: e.Header(), Cause: e.Unwrap(),
		Text: e.Error(),
		JSON: string(j.Body), formatXML: string(x.Body), French: string(f.Body), HeaderSent: hdr.String(),
		JSONStatus: j.Status, XMLStatus: x.Status, FRState: f.Status,
	}
}

func TestErrorWithReturnsCopy(t *testing.T) {
	cause := errors.New("original cause")
	base := func() *httperr.Error {
		return httperr.Conflict("email taken").
			With("email", "ada@example.com").
			With("tags", []string{"a", "b"}).
			WithHeader("X-Request-Id", "r1").
			WithErrors(httperr.Violation{Pointer: "#/email", Detail: "is taken"}).
			Wrap(cause)
	}
	tests := []struct {
		name   string
		with   func(*httperr.Error) *httperr.Error
		change func(s errorSnapshot) bool // reports whether the copy shows the change
	}{
		{"With new key", func(e *httperr.Error) *httperr.Error { return e.With("account", 7) },
			func(s errorSnapshot) bool { return s.Extensions["account"] == 7 }},
		{"With key sorted first", func(e *httperr.Error) *httperr.Error { return e.With("a", true) },
			func(s errorSnapshot) bool { return s.Extensions["a"] == true }},
		{"With existing key", func(e *httperr.Error) *httperr.Error { return e.With("email", "bob@example.com") },
			func(s errorSnapshot) bool { return s.Extensions["email"] == "bob@example.com" }},
		{"WithDetail", func(e *httperr.Error) *httperr.Error { return e.WithDetail("other") },
			func(s errorSnapshot) bool { return s.Detail == "other" }},
		{"WithTitle", func(e *httperr.Error) *httperr.Error { return e.WithTitle("Email Taken") },
			func(s errorSnapshot) bool { return s.Title == "Email Taken" }},
		{"WithType", func(e *httperr.Error) *httperr.Error { return e.WithType("https://example.com/p/taken") },
			func(s errorSnapshot) bool { return s.Type == "https://example.com/p/taken" }},
		{"WithInstance", func(e *httperr.Error) *httperr.Error { return e.WithInstance("/users/7") },
			func(s errorSnapshot) bool { return s.Instance == "/users/7" }},
		{"WithHeader new", func(e *httperr.Error) *httperr.Error { return e.WithHeader("X-Trace", "t") },
			func(s errorSnapshot) bool { return s.Header.Get("X-Trace") == "t" }},
		{"WithHeader replace", func(e *httperr.Error) *httperr.Error { return e.WithHeader("x-request-id", "r2") },
			func(s errorSnapshot) bool { return s.Header.Get("X-Request-Id") == "r2" }},
		{"WithRetryAfter", func(e *httperr.Error) *httperr.Error { return e.WithRetryAfter(time.Minute) },
			func(s errorSnapshot) bool { return s.Header.Get("Retry-After") == "60" }},
		{"WithRetryAt", func(e *httperr.Error) *httperr.Error {
			return e.WithRetryAt(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC))
		}, func(s errorSnapshot) bool { return s.Header.Get("Retry-After") == "Wed, 02 Jan 2030 03:04:05 GMT" }},
		{"WithErrors", func(e *httperr.Error) *httperr.Error {
			return e.WithErrors(httperr.Violation{Pointer: "#/name", Detail: "is required"})
		}, func(s errorSnapshot) bool { return len(s.Violations) == 1 && s.Violations[0].Pointer == "#/name" }},
		{"Wrap", func(e *httperr.Error) *httperr.Error { return e.Wrap(io.EOF) },
			func(s errorSnapshot) bool { return s.Cause == io.EOF }},
		{"refused With", func(e *httperr.Error) *httperr.Error { return e.With("status", 200) },
			func(s errorSnapshot) bool { return s.Status == 409 }},
		{"refused WithHeader", func(e *httperr.Error) *httperr.Error { return e.WithHeader("X-Bad", "a\r\nb") },
			func(s errorSnapshot) bool { return s.Header.Get("X-Bad") == "" }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := base()
			before := snapshotError(orig)
			c := tt.with(orig)
			if c == orig {
				t.Fatal("returned the receiver, not a copy")
			}
			if got := snapshotError(c); !tt.change(got) {
				t.Errorf("the copy does not show the change: %+v", got)
			}
			if after := snapshotError(orig); !reflect.DeepEqual(before, after) {
				t.Errorf("the original changed:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

// TestErrorSiblingCopies checks that two copies made from one error share nothing that a later With could
// write through: appending to a shared backing array or map would leak one sibling's member into the other.
func TestErrorSiblingCopies(t *testing.T) {
	base := httperr.BadRequest("x").With("b", 1).With("d", 2).WithHeader("X-A", "1")
	left := base.With("c", "left").WithHeader("X-Side", "left")
	right := base.With("c", "right").WithHeader("X-Side", "right")
	left2 := left.With("e", "left only").With("b", "left b")
	if v, _ := right.Extension("c"); v != "right" {
		t.Errorf("right c = %v", v)
	}
	if _, ok := right.Extension("e"); ok {
		t.Error("right sees left's member e")
	}
	if v, _ := right.Extension("b"); v != 1 {
		t.Errorf("right b = %v, want 1", v)
	}
	if v, _ := left.Extension("b"); v != 1 {
		t.Errorf("left b = %v, want 1 (left2 changed it)", v)
	}
	if v, _ := left2.Extension("c"); v != "left" {
		t.Errorf("left2 c = %v", v)
	}
	if got := right.Header().Get("X-Side"); got != "right" {
		t.Errorf("right X-Side = %q", got)
	}
	if got := base.Header().Get("X-Side"); got != "" {
		t.Errorf("base X-Side = %q", got)
	}
	if got := len(base.Extensions()); got != 2 {
		t.Errorf("base has %d members, want 2", got)
	}
}

// sharedConflict is a package-level error as applications declare them: one value for every request.
var sharedConflict = httperr.Conflict("email already taken").
	With("email", "ada@example.com").
	With("limits", map[string]any{"per_day": 3}).
	WithHeader("X-Request-Id", "shared").
	WithErrors(httperr.Violation{Pointer: "#/email", Detail: "is taken", Extensions: map[string]any{"code": "E42"}}).
	Wrap(errors.New("unique constraint users_email_key"))

func TestErrorConcurrentRender(t *testing.T) {
	before := snapshotError(sharedConflict)
	variants := []struct{ accept, lang string }{
		{"", ""},
		{"application/problem+json", "en"},
		{"application/problem+xml", ""},
		{"application/xml, application/json;q=0.5", "fr-CA"},
		{"", "fr-FR, en;q=0.5"},
		{"text/html", "de"},
		{"*/*", "fr"},
		{"application/problem+xml", "en-GB"},
	}
	render := func(e *httperr.Error, accept, lang string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(http.MethodGet, "/users", nil)
		if accept != "" {
			r.Header.Set("Accept", accept)
		}
		if lang != "" {
			r.Header.Set("Accept-Language", lang)
		}
		w := httptest.NewRecorder()
		httperr.Render(w, r, e)
		return w
	}
	want := make([]*httptest.ResponseRecorder, len(variants))
	for i, v := range variants {
		want[i] = render(sharedConflict, v.accept, v.lang)
	}
	if want[0].Body.String() == want[2].Body.String() || want[0].Body.String() == want[4].Body.String() {
		t.Fatal("the variants do not differ: the test would prove nothing")
	}

	const goroutines, rounds = 16, 40
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			for i := range rounds {
				k := (g + i) % len(variants)
				v := variants[k]
				w := render(sharedConflict, v.accept, v.lang)
				if w.Code != 409 || w.Body.String() != want[k].Body.String() ||
					!reflect.DeepEqual(w.Header(), want[k].Header()) {
					t.Errorf("goroutine %d round %d: render differs:\n%d %v\n%s\nwant\n%d %v\n%s",
						g, i, w.Code, w.Header(), w.Body, want[k].Code, want[k].Header(), want[k].Body)
					return
				}
				// Derive copies while other goroutines render the original.
				d := sharedConflict.With("attempt", g*rounds+i).
					WithHeader("X-Goroutine", strconv.Itoa(g)).
					WithDetail("goroutine " + strconv.Itoa(g)).
					WithErrors(httperr.Violation{Pointer: "#/g" + strconv.Itoa(g), Detail: "x"})
				dw := render(d, v.accept, v.lang)
				if got := dw.Header().Get("X-Goroutine"); got != strconv.Itoa(g) {
					t.Errorf("goroutine %d: derived X-Goroutine = %q", g, got)
				}
				if !strings.Contains(dw.Body.String(), "goroutine "+strconv.Itoa(g)) ||
					!strings.Contains(dw.Body.String(), "#/g"+strconv.Itoa(g)) {
					t.Errorf("goroutine %d: derived body lacks its own detail or violation:\n%s", g, dw.Body)
				}
				if a, _ := d.Extension("attempt"); a != g*rounds+i {
					t.Errorf("goroutine %d: attempt = %v", g, a)
				}
			}
		})
	}
	wg.Wait()
	if after := snapshotError(sharedConflict); !reflect.DeepEqual(before, after) {
		t.Errorf("rendering changed the shared error:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestErrorGetters(t *testing.T) {
	cause := errors.New("cause")
	e := httperr.New(409, "detail text").
		WithTitle("Title Text").
		WithType("https://example.com/probs/x").
		WithInstance("/things/1").
		With("balance", 30).
		WithHeader("x-custom", "v").
		Wrap(cause)
	checks := []struct {
		name      string
		got, want any
	}{
		{"Status", e.Status(), 409},
		{"Title", e.Title(), "Title Text"},
		{"Detail", e.Detail(), "detail text"},
		{"Type", e.Type(), "https://example.com/probs/x"},
		{"Instance", e.Instance(), "/things/1"},
		{"Extensions", e.Extensions(), map[string]any{"balance": 30}},
		{"Header", e.Header(), http.Header{"X-Custom": {"v"}}},
		{"Unwrap", e.Unwrap(), cause},
		{"Violations", e.Violations(), []httperr.Violation(nil)},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s() = %#v, want %#v", c.name, c.got, c.want)
		}
	}
	if v, ok := e.Extension("balance"); !ok || v != 30 {
		t.Errorf("Extension(balance) = %v, %v", v, ok)
	}
	if v, ok := e.Extension("missing"); ok || v != nil {
		t.Errorf("Extension(missing) = %v, %v", v, ok)
	}

	// A fresh error: the catalog's title, other texts empty, no extensions, an empty header.
	p := httperr.BadRequest("")
	if p.Title() != "Bad Request" || p.Detail() != "" || p.Type() != "" || p.Instance() != "" || p.Unwrap() != nil {
		t.Errorf("fresh error has texts: %+v", snapshotError(p))
	}
	if p.Extensions() != nil {
		t.Errorf("Extensions() = %#v, want nil", p.Extensions())
	}
	if h := p.Header(); h == nil || len(h) != 0 {
		t.Errorf("Header() = %#v, want an empty non-nil header", h)
	}
}

func TestErrorReturnsCopies(t *testing.T) {
	e := httperr.Validation(httperr.Violation{Pointer: "#/age", Detail: "must be a positive integer",
		Extensions: map[string]any{"min": 1}}).
		With("tags", []string{"a", "b"}).
		WithHeader("X-Id", "1")
	before := snapshotError(e)

	ext := e.Extensions()
	ext["injected"] = true
	delete(ext, "tags")
	ext["errors"] = nil

	h := e.Header()
	h.Set("X-Id", "2")
	h.Add("X-Id", "3")
	h.Set("X-New", "x")
	h.Del("X-Id")

	if after := snapshotError(e); !reflect.DeepEqual(before, after) {
		t.Errorf("mutating the returned copies changed the error:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestErrorReturnsDeepCopies(t *testing.T) {
	vs := []httperr.Violation{{Pointer: "#/age", Detail: "must be a positive integer", Extensions: map[string]any{"min": 1}}}
	e := httperr.Validation(vs...).With("tags", []string{"a", "b"}).WithHeader("X-Id", "1")
	before := snapshotError(e)

	// The caller's slice and maps, given to the constructor.
	vs[0].Detail = "caller changed it"
	vs[0].Extensions["min"] = 99

	// What the getters hand out.
	if got := e.Violations(); len(got) == 1 {
		got[0].Detail = "mutated via Violations"
		got[0].Extensions["min"] = 100
	}
	if v, ok := e.Extensions()["errors"].([]httperr.Violation); ok && len(v) == 1 {
		v[0].Detail = "mutated via Extensions"
		v[0].Extensions["min"] = 101
	}
	if v, _ := e.Extension("errors"); v != nil {
		if vv, ok := v.([]httperr.Violation); ok && len(vv) == 1 {
			vv[0].Detail = "mutated via Extension"
		}
	}
	if v, ok := e.Extensions()["tags"].([]string); ok && len(v) == 2 {
		v[0] = "mutated via Extensions"
	}
	if v := e.Header()["X-Id"]; len(v) == 1 {
		v[0] = "mutated via Header"
	}

	if after := snapshotError(e); !reflect.DeepEqual(before, after) {
		t.Errorf("mutating what the getters return changed the error:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestErrorNilReceiver(t *testing.T) {
	var e *httperr.Error
	var asError error = e // the typed-nil trap: a non-nil error holding a nil *Error

	if asError == nil {
		t.Fatal("a typed nil *Error stored in an error is not nil: the test premise is wrong")
	}
	calls := []struct {
		name string
		call func() any
		want any // nil: only "does not panic"
	}{
		{"Status", func() any { return e.Status() }, 500},
		{"Title", func() any { return e.Title() }, "Internal Server Error"},
		{"Detail", func() any { return e.Detail() }, ""},
		{"Type", func() any { return e.Type() }, ""},
		{"Instance", func() any { return e.Instance() }, ""},
		{"Extensions", func() any { return e.Extensions() }, map[string]any(nil)},
		{"Extension", func() any { v, ok := e.Extension("k"); return []any{v, ok} }, []any{nil, false}},
		{"Violations", func() any { return e.Violations() }, []httperr.Violation(nil)},
		{"Header", func() any { return e.Header() }, http.Header{}},
		{"Unwrap", func() any { return e.Unwrap() }, error(nil)},
		{"Error", func() any { return e.Error() }, "httperr: <nil>"},
		{"LogValue", func() any { return e.LogValue().String() }, "<nil>"},
		{"With", func() any { return e.With("k", 1).Extensions() }, map[string]any{"k": 1}},
		{"With reserved", func() any { return e.With("title", "x").Status() }, 500},
		{"WithDetail", func() any { return e.WithDetail("d").Detail() }, "d"},
		{"WithTitle", func() any { return e.WithTitle("t").Title() }, "t"},
		{"WithType", func() any { return e.WithType("u").Type() }, "u"},
		{"WithInstance", func() any { return e.WithInstance("/i").Instance() }, "/i"},
		{"WithHeader", func() any { return e.WithHeader("X-A", "b").Header() }, http.Header{"X-A": {"b"}}},
		{"WithRetryAfter", func() any { return e.WithRetryAfter(time.Second).Header().Get("Retry-After") }, "1"},
		{"WithRetryAt", func() any {
			return e.WithRetryAt(time.Date(2030, 1, 2, 3, 4, 5, 0, time.UTC)).Header().Get("Retry-After")
		}, "Wed, 02 Jan 2030 03:04:05 GMT"},
		{"WithErrors", func() any { return len(e.WithErrors(httperr.Violation{Pointer: "#/a"}).Violations()) }, 1},
		{"Wrap", func() any { return e.Wrap(io.EOF).Unwrap() }, io.EOF},
		{"With status", func() any { return e.WithDetail("d").Status() }, 500},
		{"StatusOf", func() any { return httperr.StatusOf(asError) }, 500},
		{"StatusOf wrapped", func() any { return httperr.StatusOf(fmt.Errorf("find: %w", asError)) }, 500},
		{"From", func() any { return httperr.From(asError).Status() }, 500},
		{"From wrapped", func() any { return httperr.From(fmt.Errorf("find: %w", asError)).Status() }, 500},
		{"From not nil", func() any { return httperr.From(asError) != nil }, true},
		{"errors.As", func() any { var x *httperr.Error; return errors.As(asError, &x) && x == nil }, true},
		{"fmt", func() any { return fmt.Sprint(asError) }, "httperr: <nil>"},
		{"slog", func() any {
			var buf bytes.Buffer
			slog.New(slog.NewTextHandler(&buf, nil)).Info("m", "err", e)
			return strings.Contains(buf.String(), "err=<nil>")
		}, true},
		{"Respond", func() any {
			res := quietRenderer().Prepare(context.Background(), asError, httperr.Request{Method: http.MethodGet})
			return res.Status
		}, 500},
		{"Respond XML", func() any {
			res := quietRenderer().Prepare(context.Background(), asError, httperr.Request{Method: http.MethodGet, Accept: "application/xml"})
			return res.Status
		}, 500},
		{"Render", func() any {
			w := httptest.NewRecorder()
			r := httptest.NewRequest(http.MethodGet, "/", nil)
			quietRenderer().Render(w, r, asError)
			return w.Code
		}, 500},
		{"Render nil *Error argument", func() any {
			w := httptest.NewRecorder()
			quietRenderer().Render(w, httptest.NewRequest(http.MethodGet, "/", nil), e)
			return w.Header().Get("Content-Type")
		}, "application/problem+json"},
	}
	for _, c := range calls {
		t.Run(c.name, func(t *testing.T) {
			defer func() {
				if p := recover(); p != nil {
					t.Fatalf("panicked: %v", p)
				}
			}()
			if got := c.call(); !reflect.DeepEqual(got, c.want) {
				t.Errorf("got %#v, want %#v", got, c.want)
			}
		})
	}

	// The body of a rendered typed nil is a plain 500 that says nothing more.
	res := respondQuiet(asError)
	m := problemMembers(t, res.Body)
	if string(m["status"]) != "500" || string(m["title"]) != `"Internal Server Error"` {
		t.Errorf("typed nil renders %s", res.Body)
	}
}

func TestErrorWithReservedNames(t *testing.T) {
	base := httperr.NotFound("user").With("id", 42)
	want := string(respondQuiet(base).Body)
	for _, name := range []string{"type", "title", "status", "detail", "instance"} {
		t.Run(name, func(t *testing.T) {
			rd, logs := loggingRenderer()
			e := base.With(name, "injected")
			if _, ok := e.Extension(name); ok {
				t.Errorf("Extension(%q) is set", name)
			}
			if _, ok := e.Extensions()[name]; ok {
				t.Errorf("Extensions() has %q", name)
			}
			res := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
			if string(res.Body) != want {
				t.Errorf("body = %s\nwant   %s", res.Body, want)
			}
			if res.Status != 404 {
				t.Errorf("status = %d", res.Status)
			}
			if !strings.Contains(logs.String(), `"level":"WARN"`) || !strings.Contains(logs.String(), "reserved") {
				t.Errorf("the refusal was not logged at Warn: %s", logs)
			}
		})
	}
	// Member names are case-sensitive: "Type" is an ordinary extension.
	if v, ok := base.With("Type", "x").Extension("Type"); !ok || v != "x" {
		t.Errorf(`With("Type") = %v, %v; want it kept`, v, ok)
	}
}

func TestErrorWithHeader(t *testing.T) {
	base := httperr.Conflict("x").WithHeader("X-Keep", "1")
	refused := []struct{ name, key, value string }{
		{"CR in value", "X-A", "a\rb"},
		{"LF in value", "X-A", "a\nSet-Cookie: x=1"},
		{"CRLF in value", "X-A", "a\r\nb"},
		{"NUL in value", "X-A", "a\x00b"},
		{"empty name", "", "v"},
		{"space in name", "X A", "v"},
		{"colon in name", "X-A:", "v"},
		{"CRLF in name", "X-A\r\nSet-Cookie", "v"},
		{"non-ASCII name", "X-Ä", "v"},
		{"Content-Type", "Content-Type", "text/html"},
		{"content-type lowercase", "content-type", "text/html"},
		{"Content-Length", "Content-Length", "0"},
		{"X-Content-Type-Options", "X-Content-Type-Options", "none"},
	}
	for _, tt := range refused {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := loggingRenderer()
			e := base.WithHeader(tt.key, tt.value)
			if !reflect.DeepEqual(e.Header(), base.Header()) {
				t.Errorf("Header() = %v, want %v", e.Header(), base.Header())
			}
			w := httptest.NewRecorder()
			rd.Render(w, httptest.NewRequest(http.MethodGet, "/", nil), e)
			for k, vs := range w.Header() {
				for _, v := range vs {
					if strings.ContainsAny(k+v, "\r\n\x00") || v == tt.value && tt.value != "v" {
						t.Errorf("response carries %s: %q", k, v)
					}
				}
			}
			if got := w.Header().Get("Content-Type"); got != "application/problem+json" {
				t.Errorf("Content-Type = %q", got)
			}
			if got := w.Header().Get("Content-Length"); got != strconv.Itoa(w.Body.Len()) {
				t.Errorf("Content-Length = %q for a body of %d bytes", got, w.Body.Len())
			}
			if got := w.Header().Get("X-Keep"); got != "1" {
				t.Errorf("X-Keep = %q", got)
			}
			if !strings.Contains(logs.String(), `"level":"WARN"`) {
				t.Errorf("the refusal was not logged at Warn: %s", logs)
			}
		})
	}

	t.Run("accepted", func(t *testing.T) {
		e := base.WithHeader("x-request-id", "abc").WithHeader("X-Request-ID", "def").WithHeader("Cache-Control", "no-store")
		want := http.Header{"X-Keep": {"1"}, "X-Request-Id": {"def"}, "Cache-Control": {"no-store"}}
		if !reflect.DeepEqual(e.Header(), want) {
			t.Errorf("Header() = %v, want %v", e.Header(), want)
		}
		res := respondQuiet(e)
		for k, v := range want {
			if !reflect.DeepEqual(res.Header[k], v) {
				t.Errorf("sent %s = %v, want %v", k, res.Header[k], v)
			}
		}
		// An empty value is a valid field value.
		if got, ok := base.WithHeader("X-Empty", "").Header()["X-Empty"]; !ok || !reflect.DeepEqual(got, []string{""}) {
			t.Errorf("X-Empty = %v, %v", got, ok)
		}
	})
}

func TestErrorWithRetryAfter(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{1500 * time.Millisecond, "2"},
		{time.Nanosecond, "1"},
		{time.Second, "1"},
		{time.Second + time.Nanosecond, "2"},
		{90 * time.Second, "90"},
		{0, "0"},
		{-5 * time.Second, "0"},
		{-time.Nanosecond, "0"},
		{2 * 365 * 24 * time.Hour, "31536000"},
		{365 * 24 * time.Hour, "31536000"},
		{1<<63 - 1, "31536000"},
		{-1 << 63, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.d.String(), func(t *testing.T) {
			e := httperr.ServiceUnavailable(time.Hour).WithRetryAfter(tt.d)
			if got := e.Header().Values("Retry-After"); !reflect.DeepEqual(got, []string{tt.want}) {
				t.Errorf("Retry-After = %q, want %q", got, tt.want)
			}
			if got := respondQuiet(e).Header.Get("Retry-After"); got != tt.want {
				t.Errorf("sent Retry-After = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestErrorWithRetryAt(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 30, 15, 999, time.FixedZone("CET", 3600))
	e := httperr.ServiceUnavailable(time.Minute).WithRetryAt(at)
	const want = "Sun, 01 Mar 2026 11:30:15 GMT" // IMF-fixdate, RFC 9110 section 5.6.7: always GMT
	if got := e.Header().Get("Retry-After"); got != want {
		t.Errorf("Retry-After = %q, want %q", got, want)
	}
	parsed, err := http.ParseTime(e.Header().Get("Retry-After"))
	if err != nil || !parsed.Equal(at.Truncate(time.Second)) {
		t.Errorf("ParseTime = %v, %v; want %v", parsed, err, at.Truncate(time.Second))
	}
	if got := len(e.Header().Values("Retry-After")); got != 1 {
		t.Errorf("Retry-After has %d values, want 1 (the delay is replaced)", got)
	}
}

// panicky is an error whose Error method panics.
type panicky struct{}

func (panicky) Error() string { panic("no message") }

func TestErrorString(t *testing.T) {
	tests := []struct {
		name string
		err  *httperr.Error
		want string
	}{
		{"catalog title", httperr.NotFound("user"), "404 Not Found: user not found"},
		{"no detail", httperr.BadRequest(""), "400 Bad Request"},
		{"own title", httperr.Conflict("email taken").WithTitle("Email Taken"), "409 Email Taken: email taken"},
		{"cause", httperr.InternalServerError("").Wrap(errors.New("db: down")), "500 Internal Server Error: db: down"},
		{"detail and cause", httperr.BadGateway("upstream failed").Wrap(errors.New("dial tcp: refused")),
			"502 Bad Gateway: upstream failed: dial tcp: refused"},
		{"cause equal to detail", httperr.BadRequest("EOF").Wrap(io.EOF), "400 Bad Request: EOF"},
		{"detail ending with the cause", httperr.BadRequest("decode body: EOF").Wrap(io.EOF),
			"400 Bad Request: decode body: EOF"},
		{"Newf 4xx", httperr.Newf(400, "decode body: %w", io.EOF), "400 Bad Request: decode body: EOF"},
		{"Newf 5xx", httperr.Newf(503, "users db: %w", errors.New("timeout")), "503 Service Unavailable: users db: timeout"},
		{"unregistered code", httperr.New(460, "x"), "460 Client Error: x"},
		{"bad status", httperr.New(302, "moved"), "500 Internal Server Error: moved"},
		{"panicking cause", httperr.BadRequest("x").Wrap(panicky{}), "400 Bad Request: x: (Error method panicked)"},
		{"teapot", httperr.Teapot(""), "418 I'm a teapot"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("Error() = %q, want %q", got, tt.want)
			}
		})
	}
}

// jsonLogger logs as JSON into buf, without the time.
func jsonLogger(buf *bytes.Buffer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(buf, &slog.HandlerOptions{
		ReplaceAttr: func(groups []string, a slog.Attr) slog.Attr {
			if len(groups) == 0 && a.Key == slog.TimeKey {
				return slog.Attr{}
			}
			return a
		},
	}))
}

func TestErrorLogValue(t *testing.T) {
	tests := []struct {
		name string
		err  *httperr.Error
		want string
	}{
		{"full", httperr.Conflict("email taken").
			WithTitle("Email Taken").
			WithType("https://example.com/probs/email-taken").
			WithInstance("/users/7").
			With("email", "ada@example.com").
			Wrap(errors.New("unique violation")),
			`{"status":409,"title":"Email Taken","detail":"email taken","type":"https://example.com/probs/email-taken","instance":"/users/7","cause":"unique violation"}`},
		{"status only", httperr.NotFound(""), `{"status":404}`},
		{"bad status", httperr.New(302, "moved"), `{"status":500,"requested_status":302,"detail":"moved"}`},
		{"status 0", httperr.New(0, ""), `{"status":500,"requested_status":0}`},
		{"5xx Newf", httperr.Newf(502, "billing: %w", errors.New("connection reset")),
			`{"status":502,"cause":"billing: connection reset"}`},
		{"nil", nil, `"<nil>"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			jsonLogger(&buf).Info("request failed", "error", tt.err)
			want := `{"level":"INFO","msg":"request failed","error":` + tt.want + "}\n"
			if buf.String() != want {
				t.Errorf("log =\n%s\nwant\n%s", buf.String(), want)
			}
		})
	}
	var _ slog.LogValuer = (*httperr.Error)(nil)
}

func TestNewf(t *testing.T) {
	t.Run("4xx with %w", func(t *testing.T) {
		cause := errors.New(`strconv.Atoi: parsing "abc": invalid syntax`)
		e := httperr.Newf(400, "invalid id %q: %w", "abc", cause)
		const detail = `invalid id "abc": strconv.Atoi: parsing "abc": invalid syntax`
		if e.Status() != 400 || e.Detail() != detail {
			t.Errorf("Newf = %d %q, want 400 %q", e.Status(), e.Detail(), detail)
		}
		if !errors.Is(e, cause) || e.Unwrap() != cause {
			t.Errorf("Unwrap() = %v, want the %%w operand", e.Unwrap())
		}
		m := problemMembers(t, respondQuiet(e).Body)
		if got, want := string(m["detail"]), `"invalid id \"abc\": strconv.Atoi: parsing \"abc\": invalid syntax"`; got != want {
			t.Errorf("detail member = %s, want %s", got, want)
		}
	})
	t.Run("4xx without %w", func(t *testing.T) {
		e := httperr.Newf(409, "user %d exists", 7)
		if e.Detail() != "user 7 exists" || e.Unwrap() != nil {
			t.Errorf("Newf = %q, %v", e.Detail(), e.Unwrap())
		}
	})
	t.Run("5xx with %w", func(t *testing.T) {
		secret := errors.New("dial tcp 10.0.0.5:5432: password authentication failed for user admin")
		e := httperr.Newf(503, "users db %s: %w", "primary", secret)
		if e.Detail() != "" {
			t.Errorf("Detail() = %q, want empty: the cause must not reach the client", e.Detail())
		}
		if !errors.Is(e, secret) {
			t.Error("errors.Is does not find the cause")
		}
		if !strings.Contains(e.Error(), "users db primary: dial tcp 10.0.0.5") {
			t.Errorf("Error() = %q, want the formatted text for logs", e.Error())
		}
		for _, accept := range []string{"", "application/problem+xml"} {
			res := quietRenderer().Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet, Accept: accept})
			for _, leak := range []string{"10.0.0.5", "password", "users db", "primary"} {
				if bytes.Contains(res.Body, []byte(leak)) {
					t.Errorf("Accept %q: body contains %q:\n%s", accept, leak, res.Body)
				}
			}
			if !bytes.Contains(res.Body, []byte(httperr.Description(503))) {
				t.Errorf("Accept %q: body lacks the catalog's detail:\n%s", accept, res.Body)
			}
		}
	})
	t.Run("several %w", func(t *testing.T) {
		a, b := errors.New("a"), errors.New("b")
		e := httperr.Newf(422, "%w and %w", a, b)
		if e.Detail() != "a and b" || !errors.Is(e, a) || !errors.Is(e, b) {
			t.Errorf("Newf = %q, Is(a) %v, Is(b) %v", e.Detail(), errors.Is(e, a), errors.Is(e, b))
		}
	})
	t.Run("wrapped *Error keeps the outer status", func(t *testing.T) {
		inner := httperr.NotFound("user")
		e := httperr.Newf(502, "lookup: %w", inner)
		if httperr.StatusOf(e) != 502 {
			t.Errorf("StatusOf = %d, want 502", httperr.StatusOf(e))
		}
		var got *httperr.Error
		if !errors.As(e.Unwrap(), &got) || got != inner {
			t.Errorf("the inner *Error is not in the chain")
		}
	})
}

func TestNewStatus(t *testing.T) {
	tests := []struct {
		status, want int
		logged       string // the refusal the renderer logs, "" for none
	}{
		{0, 500, "status 0 is not an error status"},
		{200, 500, "status 200 is not an error status"},
		{302, 500, "status 302 is not an error status"},
		{600, 500, "status 600 is not an error status"},
		{-1, 500, "is not an error status"},
		{399, 500, "status 399 is not an error status"},
		{400, 400, ""},
		{460, 460, ""},
		{499, 499, ""},
		{500, 500, ""},
		{599, 599, ""},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.status), func(t *testing.T) {
			for name, e := range map[string]*httperr.Error{
				"New":  httperr.New(tt.status, "d"),
				"Newf": httperr.Newf(tt.status, "%s", "d"),
			} {
				if e.Status() != tt.want {
					t.Errorf("%s: Status() = %d, want %d", name, e.Status(), tt.want)
				}
				if got := httperr.StatusOf(e); got != tt.want {
					t.Errorf("%s: StatusOf = %d, want %d", name, got, tt.want)
				}
				rd, logs := loggingRenderer()
				res := rd.Prepare(context.Background(), e, httperr.Request{Method: http.MethodGet})
				if res.Status != tt.want {
					t.Errorf("%s: rendered %d, want %d", name, res.Status, tt.want)
				}
				m := problemMembers(t, res.Body)
				if string(m["status"]) != strconv.Itoa(tt.want) {
					t.Errorf("%s: status member %s, want %d", name, m["status"], tt.want)
				}
				if tt.logged != "" && !strings.Contains(logs.String(), tt.logged) {
					t.Errorf("%s: log lacks %q:\n%s", name, tt.logged, logs)
				}
				if tt.logged == "" && strings.Contains(logs.String(), "not an error status") {
					t.Errorf("%s: log complains about a valid status:\n%s", name, logs)
				}
			}
		})
	}
}
