package httperr

import (
	"github.com/httperr/toolkit/internal/negotiate"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/language"
)

func TestNegotiateFormat(t *testing.T) {
	tests := []struct {
		name   string
		accept string
		want   mediaFormat
	}{
		{"empty", "", formatJSON},
		{"any", "*/*", formatJSON},
		{"json", "application/json", formatJSON},
		{"problem json", "application/problem+json", formatJSON},
		{"xml", "application/xml", formatXML},
		{"problem xml", "application/problem+xml", formatXML},
		{"xml lower quality than json", "application/xml;q=0.9, application/json", formatJSON},
		{"json lower quality than xml", "application/json;q=0.5, application/xml", formatXML},
		{"problem json lower than problem xml", "application/problem+json;q=0.8, application/problem+xml;q=0.9", formatXML},
		{"tie goes to json", "application/xml, application/json", formatJSON},
		{"tie at lower quality goes to json", "application/xml;q=0.5, application/json;q=0.5", formatJSON},
		{"html only", "text/html", formatJSON},
		{"browser", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", formatXML},
		{"application wildcard", "application/*", formatJSON},
		{"xml refused", "application/problem+xml;q=0", formatJSON},
		{"xml refused, anything else welcome", "application/problem+xml;q=0, */*", formatJSON},
		{"specific range beats wildcard", "application/*;q=0.1, application/xml", formatXML},
		{"json refused, wildcard for the rest", "application/json;q=0, application/problem+json;q=0, */*", formatXML},
		{"wildcard low, xml high", "*/*;q=0.1, application/xml", formatXML},
		{"xml with other parameters", "application/xml;charset=utf-8", formatXML},
		{"q among other parameters", "application/xml;level=1;q=0.4, application/json;q=0.5", formatJSON},
		{"q=1", "application/xml;q=1", formatXML},
		{"q=1.000", "application/xml;q=1.000, application/json;q=0.999", formatXML},
		{"q=0.", "application/json;q=0., application/xml;q=0.001", formatXML},

		// Malformed quality values make their element ignored, as if absent from the list.
		{"q=2 ignored", "application/xml;q=2", formatJSON},
		{"q=2 ignored, rest kept", "application/json;q=2, application/xml", formatXML},
		{"q=abc ignored", "application/xml;q=abc", formatJSON},
		{"q=0.1234 too many digits", "application/xml;q=0.1234", formatJSON},
		{"q=0.1234 json ignored", "application/json;q=0.1234, application/xml;q=0.1", formatXML},
		{"q=1.5 ignored", "application/xml;q=1.5", formatJSON},
		{"q=1.001 ignored", "application/xml;q=1.001", formatJSON},
		{"q= empty ignored", "application/xml;q=", formatJSON},
		{"q=-0 ignored", "application/xml;q=-0", formatJSON},
		{"q=0.+1 ignored", "application/xml;q=0.+1", formatJSON},
		{"q=0.-1 ignored", "application/xml;q=0.-1", formatJSON},
		{"q=.5 ignored", "application/xml;q=.5", formatJSON},
		{"q=0x1 ignored", "application/xml;q=0x1", formatJSON},

		// Media types and parameter names are case-insensitive (RFC 9110 sections 8.3.1 and 5.6.6).
		{"upper case xml", "APPLICATION/XML", formatXML},
		{"mixed case problem xml", "Application/Problem+XML", formatXML},
		{"upper case q", "application/xml;Q=0.1, application/json", formatJSON},
		{"upper case q favours xml", "application/json;Q=0.1, application/xml", formatXML},
		{"upper case wildcard", "APPLICATION/*", formatJSON},

		// Optional whitespace around elements, semicolons and equals signs.
		{"whitespace", "  application/xml  ;  q=0.9  ,  application/json  ", formatJSON},
		{"whitespace favours xml", " application/json ; q = 0.5 ,\tapplication/problem+xml ", formatXML},
		{"tabs", "application/json;\tq=0.1,\tapplication/xml", formatXML},
		{"empty elements", ",,application/xml,,", formatXML},

		{"garbage", "garbage", formatJSON},
		{"semicolons only", ";;;", formatJSON},
		{"commas only", ",,,", formatJSON},
		{"xml as a substring only", "application/xmlx, text/application/xml", formatJSON},
		// Media types are ASCII tokens, compared without ASCII case (RFC 9110 section 8.3.1): a long s (U+017F)
		// is not an s, though Unicode folds it to one.
		{"long s is not json", "application/j\u017fon, application/xml;q=0.5", formatXML},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiateFormat(tt.accept); got != tt.want {
				t.Errorf("negotiateFormat(%q) = %v, want %v", tt.accept, got.contentType(), tt.want.contentType())
			}
		})
	}
}

