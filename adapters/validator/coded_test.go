package httperrvalidator_test

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"golang.org/x/text/language"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

// account fails each of the common tags, on a string, a number and a list where the tag bounds one.
type account struct {
	Name     string   `json:"name" validate:"required"`
	Email    string   `json:"email" validate:"email"`
	Login    string   `json:"login" validate:"min=3"`
	Pin      string   `json:"pin" validate:"len=1"`
	Nick     string   `json:"nick" validate:"max=2"`
	Age      int      `json:"age" validate:"min=18"`
	Score    int      `json:"score" validate:"max=10"`
	Level    int      `json:"level" validate:"len=3"`
	Rank     int      `json:"rank" validate:"gte=1"`
	Stars    int      `json:"stars" validate:"lte=5"`
	Weight   float64  `json:"weight" validate:"gt=0"`
	Height   int      `json:"height" validate:"lt=300"`
	Tags     []string `json:"tags" validate:"min=2"`
	Roles    []string `json:"roles" validate:"max=1"`
	Keys     []string `json:"keys" validate:"len=2"`
	Groups   []string `json:"groups" validate:"gt=1"`
	Title    string   `json:"title" validate:"lt=2"`
	Color    string   `json:"color" validate:"oneof=red green"`
	Site     string   `json:"site" validate:"url"`
	Ref      string   `json:"ref" validate:"uuid"`
	Zip      string   `json:"zip" validate:"numeric"`
	Initials string   `json:"initials" validate:"alpha"`
	Handle   string   `json:"handle" validate:"alphanum"`
	Hex      string   `json:"hex" validate:"hexcolor"`
	Limit    int      `query:"limit" validate:"lte=100"`
	Request  string   `header:"X-Request-Id" validate:"required"`
}

var badAccount = account{
	Email: "nope", Login: "ab", Pin: "12", Nick: "abc", Age: 3, Score: 11, Level: 4, Rank: 0, Stars: 6,
	Weight: 0, Height: 300, Tags: []string{"a"}, Roles: []string{"a", "b"}, Keys: []string{"a"}, Groups: []string{"a"},
	Title: "ab", Color: "pink", Site: "x", Ref: "x", Zip: "1a", Initials: "a1", Handle: "a-b", Hex: "x", Limit: 500,
}

