package httperr

import (
	"github.com/httperr/toolkit/internal/negotiate"
	"sync"

	"golang.org/x/text/language"
)

// Matching an Accept-Language value with x/text takes microseconds and a dozen allocations (building its
// matcher, two hundred more), and a server sees few distinct values: browsers send one per locale setting.
// So each list of catalog languages is prepared once, as a languageSet (x/text's matcher for its tags), and
// the set caches its answers by Accept-Language value.

// languageSet is a list of catalog language tags prepared for negotiation. It is immutable but for its cache.
type languageSet struct {
	tags []language.Tag
	// contentLanguages holds the Content-Language field value of each tag, shared by every response.
	contentLanguages [][]string
	matcher          language.Matcher
	answers          *negotiate.Cache
}

// newLanguageSet prepares the tags of langs.
func newLanguageSet(langs []Catalog) *languageSet {
	s := &languageSet{
		tags:             make([]language.Tag, len(langs)),
		contentLanguages: make([][]string, len(langs)),
		answers:          negotiate.NewCache(),
	}
	for i := range langs {
		s.tags[i] = langs[i].Tag
		s.contentLanguages[i] = []string{langs[i].Tag.String()}
	}
	s.matcher = language.NewMatcher(s.tags)
	return s
}

// negotiate returns the index of the tag that suits acceptLanguage, from the cache when it has the answer.
func (s *languageSet) negotiate(acceptLanguage string) int {
	if i, ok := s.answers.Get(acceptLanguage); ok {
		return i
	}
	i := negotiate.Match(s.matcher, acceptLanguage)
	s.answers.Put(acceptLanguage, i)
	return i
}

// of reports whether s was prepared from catalogs with the tags of langs, in their order.
func (s *languageSet) of(langs []Catalog) bool {
	if len(s.tags) != len(langs) {
		return false
	}
	for i := range langs {
		if s.tags[i] != langs[i].Tag {
			return false
		}
	}
	return true
}

// The built-in catalogs' set is prepared on first use, not at package initialization: every importer would
// pay for it (its matcher takes 32 allocations), client-only users included.
var (
	builtinOnce     sync.Once
	builtinPrepared *languageSet
)

// builtinSet returns the prepared set of builtinLanguages.
func builtinSet() *languageSet {
	builtinOnce.Do(func() { builtinPrepared = newLanguageSet(builtinLanguages) })
	return builtinPrepared
}

// builtinMatcher is x/text's matcher for the built-in catalogs, prepared on first use.
var builtinMatcher language.Matcher = builtinMatch{}

// builtinMatch is the [language.Matcher] of builtinSet.
type builtinMatch struct{}

// Match implements [language.Matcher].
func (builtinMatch) Match(t ...language.Tag) (language.Tag, int, language.Confidence) {
	return builtinSet().matcher.Match(t...)
}

// Sets of custom Languages are kept in a short list, found by their tags (compared, not hashed: a Renderer's
// Languages may change between two renders, or be a copy), so that a Renderer needs no field to hold its set
// and stays a plain value that can be copied. A program with more than maxLanguageSets lists in turn
// replaces the oldest, and prepares its sets again as they come back.
const maxLanguageSets = 8

var languageSets prepared[*languageSet]

// languageSetOf returns the prepared set of the tags of langs, preparing it if needed.
func languageSetOf(langs []Catalog) *languageSet {
	return languageSets.find(func(s *languageSet) bool { return s.of(langs) }, func() *languageSet { return newLanguageSet(langs) },
		maxLanguageSets, true)
}

// preparedContentLanguage returns the Content-Language value of tag prepared by a set of custom Languages:
// a tag with a region or a script would allocate its string on every render.
func preparedContentLanguage(tag language.Tag) (string, bool) {
	if list := languageSets.list.Load(); list != nil {
		for _, s := range *list {
			for i, t := range s.tags {
				if t == tag {
					return s.contentLanguages[i][0], true
				}
			}
		}
	}
	return "", false
}

// contentLanguageField returns the Content-Language field value for lang, a []string{lang} shared by every
// response when a set of custom Languages has prepared it.
func contentLanguageField(lang string) []string {
	if list := languageSets.list.Load(); list != nil {
		for _, s := range *list {
			for _, v := range s.contentLanguages {
				if v[0] == lang {
					return v
				}
			}
		}
	}
	return []string{lang}
}
