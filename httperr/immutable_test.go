package httperr_test

import (
	"errors"
	"io"
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

// An *Error is immutable once built: every With method returns a copy, the getters hand out copies, and
// rendering a shared error from many goroutines changes nothing.

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
