package negotiate

import (
	"slices"
	"strings"

	"golang.org/x/text/language"
)

// Negotiation reads at most the first MaxElements elements of an Accept or Accept-Language list,
// within its first MaxBytes bytes; an element that the byte cap cuts is left out, and so is
// everything after. No browser comes near either cap (their Accept is under 300 bytes and 10 elements,
// their Accept-Language a few dozen bytes), and they bound the work a hostile value can cause
// (BenchmarkRenderHostileHeaders in package httperr: a 1 MiB Accept-Language, matched whole by x/text).
const (
	MaxBytes    = 1024
	MaxElements = 32
)

// Prefix returns the beginning of the comma-separated list v that negotiation reads: its first MaxElements
// elements within its first MaxBytes bytes.
func Prefix(v string) string {
	if len(v) > MaxBytes {
		cut := v[:MaxBytes]
		if v[MaxBytes] != ',' { // the last element goes on past the cap
			cut = cut[:max(strings.LastIndexByte(cut, ','), 0)]
		}
		v = cut
	}
	for i, n := 0, 0; ; n++ {
		j := strings.IndexByte(v[i:], ',')
		if j < 0 {
			return v
		}
		if n == MaxElements-1 {
			return v[:i+j]
		}
		i += j + 1
	}
}

// Match returns the index of the tag that matcher finds for acceptLanguage; 0, the matcher's default, when
// it finds none.
func Match(matcher language.Matcher, acceptLanguage string) int {
	desired := languages(acceptLanguage)
	if len(desired) == 0 {
		return 0
	}
	if _, i, confidence := matcher.Match(desired...); confidence != language.No {
		return i
	}
	return 0
}

// languages returns the language ranges of an Accept-Language value, most preferred first (a stable
// sort by quality): as x/text's ParseAcceptLanguage reads them, except that an element with a malformed tag
// or quality is skipped alone where x/text drops the whole value, and that qualities follow RFC 9110
// section 12.4.2 (0 to 1 with three decimals at most; q=0, not acceptable, is left out).
func languages(acceptLanguage string) []language.Tag {
	type weighted struct {
		tag     language.Tag
		quality int
	}
	var buf [MaxElements]weighted
	list := buf[:0]
	for rest := acceptLanguage; rest != "" && len(list) < len(buf); {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		lang, params, _ := strings.Cut(part, ";")
		lang = strings.TrimSpace(lang)
		quality, ok := Quality(params)
		if lang == "" || !ok || quality == 0 {
			continue
		}
		tag, err := language.Parse(lang)
		if err != nil {
			if tag, ok = fallback(lang); !ok {
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

// fallback gives the tag that x/text's ParseAcceptLanguage reads for a value that is not a language
// tag: the wildcard (RFC 9110 section 12.5.4; "mul", multiple languages) and four English names of
// languages that it sees in real headers.
func fallback(lang string) (language.Tag, bool) {
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