// accountErrors are the entries of badAccount's violations, in English then in French.
var accountErrors = [2]string{
	`[{"detail":"is required","pointer":"#/name","code":"required"},` +
		`{"detail":"must be an email address","pointer":"#/email","code":"email"},` +
		`{"detail":"must be at least 3 characters long","pointer":"#/login","code":"min"},` +
		`{"detail":"must be exactly 1 character long","pointer":"#/pin","code":"len"},` +
		`{"detail":"must be at most 2 characters long","pointer":"#/nick","code":"max"},` +
		`{"detail":"must be at least 18","pointer":"#/age","code":"min"},` +
		`{"detail":"must be at most 10","pointer":"#/score","code":"max"},` +
		`{"detail":"must be 3","pointer":"#/level","code":"len"},` +
		`{"detail":"must be at least 1","pointer":"#/rank","code":"gte"},` +
		`{"detail":"must be at most 5","pointer":"#/stars","code":"lte"},` +
		`{"detail":"must be greater than 0","pointer":"#/weight","code":"gt"},` +
		`{"detail":"must be less than 300","pointer":"#/height","code":"lt"},` +
		`{"detail":"must have at least 2 items","pointer":"#/tags","code":"min"},` +
		`{"detail":"must have at most 1 item","pointer":"#/roles","code":"max"},` +
		`{"detail":"must have exactly 2 items","pointer":"#/keys","code":"len"},` +
		`{"detail":"must have more than 1 item","pointer":"#/groups","code":"gt"},` +
		`{"detail":"must be less than 2 characters long","pointer":"#/title","code":"lt"},` +
		`{"detail":"must be one of red, green","pointer":"#/color","code":"oneof"},` +
		`{"detail":"must be a URL","pointer":"#/site","code":"url"},` +
		`{"detail":"must be a UUID","pointer":"#/ref","code":"uuid"},` +
		`{"detail":"must be numeric","pointer":"#/zip","code":"numeric"},` +
		`{"detail":"must contain only letters","pointer":"#/initials","code":"alpha"},` +
		`{"detail":"must contain only letters and digits","pointer":"#/handle","code":"alphanum"},` +
		`{"detail":"is invalid (hexcolor)","pointer":"#/hex","code":"hexcolor"},` +
		`{"detail":"must be at most 100","parameter":"limit","code":"lte"},` +
		`{"detail":"is required","header":"X-Request-Id","code":"required"}]`,
	`[{"detail":"est obligatoire","pointer":"#/name","code":"required"},` +
		`{"detail":"doit être une adresse e-mail","pointer":"#/email","code":"email"},` +
		`{"detail":"doit contenir au moins 3 caractères","pointer":"#/login","code":"min"},` +
		`{"detail":"doit contenir exactement 1 caractère","pointer":"#/pin","code":"len"},` +
		`{"detail":"doit contenir au plus 2 caractères","pointer":"#/nick","code":"max"},` +
		`{"detail":"doit valoir au moins 18","pointer":"#/age","code":"min"},` +
		`{"detail":"doit valoir au plus 10","pointer":"#/score","code":"max"},` +
		`{"detail":"doit valoir 3","pointer":"#/level","code":"len"},` +
		`{"detail":"doit valoir au moins 1","pointer":"#/rank","code":"gte"},` +
		`{"detail":"doit valoir au plus 5","pointer":"#/stars","code":"lte"},` +
		`{"detail":"doit valoir plus de 0","pointer":"#/weight","code":"gt"},` +
		`{"detail":"doit valoir moins de 300","pointer":"#/height","code":"lt"},` +
		`{"detail":"doit contenir au moins 2 éléments","pointer":"#/tags","code":"min"},` +
		`{"detail":"doit contenir au plus 1 élément","pointer":"#/roles","code":"max"},` +
		`{"detail":"doit contenir exactement 2 éléments","pointer":"#/keys","code":"len"},` +
		`{"detail":"doit contenir plus de 1 élément","pointer":"#/groups","code":"gt"},` +
		`{"detail":"doit contenir moins de 2 caractères","pointer":"#/title","code":"lt"},` +
		`{"detail":"doit être l'une des valeurs red, green","pointer":"#/color","code":"oneof"},` +
		`{"detail":"doit être une URL","pointer":"#/site","code":"url"},` +
		`{"detail":"doit être un UUID","pointer":"#/ref","code":"uuid"},` +
		`{"detail":"doit être numérique","pointer":"#/zip","code":"numeric"},` +
		`{"detail":"ne doit contenir que des lettres","pointer":"#/initials","code":"alpha"},` +
		`{"detail":"ne doit contenir que des lettres et des chiffres","pointer":"#/handle","code":"alphanum"},` +
		`{"detail":"est invalide (hexcolor)","pointer":"#/hex","code":"hexcolor"},` +
		`{"detail":"doit valoir au plus 100","parameter":"limit","code":"lte"},` +
		`{"detail":"est obligatoire","header":"X-Request-Id","code":"required"}]`,
}

// renderLang renders err with rd for an Accept-Language and an Accept.
func renderLang(rd *httperr.Renderer, err error, acceptLanguage, accept string) string {
	r := httptest.NewRequest(http.MethodPost, "/accounts", nil)
	r.Header.Set("Accept-Language", acceptLanguage)
	r.Header.Set("Accept", accept)
	w := httptest.NewRecorder()
	rd.Render(w, r, err)
	return w.Body.String()
}

func TestMapLanguages(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	err := fmt.Errorf("create account: %w", v.Struct(badAccount))
	rd := &httperr.Renderer{Map: httperrvalidator.Map}
	heads := [2]string{
		`{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + httperr.English().Description(422) + `","errors":`,
		`{"type":"about:blank","title":"Contenu non traitable","status":422,"detail":"` + httperr.French().Description(422) + `","errors":`,
	}
	for i, lang := range []string{"en", "fr"} {
		if got, want := renderLang(rd, err, lang, ""), heads[i]+accountErrors[i]+"}\n"; got != want {
			t.Errorf("%s:\n%s\nwant\n%s", lang, got, want)
		}
	}
	e := httperrvalidator.Map(err)
	var ve validator.ValidationErrors
	if !errors.As(e, &ve) || e.Status() != 422 {
		t.Errorf("Map(%v) = %v: the validator's errors must stay reachable", err, e)
	}
	if got := e.Violations()[2]; !reflect.DeepEqual(got, httperr.Violation{Pointer: "#/login", Code: "min", Message: "min.string", Param: "3"}) {
		t.Errorf("violation %#v", got)
	}
}

