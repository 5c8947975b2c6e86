package httperr

import (
	"cmp"
	"github.com/httperr/toolkit/internal/statustext"
	"strings"
)

// This file holds the texts of violations that carry a Code and no Detail (see [Violation]): the built-in
// English and French ones, for go-playground/validator's common tags, and their choice at render time in the
// problem's language.

// violationText returns the text of key in catalog cat, nil for the built-in one of language lang.
func violationText(cat *Catalog, lang int, key string) (string, bool) {
	if cat != nil {
		if t, ok := cat.Violations[key]; ok {
			return t, true
		}
	}
	return statustext.Violation(key, lang)
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
