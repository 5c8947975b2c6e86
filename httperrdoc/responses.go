package httperrdoc

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/httperr/toolkit/httperr"
)

// Responses returns, as JSON, the error entries of one operation's responses object
// (https://spec.openapis.org/oas/v3.1.0#responses-object), keyed by status code, for merging into that
// operation beside its own success responses: one per status of statuses and per declared type, each
// referring to the response that components holds for it. components is what [Components] returned,
// or the components object of a document they were merged into; a service writes, for each operation:
//
//	errs, err := httperrdoc.Responses(components, []int{404, 500}, OutOfCredit)
//	// {"403":{"$ref":"#/components/responses/OutOfCredit"},"404":{"$ref":"#/components/responses/NotFound"},
//	//  "500":{"$ref":"#/components/responses/InternalServerError"}}
//
// Responses finds each response in components by what it describes, not by its name, so the names agree
// with Components' whatever it had to number ("NotFound2" for a type at TypeBase + "not-found" beside the
// plain 404). A status with several problems (a plain 403 and a declared 403 type, or two declared types of
// one status) has an entry of its own in place of a reference: the same header fields, and a schema that
// is anyOf the plain status's schema and the types' schemas (anyOf, not oneOf: a plain status's schema
// admits every problem of that status).
//
// Responses adds nothing the caller did not list (no implicit 500): an operation's errors are the
// service's to state. It returns an error when a status is outside 400..599, when components is not a
// components object, or when it lacks the response of a status or type given: give them to Components.
func Responses(components []byte, statuses []int, types ...httperr.ProblemType) ([]byte, error) {
	var comps struct {
		Schemas   map[string]json.RawMessage
		Responses map[string]struct {
			Content map[string]struct{ Schema json.RawMessage }
		}
	}
	if err := json.Unmarshal(components, &comps); err != nil {
		return nil, errors.New("httperrdoc: Responses: components: " + err.Error())
	}
	names := make([]string, 0, len(comps.Responses))
	for name := range comps.Responses {
		names = append(names, name)
	}
	slices.Sort(names) // the first of equal responses, the same on every call
	// find returns the name of the response whose problem+json schema matches, and that schema.
	find := func(match func(schema json.RawMessage) bool) (string, json.RawMessage) {
		for _, name := range names {
			if s := comps.Responses[name].Content["application/problem+json"].Schema; s != nil && match(s) {
				return name, s
			}
		}
		return "", nil
	}

	type entry struct {
		plain  string   // the response of the plain status, "" for none
		types  []string // the schemas of the declared types
		tnames []string // and their responses
	}
	byStatus := map[int]*entry{}
	at := func(code int) *entry {
		if byStatus[code] == nil {
			byStatus[code] = &entry{}
		}
		return byStatus[code]
	}
	for _, code := range statuses {
		if code < 400 || code > 599 {
			return nil, errors.New("httperrdoc: Responses: status " + strconv.Itoa(code) + " is outside 400..599")
		}
		want := normal(statusSchema(code))
		name, _ := find(func(s json.RawMessage) bool { return reflect.DeepEqual(normal(s), want) })
		if name == "" {
			return nil, errors.New("httperrdoc: Responses: the components have no response for status " + strconv.Itoa(code))
		}
		at(code).plain = name
	}
	const prefix = "#/components/schemas/"
	for _, t := range types {
		want := normal(typeComponent(t))
		var schema string
		name, _ := find(func(s json.RawMessage) bool {
			var ref struct {
				Ref string `json:"$ref"`
			}
			if json.Unmarshal(s, &ref) != nil || !strings.HasPrefix(ref.Ref, prefix) {
				return false
			}
			own, ok := comps.Schemas[ref.Ref[len(prefix):]]
			if ok && reflect.DeepEqual(normal(own), want) {
				schema = ref.Ref[len(prefix):]
				return true
			}
			return false
		})
		if name == "" {
			return nil, errors.New("httperrdoc: Responses: the components have no response for problem type " + t.String())
		}
		e := at(t.Status())
		if !slices.Contains(e.types, schema) {
			e.types, e.tnames = append(e.types, schema), append(e.tnames, name)
		}
	}

	out := map[string]any{}
	for code, e := range byStatus {
		ref := func(name string) map[string]any { return map[string]any{"$ref": "#/components/responses/" + name} }
		switch {
		case len(e.types) == 0:
			out[strconv.Itoa(code)] = ref(e.plain)
		case len(e.types) == 1 && e.plain == "":
			out[strconv.Itoa(code)] = ref(e.tnames[0])
		default:
			var anyOf []any
			described := e.tnames
			if e.plain != "" {
				anyOf = append(anyOf, statusSchema(code))
				described = append([]string{e.plain}, described...)
			}
			for _, s := range e.types {
				anyOf = append(anyOf, map[string]any{"$ref": prefix + s})
			}
			out[strconv.Itoa(code)] = openAPIResponse("One of: "+strings.Join(described, ", ")+".", code, map[string]any{"anyOf": anyOf})
		}
	}
	return mustMarshal(out), nil
}

// normal returns v (JSON text, or values that encode to JSON) as encoding/json decodes it into any, so
// that two schemas compare with reflect.DeepEqual whatever their numbers' Go types and their keys' order.
func normal(v any) any {
	b, ok := v.(json.RawMessage)
	if !ok {
		b = mustMarshal(v)
	}
	var n any
	if json.Unmarshal(b, &n) != nil {
		return nil
	}
	return n
}
