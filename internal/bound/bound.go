// Package bound holds the bounds package httperr puts on extension values, the same for its JSON and XML
// encoders: how deeply a value's arrays and objects nest, how many bytes a problem's members take together,
// and the JSON number grammar a json.Number must follow before it is written. It is internal: the bounds are
// part of what httperr sends, not settings.
package bound

import (
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
)

// A member past either bound is left out and logged, like any value that fails to encode, and the problem is
// still sent, complete and valid.

// MaxNesting bounds how deeply a member's value nests arrays and objects (in XML, elements below the
// member's own): deep enough for any document a client reads, shallow enough that no encoder, decoder or
// stack is strained (encoding/json's decoder refuses 10,000 levels), and a map or slice that holds itself
// stops there.
const MaxNesting = 64

// MaxMembersSize bounds the bytes a problem's extension members take together in its body: a small value
// whose sub-values are shared (a map whose two members are one map, thirty levels down) would otherwise
// write gigabytes.
const MaxMembersSize = 1 << 20

var (
	ErrTooDeep       = errors.New("value nested deeper than 64 levels (a cycle?)")
	ErrTooLarge      = errors.New("members would pass 1 MiB")
	ErrInvalidNumber = errors.New("invalid number: not a JSON number")
)

// ValidNumber reports whether s is a JSON number (RFC 8259 section 6), as encoding/json checks a json.Number.
func ValidNumber(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[i] == '-' {
		if i++; i == len(s) {
			return false
		}
	}
	digits := func() bool {
		start := i
		for i < len(s) && '0' <= s[i] && s[i] <= '9' {
			i++
		}
		return i > start
	}
	switch {
	case s[i] == '0':
		i++
	case !digits():
		return false
	}
	if i < len(s) && s[i] == '.' {
		if i++; !digits() {
			return false
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		if i++; i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if !digits() {
			return false
		}
	}
	return i == len(s)
}

// NumberText returns the text a json.Number is written as, "0" for an empty one as encoding/json writes it,
// or ErrInvalidNumber.
func NumberText(n json.Number) (string, error) {
	if n == "" {
		return "0", nil
	}
	if !ValidNumber(string(n)) {
		return "", ErrInvalidNumber
	}
	return string(n), nil
}

// JSONDepth returns how deeply the arrays and objects of the JSON text data nest.
func JSONDepth(data []byte) int {
	depth, deepest, inString := 0, 0, false
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case inString && c == '\\':
			i++
		case c == '"':
			inString = !inString
		case inString:
		case c == '[' || c == '{':
			depth++
			deepest = max(deepest, depth)
		case c == ']' || c == '}':
			depth--
		}
	}
	return deepest
}

// Size walks a value as encoding/json will before it is marshaled, so that a value too deep or too
// large fails in a walk as long as the bound, not a marshaling as long as the value's repeated sub-values.
// It counts a lower bound of the bytes encoding/json will write: a value it passes may still be too large
// (what a MarshalJSON method writes is not counted), which the caller checks on the output.
type Size struct {
	Budget int // bytes the output may still take
	Steps  int // values the walk may still visit: pointers and interfaces cost no byte
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// Check walks v, depth levels of arrays and objects inside the member, and returns ErrTooDeep or
// ErrTooLarge, or nil.
func (c *Size) Check(v reflect.Value, depth int) error {
	if c.Steps--; c.Steps < 0 {
		return ErrTooLarge
	}
	if !v.IsValid() {
		return c.spend(4) // null
	}
	t := v.Type()
	if t.Implements(marshalerType) || t.Implements(textMarshalerType) ||
		t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(marshalerType) {
		return nil // its own method decides: the output is checked
	}
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return c.spend(4)
		}
		return c.Check(v.Elem(), depth)
	case reflect.String:
		return c.spend(v.Len() + 2)
	case reflect.Bool:
		return c.spend(4)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64, reflect.Uint, reflect.Uint8,
		reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr, reflect.Float32, reflect.Float64:
		return c.spend(1)
	case reflect.Map:
		if v.IsNil() {
			return c.spend(4)
		}
		if depth++; depth > MaxNesting {
			return ErrTooDeep
		}
		if err := c.spend(2); err != nil {
			return err
		}
		for it := v.MapRange(); it.Next(); {
			k := 1
			if it.Key().Kind() == reflect.String {
				k = it.Key().Len()
			}
			if err := c.spend(k + 3); err != nil {
				return err
			}
			if err := c.Check(it.Value(), depth); err != nil {
				return err
			}
		}
		return nil
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.IsNil() {
			return c.spend(4)
		}
		if t.Elem().Kind() == reflect.Uint8 && v.Kind() == reflect.Slice {
			return c.spend(v.Len() + 2) // base64, a third longer
		}
		if depth++; depth > MaxNesting {
			return ErrTooDeep
		}
		if err := c.spend(2 + v.Len()); err != nil {
			return err
		}
		for i := range v.Len() {
			if err := c.Check(v.Index(i), depth); err != nil {
				return err
			}
		}
		return nil
	case reflect.Struct:
		if depth++; depth > MaxNesting {
			return ErrTooDeep
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous || f.Tag.Get("json") == "-" || v.Field(i).IsZero() {
				continue // not written, or written as a zero that omitempty may leave out
			}
			if err := c.Check(v.Field(i), depth); err != nil {
				return err
			}
		}
		return c.spend(2)
	}
	return nil // no JSON form: encoding/json says so
}

func (c *Size) spend(n int) error {
	if c.Budget -= n; c.Budget < 0 {
		return ErrTooLarge
	}
	return nil
}
