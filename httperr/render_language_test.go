package httperr

import (
	"github.com/httperr/toolkit/internal/statustext"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestRenderLanguages(t *testing.T) {
	frTitle, frDesc := statustext.Text(404, langFrench)
	if frTitle == English().Title(404) || frDesc == English().Description(404) {
		t.Fatal("the French catalog has the English text for 404")
	}
	tests := []struct {
		acceptLanguage string
		french         bool
	}{
		{"fr", true},
		{"fr-CA", true},
		{"fr-FR;q=0.9,en;q=0.8", true},
		{"fr-BE, de;q=0.5", true},
		{"de", false},
		{"", false},
		{"*", false},
		{"garbage", false},
		{"!!;q=x,,", false},
		{"en-US", false},
		{"en", false},
		{"en;q=0.9, fr;q=0.1", false},
	}
	for _, tt := range tests {
		for _, accept := range []string{"", "application/xml"} {
			t.Run(tt.acceptLanguage+"/"+accept, func(t *testing.T) {
				rd := quiet(Renderer{})
				res := render(rd, "GET", "/", map[string]string{"Accept-Language": tt.acceptLanguage, "Accept": accept}, nil, NotFound(""))
				b := body(t, res)
				checkProblem(t, "GET", res, b)
				wantTitle, wantDetail, wantLang := English().Title(404), English().Description(404), "en"
				if tt.french {
					wantTitle, wantDetail, wantLang = frTitle, frDesc, "fr"
				}
				title, detail := problemText(t, b)
				if title != wantTitle || detail != wantDetail {
					t.Errorf("title %q detail %q, want %q %q", title, detail, wantTitle, wantDetail)
				}
				if got := res.Header.Get("Content-Language"); got != wantLang {
					t.Errorf("Content-Language %q, want %q", got, wantLang)
				}
			})
		}
	}
}

func TestRenderLanguageGivenText(t *testing.T) {
	rd := quiet(Renderer{})
	fr := map[string]string{"Accept-Language": "fr"}
	// A fixed title is not translated; the default detail still is.
	res := render(rd, "GET", "/", fr, nil, NotFound("").WithTitle("No Such User"))
	title, detail := problemText(t, body(t, res))
	_, frDesc := statustext.Text(404, langFrench)
	if title != "No Such User" || detail != frDesc || res.Header.Get("Content-Language") != "fr" {
		t.Errorf("title %q detail %q", title, detail)
	}
	// A detail the code gave is sent as given.
	res = render(rd, "GET", "/", fr, nil, NotFound("user"))
	frTitle, _ := statustext.Text(404, langFrench)
	if title, detail := problemText(t, body(t, res)); title != frTitle || detail != "user not found" {
		t.Errorf("title %q detail %q", title, detail)
	}
	// Unregistered codes get the class title in French.
	res = render(rd, "GET", "/", fr, nil, New(460, ""))
	if title, _ := problemText(t, body(t, res)); title != "Erreur du client" {
		t.Errorf("460 title %q", title)
	}
}

func TestRenderCustomLanguages(t *testing.T) {
	german := Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
	rd := quiet(Renderer{Languages: []Catalog{English(), german}})
	tests := []struct {
		acceptLanguage     string
		status             int
		title, detail, tag string
	}{
		{"de", 404, "Nicht gefunden", English().Description(404), "de"},
		{"de-AT", 404, "Nicht gefunden", English().Description(404), "de"},
		{"de", 500, English().Title(500), English().Description(500), "de"}, // missing entries fall back to English text
		{"en", 404, English().Title(404), English().Description(404), "en"},
		{"fr", 404, English().Title(404), English().Description(404), "en"}, // French is not among this renderer's languages
		{"", 404, English().Title(404), English().Description(404), "en"},
	}
	for _, tt := range tests {
		t.Run(tt.acceptLanguage+"/"+strconv.Itoa(tt.status), func(t *testing.T) {
			res := render(rd, "GET", "/", map[string]string{"Accept-Language": tt.acceptLanguage}, nil, New(tt.status, ""))
			title, detail := problemText(t, body(t, res))
			if title != tt.title || detail != tt.detail {
				t.Errorf("title %q detail %q, want %q %q", title, detail, tt.title, tt.detail)
			}
			if got := res.Header.Get("Content-Language"); got != tt.tag {
				t.Errorf("Content-Language %q, want %q", got, tt.tag)
			}
			if got := strings.Join(res.Header.Values("Vary"), ", "); got != "Accept, Accept-Language" {
				t.Errorf("Vary %q", got)
			}
		})
	}
	// A custom French catalog overrides some built-in French text and falls back to the rest.
	frOverride := Catalog{Tag: language.MustParse("fr-CA"), Titles: map[int]string{404: "Introuvable"}}
	rd = quiet(Renderer{Languages: []Catalog{English(), frOverride}})
	res := render(rd, "GET", "/", map[string]string{"Accept-Language": "fr-CA"}, nil, New(404, ""))
	title, detail := problemText(t, body(t, res))
	if _, frDesc := statustext.Text(404, langFrench); title != "Introuvable" || detail != frDesc {
		t.Errorf("title %q detail %q", title, detail)
	}
	if got := res.Header.Get("Content-Language"); got != "fr-CA" {
		t.Errorf("Content-Language %q", got)
	}
}

// TestRenderSingleLanguage checks a renderer with one catalog: its language is always sent and named, and
// Vary does not list Accept-Language, since the language does not depend on it.
func TestRenderSingleLanguage(t *testing.T) {
	rd := quiet(Renderer{Languages: []Catalog{French()}})
	for _, al := range []string{"", "en", "fr"} {
		res := render(rd, "GET", "/", map[string]string{"Accept-Language": al}, nil, NotFound(""))
		frTitle, _ := statustext.Text(404, langFrench)
		if title, _ := problemText(t, body(t, res)); title != frTitle {
			t.Errorf("%q: title %q", al, title)
		}
		if got := res.Header.Get("Content-Language"); got != "fr" {
			t.Errorf("%q: Content-Language %q, want fr", al, got)
		}
		if got := strings.Join(res.Header.Values("Vary"), ", "); got != "Accept" {
			t.Errorf("%q: Vary %q, want Accept", al, got)
		}
	}
}
