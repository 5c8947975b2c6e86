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
	return spectest.YAML(t, schemas, responses)
}

// TestSpec checks that openapi.yaml holds the problem components httperr gives (-update rewrites them) and
// that kin-openapi finds the document valid.
func TestSpec(t *testing.T) {
	spectest.CheckDocument(t, "openapi.yaml", problemComponents(t), *update, "./examples/ogen")
}
