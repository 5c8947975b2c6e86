package main

import (
	"encoding/json"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
)

// openAPIDocument returns the API's OpenAPI 3.1 document: its operations, written by hand, refer to the
// problem responses that httperrdoc.Components gives, merged into the document's components.
func openAPIDocument(origin string, types ...httperr.ProblemType) []byte {
	var components map[string]map[string]any
	if err := json.Unmarshal(httperrdoc.Components([]int{400, 403, 404, 405, 409, 413, 422, 500, 503}, types...), &components); err != nil {
		panic(err)
	}
	components["schemas"]["User"] = map[string]any{
		"type":       "object",
		"properties": map[string]any{"id": map[string]string{"type": "integer"}, "name": map[string]string{"type": "string"}, "email": map[string]string{"type": "string"}},
		"required":   []string{"id", "name", "email"},
	}
	ref := func(name string) map[string]string {
		return map[string]string{"$ref": "#/components/responses/" + name}
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
				"responses": map[string]any{"200": user, "404": ref("NotFound"), "405": ref("MethodNotAllowed"), "500": ref("InternalServerError")},
			}},
			"/users": map[string]any{"post": map[string]any{
				"operationId": "createUser",
				"requestBody": map[string]any{"content": map[string]any{"application/json": map[string]any{"schema": map[string]string{"type": "object"}}}},
				"responses": map[string]any{"201": user, "400": ref("BadRequest"), "409": ref("Conflict"), "413": ref("ContentTooLarge"),
					"422": ref("UnprocessableContent"), "500": ref("InternalServerError")},
			}},
			"/users/{id}/upgrade": map[string]any{"post": map[string]any{
				"operationId": "upgradeUser", "parameters": id,
				"responses": map[string]any{"403": ref("OutOfCredit"), "404": ref("NotFound"), "500": ref("InternalServerError")},
			}},
			"/maintenance": map[string]any{"get": map[string]any{
				"operationId": "maintenance", "responses": map[string]any{"503": ref("ServiceUnavailable")},
			}},
			"/report": map[string]any{"get": map[string]any{
				"operationId": "report", "responses": map[string]any{"500": ref("InternalServerError")},
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
