//go:build !race

package httperr

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// The allocation pins of the core's hot paths: a regression fails here, in .ci/run's `go test -run Allocs`
// (this file is left out under -race, where sync.Pool drops items at random and allocation counts are not stable). Lower a pin when the code
// gets better; raise one only with a reason.

// allocWriter is a ResponseWriter that allocates nothing: a reused header map, cleared before each request.
type allocWriter struct{ h http.Header }

func (w *allocWriter) Header() http.Header         { return w.h }
func (w *allocWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *allocWriter) WriteHeader(int)             {}

// TestRenderAllocs pins Render of a prebuilt error without header fields of its own at zero allocations: the
// header values it sets are shared read-only slices (see setHeaders). The body goes through a pooled buffer; titles and
// the beginning of the document are precomputed; the language of a repeated Accept-Language is cached; a
// logger that is not enabled (4xx are logged at Debug, which slog's default Info level leaves out) costs no
// attribute.
func TestRenderAllocs(t *testing.T) {
	const pinned = 0
	notFound := NotFound("user")
	conflict := Conflict("email is already registered").With("email", "ada@example.com").
		With("attempt", 3).With("ratio", 0.5).With("retryable", false)
	for _, tc := range []struct {
		name   string
		rd     *Renderer
		err    error
		header map[string]string
	}{
		{"404, discarding logger", &Renderer{Logger: slog.New(slog.DiscardHandler)}, notFound, nil},
		{"404, default logger", nil, notFound, nil},
		{"404, logger at Info", &Renderer{Logger: slog.New(slog.NewTextHandler(discardLog{}, nil))}, notFound, nil},
		{"409 with extensions", &Renderer{Logger: slog.New(slog.DiscardHandler)}, conflict, nil},
		{"French", &Renderer{Logger: slog.New(slog.DiscardHandler)}, notFound,
			map[string]string{"Accept-Language": "fr-CA,fr;q=0.9,en;q=0.8"}},
		{"XML", &Renderer{Logger: slog.New(slog.DiscardHandler)}, notFound,
			map[string]string{"Accept": "application/problem+xml"}},
		// TypeBase and the slug are written one after the other, not joined into a string first.
		{"TypeBase", &Renderer{TypeBase: "https://example.com/problems/", Logger: slog.New(slog.DiscardHandler)}, notFound, nil},
		{"TypeBase, XML", &Renderer{TypeBase: "https://example.com/problems/", Logger: slog.New(slog.DiscardHandler)}, notFound,
			map[string]string{"Accept": "application/problem+xml"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &allocWriter{h: http.Header{}}
			r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
			for k, v := range tc.header {
				r.Header.Set(k, v)
			}
			tc.rd.Render(w, r, tc.err) // warm the pool and the language cache
			n := testing.AllocsPerRun(200, func() {
				clear(w.h)
				tc.rd.Render(w, r, tc.err)
			})
			if n > pinned {
				t.Errorf("Render allocates %v times per call, pinned at %d", n, pinned)
			}
		})
	}
}

// TestBuildAllocs pins the building of errors: one allocation per constructor, and one per With, the copy
// and its new member together; Validation keeps the violations' copy and the Error in two.
func TestBuildAllocs(t *testing.T) {
	var sink *Error
	for _, tc := range []struct {
		name   string
		build  func() *Error
		pinned float64
	}{
		{"NotFound", func() *Error { return NotFound("user") }, 1},
		{"Conflict with two members", func() *Error {
			return Conflict("email is already registered").With("email", "ada@example.com").With("existing_user", "/users/1")
		}, 2},
		{"Validation of three", func() *Error {
			return Validation(Violation{Pointer: "#/name", Detail: "must not be empty"},
				Violation{Pointer: "#/email", Detail: "must be an email address"},
				Violation{Pointer: "#/age", Detail: "must be between 0 and 150"})
		}, 2},
	} {
		if n := testing.AllocsPerRun(200, func() { sink = tc.build() }); n > tc.pinned {
			t.Errorf("%s allocates %v times, pinned at %v", tc.name, n, tc.pinned)
		}
	}
	_ = sink
}

// discardLog is an io.Writer that keeps nothing.
type discardLog struct{}

func (discardLog) Write(b []byte) (int, error) { return len(b), nil }

// TestAppendJSONScalarAllocs pins the encoding of a problem with string, number and boolean
// extension members into a reused buffer at zero allocations.
func TestAppendJSONScalarAllocs(t *testing.T) {
	e := Conflict("email is already registered").
		With("email", "ada@example.com").
		With("attempt", 3).
		With("ratio", 0.25).
		With("retryable", false)
	buf := make([]byte, 0, 1024)
	n := testing.AllocsPerRun(200, func() {
		buf = conflictDocument(e).appendJSON(buf[:0])
	})
	if n != 0 {
		t.Errorf("appendJSON allocates %v times, want 0", n)
	}
	want := `{"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered",` +
		`"attempt":3,"email":"ada@example.com","ratio":0.25,"retryable":false}` + "\n"
	if string(buf) != want {
		t.Errorf("got  %s\nwant %s", buf, want)
	}
}

