package httperr

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"golang.org/x/text/language"
)

// Benchmarks of the core alone. Names are Benchmark<Path>/impl=<native|httperr>, so that benchstat pairs them
// (scripts/bench.sh). BenchmarkPrepare (encode_test.go) measures a whole render without a ResponseWriter.

// BenchmarkEncodeProblem: a problem with two extension members, through encoding/json and a map as a
// hand-rolled handler would do it, against the encoder into a reused buffer.
func BenchmarkEncodeProblem(b *testing.B) {
	e := Conflict("email is already registered").With("email", "ada@example.com").With("existing_user", "/users/1")
	b.Run("impl=native", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			m := map[string]any{
				"type": "about:blank", "title": "Conflict", "status": 409, "detail": e.detail,
				"email": "ada@example.com", "existing_user": "/users/1",
			}
			if _, err := json.Marshal(m); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("impl=httperr", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		b.ReportAllocs()
		for b.Loop() {
			buf = conflictDocument(e).appendJSON(buf[:0])
		}
	})
}

// conflictDocument is the document of a 409 e, with the English title and e's detail.
func conflictDocument(e *Error) *document {
	return &document{e: e, typ: "about:blank", title: "Conflict", detail: e.detail, status: http.StatusConflict}
}

// BenchmarkEncodeScalars: string, number and boolean extension members into a reused buffer (0 allocations).
func BenchmarkEncodeScalars(b *testing.B) {
	e := Conflict("email is already registered").
		With("email", "ada@example.com").With("attempt", 3).With("ratio", 0.25).With("retryable", false)
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		buf = conflictDocument(e).appendJSON(buf[:0])
	}
}

// BenchmarkPrepareNotFound: a whole render of a 404 without a ResponseWriter, with a logger that is not
// enabled, and with slog's default logger (Info: the 404's Debug record is left out, and must cost nothing).
func BenchmarkPrepareNotFound(b *testing.B) {
	e := NotFound("user")
	req := Request{Method: "GET", Path: "/users/42"}
	for _, tc := range []struct {
		name string
		rd   *Renderer
	}{
		{"logger=discard", &Renderer{Logger: slog.New(slog.DiscardHandler)}},
		{"logger=default", nil},
		{"logger=discard-typebase", &Renderer{TypeBase: benchTypeBase, Logger: slog.New(slog.DiscardHandler)}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				tc.rd.Prepare(context.Background(), e, req)
			}
		})
	}
}

// benchTypeBase is the TypeBase of the benchmarks' realistic Renderer, as the root benchmarks have it: each
// problem carries a type URI of its own.
const benchTypeBase = "https://example.com/problems/"

// BenchmarkNegotiateLanguage: x/text's matching against the cached answer.
func BenchmarkNegotiateLanguage(b *testing.B) {
	const header = "fr-CA,fr;q=0.9,en;q=0.8"
	b.Run("impl=native", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			language.MatchStrings(builtinMatcher, header)
		}
	})
	b.Run("impl=httperr", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			negotiateLanguage(builtinLanguages, header, true)
		}
	})
}

// discardWriter is a ResponseWriter that keeps nothing, with a header map reused across requests.
type discardWriter struct{ h http.Header }

func (w *discardWriter) Header() http.Header         { return w.h }
func (w *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *discardWriter) WriteHeader(int)             {}

// BenchmarkRenderNotFound: writing a prebuilt 404 with Render (problem+json: five header fields, a JSON
// document) against http.Error writing "Not Found" as text, both on a discarding ResponseWriter: the cost of
// the writing alone, without a router, a middleware or the building of the error.
func BenchmarkRenderNotFound(b *testing.B) {
	w := &discardWriter{h: http.Header{}}
	b.Run("impl=native", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			clear(w.h)
			http.Error(w, "Not Found", http.StatusNotFound)
		}
	})
	b.Run("impl=httperr", func(b *testing.B) {
		rd := &Renderer{Logger: slog.New(slog.DiscardHandler)}
		e := NotFound("user")
		r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
		b.ReportAllocs()
		for b.Loop() {
			clear(w.h)
			rd.Render(w, r, e)
		}
	})
}

// BenchmarkRenderNotFoundTypeBase: BenchmarkRenderNotFound's impl=httperr with the realistic Renderer of the
// root benchmarks, a TypeBase (the type member is TypeBase + slug) and a discarding Logger.
func BenchmarkRenderNotFoundTypeBase(b *testing.B) {
	w := &discardWriter{h: http.Header{}}
	rd := &Renderer{TypeBase: benchTypeBase, Logger: slog.New(slog.DiscardHandler)}
	e := NotFound("user")
	r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		rd.Render(w, r, e)
	}
}

// BenchmarkBuildRenderNotFound: a handler's 404 built per request (NotFound("user")) and rendered, as the
// NotFound rows of docs/performance.md do through each adapter, without the framework.
func BenchmarkBuildRenderNotFound(b *testing.B) {
	w := &discardWriter{h: http.Header{}}
	rd := &Renderer{Logger: slog.New(slog.DiscardHandler)}
	r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		rd.Render(w, r, NotFound("user"))
	}
}
