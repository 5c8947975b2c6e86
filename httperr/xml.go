package httperr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// This file holds the application/problem+xml encoder: the XML form of RFC 9457 appendix B, with arrays as
// <i> elements and objects as child elements.

// appendXML appends d as a problem+xml document.
func (d *document) appendXML(b []byte) []byte {
	b = append(b, `<?xml version="1.0" encoding="UTF-8"?>`+"\n"+`<problem xmlns="urn:ietf:rfc:7807"><type>`...)
	b = appendXMLText(b, d.typ)
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

// appendXMLMember appends <key>value</key>. On error b is returned as it was given.
func appendXMLMember(b []byte, key string, value any) ([]byte, error) {
	if !xmlName(key) {
		return b, errNotXMLName
	}
	return appendXMLElement(b, key, value)
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

// xmlName reports whether s can stand as an XML element name as it is: a letter or underscore, then letters,
// digits, '_', '-' or '.', and not beginning with "xml" in any case.
func xmlName(s string) bool {
	if s == "" || len(s) >= 3 && (s[0]|0x20) == 'x' && (s[1]|0x20) == 'm' && (s[2]|0x20) == 'l' {
		return false
	}
	for i, r := range s {
		letter := r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
		if i == 0 && !letter {
			return false
		}
		if !letter && !(r >= '0' && r <= '9') && r != '-' && r != '.' {
			return false
		}
	}
	return true
}

// appendXMLElement appends <name>value</name>, with value in the XML form of RFC 9457 appendix B: arrays
// as <i> elements, objects as child elements. On error b is returned as it was given.
func appendXMLElement(b []byte, name string, v any) ([]byte, error) {
	return appendXMLElementAt(b, name, v, 0)
}

// maxXMLNesting bounds how deeply elements nest in the XML form of an extension value, so that a map or slice
// that holds itself (a cycle, which encoding/json refuses in JSON) cannot recurse until the stack overflows.
const maxXMLNesting = 100

// errTooDeep reports an extension value nested deeper than maxXMLNesting.
var errTooDeep = errors.New("value nested too deeply for XML (a cycle?)")

// appendXMLElementAt is appendXMLElement for an element depth levels inside the extension member.
func appendXMLElementAt(b []byte, name string, v any, depth int) ([]byte, error) {
	if depth > maxXMLNesting {
		return b, errTooDeep
	}
	orig := len(b)
	b = append(b, '<')
	b = append(b, name...)
	b = append(b, '>')
	var err error
	if b, err = appendXMLValue(b, v, depth); err != nil {
		return b[:orig], err
	}
	b = append(b, "</"...)
	b = append(b, name...)
	return append(b, '>'), nil
}

func appendXMLValue(b []byte, v any, depth int) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return b, nil
	case string:
		return appendXMLText(b, x), nil
	case []string:
		for _, s := range x {
			b = append(b, "<i>"...)
			b = appendXMLText(b, s)
			b = append(b, "</i>"...)
		}
		return b, nil
	case *violationList:
		return appendXMLValue(b, []Violation(*x), depth)
	case []Violation:
		var err error
		for _, vi := range x {
			m := make(map[string]any, len(vi.Extensions)+2)
			for k, val := range vi.Extensions {
				if !violationMember(k) {
					m[k] = val
				}
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
			if b, err = appendXMLElementAt(b, "i", m, depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case []any:
		var err error
		for _, e := range x {
			if b, err = appendXMLElementAt(b, "i", e, depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		var err error
		for _, k := range keys {
			if !xmlName(k) {
				return b, fmt.Errorf("member name %q is not an XML name", k)
			}
			if b, err = appendXMLElementAt(b, k, x[k], depth+1); err != nil {
				return b, err
			}
		}
		return b, nil
	case json.Number:
		return append(b, x...), nil
	}
	// Scalars take their JSON form (numbers, booleans); anything else is decoded from its JSON form into
	// generic values and written from those.
	data, err := appendJSONValue(nil, v)
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
	return appendXMLValue(b, generic, depth)
}
