package httperrdoc

import (
	"cmp"
	_ "embed"
	"encoding/json"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/negotiate"
)

//go:embed problem.schema.json
var problemSchema []byte

// Schema returns the JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of the problem documents an
// [httperr.Renderer] writes: an object whose type, title and status are always present, with optional
// detail and instance, an optional "errors" array of violations, each with detail and pointer (RFC 9457
// section 3), parameter or header, and an optional code, and any other extension member. The schema is self-contained (no $ref) and carries OpenAPI's
// xml keywords for the application/problem+xml form, so it can stand as is under components/schemas in an
// OpenAPI 3.1 document:
//
//	components:
//	  schemas:
//	    Problem: <the bytes of Schema()>
//
// Each call returns a new copy, which the caller may change.
func Schema() []byte {
	return append([]byte(nil), problemSchema...)
}

// typeSchema returns the JSON Schema (draft 2020-12) of the problem documents of type t: [Schema]'s, with
// the type member fixed to t's URI, the status to t's, and t's extension members described by their
// schemas (the required ones required; the code of [httperr.ProblemType.WithCode] is one, a string const). Like Schema it is self-contained, and each call returns a new copy.
func typeSchema(t httperr.ProblemType) []byte {
	return mustMarshal(map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"title":       t.Title(language.English),
		"description": t.Description(language.English),
		"allOf":       []any{problem(), ownSchema(t)},
	})
}

// problem returns the Problem schema as a map, without its $schema: OpenAPI 3.1's dialect is draft
// 2020-12 already, and a schema nested in allOf takes its parent's.
func problem() map[string]any {
	var p map[string]any
	if err := json.Unmarshal(problemSchema, &p); err != nil {
		panic("httperrdoc: problem.schema.json: " + err.Error()) // the embedded file is tested
	}
	delete(p, "$schema")
	return p
}

// ownSchema is the part of t's schema that the Problem schema lacks: its type and status, and its members.
func ownSchema(t httperr.ProblemType) map[string]any {
	props := map[string]any{"status": map[string]any{"const": t.Status()}}
	if t.URI() != "" {
		props["type"] = map[string]any{"const": t.URI()}
	}
	required := []string{}
	englishText := text(t, language.English)
	for _, m := range t.Members() {
		s := map[string]any{}
		if m.Schema != "" {
			if err := json.Unmarshal([]byte(m.Schema), &s); err != nil {
				s = map[string]any{"allOf": []any{json.RawMessage(m.Schema)}} // true or false: a boolean schema
			}
		}
		if desc := cmp.Or(englishText.Members[m.Name], codeDescription(t, m, english)); desc != "" {
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

// text returns t's text in the language tag as the Renderer picks it (of that tag, else of its base
// language, else the default); the zero TypeText for a type with none.
func text(t httperr.ProblemType, tag language.Tag) httperr.TypeText {
	x, _ := negotiate.Pick(t.Texts(), tag, func(x httperr.TypeText) language.Tag { return x.Tag })
	return x
}

// typeCode returns the code of t that [httperr.ProblemType.WithCode] declares, "" for none: the value of
// the member it adds, which its doc comment describes.
func typeCode(t httperr.ProblemType) string {
	for _, m := range t.Members() {
		if code, ok := m.Example.(string); ok && m.Name == "code" && m.Required && m.Schema == `{"type":"string","const":"`+code+`"}` {
			return code
		}
	}
	return ""
}

// codeDescription returns the description of m in the words of l when m is t's code and t's texts do not
// describe it, else "".
func codeDescription(t httperr.ProblemType, m httperr.Member, l labels) string {
	if m.Name != "code" || typeCode(t) == "" {
		return ""
	}
	return l.CodeMember
}

// mustMarshal is json.Marshal of values the package builds from JSON, which always encode.
func mustMarshal(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		panic("httperrdoc: " + err.Error())
	}
	return b
}
