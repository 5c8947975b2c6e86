package httperr

import (
	"slices"
	"strings"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/internal/negotiate"
)

// Negotiation reads at most the first maxNegotiationElements elements of an Accept or Accept-Language list,
// within its first maxNegotiationBytes bytes; an element that the byte cap cuts is left out, and so is
// everything after. No browser comes near either cap (their Accept is under 300 bytes and 10 elements,
// their Accept-Language a few dozen bytes), and they bound the work a hostile value can cause: matching a
// 1 MiB Accept-Language with x/text took 72 to 95 ms, every time.
const (
	maxNegotiationBytes    = 1024
	maxNegotiationElements = 32
)

// negotiationPrefix returns the beginning of the comma-separated list v that negotiation reads.
func negotiationPrefix(v string) string {
	if len(v) > maxNegotiationBytes {
		cut := v[:maxNegotiationBytes]
		if v[maxNegotiationBytes] != ',' { // the last element goes on past the cap
			cut = cut[:max(strings.LastIndexByte(cut, ','), 0)]
		}
		v = cut
	}
	for i, n := 0, 0; ; n++ {
		j := strings.IndexByte(v[i:], ',')
		if j < 0 {
			return v
		}
		if n == maxNegotiationElements-1 {
			return v[:i+j]
		}
		i += j + 1
	}
}

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
	accept = negotiationPrefix(accept)
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
	return set.negotiate(negotiationPrefix(acceptLanguage))
}

// matchLanguage returns the index of the tag that matcher finds for acceptLanguage; 0, the matcher's default, when
// it finds none.
func matchLanguage(matcher language.Matcher, acceptLanguage string) int {
	desired := acceptLanguages(acceptLanguage)
	if len(desired) == 0 {
		return 0
	}
	if _, i, confidence := matcher.Match(desired...); confidence != language.No {
		return i
	}
	return 0
}

// acceptLanguages returns the language ranges of an Accept-Language value, most preferred first (a stable
// sort by quality): as x/text's ParseAcceptLanguage reads them, except that an element with a malformed tag
// or quality is skipped alone where x/text drops the whole value, and that qualities follow RFC 9110
// section 12.4.2 (0 to 1 with three decimals at most; q=0, not acceptable, is left out).
func acceptLanguages(acceptLanguage string) []language.Tag {
	type weighted struct {
		tag     language.Tag
		quality int
	}
	var buf [maxNegotiationElements]weighted
	list := buf[:0]
	for rest := acceptLanguage; rest != "" && len(list) < len(buf); {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		lang, params, _ := strings.Cut(part, ";")
		lang = strings.TrimSpace(lang)
		quality, ok := negotiate.Quality(params)
		if lang == "" || !ok || quality == 0 {
			continue
		}
		tag, err := language.Parse(lang)
		if err != nil {
			if tag, ok = acceptFallback(lang); !ok {
				continue
			}
		}
		list = append(list, weighted{tag, quality})
	}
	slices.SortStableFunc(list, func(a, b weighted) int { return b.quality - a.quality })
	tags := make([]language.Tag, len(list))
	for i, w := range list {
		tags[i] = w.tag
	}
	return tags
}

// acceptFallback gives the tag that x/text's ParseAcceptLanguage reads for a value that is not a language
// tag: the wildcard (RFC 9110 section 12.5.4; "mul", multiple languages) and four English names of
// languages that it sees in real headers.
func acceptFallback(lang string) (language.Tag, bool) {
	switch lang {
	case "*":
		return language.Make("mul"), true
	case "english":
		return language.English, true
	case "deutsch":
		return language.German, true
	case "italian":
		return language.Italian, true
	case "french":
		return language.French, true
	}
	return language.Tag{}, false
}
