package ratelimit

import (
	"encoding/base64"
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file holds the part of Structured Field Values (RFC 9651) that the RateLimit fields need: Lists of
// Items with Parameters, parsed as RFC 9651 section 4.2 says and bounded against hostile input, and the
// serialization of the bare items they send (section 4.1).

// Bounds of the parser: a field beyond them is not read. RFC 9651 section 3 asks parsers to take at least
// 1024 list members and 256 parameters; these fields carry a few policies each, so the bounds are far lower,
// and keep the work on a response's fields small whatever the server sends.
const (
	maxSFLength = 8 << 10 // bytes of a field value, all its lines joined
	maxSFItems  = 64      // members of a List
	maxSFParams = 32      // parameters of an Item
)

// maxSFInteger is the largest magnitude of an RFC 9651 Integer (15 decimal digits).
const maxSFInteger = 999_999_999_999_999

// errSF is the error of a field that is not a well-formed List within the bounds above.
var errSF = errors.New("not a structured field list")

// sfKind is the type of a bare item.
type sfKind uint8

const (
	sfInteger sfKind = iota + 1
	sfDecimal
	sfString
	sfToken
	sfBytes
	sfBoolean
	sfDate
	sfDisplayString
)

// sfValue is a bare item: i holds an Integer, a Date or a Boolean (0 or 1); s a String, a Token, a Display
// String or the decoded bytes of a Byte Sequence. A Decimal keeps its kind only: no field here uses one.
type sfValue struct {
	kind sfKind
	i    int64
	s    string
}

// sfParam is one parameter of an item.
type sfParam struct {
	key   string
	value sfValue
}

// sfItem is one member of a List: a bare item with its parameters, in order, keys unique.
type sfItem struct {
	value  sfValue
	params []sfParam
}

// param returns the value of the parameter key and whether the item has it.
func (it *sfItem) param(key string) (sfValue, bool) {
	for _, p := range it.params {
		if p.key == key {
			return p.value, true
		}
	}
	return sfValue{}, false
}

// parseSFList parses the field lines values as one List (RFC 9651 sections 3.1 and 4.2: lines are joined
// with commas). An Inner List, which no field here allows, fails the parse like any malformed input.
func parseSFList(values []string) ([]sfItem, error) {
	n := 0
	for _, v := range values {
		n += len(v) + 1
	}
	if n > maxSFLength+1 {
		return nil, errSF
	}
	p := sfParser{s: strings.Join(values, ",")}
	p.skip(" ")
	var items []sfItem
	for p.i < len(p.s) {
		if len(items) == maxSFItems {
			return nil, errSF
		}
		it, ok := p.item()
		if !ok {
			return nil, errSF
		}
		items = append(items, it)
		p.skip(" \t")
		if p.i == len(p.s) {
			break
		}
		if p.s[p.i] != ',' {
			return nil, errSF
		}
		p.i++
		p.skip(" \t")
		if p.i == len(p.s) { // a trailing comma
			return nil, errSF
		}
	}
	return items, nil
}

// sfParser is the state of one parse: the input and the position in it.
type sfParser struct {
	s string
	i int
}

func (p *sfParser) skip(chars string) {
	for p.i < len(p.s) && strings.IndexByte(chars, p.s[p.i]) >= 0 {
		p.i++
	}
}

// item parses an Item: a bare item and its parameters (RFC 9651 section 4.2.3).
func (p *sfParser) item() (sfItem, bool) {
	v, ok := p.bareItem()
	if !ok {
		return sfItem{}, false
	}
	it := sfItem{value: v}
	for p.i < len(p.s) && p.s[p.i] == ';' {
		p.i++
		p.skip(" ")
		key, ok := p.key()
		if !ok {
			return sfItem{}, false
		}
		value := sfValue{kind: sfBoolean, i: 1}
		if p.i < len(p.s) && p.s[p.i] == '=' {
			p.i++
			if value, ok = p.bareItem(); !ok {
				return sfItem{}, false
			}
		}
		replaced := false
		for j := range it.params { // a repeated key keeps its first place and its last value
			if it.params[j].key == key {
				it.params[j].value, replaced = value, true
			}
		}
		if !replaced {
			if len(it.params) == maxSFParams {
				return sfItem{}, false
			}
			it.params = append(it.params, sfParam{key, value})
		}
	}
	return it, true
}

// key parses a parameter key: lcalpha or "*", then lcalpha, DIGIT, "_", "-", "." or "*" (section 4.2.3.3).
func (p *sfParser) key() (string, bool) {
	start := p.i
	if p.i == len(p.s) || !(isLCAlpha(p.s[p.i]) || p.s[p.i] == '*') {
		return "", false
	}
	for p.i++; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		if !isLCAlpha(c) && !isDigit(c) && c != '_' && c != '-' && c != '.' && c != '*' {
			break
		}
	}
	return p.s[start:p.i], true
}

// bareItem parses a bare item of any RFC 9651 type (section 4.2.3.1).
func (p *sfParser) bareItem() (sfValue, bool) {
	if p.i == len(p.s) {
		return sfValue{}, false
	}
	switch c := p.s[p.i]; {
	case c == '-' || isDigit(c):
		return p.number()
	case c == '"':
		s, ok := p.string()
		return sfValue{kind: sfString, s: s}, ok
	case c == '*' || isAlpha(c):
		return p.token(), true
	case c == ':':
		return p.bytes()
	case c == '?':
		if p.i+1 < len(p.s) && (p.s[p.i+1] == '0' || p.s[p.i+1] == '1') {
			p.i += 2
			return sfValue{kind: sfBoolean, i: int64(p.s[p.i-1] - '0')}, true
		}
	case c == '@':
		p.i++
		v, ok := p.number()
		return sfValue{kind: sfDate, i: v.i}, ok && v.kind == sfInteger
	case c == '%':
		p.i++
		return p.displayString()
	}
	return sfValue{}, false
}

