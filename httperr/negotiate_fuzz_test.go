package httperr

import (
	"github.com/httperr/toolkit/internal/negotiate"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

// Fuzzing of the two negotiation functions. The seeds (f.Add and testdata/fuzz) run in every go test; to fuzz:
//
//	go test -run '^$' -fuzz '^FuzzNegotiateLanguage$' -fuzztime 60s ./httperr/

func FuzzNegotiateFormat(f *testing.F) {
	for _, s := range []string{
		"", "*/*", "application/problem+xml", "application/xml;q=0.9, application/json;q=0.8",
		"application/json, application/problem+xml;q=1.0", "application/*;q=0.5, application/xml",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "APPLICATION/XML; Q=0.001",
		"application/xml;q=1.0001", "application/xml;q=-0", "application/xml;q=0.+1", ";;;,,,", "application/xml;q",
		strings.Repeat("text/html,", negotiate.MaxElements) + "application/xml",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, accept string) {
		got := negotiateFormat(accept)
		if got != formatJSON && got != formatXML {
			t.Fatalf("negotiateFormat(%q) = %d", accept, got)
		}
		// XML is only ever chosen for an Accept that names an XML type: wildcards rank JSON as high.
		if got == formatXML && !strings.Contains(strings.ToLower(accept), "xml") {
			t.Errorf("negotiateFormat(%q) = XML", accept)
		}
		if again := negotiateFormat(accept); again != got {
			t.Errorf("negotiateFormat(%q) gave %d then %d", accept, got, again)
		}
		// Only the negotiated beginning counts, and it is within the caps.
		prefix := negotiate.Prefix(accept)
		if len(prefix) > negotiate.MaxBytes || strings.Count(prefix, ",") >= negotiate.MaxElements ||
			!strings.HasPrefix(accept, prefix) {
			t.Fatalf("negotiate.Prefix(%q) = %q", accept, prefix)
		}
		if p := negotiateFormat(prefix); p != got {
			t.Errorf("negotiateFormat(%q) = %d, of its beginning %q %d", accept, got, prefix, p)
		}
	})
}

func FuzzNegotiateLanguage(f *testing.F) {
	for _, s := range []string{
		"", "fr", "fr-CA, en;q=0.5", "de, fr;q=0.1", "*", "en-US,en;q=0.9,fr;q=0.8", "x-klingon", "zh-Hant-TW;q=0.3",
		"fr;q=abc", "fr;q=2", ";q=0.5", "\xff\xfe", "i-klingon, art-lojban", "und", "en-u-co-phonebk-x-private",
		strings.Repeat("fr-", 100), "fr-CA;q=abc, fr", "english, french;q=0.5", strings.Repeat("de,", 40) + "fr",
	} {
		f.Add(s)
	}
	custom := []Catalog{{Tag: language.English}, {Tag: language.French}, {Tag: language.MustParse("de-CH")}, {Tag: language.BrazilianPortuguese}}
	f.Fuzz(func(t *testing.T, acceptLanguage string) {
		got := negotiateLanguage(builtinLanguages, acceptLanguage, true)
		if got < 0 || got >= len(builtinLanguages) {
			t.Fatalf("built-in: negotiateLanguage(%q) = %d", acceptLanguage, got)
		}
		if again := negotiateLanguage(builtinLanguages, acceptLanguage, true); again != got {
			t.Fatalf("built-in: negotiateLanguage(%q) gave %d then %d (cached)", acceptLanguage, got, again)
		}
		// The cached answer is the matcher's for the negotiated beginning.
		prefix := negotiate.Prefix(acceptLanguage)
		if fresh := negotiate.Match(builtinSet().matcher, prefix); acceptLanguage != "" && fresh != got {
			t.Fatalf("built-in: negotiateLanguage(%q) = %d, the matcher says %d", acceptLanguage, got, fresh)
		}
		// The same catalogs as custom Languages (a set of their own, with its own cache) agree.
		if other := negotiateLanguage(builtinLanguages, acceptLanguage, false); other != got {
			t.Errorf("negotiateLanguage(%q) = %d built in, %d as custom", acceptLanguage, got, other)
		}
		i := negotiateLanguage(custom, acceptLanguage, false)
		if i < 0 || i >= len(custom) {
			t.Fatalf("custom: negotiateLanguage(%q) = %d", acceptLanguage, i)
		}
		if again := negotiateLanguage(custom, acceptLanguage, false); again != i {
			t.Fatalf("custom: negotiateLanguage(%q) gave %d then %d (cached)", acceptLanguage, i, again)
		}
		if i := negotiateLanguage(custom[:1], acceptLanguage, false); i != 0 {
			t.Fatalf("one catalog: negotiateLanguage(%q) = %d", acceptLanguage, i)
		}
		// A malformed element is skipped alone: one more at the end changes nothing.
		if longer := acceptLanguage + ",!!!;q=x"; negotiate.Prefix(longer) == longer {
			if j := negotiateLanguage(custom, longer, false); j != i {
				t.Errorf("custom: negotiateLanguage(%q) = %d, with a malformed element more %d", acceptLanguage, i, j)
			}
		}
		// No stronger property holds: x/text matches related languages too ("ht", Haitian Creole, gets French;
		// see the haitian_creole seed).
	})
}
