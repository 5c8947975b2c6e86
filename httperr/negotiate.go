package httperr

import (
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/text/language"
)

// Format is the media type a problem is rendered in.
type Format int

const (
	// JSON is application/problem+json (RFC 9457 section 3), the default.
	JSON Format = iota
	// XML is application/problem+xml (RFC 9457 appendix B).
	XML
)

// ContentType returns the media type of the format.
func (f Format) ContentType() string {
	if f == XML {
		return "application/problem+xml"
	}
	return "application/problem+json"
}

// NegotiateFormat picks the format for an Accept header field value (RFC 9110 section 12.5.1): XML when the
// client prefers application/problem+xml or application/xml, by quality, over application/problem+json and
// application/json; JSON otherwise, including for an empty, malformed or unrelated Accept. An error is never
// turned into a 406. It does not allocate.
func NegotiateFormat(accept string) Format {
	if accept == "" {
		return JSON
	}
	// Quality of each candidate and the specificity of the range that gave it: 3 exact, 2 type/*, 1 */*.
	var q, spec [4]int
	candidates := [4]string{"application/problem+json", "application/json", "application/problem+xml", "application/xml"}
	for rest := accept; rest != ""; {
		var part string
		part, rest, _ = strings.Cut(rest, ",")
		mediaRange, params, _ := strings.Cut(part, ";")
		mediaRange = strings.TrimSpace(mediaRange)
		quality, ok := parseQuality(params)
		if !ok {
			continue
		}
		for i, c := range candidates {
			s := 0
			switch {
			case strings.EqualFold(mediaRange, c):
				s = 3
			case strings.EqualFold(mediaRange, "application/*"):
				s = 2
			case mediaRange == "*/*":
				s = 1
			}
			if s > spec[i] {
				spec[i], q[i] = s, quality
			}
		}
	}
	if max(q[2], q[3]) > max(q[0], q[1]) {
		return XML
	}
	return JSON
}

// parseQuality returns the q parameter among params as thousandths (1000 when absent) and whether it is valid.
func parseQuality(params string) (int, bool) {
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

// Catalog holds the titles and descriptions of statuses in one language. Entries it lacks fall back to the
// built-in catalog of the same language when there is one, else to English.
type Catalog struct {
	// Tag is the language of the catalog, sent as Content-Language.
	Tag language.Tag
	// Titles and Descriptions map status codes to text.
	Titles       map[int]string
	Descriptions map[int]string
}

// English returns the built-in English catalog, the default.
func English() Catalog { return Catalog{Tag: language.English} }

// French returns the built-in French catalog.
func French() Catalog { return Catalog{Tag: language.French} }

// builtinLanguages are the catalogs of the zero Renderer: English first, the default.
var (
	builtinLanguages = []Catalog{langEnglish: English(), langFrench: French()}
	// builtinContentLanguages are their Content-Language values.
	builtinContentLanguages = [catalogLangs]string{langEnglish: "en", langFrench: "fr"}
	builtinMatcher          = language.NewMatcher([]language.Tag{language.English, language.French})
)

// text returns the title and description of code in the catalog.
func (c *Catalog) text(code int) (title, description string) {
	lang := langEnglish
	switch c.Tag {
	case language.English:
	case language.French:
		lang = langFrench
	default:
		if base, _ := c.Tag.Base(); base.String() == "fr" {
			lang = langFrench
		}
	}
	title, description = catalogText(code, lang)
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
	if c.Tag == language.English {
		return "en"
	}
	if c.Tag == language.French {
		return "fr"
	}
	return c.Tag.String()
}

// negotiateLanguage returns the index in langs of the catalog that suits an Accept-Language header field
// value (RFC 9110 section 12.5.4); 0, the default, when none does.
func negotiateLanguage(langs []Catalog, acceptLanguage string, builtin bool) int {
	if acceptLanguage == "" || len(langs) < 2 {
		return 0
	}
	if builtin {
		return builtinLanguage(acceptLanguage)
	}
	tags := make([]language.Tag, len(langs))
	for i := range langs {
		tags[i] = langs[i].Tag
	}
	_, i := language.MatchStrings(language.NewMatcher(tags), acceptLanguage)
	return i
}

// Matching an Accept-Language value with x/text takes microseconds and a dozen allocations, and a server sees
// few distinct values (browsers send one per locale setting): the built-in catalogs' answers are cached by
// value, up to languageCacheMax values of at most languageCacheKeyMax bytes. Beyond that, values are matched
// every time, with the same result.
const (
	languageCacheMax    = 4096
	languageCacheKeyMax = 256
)

var (
	languageCache     sync.Map // Accept-Language value -> index in builtinLanguages
	languageCacheSize atomic.Int64
)

// builtinLanguage is negotiateLanguage for the built-in catalogs.
func builtinLanguage(acceptLanguage string) int {
	if i, ok := languageCache.Load(acceptLanguage); ok {
		return i.(int)
	}
	_, i := language.MatchStrings(builtinMatcher, acceptLanguage)
	if len(acceptLanguage) <= languageCacheKeyMax && languageCacheSize.Load() < languageCacheMax {
		// A copy of the key: the value may be a slice of a larger buffer that the cache must not keep alive.
		if _, loaded := languageCache.LoadOrStore(strings.Clone(acceptLanguage), i); !loaded {
			languageCacheSize.Add(1)
		}
	}
	return i
}
