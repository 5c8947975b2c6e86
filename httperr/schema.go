package httperr

import (
	_ "embed"
	"encoding/json"

	"golang.org/x/text/language"
)

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

// Schema returns the JSON Schema (draft 2020-12) of the problem documents of type t: [ProblemSchema]'s, with
// the type member fixed to t's URI, the status to t's, and t's extension members described by their
// schemas (the required ones required). Like ProblemSchema it is self-contained, and each call returns a
// new copy.
func (t ProblemType) Schema() []byte {
	var problem map[string]any
	if err := json.Unmarshal(problemSchema, &problem); err != nil {
		panic("httperr: problem.schema.json: " + err.Error()) // the embedded file is tested
	}
	delete(problem, "$schema")
	return mustMarshal(map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"title":       t.Title(language.English),
		"description": t.Description(language.English),
		"allOf":       []any{problem, t.ownSchema()},
	})
}

// ownSchema is the part of t's schema that ProblemSchema lacks: its type and status, and its members.
func (t ProblemType) ownSchema() map[string]any {
	d := t.def()
	props := map[string]any{"status": map[string]any{"const": d.status}}
	if d.uri != "" {
		props["type"] = map[string]any{"const": d.uri}
	}
	required := []string{}
	english, _ := t.text(language.English)
	for _, m := range d.members {
		s := map[string]any{}
		if m.Schema != "" {
			if err := json.Unmarshal([]byte(m.Schema), &s); err != nil {
				s = map[string]any{"allOf": []any{json.RawMessage(m.Schema)}} // true or false: a boolean schema
			}
		}
		if desc := english.Members[m.Name]; desc != "" {
			if _, ok := s["description"]; !ok {
				s["description"] = desc
			}
		}
		props[m.Name] = s
		if m.Required {
			required = append(required, m.Name)
		}
	}
	own := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		own["required"] = required
	}
	return own
}

// mustMarshal is json.Marshal of values the package builds from JSON, which always encode.
func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("httperr: " + err.Error())
	}
	return b
}
