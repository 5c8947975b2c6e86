package httperr

import (
	"encoding"
	"encoding/json"
	"errors"
	"reflect"
)

// This file holds the bounds on extension values, the same for both encoders: how deeply a value's arrays
// and objects nest, and how many bytes a problem's members take together. A member past either bound is left
// out and logged, like any value that fails to encode, and the problem is still sent, complete and valid.

// maxNesting bounds how deeply a member's value nests arrays and objects (in XML, elements below the
// member's own): deep enough for any document a client reads, shallow enough that no encoder, decoder or
// stack is strained (encoding/json's decoder refuses 10,000 levels), and a map or slice that holds itself
// stops there.
const maxNesting = 64

// maxMembersSize bounds the bytes a problem's extension members take together in its body: a small value
// whose sub-values are shared (a map whose two members are one map, thirty levels down) would otherwise
// write gigabytes.
const maxMembersSize = 1 << 20

var (
	errTooDeep       = errors.New("value nested deeper than 64 levels (a cycle?)")
	errTooLarge      = errors.New("members would pass 1 MiB")
	errInvalidNumber = errors.New("invalid number: not a JSON number")
)

// validNumber reports whether s is a JSON number (RFC 8259 section 6), as encoding/json checks a json.Number.
func validNumber(s string) bool {
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

// numberText returns the text a json.Number is written as, "0" for an empty one as encoding/json writes it,
// or errInvalidNumber.
func numberText(n json.Number) (string, error) {
	if n == "" {
		return "0", nil
	}
	if !validNumber(string(n)) {
		return "", errInvalidNumber
	}
	return string(n), nil
}

// jsonDepth returns how deeply the arrays and objects of the JSON text data nest.
func jsonDepth(data []byte) int {
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

// sizeCheck walks a value as encoding/json will before it is marshaled, so that a value too deep or too
// large fails in a walk as long as the bound, not a marshaling as long as the value's repeated sub-values.
// It counts a lower bound of the bytes encoding/json will write: a value it passes may still be too large
// (what a MarshalJSON method writes is not counted), which the caller checks on the output.
type sizeCheck struct {
	budget int // bytes the output may still take
	steps  int // values the walk may still visit: pointers and interfaces cost no byte
}

var (
	marshalerType     = reflect.TypeFor[json.Marshaler]()
	textMarshalerType = reflect.TypeFor[encoding.TextMarshaler]()
)

// check walks v, depth levels of arrays and objects inside the member, and returns errTooDeep or
// errTooLarge, or nil.
func (c *sizeCheck) check(v reflect.Value, depth int) error {
	if c.steps--; c.steps < 0 {
		return errTooLarge
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
		return c.check(v.Elem(), depth)
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
		if depth++; depth > maxNesting {
			return errTooDeep
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
			if err := c.check(it.Value(), depth); err != nil {
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
		if depth++; depth > maxNesting {
			return errTooDeep
		}
		if err := c.spend(2 + v.Len()); err != nil {
			return err
		}
		for i := range v.Len() {
			if err := c.check(v.Index(i), depth); err != nil {
				return err
			}
		}
		return nil
	case reflect.Struct:
		if depth++; depth > maxNesting {
			return errTooDeep
		}
		for i := range t.NumField() {
			f := t.Field(i)
			if !f.IsExported() && !f.Anonymous || f.Tag.Get("json") == "-" || v.Field(i).IsZero() {
				continue // not written, or written as a zero that omitempty may leave out
			}
			if err := c.check(v.Field(i), depth); err != nil {
				return err
			}
		}
		return c.spend(2)
	}
	return nil // no JSON form: encoding/json says so
}

func (c *sizeCheck) spend(n int) error {
	if c.budget -= n; c.budget < 0 {
		return errTooLarge
	}
	return nil
}
