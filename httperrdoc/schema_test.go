package httperrdoc_test

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
	"github.com/httperr/toolkit/internal/testkit"
)

// schemaCompile compiles Schema, checking it against the draft 2020-12 meta-schema on the way, with
// formats asserted.
func schemaCompile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(httperrdoc.Schema()))
	if err != nil {
		t.Fatalf("Schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	c.AssertFormat()
	if err := c.AddResource("problem.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("problem.schema.json")
	if err != nil {
		t.Fatalf("Schema does not compile: %v", err)
	}
	return sch
}

// schemaValidate validates a rendered body against sch.
func schemaValidate(t *testing.T, sch *jsonschema.Schema, body []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(body))
	if err != nil {
		t.Fatalf("body is not JSON: %v\n%s", err, body)
	}
	return sch.Validate(inst)
}

func TestSchemaValidatesRenderedBodies(t *testing.T) {
	sch := schemaCompile(t)
	discard := slog.New(slog.DiscardHandler)
	renderers := map[string]*httperr.Renderer{
		"zero":         {Logger: discard},
		"type base":    {Logger: discard, TypeBase: "https://example.com/problems/"},
		"expose cause": {Logger: discard, ExposeCause: true},
		"enrich": {Logger: discard, Enrich: func(r *http.Request, e *httperr.Error) *httperr.Error {
			return e.WithInstance("urn:uuid:3f1b").With("trace_id", "0af7651916cd43dd8448eb211c80319c")
		}},
	}
	errs := clientCases()
	errs = append(errs,
		testkit.Case{Name: "cause extension next to others", Err: httperr.Conflict("c").With("a", 1).With("d", 2).Wrap(errors.New("why"))},
		testkit.Case{Name: "violation with no pointer", Err: httperr.Validation(httperr.Violation{Detail: "body is empty"})},
		testkit.Case{Name: "no violations", Err: httperr.Validation()},
		testkit.Case{Name: "parameter and header violations", Err: httperr.BadRequest("").WithErrors(
			httperr.Violation{Parameter: "limit", Detail: "must be an integer"}, httperr.Violation{Header: "X-Request-Id", Detail: "is required"})},
		testkit.Case{Name: "violations with codes", Err: httperr.Validation(httperr.Violation{Pointer: "#/login", Code: "min", Message: "min.string", Param: "3"},
			httperr.Violation{Header: "X-Request-Id", Code: "required"}, httperr.Violation{Pointer: "#/a", Detail: "d", Code: "custom"})},
		testkit.Case{Name: "mapped type error", Err: &json.UnmarshalTypeError{Value: "string", Type: nil, Field: "user.age"}},
		testkit.Case{Name: "nil error", Err: nil},
		testkit.Case{Name: "status out of range", Err: httperr.New(302, "redirect")},
	)
	n := 0
	for rname, rd := range renderers {
		for _, tc := range errs {
			for _, lang := range []string{"", "fr"} {
				name := tc.Name + "/" + rname + "/" + cmp.Or(lang, "en")
				// Through Render and an http.Handler, so that Enrich runs; a real response's body.
				h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { rd.Render(w, r, tc.Err) })
				req := httptest.NewRequest(http.MethodGet, "/things/1", nil)
				req.Header.Set("Accept-Language", lang)
				w := httptest.NewRecorder()
				h.ServeHTTP(w, req)
				if ct := w.Header().Get("Content-Type"); ct != "application/problem+json" {
					t.Fatalf("%s: Content-Type %q", name, ct)
				}
				if err := schemaValidate(t, sch, w.Body.Bytes()); err != nil {
					t.Errorf("%s: %s\ndoes not match Schema: %v", name, w.Body.Bytes(), err)
				}
				n++
			}
		}
	}
	if n < 1000 {
		t.Errorf("only %d bodies validated", n)
	}
}

func TestSchemaRejects(t *testing.T) {
	sch := schemaCompile(t)
	valid := `{"type":"about:blank","title":"Not Found","status":404}`
	if err := schemaValidate(t, sch, []byte(valid)); err != nil {
		t.Fatalf("minimal problem rejected: %v", err)
	}
	for _, body := range []string{
		`[]`,
		`{"title":"Not Found","status":404}`,
		`{"type":"about:blank","status":404}`,
		`{"type":"about:blank","title":"Not Found"}`,
		`{"type":"about:blank","title":"Not Found","status":"404"}`,
		`{"type":"about:blank","title":"Not Found","status":200}`,
		`{"type":"about:blank","title":"Not Found","status":404.5}`,
		`{"type":"about:blank","title":"Not Found","status":404,"detail":1}`,
		`{"type":"about:blank","title":"Not Found","status":404,"instance":null}`,
		`{"type":"not a uri reference\u0000","title":"Not Found","status":404}`,
		`{"type":"about:blank","title":"x","status":422,"errors":{"detail":"d","pointer":"#/a"}}`,
		`{"type":"about:blank","title":"x","status":422,"errors":[{"detail":"d"}]}`,
		`{"type":"about:blank","title":"x","status":422,"errors":[{"pointer":"#/a"}]}`,
		`{"type":"about:blank","title":"x","status":422,"errors":[{"detail":"d","pointer":5}]}`,
		`{"type":"about:blank","title":"x","status":422,"errors":["d"]}`,
		`{"type":"about:blank","title":"x","status":400,"errors":[{"detail":"d","parameter":5}]}`,
		`{"type":"about:blank","title":"x","status":400,"errors":[{"detail":"d","header":null}]}`,
		`{"type":"about:blank","title":"x","status":422,"errors":[{"detail":"d","pointer":"#/a","code":5}]}`,
		`{"type":"about:blank","title":"x","status":422,"errors":[{"detail":"d","pointer":"#/a","code":null}]}`,
	} {
		if err := schemaValidate(t, sch, []byte(body)); err == nil {
			t.Errorf("Schema accepts %s", body)
		}
	}
}

func TestSchemaIsACopy(t *testing.T) {
	a := httperrdoc.Schema()
	want := string(a)
	clear(a)
	if got := string(httperrdoc.Schema()); got != want {
		t.Fatal("changing the returned bytes changed the schema")
	}
	var doc map[string]any
	if err := json.Unmarshal(httperrdoc.Schema(), &doc); err != nil {
		t.Fatal(err)
	}
	if doc["$schema"] != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %v", doc["$schema"])
	}
	// Self-contained: it can be pasted under components/schemas of an OpenAPI 3.1 document.
	if bytes.Contains(httperrdoc.Schema(), []byte(`"$ref"`)) {
		t.Error("Schema has a $ref")
	}
}
