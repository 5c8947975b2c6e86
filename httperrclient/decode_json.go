package httperrclient

import (
	"bytes"
	"encoding/json"
	"strconv"
	"unicode/utf8"
)

// Decoding of an application/problem+json body (RFC 9457 section 3) into its members, for FromResponse.
//
// The document is checked with json.Valid and then read in place: a json.Decoder would copy the body into a
// buffer of its own, grown by doubling, which costs two to four times the body before any value is built
// (TestDecodeMemory, "json long string"). What comes out is what json.Decoder with UseNumber decodes into
// a map[string]any (FuzzDecodeJSON compares them).

// countJSONValues returns at least the number of values in the JSON text data, strings apart: the commas,
// colons and brackets outside strings, plus one.
func countJSONValues(data []byte) int {
	n, inString := 1, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString:
			if c == '\\' {
				i++
			} else if c == '"' {
				inString = false
			}
		case c == '"':
			inString = true
		case c == ',' || c == ':' || c == '[' || c == '{':
			n++
		}
	}
	return n
}

// decodeJSONProblem returns the members of a problem+json document, or nil when data is not one JSON object.
// Numbers are json.Number values with useNumber, else float64 values when float64 can hold them.
func decodeJSONProblem(data []byte, useNumber bool) map[string]any {
	data = bytes.TrimPrefix(data, []byte(utf8BOM))
	if !json.Valid(data) {
		return nil
	}
	p := jsonReader{data: data, useNumber: useNumber}
	p.space()
	if data[p.i] != '{' {
		return nil // null, a list, a string, a number or a literal
	}
	return p.value().(map[string]any)
}

// jsonReader reads the values of a JSON text that json.Valid accepted.
type jsonReader struct {
	data      []byte
	i         int
	useNumber bool
}

// space skips the white space at the reading position.
func (p *jsonReader) space() {
	for p.i < len(p.data) {
		switch p.data[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// value reads the value at the reading position, after white space, as json.Decoder decodes it into any.
func (p *jsonReader) value() any {
	p.space()
	switch p.data[p.i] {
	case '{':
		m := make(map[string]any)
		p.i++
		p.space()
		for p.data[p.i] != '}' {
			p.space()
			k := p.string()
			p.space()
			p.i++ // the colon
			m[k] = p.value()
			p.space()
			if p.data[p.i] == ',' {
				p.i++
			}
		}
		p.i++
		return m
	case '[':
		list := make([]any, 0)
		p.i++
		p.space()
		for p.data[p.i] != ']' {
			list = append(list, p.value())
			p.space()
			if p.data[p.i] == ',' {
				p.i++
			}
		}
		p.i++
		return list
	case '"':
		return p.string()
	case 't':
		p.i += len("true")
		return true
	case 'f':
		p.i += len("false")
		return false
	case 'n':
		p.i += len("null")
		return nil
	}
	start := p.i
	for p.i < len(p.data) && isNumberByte(p.data[p.i]) {
		p.i++
	}
	n := json.Number(p.data[start:p.i])
	if !p.useNumber {
		if f, err := strconv.ParseFloat(string(n), 64); err == nil {
			return f
		}
	}
	return n
}

// isNumberByte reports whether c may be part of a JSON number.
func isNumberByte(c byte) bool {
	return '0' <= c && c <= '9' || c == '-' || c == '+' || c == '.' || c == 'e' || c == 'E'
}

// string reads the string at the reading position. A string with an escape or invalid UTF-8 goes through
// json.Unmarshal, which turns invalid UTF-8 and lone surrogates into U+FFFD.
func (p *jsonReader) string() string {
	start := p.i
	plain := true
	for p.i++; p.data[p.i] != '"'; p.i++ {
		if c := p.data[p.i]; c == '\\' {
			plain = false
			p.i++
		} else if c >= utf8.RuneSelf {
			plain = false
		}
	}
	p.i++
	quoted := p.data[start:p.i]
	if plain || !bytes.ContainsRune(quoted, '\\') && utf8.Valid(quoted) {
		return string(quoted[1 : len(quoted)-1])
	}
	var s string
	_ = json.Unmarshal(quoted, &s) // cannot fail: json.Valid accepted the document
	return s
}
