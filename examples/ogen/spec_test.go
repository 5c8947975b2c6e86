package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/httperr/toolkit/httperrdoc"
	yaml "go.yaml.in/yaml/v4"
)

var update = flag.Bool("update", false, "rewrite the problem components of openapi.yaml from httperrdoc.Components")

// The problem components sit between these lines of openapi.yaml, under components.schemas; the rest of
// the file, the Problem response after them included, is written by hand.
const (
	begin = "    # BEGIN httperrdoc.Components: written by go generate (TestSpec -update), do not edit.\n"
	end   = "    # END httperrdoc.Components.\n"
)

// problemComponents returns what goes between begin and end: the schemas and responses of the problems
// the API sends, as httperrdoc.Components gives them. It is the one use of httperrdoc.Components.
func problemComponents(t *testing.T) string {
	var c struct{ Schemas, Responses map[string]any }
	if err := json.Unmarshal(httperrdoc.Components([]int{400, 404, 409, 422, 500}), &c); err != nil {
		t.Fatal(err)
	}
	return indented(t, c.Schemas) + "  responses:\n" + indented(t, c.Responses)
}

// indented returns v in YAML, each line indented as an entry of components.schemas or .responses.
func indented(t *testing.T, v any) string {
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	if err := e.Encode(v); err != nil {
		t.Fatal(err)
	}
	e.Close() //nolint:errcheck // a bytes.Buffer
	return "    " + strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "\n", "\n    ") + "\n"
}

// TestSpec checks that openapi.yaml holds the problem components httperr gives (-update rewrites them) and
// that kin-openapi finds the document valid.
func TestSpec(t *testing.T) {
	spec, err := os.ReadFile("openapi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	head, rest, ok1 := strings.Cut(string(spec), begin)
	_, tail, ok2 := strings.Cut(rest, end)
	if !ok1 || !ok2 {
		t.Fatalf("openapi.yaml lacks the lines\n%s%s", begin, end)
	}
	want := head + begin + problemComponents(t) + end + tail
	if *update {
		if err := os.WriteFile("openapi.yaml", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if string(spec) != want {
		t.Errorf("openapi.yaml's problem components are not httperrdoc.Components': run go generate ./examples/ogen")
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(want))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not valid: %v", err)
	}
}
