// Package statustext holds the text of the status catalog of package httperr: the English and French title
// and description of every code 100..599 (table.go), the slugs that end a TypeBase's type URIs, and the
// built-in texts of violations (violations.go). It is data and lookups, shared by httperr and httperrdoc;
// lookups index fixed arrays and never allocate.
package statustext

import "sync"

// The languages of the built-in texts, the indexes of every [Text] lookup.
const (
	English = 0
	French  = 1
	// Langs is the number of built-in languages.
	Langs = 2
)

// Registered reports whether code is in the catalog (IANA registry or seed).
func Registered(code int) bool {
	return code >= 100 && code <= 599 && catalog[code].text[English].title != ""
}

// Text returns title and description of code in lang (English or French); an unregistered code of a
// known class gets its class's ("Client Error", in French "Erreur du client"); an unknown language falls
// back to English; a code outside 100..599 gets empty strings. It does not allocate.
func Text(code int, lang int) (title, description string) {
	if code < 100 || code > 599 {
		return "", ""
	}
	if lang < 0 || lang >= Langs {
		lang = English
	}
	e := &catalog[code]
	if e.text[English].title == "" {
		e = &classCatalog[code/100]
	}
	t := &e.text[lang]
	return t.title, t.description
}

// ClassText returns the title and description of class (the first digit of a code, 1..5) in lang, as
// [Text] gives them to an unregistered code of that class; a class outside 1..5 gets empty strings.
func ClassText(class int, lang int) (title, description string) {
	if class < 1 || class > 5 {
		return "", ""
	}
	return Text(class*100+99, lang) // x99 is registered in no class
}

// Slug returns the lowercase hyphenated form of code's English title that a Renderer's TypeBase ends the
// type URI of a plain status with: 404 "not-found", 413 "content-too-large", 418 "im-a-teapot"; a code the
// catalog lacks gets its class's ("client-error" for 499), a code outside 100..599 "". The slugs are
// computed together on first use; then Slug does not allocate.
func Slug(code int) string {
	if code < 100 || code > 599 {
		return ""
	}
	slugsOnce.Do(buildCatalogSlugs)
	return catalogSlugs[code]
}

// catalogSlugs holds the slug of every code in 100..599, indexed by code. It is
// built on first use, not at package initialization, which every importer
// would pay for (500 allocations), client-only users included.
var (
	slugsOnce    sync.Once
	catalogSlugs [600]string
)

// buildCatalogSlugs computes the slug of every code in 100..599.
func buildCatalogSlugs() {
	for code := 100; code <= 599; code++ {
		title, _ := Text(code, English)
		catalogSlugs[code] = slugifyTitle(title)
	}
}

// slugifyTitle lowercases title, drops every character other than ASCII letters,
// digits, spaces and hyphens, and joins the remaining words with single
// hyphens: "I'm a teapot" -> "im-a-teapot".
func slugifyTitle(title string) string {
	b := make([]byte, 0, len(title))
	sep := false
	for i := 0; i < len(title); i++ {
		c := title[i]
		switch {
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
		case c == ' ' || c == '-':
			sep = len(b) > 0
			continue
		default:
			continue
		}
		if sep {
			b = append(b, '-')
			sep = false
		}
		b = append(b, c)
	}
	return string(b)
}