func TestMapXML(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	err := v.Struct(struct {
		Login string `json:"login" validate:"min=3"`
		Limit int    `query:"limit" validate:"lte=100"`
	}{Login: "ab", Limit: 500})
	want := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
		`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Contenu non traitable</title><status>422</status>` +
		`<detail>Le serveur comprend le type et la syntaxe du contenu de la requête, mais il n&#39;a pas pu traiter les instructions qu&#39;il contient.</detail><errors>` +
		`<i><code>min</code><detail>doit contenir au moins 3 caractères</detail><pointer>#/login</pointer></i>` +
		`<i><code>lte</code><detail>doit valoir au plus 100</detail><parameter>limit</parameter></i>` +
		`</errors></problem>` + "\n"
	if got := renderLang(&httperr.Renderer{Map: httperrvalidator.Map}, err, "fr", "application/problem+xml"); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// The English details keep the words Map had before it carried codes, on each kind a bound words apart; a
// tag without words is invalid.
func TestMapEnglishDetails(t *testing.T) {
	v := validator.New()
	for _, tc := range []struct {
		value             any
		tag, detail, code string
	}{
		{"ab", "min=3", "must be at least 3 characters long", "min"},
		{"", "min=1", "must be at least 1 character long", "min"},
		{"abcd", "max=1", "must be at most 1 character long", "max"},
		{"ab", "gte=3", "must be at least 3 characters long", "gte"},
		{"abcd", "lte=3", "must be at most 3 characters long", "lte"},
		{[]int{}, "min=1", "must have at least 1 item", "min"},
		{map[string]int{"a": 1}, "len=2", "must have exactly 2 items", "len"},
		{[]string{"a", "b"}, "max=1", "must have at most 1 item", "max"},
		{7, "len=3", "must be 3", "len"},
		{0, "gte=1", "must be at least 1", "gte"},
		{"d", "oneof=a b  c", "must be one of a, b, c", "oneof"},
		{"x", "hexcolor", "is invalid (hexcolor)", "hexcolor"},
	} {
		want := `"errors":[{"detail":"` + tc.detail + `","pointer":"#","code":"` + tc.code + `"}]}` + "\n"
		if got := renderLang(&httperr.Renderer{Map: httperrvalidator.Map}, v.Var(tc.value, tc.tag), "", ""); !strings.HasSuffix(got, want) {
			t.Errorf("%s on %#v: %s\nwant it to end with %s", tc.tag, tc.value, got, want)
		}
	}
}

// A service's catalog gives its own texts by key, and the built-in ones of its language for the rest.
func TestMapServiceCatalog(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	err := v.Struct(struct {
		Login string `json:"login" validate:"min=3"`
		Name  string `json:"name" validate:"required"`
	}{Login: "ab"})
	german := httperr.Catalog{Tag: language.German, Titles: map[int]string{422: "Nicht verarbeitbar"},
		Violations: map[string]string{"min.string": "muss mindestens {param} Zeichen lang sein", "required": "fehlt"}}
	quebec := httperr.Catalog{Tag: language.CanadianFrench, Violations: map[string]string{"required": "est requis"}}
	rd := &httperr.Renderer{Map: httperrvalidator.Map, Languages: []httperr.Catalog{httperr.English(), german, quebec}}
	for lang, want := range map[string]string{
		"de":    `"errors":[{"detail":"muss mindestens 3 Zeichen lang sein","pointer":"#/login","code":"min"},{"detail":"fehlt","pointer":"#/name","code":"required"}]}`,
		"fr-CA": `"errors":[{"detail":"doit contenir au moins 3 caractères","pointer":"#/login","code":"min"},{"detail":"est requis","pointer":"#/name","code":"required"}]}`,
		"en":    `"errors":[{"detail":"must be at least 3 characters long","pointer":"#/login","code":"min"},{"detail":"is required","pointer":"#/name","code":"required"}]}`,
	} {
		got := renderLang(rd, err, lang, "")
		if len(got) < len(want)+1 || got[len(got)-len(want)-1:] != want+"\n" {
			t.Errorf("%s: %s\nwant it to end with %s", lang, got, want)
		}
	}
}
