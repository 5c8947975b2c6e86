// Package negotiate holds the pieces of content negotiation that package httperr and package httperrdoc
// share, so that each exists once: the quality of an element of an Accept or Accept-Language list, media
// type tokens compared as RFC 9110 compares them, and the choice of a text by its language tag.
//
// It is internal, not exported from package httperr: a user has the Renderer, which negotiates for them,
// and these rules belong to what it sends. httperrdoc reads Accept for its documentation pages and picks a
// problem type's text as the Renderer does, and must agree with it.
package negotiate

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// TokenEqual reports whether a and b are the same token but for ASCII case, as media types are compared
// (RFC 9110 section 8.3.1): strings.EqualFold alone also folds the Kelvin sign to k and ſ to s, and
// comparing the lengths first leaves those out. It also spares an EqualFold call for most elements, which
// httperr's BenchmarkNegotiateFormat shows (figures in docs/performance.md).
func TokenEqual(a, b string) bool {
	return len(a) == len(b) && strings.EqualFold(a, b)
}

// Quality returns the q parameter among the parameters of a list element (what follows its first ';') as
// thousandths, 1000 when absent, and whether it is a valid qvalue (RFC 9110 section 12.4.2).
func Quality(params string) (int, bool) {
	for params != "" {
		var p string
		p, params, _ = strings.Cut(params, ";")
		name, value, _ := strings.Cut(p, "=")
		if !strings.EqualFold(strings.TrimSpace(name), "q") {
			continue
		}
		value = strings.TrimSpace(value)
		// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )
		if value == "" || len(value) > 5 || (value[0] != '0' && value[0] != '1') {
			return 0, false
		}
		whole := int(value[0]-'0') * 1000
		if len(value) == 1 {
			return whole, true
		}
		if value[1] != '.' {
			return 0, false
		}
		frac := value[2:]
		n, err := strconv.Atoi(frac + "000"[len(frac):])
		if frac != "" && (err != nil || frac[0] == '+' || frac[0] == '-') {
			return 0, false
		}
		if whole+n > 1000 {
			return 0, false
		}
		return whole + n, true
	}
	return 1000, true
}

// Pick returns the item whose tag (as tagOf gives it) is want, else the first of want's base language
// (French for fr-CA), else the first item, the default; false when there are none. It is how a problem
// type's text is chosen for a language.
func Pick[T any](items []T, want language.Tag, tagOf func(T) language.Tag) (T, bool) {
	if len(items) == 0 {
		var zero T
		return zero, false
	}
	for _, it := range items {
		if tagOf(it) == want {
			return it, true
		}
	}
	base, _ := want.Base()
	for _, it := range items {
		if b, _ := tagOf(it).Base(); b == base {
			return it, true
		}
	}
	return items[0], true
}
