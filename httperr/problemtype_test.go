package httperr_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// outOfCredit is RFC 9457 section 3's example type, declared in English and French.
var outOfCredit = testkit.OutOfCredit()

func TestProblemTypeRenders(t *testing.T) {
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	tests := []struct {
		name   string
		err    error
		header []string
		status int
		lang   string
		body   string
	}{
		{"english", outOfCredit.New("Your current balance is 30, but that costs 50.").With("balance", 30), nil, 403, "en",
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"Your current balance is 30, but that costs 50.","balance":30}`},
		{"french", outOfCredit.New("Solde 30, prix 50.").With("balance", 30), []string{"Accept-Language", "fr-CA"}, 403, "fr",
			`{"type":"https://example.com/problems/out-of-credit","title":"Vous n'avez pas assez de crédit.","status":403,"detail":"Solde 30, prix 50.","balance":30}`},
		{"no detail: the type's description", outOfCredit.New(""), []string{"Accept-Language", "fr"}, 403, "fr",
			`{"type":"https://example.com/problems/out-of-credit","title":"Vous n'avez pas assez de crédit.","status":403,"detail":"Le solde du compte ne couvre pas le prix de la requête."}`},
		{"wrapped", fmt.Errorf("buying: %w", outOfCredit.New("d")), nil, 403, "en",
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"d"}`},
		{"newf wraps", outOfCredit.Newf("charging: %w", errors.New("card declined")), nil, 403, "en",
			`{"type":"https://example.com/problems/out-of-credit","title":"You do not have enough credit.","status":403,"detail":"charging: card declined"}`},
		{"a fixed title wins", outOfCredit.New("d").WithTitle("Broke"), []string{"Accept-Language", "fr"}, 403, "fr",
			`{"type":"https://example.com/problems/out-of-credit","title":"Broke","status":403,"detail":"d"}`},
		{"another type unlinks", outOfCredit.New("d").WithType("https://example.com/problems/other"), nil, 403, "en",
			`{"type":"https://example.com/problems/other","title":"Forbidden","status":403,"detail":"d"}`},
		{"english only: default text in French", httperr.NewProblemType("urn:x:en-only", 409,
			httperr.TypeText{Tag: language.English, Title: "Version mismatch"}).New(""), []string{"Accept-Language", "fr"}, 409, "fr",
			`{"type":"urn:x:en-only","title":"Version mismatch","status":409,"detail":"La requête n'a pas pu être traitée en raison d'un conflit avec l'état actuel de la ressource."}`},
		{"no text: the catalog's", httperr.NewProblemType("https://example.com/problems/not-found", 404).New("user not found"),
			[]string{"Accept-Language", "fr"}, 404, "fr",
			`{"type":"https://example.com/problems/not-found","title":"Ressource introuvable","status":404,"detail":"user not found"}`},
		{"zero type: a 500", httperr.ProblemType{}.New("d"), nil, 500, "en",
			`{"type":"https://example.com/problems/internal-server-error","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { testkit.CheckRender(t, rd, tc.err, tc.header, tc.status, tc.lang, tc.body) })
	}
}

func TestProblemTypeCustomCatalog(t *testing.T) {
	german := httperr.Catalog{Tag: language.German, Titles: map[int]string{403: "Verboten"}}
	typ := outOfCredit.WithText(httperr.TypeText{Tag: language.German, Title: "Nicht genug Guthaben."})
	rd := testkit.Quiet()
	rd.Languages = []httperr.Catalog{httperr.English(), german}
	w := testkit.Render(rd, typ.New("d"), "Accept-Language", "de")
	want := `{"type":"https://example.com/problems/out-of-credit","title":"Nicht genug Guthaben.","status":403,"detail":"d"}` + "\n"
	if w.Body.String() != want || w.Header().Get("Content-Language") != "de" {
		t.Errorf("got %q %s", w.Header().Get("Content-Language"), w.Body)
	}
	if got := outOfCredit.Title(language.German); got != "You do not have enough credit." {
		t.Errorf("WithText changed the original: %q", got)
	}
}

func TestProblemTypeGetters(t *testing.T) {
	e := outOfCredit.New("d")
	if got := e.Title(); got != "You do not have enough credit." {
		t.Errorf("Title() = %q", got)
	}
	if got := e.Error(); got != "403 You do not have enough credit.: d" {
		t.Errorf("Error() = %q", got)
	}
	if pt, ok := e.ProblemType(); !ok || pt.URI() != outOfCredit.URI() || pt.Status() != 403 {
		t.Errorf("ProblemType() = %v, %v", pt, ok)
	}
	if _, ok := e.WithType("urn:other").ProblemType(); ok {
		t.Error("WithType kept the declared type")
	}
	if _, ok := e.WithType(outOfCredit.URI()).ProblemType(); !ok {
		t.Error("WithType of the same URI dropped the declared type")
	}
	if _, ok := httperr.NotFound("user").ProblemType(); ok {
		t.Error("NotFound has a declared type")
	}
	if got := outOfCredit.Title(language.MustParse("fr-CA")); got != "Vous n'avez pas assez de crédit." {
		t.Errorf("Title(fr-CA) = %q", got)
	}
	if got := httperr.NewProblemType("urn:x", 404).Description(language.English); got != httperr.English().Description(404) {
		t.Errorf("Description of a type with no text = %q", got)
	}
	var zero httperr.ProblemType
	if zero.URI() != "" || zero.Status() != 0 || zero.Texts() != nil || zero.Members() != nil || zero.Matches(errors.New("x")) {
		t.Error("zero ProblemType is not empty")
	}
	if got := outOfCredit.String(); got != "https://example.com/problems/out-of-credit (403)" {
		t.Errorf("String() = %q", got)
	}
}

func TestProblemTypeIsImmutable(t *testing.T) {
	texts := outOfCredit.Texts()
	texts[0].Title = "changed"
	texts[0].Members["balance"] = "changed"
	members := outOfCredit.Members()
	members[0].Name = "changed"
	if outOfCredit.Title(language.English) != "You do not have enough credit." || outOfCredit.Texts()[0].Members["balance"] != "The account's balance, in cents." || outOfCredit.Members()[0].Name != "balance" {
		t.Fatal("writing through a getter's result changed the type")
	}
	in := map[string]string{"m": "a member"}
	typ := httperr.NewProblemType("urn:x", 400, httperr.TypeText{Tag: language.English, Members: in})
	in["m"] = "changed"
	if typ.Texts()[0].Members["m"] != "a member" {
		t.Fatal("the caller's map is shared with the type")
	}
	more := outOfCredit.WithMembers(httperr.Member{Name: "balance", Schema: `{"type":"number"}`}, httperr.Member{Name: "price"})
	if len(outOfCredit.Members()) != 2 || outOfCredit.Members()[0].Schema != `{"type":"integer","minimum":0}` {
		t.Error("WithMembers changed the original")
	}
	if ms := more.Members(); len(ms) != 3 || ms[0].Schema != `{"type":"number"}` || ms[2].Name != "price" {
		t.Errorf("WithMembers: %+v", ms)
	}
}

func TestProblemTypeMatches(t *testing.T) {
	otherType := httperr.NewProblemType("https://example.com/problems/other", http.StatusForbidden)
	tests := []struct {
		name string
		typ  httperr.ProblemType
		err  error
		want bool
	}{
		{"built", outOfCredit, outOfCredit.New("d"), true},
		{"wrapped", outOfCredit, fmt.Errorf("x: %w", outOfCredit.New("d")), true},
		{"other type", otherType, outOfCredit.New("d"), false},
		{"plain status", outOfCredit, httperr.Forbidden("d"), false},
		{"nil", outOfCredit, nil, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.typ.Matches(tc.err); got != tc.want {
				t.Errorf("Matches = %v", got)
			}
		})
	}
}

func TestProblemTypeDeclarationPanics(t *testing.T) {
	tests := []struct {
		name  string
		build func()
		want  string
	}{
		{"status 200", func() { httperr.NewProblemType("urn:x", 200) }, "outside 400..599"},
		{"no URI", func() { httperr.NewProblemType("", 400) }, "URI"},
		{"about:blank", func() { httperr.NewProblemType("about:blank", 400) }, "URI"},
		{"two English texts", func() {
			httperr.NewProblemType("urn:x", 400, httperr.TypeText{Tag: language.English}, httperr.TypeText{Tag: language.English})
		}, "two texts"},
		{"reserved member", func() { outOfCredit.WithMembers(httperr.Member{Name: "detail"}) }, "reserved"},
		{"empty member", func() { outOfCredit.WithMembers(httperr.Member{}) }, "reserved"},
		{"schema not JSON", func() { outOfCredit.WithMembers(httperr.Member{Name: "m", Schema: "{"}) }, "not JSON"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			defer func() {
				p, _ := recover().(string)
				if !strings.Contains(p, tc.want) {
					t.Errorf("panic %q, want one with %q", p, tc.want)
				}
			}()
			tc.build()
		})
	}
}
