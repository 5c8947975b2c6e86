package httperr

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"unicode/utf8"
)

// This file holds the byte-level encoders behind the renderer: JSON written as encoding/json writes it
// (HTML-safe escaping, ES6 number form), and the XML of RFC 9457 appendix B. Common extension values take an
// allocation-free path; the rest go through encoding/json, so the output has the same form either way.

const hexDigits = "0123456789abcdef"

// jsonSafe marks the ASCII bytes that appear in a JSON string as they are, HTML-sensitive ones excluded.
var jsonSafe = func() (t [utf8.RuneSelf]bool) {
	for c := ' '; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
	}
	return t
}()

// appendJSONString appends s as a JSON string, escaped as encoding/json escapes it: <, > and & as \u00XX,
// U+2028 and U+2029 escaped, invalid UTF-8 replaced by U+FFFD.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if jsonSafe[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
		case r == '\u2028' || r == '\u2029':
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
		default:
			i += size
			continue
		}
		i += size
		start = i
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// errUnsupported reports a value with no JSON form, such as NaN.
var errUnsupported = errors.New("value has no JSON form")

// appendJSONFloat appends f as encoding/json does: ES6 number form, exponent without padding.
func appendJSONFloat(b []byte, f float64, bits int) ([]byte, error) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		return b, errUnsupported
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 {
		if bits == 64 && (a < 1e-6 || a >= 1e21) || bits == 32 && (float32(a) < 1e-6 || float32(a) >= 1e21) {
			format = 'e'
		}
	}
	b = strconv.AppendFloat(b, f, format, -1, bits)
	if format == 'e' {
		// e-07 -> e-7
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	return b, nil
}

// appendJSONValue appends v in JSON. Strings, booleans, numbers, nil, []string and []Violation take a direct
// path; anything else goes through encoding/json. On error b is returned as it was given.
func appendJSONValue(b []byte, v any) ([]byte, error) {
	switch x := v.(type) {
	case nil:
		return append(b, "null"...), nil
	case string:
		return appendJSONString(b, x), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int8:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int16:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int32:
		return strconv.AppendInt(b, int64(x), 10), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case uint:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint8:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint16:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint32:
		return strconv.AppendUint(b, uint64(x), 10), nil
	case uint64:
		return strconv.AppendUint(b, x, 10), nil
	case float64:
		return appendJSONFloat(b, x, 64)
	case float32:
		return appendJSONFloat(b, float64(x), 32)
	case []string:
		if x == nil {
			return append(b, "null"...), nil
		}
		b = append(b, '[')
		for i, s := range x {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, s)
		}
		return append(b, ']'), nil
	case []Violation:
		return appendViolations(b, x)
	case *violationList:
		return appendViolations(b, *x)
	}
	return appendMarshaled(b, v)
}

// appendViolations appends violations as RFC 9457 section 3 shows them: detail, pointer, then the
// violation's own extension members sorted by name.
func appendViolations(b []byte, vs []Violation) ([]byte, error) {
	if vs == nil {
		return append(b, "null"...), nil
	}
	orig := len(b)
	b = append(b, '[')
	for i, v := range vs {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"detail":`...)
		b = appendJSONString(b, v.Detail)
		b = append(b, `,"pointer":`...)
		b = appendJSONString(b, v.Pointer)
		for _, k := range violationKeys(v) {
			b = append(b, ',')
			b = appendJSONString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSONValue(b, v.Extensions[k]); err != nil {
				return b[:orig], err
			}
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// violationKeys returns the names of a violation's own members, sorted, without detail and pointer.
func violationKeys(v Violation) []string {
	if len(v.Extensions) == 0 {
		return nil
	}
	keys := make([]string, 0, len(v.Extensions))
	for k := range v.Extensions {
		if k != "detail" && k != "pointer" {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// appendMarshaled appends v as encoding/json marshals it, turning a panic in a MarshalJSON method into an
// error.
func appendMarshaled(b []byte, v any) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = b, fmt.Errorf("marshaling panicked: %v", p)
		}
	}()
	data, err := json.Marshal(v)
	if err != nil {
		return b, err
	}
	return append(b, data...), nil
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
				m[k] = val
			}
			m["detail"], m["pointer"] = vi.Detail, vi.Pointer
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
