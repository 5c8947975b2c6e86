package field

import "strings"

// The syntax of header fields (RFC 9110 section 5): the one check used wherever a field name or value is
// set from outside, by WithHeader, by the Renderer's Challenge, or by a decoded response.

// ValidName reports whether s is an RFC 9110 token.
func ValidName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c <= ' ' || strings.IndexByte("\"(),/:;<=>?@[\\]{}\x7f", c) >= 0 {
			return false
		}
	}
	return true
}

// ValidValue reports whether s can be sent as a field value: no control character but HTAB (RFC 9110
// section 5.5), as Go's own HTTP client requires of the fields it reads.
func ValidValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}
