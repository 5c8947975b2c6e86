package httperr

import (
	"reflect"
	"strings"
)

// Pointer returns the JSON Pointer (RFC 6901) to a member, in the URI fragment form that [Violation]
// uses: Pointer("profile", "color") is "#/profile/color". In each token "~" and "/" are escaped as "~0" and
// "~1", and bytes that a URI fragment cannot hold are percent-encoded (RFC 6901 sections 3 and 6).
func Pointer(tokens ...string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, 16)
	b = append(b, '#')
	for _, t := range tokens {
		b = append(b, '/')
		for i := 0; i < len(t); i++ {
			switch c := t[i]; {
			case c == '~':
				b = append(b, "~0"...)
			case c == '/':
				b = append(b, "~1"...)
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._!$&'()*+,;=:@?", c) >= 0:
				b = append(b, c)
			default:
				b = append(b, '%', hex[c>>4], hex[c&0xf])
			}
		}
	}
	return string(b)
}

// jsonKind names the JSON type a Go type decodes from, with an article.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a different type"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a different type"
}
