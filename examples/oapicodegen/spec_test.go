package main

import (
	"flag"
	"testing"

	"github.com/httperr/toolkit/internal/spectest"
)

var update = flag.Bool("update", false, "rewrite the problem components of openapi.yaml from httperrdoc.Components")

// problemComponents returns what goes between spectest.Begin and spectest.End: the schemas and responses
// of the problems the API sends, as httperrdoc.Components gives them.
func problemComponents(t *testing.T) string {
	schemas, responses := spectest.Components(t, 400, 404, 409, 422, 500)
	// oapi-codegen v2.8.2's strict server does not compile for a components response whose schema is
	// written in place (it refers to a <Response>ApplicationProblemPlusJSONResponseBody type it never
	// declares), so each response's schema moves to components.schemas as <Response>Problem.
	for name, r := range responses {
		for _, media := range r.(map[string]any)["content"].(map[string]any) {
			media := media.(map[string]any)
			if schema := media["schema"].(map[string]any); schema["$ref"] == nil {
				schemas[name+"Problem"] = schema
				media["schema"] = map[string]any{"$ref": "#/components/schemas/" + name + "Problem"}
			}
		}
	}
	return spectest.YAML(t, schemas, responses)
}

// TestSpec checks that openapi.yaml holds the problem components httperr gives (-update rewrites them) and
// that kin-openapi finds the document valid.
func TestSpec(t *testing.T) {
	spectest.CheckDocument(t, "openapi.yaml", problemComponents(t), *update, "./examples/oapicodegen")
}
