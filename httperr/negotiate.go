package httperr

import (
	"strings"

	"github.com/httperr/toolkit/internal/negotiate"
)

// mediaFormat is the media type a problem is rendered in.
type mediaFormat int

const (
	// formatJSON is application/problem+json (RFC 9457 section 3), the default.
	formatJSON mediaFormat = iota
	// formatXML is application/problem+xml (RFC 9457 appendix B).
	formatXML
)

// contentType returns the media type of the format.
func (f mediaFormat) contentType() string {
	if f == formatXML {
		return "application/problem+xml"
	}
	return "application/problem+json"
}

// negotiateFormat picks the format for an Accept header field value (RFC 9110 section 12.5.1): XML when the
// client prefers application/problem+xml or application/xml, by quality, over application/problem+json and
// application/json; JSON otherwise, including for an empty, malformed or unrelated Accept. An error is never
// turned into a 406. Only the first 32 elements within the first 1,024 bytes count. It does not allocate.
func negotiateFormat(accept string) mediaFormat {
	accept = negotiate.Prefix(accept)
	if accept == "" {
		return formatJSON
	}
	// Quality of each candidate and the specificity of the range that gave it: 3 exact, 2 type/*, 1 */*.
	var q, spec [4]int
	candidates := [4]string{"application/problem+json", "application/json", "application/problem+xml", "application/xml"}
	for rest := accept; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		mediaRange, params, _ := strings.Cut(part, ";")
		mediaRange = strings.TrimSpace(mediaRange)
		quality, ok := negotiate.Quality(params)
		if !ok {
			continue
		}
		wildcard := 0
		switch {
		case mediaRange == "*/*":
			wildcard = 1
		case negotiate.TokenEqual(mediaRange, "application/*"):
			wildcard = 2
		}
		for i, c := range candidates {
			s := wildcard
			if s == 0 && negotiate.TokenEqual(mediaRange, c) {
				s = 3
			}
			if s > spec[i] {
				spec[i], q[i] = s, quality
			}
		}
	}
	if max(q[2], q[3]) > max(q[0], q[1]) {
		return formatXML
	}
	return formatJSON
}

// negotiateLanguage returns the index in langs of the catalog that suits an Accept-Language header field
// value (RFC 9110 section 12.5.4); 0, the default, when none does. builtin says that langs are
// builtinLanguages. The answer is x/text's for the language ranges of the value's negotiated beginning
// (negotiationPrefix), read by acceptLanguages; it is cached by that beginning.
func negotiateLanguage(langs []Catalog, acceptLanguage string, builtin bool) int {
	if acceptLanguage == "" || len(langs) < 2 {
		return 0
	}
	var set *languageSet
	if builtin {
		set = builtinSet()
	} else {
		set = languageSetOf(langs)
	}
	return set.negotiate(negotiate.Prefix(acceptLanguage))
}
