package httperr

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestCatalogLookups(t *testing.T) {
	frCA := Catalog{Tag: language.MustParse("fr-CA"), Titles: map[int]string{404: "Introuvable"}}
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"},
		Descriptions: map[int]string{404: "Die Ressource gibt es nicht.", 999: "Neunhundertneunundneunzig"}}
	tests := []struct {
		name               string
		cat                Catalog
		code               int
		title, description string
	}{
		{"English 404", English(), 404, "Not Found", "The server did not find a current representation for the target resource."},
		{"French 404", French(), 404, "Ressource introuvable", "Le serveur ne trouve pas la ressource demandée."},
		{"French 500", French(), 500, "Erreur interne du serveur", "La requête n'a pas abouti, car le serveur a rencontré une situation inattendue."},
		{"French unregistered 4xx", French(), 499, "Erreur du client", "La requête contient une syntaxe incorrecte ou ne peut pas être satisfaite."},
		{"English unregistered 5xx", English(), 599, "Server Error", "The server failed to fulfill an apparently valid request."},
		{"French out of range", French(), 600, "", ""},
		{"English out of range", English(), 99, "", ""},
		{"zero Catalog is English", Catalog{}, 404, "Not Found", "The server did not find a current representation for the target resource."},
		{"French region, own title", frCA, 404, "Introuvable", "Le serveur ne trouve pas la ressource demandée."},
		{"French region, built-in title", frCA, 403, "Interdit", "L'accès à la ressource demandée est interdit."},
		{"German, own texts", german, 404, "Nicht gefunden", "Die Ressource gibt es nicht."},
		{"German falls back to English", german, 409, "Conflict", English().Description(409)},
		{"German, own text out of range", german, 999, "", "Neunhundertneunundneunzig"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.cat.Title(tt.code); got != tt.title {
				t.Errorf("Title(%d) = %q, want %q", tt.code, got, tt.title)
			}
			if got := tt.cat.Description(tt.code); got != tt.description {
				t.Errorf("Description(%d) = %q, want %q", tt.code, got, tt.description)
			}
			title, description := tt.cat.text(tt.code)
			if title != tt.title || description != tt.description {
				t.Errorf("text(%d) = %q, %q; the lookups disagree with what is rendered", tt.code, title, description)
			}
		})
	}
	if got := French().Title(500); got == English().Title(500) {
		t.Errorf("French().Title(500) = %q, the English title", got)
	}
}

func TestCatalogLookupsAllocs(t *testing.T) {
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
	fr := French()
	var sink string
	if n := testing.AllocsPerRun(100, func() {
		sink = fr.Title(404) + german.Title(404) // the concatenation of two non-empty strings allocates once
		sink = fr.Description(404)
		sink = german.Description(409)
	}); n > 1 {
		t.Errorf("lookups allocate %v times, want none", n-1)
	}
	_ = sink
}

// langWriter records a response's status and body, with a header map cleared for each response.
type langWriter struct {
	negotiateWriter
	body []byte
}

func (w *langWriter) Write(b []byte) (int, error) {
	w.body = append(w.body[:0], b...)
	return len(b), nil
}

// TestRenderCustomLanguagesPrepared pins a Renderer with custom Languages at the built-in catalogs'
// allocations (none) through Render: the matcher is prepared once and its answers cached, as the built-in
// one's are. A Renderer is a plain value: copies share the prepared matcher, and changing a copy's Languages
// is seen at once.
func TestRenderCustomLanguagesPrepared(t *testing.T) {
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
	custom := Renderer{Logger: slog.New(slog.DiscardHandler), Languages: []Catalog{English(), French(), german}}
	builtin := Renderer{Logger: slog.New(slog.DiscardHandler)}
	e := NotFound("user")
	for _, tc := range []struct {
		name, acceptLanguage, title, contentLanguage string
	}{
		{"German", "de-DE,de;q=0.9,en;q=0.8", "Nicht gefunden", "de"},
		{"French", "fr-CA,fr;q=0.9,en;q=0.8", "Ressource introuvable", "fr"},
		{"English", "en-US", "Not Found", "en"},
		{"none", "ja", "Not Found", "en"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := &langWriter{negotiateWriter: negotiateWriter{h: http.Header{}}}
			r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
			r.Header.Set("Accept-Language", tc.acceptLanguage)
			render := func(rd *Renderer) func() { return func() { clear(w.h); rd.Render(w, r, e) } }
			copied := custom // a copy of the Renderer value
			for _, rd := range []*Renderer{&custom, &copied} {
				render(rd)()
				if got := w.h.Get("Content-Language"); got != tc.contentLanguage {
					t.Errorf("Content-Language %q, want %q", got, tc.contentLanguage)
				}
				if !strings.Contains(string(w.body), `"title":"`+tc.title+`"`) {
					t.Errorf("body %s, want title %q", w.body, tc.title)
				}
			}
			render(&builtin)() // the allocations of both are compared in alloc_test.go
		})
	}

	// A copy whose Languages change in place (a new German title, then Dutch in German's place) renders the
	// new ones: the prepared matcher is found by the list of tags, and the texts are read from the Renderer.
	copied := custom
	copied.Languages = []Catalog{English(), French(), {Tag: language.German, Titles: map[int]string{404: "Nicht da"}}}
	w := &langWriter{negotiateWriter: negotiateWriter{h: http.Header{}}}
	r := httptest.NewRequest(http.MethodGet, "/users/42", nil)
	r.Header.Set("Accept-Language", "de, nl;q=0.5")
	copied.Render(w, r, e)
	if !strings.Contains(string(w.body), `"title":"Nicht da"`) || w.h.Get("Content-Language") != "de" {
		t.Errorf("changed German title: %s %v", w.body, w.h)
	}
	copied.Languages[2] = Catalog{Tag: language.Dutch, Titles: map[int]string{404: "Niet gevonden"}}
	clear(w.h)
	copied.Render(w, r, e)
	if !strings.Contains(string(w.body), `"title":"Niet gevonden"`) || w.h.Get("Content-Language") != "nl" {
		t.Errorf("Dutch in German's place: %s %v", w.body, w.h)
	}
}

// TestLanguageSetsConcurrent renders with more lists of Languages than are kept prepared, from many
// goroutines at once: each list gets its own answers, under the race detector too.
func TestLanguageSetsConcurrent(t *testing.T) {
	others := []language.Tag{language.German, language.Dutch, language.Italian, language.Spanish, language.Japanese,
		language.Korean, language.Polish, language.Swedish, language.Danish, language.Finnish, language.Czech, language.Greek}
	done := make(chan error)
	for g := range 2 * len(others) {
		go func() {
			tag := others[g%len(others)]
			langs := []Catalog{English(), {Tag: tag}}
			var err error
			for i := range 200 {
				want := 1
				header := tag.String() + ", en;q=0.5"
				if i%2 == 1 {
					want, header = 0, "en, "+tag.String()+";q=0.5"
				}
				if got := negotiateLanguage(langs, header, false); got != want && err == nil {
					err = fmt.Errorf("%v: negotiateLanguage(%q) = %d, want %d", tag, header, got, want)
				}
			}
			done <- err
		}()
	}
	for range 2 * len(others) {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
	if list := languageSets.list.Load(); list == nil || len(*list) > maxLanguageSets {
		t.Errorf("%d sets kept, at most %d wanted", len(*list), maxLanguageSets)
	}
}
