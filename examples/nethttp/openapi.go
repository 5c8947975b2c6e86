package main

import (
	"encoding/json"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
)

// openAPIDocument returns the API's OpenAPI 3.1 document: its operations, written by hand, with their error
// responses from httperrdoc.Responses, which refer to the problem responses that httperrdoc.Components
// gives, merged into the document's components. Every operation lists 500: the Middleware answers a panic
// with one anywhere.
func openAPIDocument(origin string, outOfCredit httperr.ProblemType) []byte {
	problems := httperrdoc.Components([]int{400, 404, 405, 409, 413, 422, 500, 503}, outOfCredit)
	var components map[string]map[string]any
	if err := json.Unmarshal(problems, &components); err != nil {
		panic(err)
	}
	components["schemas"]["User"] = map[string]any{
		"type":       "object",
		"properties": map[string]any{"id": map[string]string{"type": "integer"}, "name": map[string]string{"type": "string"}, "email": map[string]string{"type": "string"}},
		"required":   []string{"id", "name", "email"},
	}
	// responses returns an operation's responses: its own, and its errors.
	responses := func(own map[string]any, statuses []int, types ...httperr.ProblemType) map[string]any {
		errs, err := httperrdoc.Responses(problems, statuses, types...)
		if err == nil {
			err = json.Unmarshal(errs, &own) // adds the error entries to own
		}
		if err != nil {
			panic(err) // a status missing from Components above
		}
		return own
	}
	user := map[string]any{"description": "The user.", "content": map[string]any{
		"application/json": map[string]any{"schema": map[string]string{"$ref": "#/components/schemas/User"}}}}
	id := []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]string{"type": "string"}}}
	doc := map[string]any{
		"openapi": "3.1.0",
		"info":    map[string]string{"title": "users", "version": "1"},
		"servers": []map[string]string{{"url": origin}},
		"paths": map[string]any{
			"/users/{id}": map[string]any{"get": map[string]any{
				"operationId": "getUser", "parameters": id,
				"responses": responses(map[string]any{"200": user}, []int{404, 405, 500}),
			}},
			"/users": map[string]any{"post": map[string]any{
				"operationId": "createUser",
				"requestBody": map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": map[string]string{"type": "object"}}}},
				"responses":   responses(map[string]any{"201": user}, []int{400, 409, 413, 422, 500}),
			}},
			"/users/{id}/upgrade": map[string]any{"post": map[string]any{
				"operationId": "upgradeUser", "parameters": id,
				"responses": responses(map[string]any{}, []int{404, 500}, outOfCredit),
			}},
			"/maintenance": map[string]any{"get": map[string]any{
				"operationId": "maintenance", "responses": responses(map[string]any{}, []int{503, 500}),
			}},
			"/report": map[string]any{"get": map[string]any{
				"operationId": "report", "responses": responses(map[string]any{}, []int{500}),
			}},
		},
		"components": components,
	}
	b, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		panic(err)
	}
	return append(b, '\n')
}
