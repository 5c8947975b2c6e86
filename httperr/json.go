package httperr

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/httperr/toolkit/internal/bound"
	"math"
	"reflect"
	"slices"
	"strconv"
	"unicode/utf8"
)

// This file holds the application/problem+json encoder: JSON written as encoding/json writes it (HTML-safe
// escaping, ES6 number form). Common extension values take an allocation-free path; the rest go through
// encoding/json, so the output has the same form either way.

// appendJSON appends d as a problem+json document: type, title, status, detail, instance, then the extension
// members sorted by name, and a newline.
func (d *document) appendJSON(b []byte) []byte {
	if head := jsonHead(d.typ, d.typeSlug, d.title, d.status); head != nil {
		if d.detail == head.description && d.suffix == "" && d.cause == "" && d.e.ext == nil && d.instance == "" {
			return append(b, head.doc...) // a 5xx, or a problem without a detail: nothing of its own
		}
		b = append(b, head.head...)
	} else {
		b = append(b, `{"type":`...)
		b = appendJSONString(b, d.typ)
		b = append(append(b[:len(b)-1], d.typeSlug...), '"')
		b = append(b, `,"title":`...)
		b = appendJSONString(b, d.title)
		b = append(b, `,"status":`...)
		b = strconv.AppendInt(b, int64(d.status), 10)
	}
	if d.detail != "" {
		b = append(b, `,"detail":`...)
		b = appendJSONString(b, d.detail)
		if d.suffix != "" { // plain ASCII, nothing to escape: it goes inside the closing quote
			b = append(append(b[:len(b)-1], d.suffix...), '"')
		}
	}
	if d.instance != "" {
		b = append(b, `,"instance":`...)
		b = appendJSONString(b, d.instance)
	}
	b = d.appendMembers(b, appendJSONMember)
	return append(b, "}\n"...)
}

// appendJSONMember appends ,"key":value, failing when b would pass limit bytes. On error b is returned as it
// was given.
func appendJSONMember(b []byte, key string, value any, limit int) ([]byte, error) {
	mark := len(b)
	b = append(b, ',')
	b = appendJSONString(b, key)
	b = append(b, ':')
	b, err := appendJSONValueAt(b, value, 0, limit)
	if err != nil {
		return b[:mark], err
	}
	return b, nil
}

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
		for i+8 <= len(s) && plain8(load8(s[i:])) { // eight bytes as they are, copied in bulk below
			i += 8
		}
		for end := min(i+8, len(s)); i < end; { // the eight bytes with one to escape, one by one
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
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// load8 returns the first eight bytes of s, which has them, as one little-endian word: one load.
func load8(s string) uint64 {
	_ = s[7]
	return uint64(s[0]) | uint64(s[1])<<8 | uint64(s[2])<<16 | uint64(s[3])<<24 |
		uint64(s[4])<<32 | uint64(s[5])<<40 | uint64(s[6])<<48 | uint64(s[7])<<56
}

// plain8 reports whether none of the eight bytes of x (load8) needs escaping in a JSON string: none is a
// control character, '"', '\\', '<', '>', '&' or a byte of a multibyte character. It tests the eight at once
// with the "hasless" and "haszero" tricks of Sean Anderson's Bit Twiddling Hacks (each leaves a high bit set
// where a byte matches, exact as to whether one does), in place of a table lookup and a branch a byte
// (BenchmarkAppendJSONString).
func plain8(x uint64) bool {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	bad := x | (x-0x20*ones)&^x // a byte of a multibyte character, or a control character (below 0x20)
	y := x ^ 0x5c*ones          // '\\' becomes zero
	bad |= (y - ones) &^ y
	y = (x | 0x04*ones) ^ 0x26*ones // '"' (0x22) and '&' (0x26), the only bytes that OR 0x04 makes 0x26
	bad |= (y - ones) &^ y
	y = (x | 0x02*ones) ^ 0x3e*ones // '<' (0x3c) and '>' (0x3e), the only bytes that OR 0x02 makes 0x3e
	bad |= (y - ones) &^ y
	return bad&highs == 0
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

// appendJSONValue appends v in JSON, within the bounds on a member (package internal/bound). On error b is returned as
// it was given.
func appendJSONValue(b []byte, v any) ([]byte, error) {
	return appendJSONValueAt(b, v, 0, len(b)+bound.MaxMembersSize)
}

// appendJSONValueAt appends v in JSON, for a value depth levels of arrays and objects inside its member,
// failing when b would pass limit bytes or v nest past bound.MaxNesting. Strings, booleans, numbers, nil,
// json.Number, []string and []Violation take a direct path; anything else goes through encoding/json. On
// error b is returned as it was given.
func appendJSONValueAt(b []byte, v any, depth, limit int) ([]byte, error) {
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
	case json.Number:
		n, err := bound.NumberText(x)
		if err != nil {
			return b, err
		}
		return append(b, n...), nil
	case []Violation:
		return appendViolations(b, x, depth, limit)
	case *violationList:
		return appendViolations(b, *x, depth, limit)
	}
	return appendMarshaled(b, v, depth, limit)
}

// appendViolations appends violations as RFC 9457 section 3 shows them: detail, then pointer, parameter
// and header as [Violation] says, then code when set, then the violation's own extension members sorted by name, depth levels
// inside the member and within limit as appendJSONValueAt.
func appendViolations(b []byte, vs []Violation, depth, limit int) ([]byte, error) {
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
		if v.Pointer != "" || v.Parameter == "" && v.Header == "" {
			b = append(b, `,"pointer":`...)
			b = appendJSONString(b, v.Pointer)
		}
		if v.Parameter != "" {
			b = append(b, `,"parameter":`...)
			b = appendJSONString(b, v.Parameter)
		}
		if v.Header != "" {
			b = append(b, `,"header":`...)
			b = appendJSONString(b, v.Header)
		}
		if v.Code != "" {
			b = append(b, `,"code":`...)
			b = appendJSONString(b, v.Code)
		}
		for _, k := range violationKeys(v) {
			b = append(b, ',')
			b = appendJSONString(b, k)
			b = append(b, ':')
			var err error
			if b, err = appendJSONValueAt(b, v.Extensions[k], depth+2, limit); err != nil { // inside [{
				return b[:orig], err
			}
		}
		b = append(b, '}')
	}
	return append(b, ']'), nil
}

// violationKeys returns the names of a violation's own members, sorted, without those its fields write
// (code among them when Code is set).
func violationKeys(v Violation) []string {
	if len(v.Extensions) == 0 {
		return nil
	}
	keys := make([]string, 0, len(v.Extensions))
	for k := range v.Extensions {
		if !violationMember(k) && (k != "code" || v.Code == "") {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

// appendMarshaled appends v as encoding/json marshals it, depth levels inside its member and within limit as
// appendJSONValueAt, turning a panic in a MarshalJSON method into an error. A walk of v first (bound.Size)
// fails a value too deep or too large before it is marshaled.
func appendMarshaled(b []byte, v any, depth, limit int) (out []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			out, err = b, fmt.Errorf("marshaling panicked: %v", p)
		}
	}()
	check := bound.Size{Budget: limit - len(b), Steps: bound.MaxMembersSize}
	if err := check.Check(reflect.ValueOf(v), depth); err != nil {
		return b, err
	}
	data, err := json.Marshal(v)
	switch {
	case err != nil:
		return b, err
	case len(b)+len(data) > limit:
		return b, bound.ErrTooLarge
	case depth+bound.JSONDepth(data) > bound.MaxNesting:
		return b, bound.ErrTooDeep
	}
	return append(b, data...), nil
}
