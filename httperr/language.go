package httperr

import (
	"golang.org/x/text/language"

	"github.com/httperr/toolkit/internal/statustext"
)

// Catalog holds the titles and descriptions of statuses in one language, and the texts of violations. Entries it lacks fall back to the
// built-in catalog of the same language when there is one (French for any French tag, fr-CA included), else
// to English. A Renderer reads a catalog's maps when it renders: do not change them once the Renderer is in
// use.
//
// To add a language, give the Renderer a catalog for it, with the built-in ones it should keep:
//
//	german := httperr.Catalog{Tag: language.German, Titles: map[int]string{404: "Nicht gefunden"}}
//	rd := &httperr.Renderer{Languages: []httperr.Catalog{httperr.English(), httperr.French(), german}}
type Catalog struct {
	// Tag is the language of the catalog, sent as Content-Language.
	Tag language.Tag
	// Titles and Descriptions map status codes to text.
	Titles       map[int]string
	Descriptions map[int]string
	// Violations map the keys of violation texts (a [Violation]'s Message, else its Code) to the text of the
	// detail of a violation that has none, with {param} for its Param and {code} for its Code:
	// "min.string": "muss mindestens {param} Zeichen lang sein". A key the map lacks has the built-in text of
	// the catalog's language, as for titles; a key that has none anywhere has the text of "invalid",
	// "is invalid ({code})". The built-in keys are those of go-playground/validator's common tags:
	// required, email, url, uuid, numeric, alpha, alphanum, oneof, and for min, max, len, gte, lte, gt and lt
	// the key of the tag (a number), with ".string" (a length) or ".items" (a count) after it, and ".one"
	// after those for a Param of 1: "min.string.one".
	Violations map[string]string
}

// English returns the built-in English catalog, the default.
func English() Catalog { return Catalog{Tag: language.English} }

// French returns the built-in French catalog.
func French() Catalog { return Catalog{Tag: language.French} }

// Title returns the title of code that the catalog gives a problem: its own from Titles, else the built-in
// one of its language, else the English one (French().Title(404) is "Ressource introuvable"). An
// unregistered code in a known class gets the class's title; a code outside 100..599 with no entry in Titles
// gets "".
func (c Catalog) Title(code int) string {
	title, _ := c.text(code)
	return title
}

// Description returns the one-sentence description of code that the catalog gives a problem without a
// detail, falling back as [Catalog.Title] does.
func (c Catalog) Description(code int) string {
	_, description := c.text(code)
	return description
}

// builtinLanguages are the catalogs of the zero Renderer, in the order of the built-in catalog's languages
// (langEnglish, the default, then langFrench), and builtinContentLanguages their Content-Language values.
var (
	builtinLanguages        = []Catalog{langEnglish: English(), langFrench: French()}
	builtinContentLanguages = [catalogLangs]string{langEnglish: "en", langFrench: "fr"}
)

// builtinLanguage returns the built-in catalog language (langEnglish or langFrench) that entries missing
// from c fall back to.
func (c *Catalog) builtinLanguage() int {
	switch c.Tag {
	case language.English:
		return langEnglish
	case language.French:
		return langFrench
	}
	if base, _ := c.Tag.Base(); base.String() == "fr" {
		return langFrench
	}
	return langEnglish
}

// text returns the title and description of code in the catalog.
func (c *Catalog) text(code int) (title, description string) {
	title, description = statustext.Text(code, c.builtinLanguage())
	if t, ok := c.Titles[code]; ok {
		title = t
	}
	if d, ok := c.Descriptions[code]; ok {
		description = d
	}
	return title, description
}

// contentLanguage is the Content-Language value for the catalog.
func (c *Catalog) contentLanguage() string {
	switch c.Tag {
	case language.English:
		return "en"
	case language.French:
		return "fr"
	}
	if lang, ok := preparedContentLanguage(c.Tag); ok {
		return lang
	}
	return c.Tag.String()
}
