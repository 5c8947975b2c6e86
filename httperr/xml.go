package httperr

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"github.com/httperr/toolkit/internal/bound"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds the application/problem+xml encoder: the XML form of RFC 9457 appendix B, with arrays as
// <i> elements and objects as child elements.

// appendXML appends d as a problem+xml document.
func (d *document) appendXML(b []byte) []byte {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<problem xmlns="urn:ietf:rfc:7807"><type>`...)
	b = appendXMLText(b, d.typ)
	b = append(b, d.typeSlug...)
	b = append(b, "</type><title>"...)
	b = appendXMLText(b, d.title)
	b = append(b, "</title><status>"...)
	b = strconv.AppendInt(b, int64(d.status), 10)
	b = append(b, "</status>"...)
	if d.detail != "" {
		b = append(b, "<detail>"...)
		b = appendXMLText(b, d.detail)
		b = append(b, d.suffix...) // plain ASCII, nothing to escape
		b = append(b, "</detail>"...)
	}
	if d.instance != "" {
		b = append(b, "<instance>"...)
		b = appendXMLText(b, d.instance)
		b = append(b, "</instance>"...)
	}
	b = d.appendMembers(b, appendXMLMember)
	return append(b, "</problem>\n"...)
}

// errNotXMLName reports an extension member whose name cannot stand as an XML element name.
var errNotXMLName = errors.New("not an XML name")

// skipped is the error of a member written without the object members it names, whose names are not XML
// names: the rest of the value is sent.
type skipped struct {
	names []string // the first few
	n     int
}

func (s *skipped) Error() string {
	var b []byte
	b = append(b, "left out "...)
	for i, name := range s.names {
		if i > 0 {
			b = append(b, ", "...)
		}
		b = strconv.AppendQuote(b, name)
	}
	if more := s.n - len(s.names); more > 0 {
		b = append(b, " and "...)
		b = strconv.AppendInt(b, int64(more), 10)
		b = append(b, " more"...)
	}
	if s.n == 1 {
		return string(append(b, ": not an XML name"...))
	}
	return string(append(b, ": not XML names"...))
}

// appendXMLMember appends <key>value</key>, failing when b would pass limit bytes. On error b is returned as
// it was given, but for a *skipped error, which comes with the member written without the entries it names.
func appendXMLMember(b []byte, key string, value any, limit int) ([]byte, error) {
	if !xmlName(key) {
		return b, errNotXMLName
	}
	x := xmlEncoder{limit: limit}
	b, err := x.element(b, key, value, 0)
	if err == nil && x.skipped != nil {
		return b, x.skipped
	}
	return b, err
}

// xmlEncoder is the state of one member's XML form.
type xmlEncoder struct {
	limit   int      // the length b may not pass
	skipped *skipped // the object members left out, nil for none
}

// skip notes an object member left out for its name.
func (x *xmlEncoder) skip(name string) {
	if x.skipped == nil {
		x.skipped = new(skipped)
	}
	if x.skipped.n++; len(x.skipped.names) < 5 {
		x.skipped.names = append(x.skipped.names, name)
	}
}

// appendXMLText appends s escaped as XML character data. Characters XML 1.0 cannot hold (most control
// characters, invalid UTF-8) become U+FFFD.
func appendXMLText(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		var esc string
		size := 1
		if c < utf8.RuneSelf {
			switch c {
			case '&':
				esc = "&amp;"
			case '<':
				esc = "&lt;"
			case '>':
				esc = "&gt;"
			case '"':
				esc = "&#34;"
			case '\'':
				esc = "&#39;"
			case '\t':
				esc = "&#x9;"
			case '\n':
				esc = "&#xA;"
			case '\r':
				esc = "&#xD;"
			default:
				if c < ' ' || c == 0x7f {
					esc = "\uFFFD"
				}
			}
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			if (r == utf8.RuneError && size == 1) || r == 0xFFFE || r == 0xFFFF || (r >= 0x80 && r <= 0x9f) {
				esc = "\uFFFD"
			}
		}
		if esc != "" {
			b = append(b, s[start:i]...)
			b = append(b, esc...)
			start = i + size
		}
		i += size
	}
	return append(b, s[start:]...)
}

// xmlName reports whether s can stand as an XML element name as it is: a Name of XML 1.0 (fifth edition,
// section 2.3: NameStartChar, then NameChar), without a colon (Namespaces in XML would take it for a prefix
// no declaration binds) and not beginning with "xml" in any case (names reserved for standardization), that
// encoding/xml also reads (see goXMLName).
func xmlName(s string) bool {
	if s == "" || len(s) >= 3 && (s[0]|0x20) == 'x' && (s[1]|0x20) == 'm' && (s[2]|0x20) == 'l' {
		return false
	}
	ascii := true
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			if r, size = utf8.DecodeRuneInString(s[i:]); r == utf8.RuneError && size == 1 {
				return false
			}
		}
		if !xmlNameStart(r) && (i == 0 || !xmlNameChar(r)) {
			return false
		}
		i += size
		ascii = ascii && size == 1
	}
	return ascii || goXMLName(s)
}

// goXMLName reports whether encoding/xml reads the element <s/>, s being a Name without a colon. Its
// decoder checks names against the character classes of XML 1.0 fourth edition (appendix B), which the
// fifth edition's extend, and refuses a whole document that holds a name outside them: a Go client,
// [FromResponse] among them, could read nothing of the problem. Only non-ASCII names get here.
func goXMLName(s string) bool {
	tok, err := xml.NewDecoder(strings.NewReader("<" + s + "/>")).RawToken()
	start, ok := tok.(xml.StartElement)
	return err == nil && ok && start.Name.Local == s
}

// xmlNameStart reports whether r is a NameStartChar of XML 1.0 (fifth edition) other than ':'.
func xmlNameStart(r rune) bool {
	switch {
	case r < utf8.RuneSelf:
		return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
	case r <= 0x2FF:
		return r >= 0xC0 && r != 0xD7 && r != 0xF7
	case r <= 0x1FFF:
		return r >= 0x370 && r != 0x37E
	}
	return r == 0x200C || r == 0x200D || 0x2070 <= r && r <= 0x218F || 0x2C00 <= r && r <= 0x2FEF ||
		0x3001 <= r && r <= 0xD7FF || 0xF900 <= r && r <= 0xFDCF || 0xFDF0 <= r && r <= 0xFFFD ||
		0x10000 <= r && r <= 0xEFFFF
}

// xmlNameChar reports whether r is a NameChar of XML 1.0 (fifth edition) that is not a NameStartChar.
func xmlNameChar(r rune) bool {
	return r == '-' || r == '.' || '0' <= r && r <= '9' || r == 0xB7 || 0x300 <= r && r <= 0x36F ||
		r == 0x203F || r == 0x2040
}

// element appends <name>value</name>, with value in the XML form of RFC 9457 appendix B: arrays as <i>
// elements, objects as child elements, depth levels below the member's own element. On error b is returned
// as it was given.
func (x *xmlEncoder) element(b []byte, name string, v any, depth int) ([]byte, error) {
	if depth > bound.MaxNesting {
		return b, bound.ErrTooDeep
	}
	if len(b) > x.limit {
		return b, bound.ErrTooLarge
	}
	orig := len(b)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	var err error
	if b, err = x.value(b, v, depth); err != nil {
		return b[:orig], err
	}
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>'), nil
}

// value appends v's XML form, for a value inside an element depth levels below the member's own.
func (x *xmlEncoder) value(b []byte, v any, depth int) ([]byte, error) {
	switch v := v.(type) {
	case nil:
		return b, nil
	case string:
		return appendXMLText(b, v), nil
	case []string:
		for _, s := range v {
			b = append(b, "<i>"...)
			b = appendXMLText(b, s)
			b = append(b, "</i>"...)
		}
		return b, nil
	case *violationList:
		return x.value(b, []Violation(*v), depth)
	case []Violation:
		var err error
		for _, vi := range v {
			m := make(map[string]any, len(vi.Extensions)+2)
			for k, val := range vi.Extensions {
				if !violationMember(k) {
					m[k] = val
				}
			}
			if vi.Code != "" { // in place of an Extensions member of that name
				m["code"] = vi.Code
			}
			m["detail"] = vi.Detail
			if vi.Pointer != "" || vi.Parameter == "" && vi.Header == "" {
				m["pointer"] = vi.Pointer
			}
			if vi.Parameter != "" {
				m["parameter"] = vi.Parameter
			}
			if vi.Header != "" {
				m["header"] = vi.Header
			}
			if b, err = x.element(b, "i", m, depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case []any:
		var err error
		for _, e := range v {
			if b, err = x.element(b, "i", e, depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var err error
		for _, k := range keys {
			if !xmlName(k) {
				x.skip(k)
				continue
			}
			if b, err = x.element(b, k, v[k], depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case json.Number:
		n, err := bound.NumberText(v)
		if err != nil {
			return b, err
		}
		return append(b, n...), nil
	}
	// Scalars take their JSON form (numbers, booleans); anything else is decoded from its JSON form, within
	// the same bounds, into generic values and written from those.
	data, err := appendJSONValueAt(nil, v, depth, x.limit-len(b))
	if err != nil {
		return b, err
	}
	if len(data) > 0 && data[0] != '{' && data[0] != '[' && data[0] != '"' {
		if string(data) == "null" {
			return b, nil
		}
		return append(b, data...), nil
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var generic any
	if err := dec.Decode(&generic); err != nil {
		return b, err
	}
	return x.value(b, generic, depth)
}