// number parses an Integer or a Decimal (section 4.2.4).
func (p *sfParser) number() (sfValue, bool) {
	neg := p.i < len(p.s) && p.s[p.i] == '-'
	if neg {
		p.i++
	}
	start, dot := p.i, -1
	for ; p.i < len(p.s); p.i++ {
		c := p.s[p.i]
		if c == '.' && dot < 0 && p.i > start && p.i-start <= 12 {
			dot = p.i
			continue
		}
		if !isDigit(c) {
			break
		}
	}
	digits := p.s[start:p.i]
	switch {
	case digits == "":
		return sfValue{}, false
	case dot >= 0:
		if frac := p.i - dot - 1; frac < 1 || frac > 3 {
			return sfValue{}, false
		}
		return sfValue{kind: sfDecimal}, true
	case len(digits) > 15:
		return sfValue{}, false
	}
	n, _ := strconv.ParseInt(digits, 10, 64) // at most 15 digits: always fits
	if neg {
		n = -n
	}
	return sfValue{kind: sfInteger, i: n}, true
}

// string parses a String (section 4.2.5): printable ASCII, with "\" escaping only `"` and "\".
func (p *sfParser) string() (string, bool) {
	p.i++ // the opening quote
	var b []byte
	start := p.i
	for p.i < len(p.s) {
		c := p.s[p.i]
		switch {
		case c == '\\':
			if p.i+1 == len(p.s) || (p.s[p.i+1] != '"' && p.s[p.i+1] != '\\') {
				return "", false
			}
			b = append(b, p.s[start:p.i]...)
			start = p.i + 1
			p.i += 2
		case c == '"':
			s := p.s[start:p.i]
			p.i++
			if b != nil {
				s = string(append(b, s...))
			}
			return s, true
		case c < 0x20 || c > 0x7e:
			return "", false
		default:
			p.i++
		}
	}
	return "", false
}

// token parses a Token (section 4.2.6).
func (p *sfParser) token() sfValue {
	start := p.i
	for p.i++; p.i < len(p.s) && (isTchar(p.s[p.i]) || p.s[p.i] == ':' || p.s[p.i] == '/'); p.i++ {
	}
	return sfValue{kind: sfToken, s: p.s[start:p.i]}
}

// bytes parses a Byte Sequence (section 4.2.7). Padding and zero pad bits are not required, as the section
// asks of parsers.
func (p *sfParser) bytes() (sfValue, bool) {
	end := strings.IndexByte(p.s[p.i+1:], ':')
	if end < 0 {
		return sfValue{}, false
	}
	enc := p.s[p.i+1 : p.i+1+end]
	p.i += end + 2
	for i := 0; i < len(enc); i++ {
		if c := enc[i]; !isAlpha(c) && !isDigit(c) && c != '+' && c != '/' && c != '=' {
			return sfValue{}, false // base64's decoder would skip CR and LF
		}
	}
	b, err := base64.RawStdEncoding.DecodeString(strings.TrimRight(enc, "="))
	if err != nil {
		return sfValue{}, false
	}
	return sfValue{kind: sfBytes, s: string(b)}, true
}

// displayString parses a Display String (section 4.2.10): its text is checked (percent-encoded UTF-8) but not
// kept, as no field here uses one.
func (p *sfParser) displayString() (sfValue, bool) {
	if p.i == len(p.s) || p.s[p.i] != '"' {
		return sfValue{}, false
	}
	var b []byte
	for p.i++; p.i < len(p.s); p.i++ {
		switch c := p.s[p.i]; {
		case c == '"':
			p.i++
			return sfValue{kind: sfDisplayString}, utf8.Valid(b)
		case c == '%':
			if p.i+2 >= len(p.s) || !isLowerHex(p.s[p.i+1]) || !isLowerHex(p.s[p.i+2]) {
				return sfValue{}, false
			}
			n, _ := strconv.ParseUint(p.s[p.i+1:p.i+3], 16, 8)
			b = append(b, byte(n))
			p.i += 2
		case c < 0x20 || c > 0x7e:
			return sfValue{}, false
		default:
			b = append(b, c)
		}
	}
	return sfValue{}, false
}

func isDigit(c byte) bool    { return '0' <= c && c <= '9' }
func isLCAlpha(c byte) bool  { return 'a' <= c && c <= 'z' }
func isAlpha(c byte) bool    { return isLCAlpha(c) || 'A' <= c && c <= 'Z' }
func isLowerHex(c byte) bool { return isDigit(c) || 'a' <= c && c <= 'f' }

// isTchar reports whether c is an RFC 9110 tchar.
func isTchar(c byte) bool {
	return isAlpha(c) || isDigit(c) || c < 0x80 && strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// appendSFString appends s as an RFC 9651 String (section 4.1.6): quoted, with `"` and "\" escaped. It
// reports false when s holds a byte a String cannot: a control character or a non-ASCII byte.
func appendSFString(b []byte, s string) ([]byte, bool) {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c > 0x7e {
			return b, false
		}
		if c == '"' || c == '\\' {
			b = append(b, '\\')
		}
		b = append(b, c)
	}
	return append(b, '"'), true
}

// appendSFBytes appends b as an RFC 9651 Byte Sequence (section 4.1.8).
func appendSFBytes(b []byte, s string) []byte {
	b = append(b, ':')
	b = base64.StdEncoding.AppendEncode(b, []byte(s))
	return append(b, ':')
}
