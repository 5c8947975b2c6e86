package httperr_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

// codedViolations have a Code each: texts from the catalog, one with its own Detail, one with a Code that no
// catalog knows, one with an Extensions member named code as well.
var codedViolations = []httperr.Violation{
	{Pointer: "#/name", Code: "min", Message: "min.string", Param: "3"},
	{Pointer: "#/tags", Code: "max", Message: "max.items.one", Param: "1"},
	{Parameter: "color", Code: "oneof", Param: "red, green"},
	{Header: "X-Request-Id", Code: "uuid", Detail: "must be the id of a request"},
	{Pointer: "#/iban", Code: "iban", Extensions: map[string]any{"code": "ignored", "country": "FR"}},
}

const (
	head422en = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"the signup is wrong",`
	head422fr = `{"type":"about:blank","title":"Contenu non traitable","status":422,"detail":"the signup is wrong",`
)

// renderCoded renders the coded violations with rd for an Accept and an Accept-Language.
func renderCoded(t *testing.T, rd *httperr.Renderer, accept, acceptLanguage string) (string, string) {
	t.Helper()
	r := httptest.NewRequest(http.MethodPost, "/signup", nil)
	r.Header.Set("Accept", accept)
	r.Header.Set("Accept-Language", acceptLanguage)
	w := httptest.NewRecorder()
	rd.Render(w, r, httperr.UnprocessableEntity("the signup is wrong").WithErrors(codedViolations...))
	return w.Body.String(), w.Header().Get("Content-Language")
}

func TestViolationCodes(t *testing.T) {
	german := httperr.Catalog{Tag: language.German, Titles: map[int]string{422: "Nicht verarbeitbar"},
		Violations: map[string]string{"min.string": "muss mindestens {param} Zeichen lang sein", "invalid": "ist ungültig ({code})"}}
	custom := &httperr.Renderer{Languages: []httperr.Catalog{httperr.English(), httperr.French(), german}}
	tests := []struct {
		name           string
		rd             *httperr.Renderer
		accept, lang   string
		body, language string
	}{
		{"english", nil, "", "", head422en + `"errors":[` +
			`{"detail":"must be at least 3 characters long","pointer":"#/name","code":"min"},` +
			`{"detail":"must have at most 1 item","pointer":"#/tags","code":"max"},` +
			`{"detail":"must be one of red, green","parameter":"color","code":"oneof"},` +
			`{"detail":"must be the id of a request","header":"X-Request-Id","code":"uuid"},` +
			`{"detail":"is invalid (iban)","pointer":"#/iban","code":"iban","country":"FR"}]}` + "\n", "en"},
		{"french", nil, "", "fr", head422fr + `"errors":[` +
			`{"detail":"doit contenir au moins 3 caractères","pointer":"#/name","code":"min"},` +
			`{"detail":"doit contenir au plus 1 élément","pointer":"#/tags","code":"max"},` +
			`{"detail":"doit être l'une des valeurs red, green","parameter":"color","code":"oneof"},` +
			`{"detail":"must be the id of a request","header":"X-Request-Id","code":"uuid"},` +
			`{"detail":"est invalide (iban)","pointer":"#/iban","code":"iban","country":"FR"}]}` + "\n", "fr"},
		{"french of a custom list", custom, "", "fr-CA", head422fr + `"errors":[` +
			`{"detail":"doit contenir au moins 3 caractères","pointer":"#/name","code":"min"},` +
			`{"detail":"doit contenir au plus 1 élément","pointer":"#/tags","code":"max"},` +
			`{"detail":"doit être l'une des valeurs red, green","parameter":"color","code":"oneof"},` +
			`{"detail":"must be the id of a request","header":"X-Request-Id","code":"uuid"},` +
			`{"detail":"est invalide (iban)","pointer":"#/iban","code":"iban","country":"FR"}]}` + "\n", "fr"},
		// The catalog's own texts, the English built-in ones for the keys it lacks.
		{"a service's German", custom, "", "de", `{"type":"about:blank","title":"Nicht verarbeitbar","status":422,"detail":"the signup is wrong",` +
			`"errors":[` +
			`{"detail":"muss mindestens 3 Zeichen lang sein","pointer":"#/name","code":"min"},` +
			`{"detail":"must have at most 1 item","pointer":"#/tags","code":"max"},` +
			`{"detail":"must be one of red, green","parameter":"color","code":"oneof"},` +
			`{"detail":"must be the id of a request","header":"X-Request-Id","code":"uuid"},` +
			`{"detail":"ist ungültig (iban)","pointer":"#/iban","code":"iban","country":"FR"}]}` + "\n", "de"},
		{"xml, french", nil, "application/problem+xml", "fr", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Contenu non traitable</title><status>422</status>` +
			`<detail>the signup is wrong</detail><errors>` +
			`<i><code>min</code><detail>doit contenir au moins 3 caractères</detail><pointer>#/name</pointer></i>` +
			`<i><code>max</code><detail>doit contenir au plus 1 élément</detail><pointer>#/tags</pointer></i>` +
			`<i><code>oneof</code><detail>doit être l&#39;une des valeurs red, green</detail><parameter>color</parameter></i>` +
			`<i><code>uuid</code><detail>must be the id of a request</detail><header>X-Request-Id</header></i>` +
			`<i><code>iban</code><country>FR</country><detail>est invalide (iban)</detail><pointer>#/iban</pointer></i>` +
			`</errors></problem>` + "\n", "fr"},
		{"xml, english", nil, "application/problem+xml", "", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Unprocessable Content</title><status>422</status>` +
			`<detail>the signup is wrong</detail><errors>` +
			`<i><code>min</code><detail>must be at least 3 characters long</detail><pointer>#/name</pointer></i>` +
			`<i><code>max</code><detail>must have at most 1 item</detail><pointer>#/tags</pointer></i>` +
			`<i><code>oneof</code><detail>must be one of red, green</detail><parameter>color</parameter></i>` +
			`<i><code>uuid</code><detail>must be the id of a request</detail><header>X-Request-Id</header></i>` +
			`<i><code>iban</code><country>FR</country><detail>is invalid (iban)</detail><pointer>#/iban</pointer></i>` +
			`</errors></problem>` + "\n", "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body, lang := renderCoded(t, tt.rd, tt.accept, tt.lang)
			if body != tt.body {
				t.Errorf("body\n%s\nwant\n%s", body, tt.body)
			}
			if lang != tt.language {
				t.Errorf("Content-Language %q, want %q", lang, tt.language)
			}
		})
	}
}

