package httperr

import _ "embed"

//go:embed problem.schema.json
var problemSchema []byte

// ProblemSchema returns the JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of the problem documents
// the [Renderer] writes: an object whose type, title and status are always present, with optional detail and
// instance, an optional "errors" array of violations, each with detail and pointer (RFC 9457 section 3), and
// any other extension member. The schema is self-contained (no $ref) and carries OpenAPI's xml keywords for
// the application/problem+xml form, so it can stand as is under components/schemas in an OpenAPI 3.1
// document:
//
//	components:
//	  schemas:
//	    Problem: <the bytes of ProblemSchema>
//
// Each call returns a new copy, which the caller may change.
func ProblemSchema() []byte {
	return append([]byte(nil), problemSchema...)
}
