package httperr

import (
	"github.com/httperr/toolkit/internal/negotiate"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// negotiateWriter is a ResponseWriter that keeps nothing, with a header map cleared for each request.
type negotiateWriter struct{ h http.Header }

func (w *negotiateWriter) Header() http.Header         { return w.h }
func (w *negotiateWriter) Write(b []byte) (int, error) { return len(b), nil }
func (w *negotiateWriter) WriteHeader(int)             {}

// renderWith renders e for r through rd on w, clearing w's header first.
func renderWith(rd *Renderer, w *negotiateWriter, r *http.Request, e error) {
	clear(w.h)
	rd.Render(w, r, e)
}

// BenchmarkRenderLanguages: a 404 for a French-speaking browser with the built-in catalogs and with three
// custom ones (English, French, German).
func BenchmarkRenderLanguages(b *testing.B) {
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
	for _, tc := range []struct {
		name string
		rd   *Renderer
	}{
		{"catalogs=builtin", &Renderer{Logger: slog.New(slog.DiscardHandler)}},
		{"catalogs=custom", &Renderer{Logger: slog.New(slog.DiscardHandler), Languages: []Catalog{English(), French(), german}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			w := &negotiateWriter{h: http.Header{}}
			r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
			r.Header.Set("Accept-Language", "fr-CA,fr;q=0.9,en;q=0.8")
			e := NotFound("user")
			b.ReportAllocs()
			for b.Loop() {
				renderWith(tc.rd, w, r, e)
			}
		})
	}
}

// hostileHeader is about 1 MiB of list elements, each elem followed by ", ".
func hostileHeader(elem string) string {
	return strings.Repeat(elem+", ", (1<<20)/(len(elem)+2))
}

// BenchmarkRenderHostileHeaders: a 404 whose request carries a 1 MiB Accept-Language or Accept, the same
// value every time (repeat) or one that differs in its first element each time (fresh), against a browser's.
func BenchmarkRenderHostileHeaders(b *testing.B) {
	const browserLanguage, browserAccept = "fr-CA,fr;q=0.9,en;q=0.8", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
	hostileLanguage := hostileHeader("en;q=0.5") // no hyphen: x/text refuses a list of more than 1000 at once
	hostileAccept := hostileHeader("application/json;q=0.5")
	// Fresh values are suffixes of one 1 MiB list of distinct elements (they share its memory): each starts
	// at another element, so no two have the same beginning.
	var list strings.Builder
	var starts []int
	for i := 0; list.Len() < 1<<20; i++ {
		starts = append(starts, list.Len())
		list.WriteString([]string{"de", "fr", "en", "it"}[i%4] + ";q=0." + strconv.Itoa(100+i%900) + ", ")
	}
	fresh := make([]string, 1000)
	for i := range fresh {
		fresh[i] = list.String()[starts[i]:]
	}
	for _, tc := range []struct {
		name, field string
		values      []string
	}{
		{"header=Accept-Language/value=browser", "Accept-Language", []string{browserLanguage}},
		{"header=Accept-Language/value=1MiB-repeat", "Accept-Language", []string{hostileLanguage}},
		{"header=Accept-Language/value=1MiB-fresh", "Accept-Language", fresh},
		{"header=Accept/value=browser", "Accept", []string{browserAccept}},
		{"header=Accept/value=1MiB-repeat", "Accept", []string{hostileAccept}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			rd := &Renderer{Logger: slog.New(slog.DiscardHandler)}
			w := &negotiateWriter{h: http.Header{}}
			r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
			e := NotFound("user")
			i := 0
			b.ReportAllocs()
			for b.Loop() {
				r.Header[tc.field] = tc.values[i%len(tc.values) : i%len(tc.values)+1]
				i++
				renderWith(rd, w, r, e)
			}
		})
	}
}

// BenchmarkMatchLanguage: what a value not in the cache costs, a browser's and a 1 MiB one (read up to the
// caps), without the cache.
func BenchmarkMatchLanguage(b *testing.B) {
	for _, tc := range []struct{ name, value string }{
		{"value=browser", "fr-CA,fr;q=0.9,en;q=0.8"},
		{"value=1MiB", hostileHeader("en;q=0.5")},
		{"value=1MiB-long-tags", hostileHeader("zh-Hant-TW-x-" + strings.Repeat("a", 8))},
	} {
		b.Run(tc.name, func(b *testing.B) {
			matcher := builtinSet().matcher
			b.ReportAllocs()
			for b.Loop() {
				negotiate.Match(matcher, negotiate.Prefix(tc.value))
			}
		})
	}
}

// BenchmarkNegotiateFormat: a browser's Accept against a 1 MiB one (read up to the caps).
func BenchmarkNegotiateFormat(b *testing.B) {
	for _, tc := range []struct{ name, value string }{
		{"value=browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"},
		{"value=1MiB", hostileHeader("application/json;q=0.5")},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				negotiateFormat(tc.value)
			}
		})
	}
}