// The texts are chosen when the problem is rendered: the *Error keeps its violations without a detail, and
// one problem renders in each language in turn.
func TestViolationCodesAtRenderTime(t *testing.T) {
	e := httperr.Validation(httperr.Violation{Pointer: "#/email", Code: "required"})
	for _, lang := range []string{"fr", "en", "fr"} {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Header.Set("Accept-Language", lang)
		w := httptest.NewRecorder()
		httperr.Render(w, r, e)
		want := map[string]string{"fr": "est obligatoire", "en": "is required"}[lang]
		if got := httperr.From(httperrclient.FromResponse(w.Result())).Violations(); len(got) != 1 || got[0].Detail != want {
			t.Errorf("%s: violations %#v, want the detail %q", lang, got, want)
		}
	}
	if vs := e.Violations(); len(vs) != 1 || vs[0].Detail != "" || vs[0].Code != "required" {
		t.Errorf("the error's violations changed: %#v", vs)
	}
}

// Placeholders are replaced once: a Param that looks like one is sent as it is, as is an unknown one.
func TestViolationTextPlaceholders(t *testing.T) {
	rd := &httperr.Renderer{Languages: []httperr.Catalog{{Tag: language.English,
		Violations: map[string]string{"k": "{x} {param} {code} {"}}}}
	w := httptest.NewRecorder()
	rd.Render(w, httptest.NewRequest(http.MethodGet, "/", nil),
		httperr.Validation(httperr.Violation{Pointer: "#/a", Message: "k", Param: "{code}"}))
	want := `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + httperr.English().Description(422) + `",` +
		`"errors":[{"detail":"{x} {code} k {","pointer":"#/a"}]}` + "\n"
	if w.Body.String() != want {
		t.Errorf("body\n%s\nwant\n%s", w.Body, want)
	}
}

// An Extensions member named code is sent where it always was, among the extensions sorted by name; the
// Code field after the location, ahead of them.
func TestViolationCodePlace(t *testing.T) {
	for _, tt := range []struct {
		v    httperr.Violation
		want string
	}{
		{httperr.Violation{Pointer: "#/a", Detail: "d", Extensions: map[string]any{"allowed": 1, "code": "x"}},
			`{"detail":"d","pointer":"#/a","allowed":1,"code":"x"}`},
		{httperr.Violation{Pointer: "#/a", Detail: "d", Code: "x", Extensions: map[string]any{"allowed": 1, "code": "ignored"}},
			`{"detail":"d","pointer":"#/a","code":"x","allowed":1}`},
	} {
		w := httptest.NewRecorder()
		httperr.Render(w, httptest.NewRequest(http.MethodGet, "/", nil), httperr.BadRequest("x").WithErrors(tt.v))
		want := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"x","errors":[` + tt.want + "]}\n"
		if w.Body.String() != want {
			t.Errorf("body\n%s\nwant\n%s", w.Body, want)
		}
	}
}

// FromResponse reads a violation's code back, from either media type, as its Code; a code that is not a
// string stays an extension member.
func TestFromResponseViolationCode(t *testing.T) {
	sent := httperr.Validation(
		httperr.Violation{Pointer: "#/name", Code: "min", Message: "min.string", Param: "3"},
		httperr.Violation{Parameter: "limit", Detail: "must be an integer", Code: "integer", Extensions: map[string]any{"max": "100"}},
		httperr.Violation{Header: "X-Id", Detail: "is odd", Extensions: map[string]any{"code": 7}},
	)
	for _, tt := range []struct{ accept, lang, detail string }{
		{"", "", "must be at least 3 characters long"},
		{"application/problem+xml", "", "must be at least 3 characters long"},
		{"", "fr", "doit contenir au moins 3 caractères"},
		{"application/problem+xml", "fr", "doit contenir au moins 3 caractères"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/", nil)
		r.Header.Set("Accept", tt.accept)
		r.Header.Set("Accept-Language", tt.lang)
		w := httptest.NewRecorder()
		httperr.Render(w, r, sent)
		want := []httperr.Violation{
			{Pointer: "#/name", Detail: tt.detail, Code: "min"},
			{Parameter: "limit", Detail: "must be an integer", Code: "integer", Extensions: map[string]any{"max": "100"}},
			{Header: "X-Id", Detail: "is odd", Extensions: map[string]any{"code": 7.0}}, // a JSON number
		}
		if tt.accept != "" { // in XML a code of 7 is the string "7"
			want[2] = httperr.Violation{Header: "X-Id", Detail: "is odd", Code: "7"}
		}
		got := httperr.From(httperrclient.FromResponse(w.Result())).Violations()
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s: violations\n%#v\nwant\n%#v", tt.accept, tt.lang, got, want)
		}
	}
}