func TestFormatContentType(t *testing.T) {
	if got := formatJSON.contentType(); got != "application/problem+json" {
		t.Errorf("formatJSON.contentType() = %q", got)
	}
	if got := formatXML.contentType(); got != "application/problem+xml" {
		t.Errorf("XML.contentType() = %q", got)
	}
}

func TestNegotiateFormatAllocs(t *testing.T) {
	for _, accept := range []string{
		"",
		"application/problem+xml",
		"text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
		"APPLICATION/formatJSON;Q=0.5 , application/xml;q=abc, application/problem+xml;q=0.6",
	} {
		if n := testing.AllocsPerRun(100, func() { negotiateFormat(accept) }); n != 0 {
			t.Errorf("negotiateFormat(%q) allocates %v times, want 0", accept, n)
		}
	}
}

func TestNegotiateLanguage(t *testing.T) {
	tests := []struct {
		acceptLanguage string
		want           int // index in builtinLanguages: 0 English, 1 French
	}{
		{"", 0},
		{"*", 0},
		{"fr", 1},
		{"fr-CA", 1},
		{"fr-FR;q=0.9,en;q=0.8", 1},
		{"FR", 1},
		{"en", 0},
		{"en-US", 0},
		{"en-GB,fr;q=0.5", 0},
		{"de", 0},
		{"de, fr;q=0.5", 1},
		{"garbage", 0},
		{"!!!;;;,,,", 0},
		{"x-klingon", 0},
	}
	for _, tt := range tests {
		if got := negotiateLanguage(builtinLanguages, tt.acceptLanguage, true); got != tt.want {
			t.Errorf("negotiateLanguage(%q) = %d, want %d", tt.acceptLanguage, got, tt.want)
		}
	}
}

// TestNegotiateLanguageSkipsBadEntries: a malformed element of Accept-Language (a bad quality, a tag that
// does not parse) is skipped alone; the rest of the list still counts.
func TestNegotiateLanguageSkipsBadEntries(t *testing.T) {
	tests := []struct {
		name, acceptLanguage string
		want                 int // 0 English, 1 French
	}{
		{"bad quality then French", "fr-CA;q=abc, fr", 1},
		{"bad quality after French", "fr, de;q=abc", 1},
		{"quality over 1", "en;q=2, fr;q=0.5", 1},
		{"bad tag then French", "!!!, fr;q=0.5", 1},
		{"overlong tag then French", strings.Repeat("a", 300) + ", fr", 1},
		{"empty range then French", ";q=0.5, fr", 1},
		{"every element bad", "fr;q=x, en-;q=1", 0},
		{"refused French", "fr;q=0, ja", 0},
		{"upper case Q", "en;Q=0.1, fr;q=0.5", 1},
		{"wildcard", "*;q=0.5, fr", 1},
		{"x/text fallback name", "french", 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := negotiateLanguage(builtinLanguages, tt.acceptLanguage, true); got != tt.want {
				t.Errorf("negotiateLanguage(%q) = %d, want %d", tt.acceptLanguage, got, tt.want)
			}
			custom := []Catalog{English(), French(), {Tag: language.German}}
			if got := negotiateLanguage(custom, tt.acceptLanguage, false); got != tt.want {
				t.Errorf("custom: negotiateLanguage(%q) = %d, want %d", tt.acceptLanguage, got, tt.want)
			}
		})
	}
}

