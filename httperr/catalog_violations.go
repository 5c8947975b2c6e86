package httperr

import (
	"cmp"
	"strings"
)

// This file holds the texts of violations that carry a Code and no Detail (see [Violation]): the built-in
// English and French ones, for go-playground/validator's common tags, and their choice at render time in the
// problem's language.

// violationTexts holds the built-in text of a key in each built-in language, indexed by langEnglish and
// langFrench.
type violationTexts [catalogLangs]string

// builtinViolationText returns the built-in text of key, for go-playground/validator's common tags (see
// [Catalog.Violations]), in language lang. A switch rather than a map: no cost at package initialization.
// The English texts are those of httperrvalidator.Map's details.
func builtinViolationText(key string, lang int) (string, bool) {
	var t violationTexts
	switch key {
	case "required":
		t = violationTexts{"is required", "est obligatoire"}
	case "email":
		t = violationTexts{"must be an email address", "doit être une adresse e-mail"}
	case "url":
		t = violationTexts{"must be a URL", "doit être une URL"}
	case "uuid":
		t = violationTexts{"must be a UUID", "doit être un UUID"}
	case "numeric":
		t = violationTexts{"must be numeric", "doit être numérique"}
	case "alpha":
		t = violationTexts{"must contain only letters", "ne doit contenir que des lettres"}
	case "alphanum":
		t = violationTexts{"must contain only letters and digits", "ne doit contenir que des lettres et des chiffres"}
	case "oneof":
		t = violationTexts{"must be one of {param}", "doit être l'une des valeurs {param}"}
	case "min", "gte":
		t = violationTexts{"must be at least {param}", "doit valoir au moins {param}"}
	case "min.string", "gte.string":
		t = violationTexts{"must be at least {param} characters long", "doit contenir au moins {param} caractères"}
	case "min.string.one", "gte.string.one":
		t = violationTexts{"must be at least {param} character long", "doit contenir au moins {param} caractère"}
	case "min.items", "gte.items":
		t = violationTexts{"must have at least {param} items", "doit contenir au moins {param} éléments"}
	case "min.items.one", "gte.items.one":
		t = violationTexts{"must have at least {param} item", "doit contenir au moins {param} élément"}
	case "max", "lte":
		t = violationTexts{"must be at most {param}", "doit valoir au plus {param}"}
	case "max.string", "lte.string":
		t = violationTexts{"must be at most {param} characters long", "doit contenir au plus {param} caractères"}
	case "max.string.one", "lte.string.one":
		t = violationTexts{"must be at most {param} character long", "doit contenir au plus {param} caractère"}
	case "max.items", "lte.items":
		t = violationTexts{"must have at most {param} items", "doit contenir au plus {param} éléments"}
	case "max.items.one", "lte.items.one":
		t = violationTexts{"must have at most {param} item", "doit contenir au plus {param} élément"}
	case "len":
		t = violationTexts{"must be {param}", "doit valoir {param}"}
	case "len.string":
		t = violationTexts{"must be exactly {param} characters long", "doit contenir exactement {param} caractères"}
	case "len.string.one":
		t = violationTexts{"must be exactly {param} character long", "doit contenir exactement {param} caractère"}
	case "len.items":
		t = violationTexts{"must have exactly {param} items", "doit contenir exactement {param} éléments"}
	case "len.items.one":
		t = violationTexts{"must have exactly {param} item", "doit contenir exactement {param} élément"}
	case "gt":
		t = violationTexts{"must be greater than {param}", "doit valoir plus de {param}"}
	case "gt.string":
		t = violationTexts{"must be more than {param} characters long", "doit contenir plus de {param} caractères"}
	case "gt.string.one":
		t = violationTexts{"must be more than {param} character long", "doit contenir plus de {param} caractère"}
	case "gt.items":
		t = violationTexts{"must have more than {param} items", "doit contenir plus de {param} éléments"}
	case "gt.items.one":
		t = violationTexts{"must have more than {param} item", "doit contenir plus de {param} élément"}
	case "lt":
		t = violationTexts{"must be less than {param}", "doit valoir moins de {param}"}
	case "lt.string":
		t = violationTexts{"must be less than {param} characters long", "doit contenir moins de {param} caractères"}
	case "lt.string.one":
		t = violationTexts{"must be less than {param} character long", "doit contenir moins de {param} caractère"}
	case "lt.items":
		t = violationTexts{"must have fewer than {param} items", "doit contenir moins de {param} éléments"}
	case "lt.items.one":
		t = violationTexts{"must have fewer than {param} item", "doit contenir moins de {param} élément"}
	case "invalid":
		t = violationTexts{"is invalid ({code})", "est invalide ({code})"}
	default:
		return "", false
	}
	return t[lang], true
}

// violationText returns the text of key in catalog cat, nil for the built-in one of language lang.
func violationText(cat *Catalog, lang int, key string) (string, bool) {
	if cat != nil {
		if t, ok := cat.Violations[key]; ok {
			return t, true
		}
	}
	return builtinViolationText(key, lang)
}

// needsText reports whether v's detail comes from a catalog: it has a Code or a Message, and no Detail.
func needsText(v *Violation) bool {
	return v.Detail == "" && (v.Code != "" || v.Message != "")
}

// localize returns value with the detail of each of its violations that has none but a Code or a Message
// written in catalog cat (nil for the built-in one of language lang); value itself when it holds no
// violations or none needs a text, so that a problem without them costs nothing. Only the "errors" list and
// violations that are a member's whole value are written so.
func localize(value any, cat *Catalog, lang int) any {
	var vs []Violation
	switch x := value.(type) {
	case *violationList:
		vs = *x
	case []Violation:
		vs = x
	default:
		return value
	}
	i := 0
	for i < len(vs) && !needsText(&vs[i]) {
		i++
	}
	if i == len(vs) {
		return value
	}
	out := make([]Violation, len(vs)) // the *Error's own violations are never written to
	copy(out, vs)
	for ; i < len(out); i++ {
		if v := &out[i]; needsText(v) {
			v.Detail = v.text(cat, lang)
		}
	}
	return out
}

// text returns the detail of v, which has none, in catalog cat (nil for the built-in one of language
// lang): the text of its Message, else of its Code, else of "invalid", with {param} and {code} replaced.
func (v *Violation) text(cat *Catalog, lang int) string {
	t, ok := violationText(cat, lang, cmp.Or(v.Message, v.Code))
	if !ok {
		t, _ = violationText(cat, lang, "invalid")
	}
	if !strings.Contains(t, "{") {
		return t
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		if i < 0 {
			break
		}
		b.WriteString(t[:i])
		switch rest := t[i:]; {
		case strings.HasPrefix(rest, "{param}"):
			b.WriteString(v.Param)
			t = rest[len("{param}"):]
		case strings.HasPrefix(rest, "{code}"):
			b.WriteString(cmp.Or(v.Code, v.Message))
			t = rest[len("{code}"):]
		default:
			b.WriteByte('{')
			t = rest[1:]
		}
	}
	b.WriteString(t)
	return b.String()
}
