package httperr

import "testing"

// BenchmarkEncodeViolations: the "errors" member of a 422 with three body violations, into a reused buffer.
func BenchmarkEncodeViolations(b *testing.B) {
	vs := []Violation{
		{Pointer: "#/name", Detail: "must not be empty"},
		{Pointer: "#/email", Detail: "must be an email address"},
		{Pointer: "#/age", Detail: "must be between 0 and 150"},
	}
	buf := make([]byte, 0, 1024)
	b.ReportAllocs()
	for b.Loop() {
		buf, _ = appendJSONValue(buf[:0], vs)
	}
}