// TestNegotiationBounded: Accept and Accept-Language are read up to negotiate.MaxElements elements within
// negotiate.MaxBytes bytes; what lies beyond is ignored, and an element cut by the byte cap is left out.
func TestNegotiationBounded(t *testing.T) {
	elements := func(elem string, n int) string { return strings.Repeat(elem+",", n) }
	pad := strings.Repeat(" ", negotiate.MaxBytes-len("application/xml")) // application/xml ends at the cap
	formats := []struct {
		name, accept string
		want         mediaFormat
	}{
		{"xml as the last element read", elements("text/html", negotiate.MaxElements-1) + "application/xml", formatXML},
		{"xml one element too far", elements("text/html", negotiate.MaxElements) + "application/xml", formatJSON},
		{"xml ends at the byte cap", pad + "application/xml", formatXML},
		{"xml ends at the byte cap, then more", pad + "application/xml, text/html", formatXML},
		{"xml cut by the byte cap", pad + " application/xml", formatJSON},
		{"xml after 1 MiB", strings.Repeat("text/plain;q=0.5, ", 1<<16) + "application/xml", formatJSON},
		{"one element of 1 MiB", "application/xml;" + strings.Repeat("a", 1<<20), formatJSON},
	}
	for _, tt := range formats {
		t.Run("Accept/"+tt.name, func(t *testing.T) {
			if got := negotiateFormat(tt.accept); got != tt.want {
				t.Errorf("negotiateFormat = %s, want %s", got.contentType(), tt.want.contentType())
			}
		})
	}
	padLang := strings.Repeat(" ", negotiate.MaxBytes-len("fr"))
	languages := []struct {
		name, acceptLanguage string
		want                 int
	}{
		{"French as the last element read", elements("de", negotiate.MaxElements-1) + "fr", 1},
		{"French one element too far", elements("de", negotiate.MaxElements) + "fr", 0},
		{"French ends at the byte cap", padLang + "fr", 1},
		{"French cut by the byte cap", padLang + " fr", 0},
		{"French after 1 MiB", strings.Repeat("de;q=0.9, ", 1<<17) + "fr", 0},
		{"French before 1 MiB", "fr, " + strings.Repeat("de;q=0.9, ", 1<<17), 1},
	}
	for _, tt := range languages {
		t.Run("Accept-Language/"+tt.name, func(t *testing.T) {
			if got := negotiateLanguage(builtinLanguages, tt.acceptLanguage, true); got != tt.want {
				t.Errorf("negotiateLanguage = %d, want %d", got, tt.want)
			}
		})
	}
}

// TestLanguageCacheEvicts fills the cache of answers with 100,000 values an attacker might send and checks
// that a browser's value is cached again afterwards: the cache is not poisoned for good.
func TestLanguageCacheEvicts(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000 // still more than any cache of a few thousand values holds
	}
	for i := range n {
		negotiateLanguage(builtinLanguages, "x-junk"+strconv.Itoa(i), true)
	}
	const header = "fr-CH, fr;q=0.9, en;q=0.8"
	if got := negotiateLanguage(builtinLanguages, header, true); got != 1 {
		t.Fatalf("negotiateLanguage(%q) = %d, want 1", header, got)
	}
	if !languageCached(header) {
		t.Errorf("%q is not cached after %d other values", header, n)
	}
}

// languageCached reports whether the built-in catalogs' cache holds the answer for acceptLanguage.
func languageCached(acceptLanguage string) bool {
	_, ok := builtinSet().answers.Get(negotiate.Prefix(acceptLanguage))
	return ok
}