// TestNegotiateLanguageAllocs pins a repeated Accept-Language at zero allocations (the cache), where x/text
// alone takes a dozen.
func TestNegotiateLanguageAllocs(t *testing.T) {
	const header = "fr-CA,fr;q=0.9,en;q=0.8"
	negotiateLanguage(builtinLanguages, header, true)
	if n := testing.AllocsPerRun(200, func() { negotiateLanguage(builtinLanguages, header, true) }); n != 0 {
		t.Errorf("negotiateLanguage allocates %v times for a cached value, want 0", n)
	}
}

// TestPrepareAllocs pins the allocations of a whole render through Prepare, so that a regression fails.
// A problem with string, number and boolean extensions, JSON, no Accept-Language, a TypeBase, a logger that
// is not enabled. Measured at 1: the body copy, which the caller owns. The Response makes its header fields where
// they are set (Apply, Header) rather than keeping a list of them, and the encoding itself (pooled buffer,
// direct encoders) allocates nothing, as TestAppendJSONAllocs shows. Raise the number only with a reason.
func TestPrepareAllocs(t *testing.T) {
	const pinned = 1
	e := Conflict("email is taken").
		With("email", "ann@example.com").
		With("attempt", 3).
		With("ratio", 0.5).
		With("retryable", false)
	rd := &Renderer{TypeBase: "https://example.com/problems/", Logger: slog.New(slog.DiscardHandler)}
	req := Request{Method: "POST", Path: "/users", Accept: "application/json"}
	rd.Prepare(context.Background(), e, req) // warm the pool
	n := testing.AllocsPerRun(200, func() { rd.Prepare(context.Background(), e, req) })
	if n > pinned {
		t.Errorf("Prepare allocates %v times per call, pinned at %d", n, pinned)
	} else if n < pinned {
		t.Logf("Prepare allocates %v times per call, fewer than the pinned %d: lower the pin", n, pinned)
	}
}

func TestAppendJSONAllocs(t *testing.T) {
	e := Conflict("email is taken").
		With("email", "ann@example.com").
		With("attempt", 3).
		With("ratio", 0.5).
		With("retryable", false).
		With("tags", []string{"a", "b"})
	buf := make([]byte, 0, 1024)
	n := testing.AllocsPerRun(200, func() {
		buf = conflictDocument(e).appendJSON(buf[:0])
	})
	if n != 0 {
		t.Errorf("appendJSON allocates %v times, want 0", n)
	}
	if !json.Valid(buf) {
		t.Errorf("invalid JSON: %s", buf)
	}
}

// TestHostileAcceptLanguageAllocs: a 1 MiB Accept-Language costs a render no more allocations than a
// browser's once its (bounded) beginning is cached, and a bounded number when it is new (x/text alone takes
// about 300,000 for such a value).
func TestHostileAcceptLanguageAllocs(t *testing.T) {
	hostile := strings.Repeat("en;q=0.5, ", 1<<17)
	rd := Renderer{Logger: slog.New(slog.DiscardHandler)}
	e := NotFound("user")
	w := &negotiateWriter{h: http.Header{}}
	r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
	r.Header.Set("Accept-Language", hostile)
	renderWith(&rd, w, r, e)
	if n := testing.AllocsPerRun(10, func() { renderWith(&rd, w, r, e) }); n != 0 {
		t.Errorf("a repeated 1 MiB Accept-Language: %v allocations per render, want 0", n)
	}
	i := 0
	if n := testing.AllocsPerRun(10, func() {
		i++
		r.Header.Set("Accept-Language", "de;q=0."+strconv.Itoa(100+i)+", "+hostile[:1<<16])
		renderWith(&rd, w, r, e)
	}); n > 400 {
		t.Errorf("a new 64 KiB Accept-Language: %v allocations per render, want at most 400", n)
	}
}

// TestCustomLanguagesAllocs pins a Renderer with custom Languages at the built-in catalogs' allocations
// through Render: the matcher is prepared once and its answers cached, as the built-in one's are.
func TestCustomLanguagesAllocs(t *testing.T) {
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
	custom := Renderer{Logger: slog.New(slog.DiscardHandler), Languages: []Catalog{English(), French(), german}}
	builtin := Renderer{Logger: slog.New(slog.DiscardHandler)}
	e := NotFound("user")
	for _, acceptLanguage := range []string{"de-DE,de;q=0.9,en;q=0.8", "fr-CA,fr;q=0.9,en;q=0.8", "en-US", "ja"} {
		w := &langWriter{negotiateWriter: negotiateWriter{h: http.Header{}}}
		r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
		r.Header.Set("Accept-Language", acceptLanguage)
		render := func(rd *Renderer) func() { return func() { clear(w.h); rd.Render(w, r, e) } }
		render(&builtin)()
		render(&custom)()
		want := testing.AllocsPerRun(100, render(&builtin))
		if got := testing.AllocsPerRun(100, render(&custom)); got != want {
			t.Errorf("%s: custom Languages: %v allocations per Render, built-in catalogs %v", acceptLanguage, got, want)
		}
		if allocs := testing.AllocsPerRun(100, func() { negotiateLanguage(builtinLanguages, acceptLanguage, true) }); allocs != 0 {
			t.Errorf("negotiateLanguage(%q) allocates %v times: not cached", acceptLanguage, allocs)
		}
	}
}
