package httperrdoc_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrdoc"
	"github.com/httperr/toolkit/internal/spectest"
	"github.com/httperr/toolkit/internal/testkit"
	"github.com/httperr/toolkit/ratelimit"
)

// openAPIDocument builds an OpenAPI 3.1 document with one operation per response of the components,
// GET /r/{name}, whose default response is that response, and checks it with kin-openapi.
func openAPIDocument(t *testing.T, components []byte) *openapi3.T {
	t.Helper()
	var comps struct{ Responses map[string]json.RawMessage }
	if err := json.Unmarshal(components, &comps); err != nil {
		t.Fatalf("components are not JSON: %v", err)
	}
	paths := map[string]any{}
	for name := range comps.Responses {
		paths["/r/"+name] = map[string]any{"get": map[string]any{
			"operationId": "get" + name,
			"responses":   map[string]any{"default": map[string]string{"$ref": "#/components/responses/" + name}},
		}}
	}
	doc := map[string]any{
		"openapi":    "3.1.0",
		"info":       map[string]string{"title": "test", "version": "1"},
		"servers":    []map[string]string{{"url": "http://example.com"}},
		"paths":      paths,
		"components": json.RawMessage(components),
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("kin-openapi does not load the document: %v", err)
	}
	if err := loaded.Validate(context.Background()); err != nil {
		t.Fatalf("kin-openapi finds the document invalid: %v", err)
	}
	return loaded
}

func TestComponentsValidate(t *testing.T) {
	components := httperrdoc.Components(nil, outOfCredit, ratelimit.QuotaExceeded(), ratelimit.TemporaryReducedCapacity(), ratelimit.AbnormalUsageDetected())
	doc := openAPIDocument(t, components)
	for _, name := range []string{"Problem", "OutOfCredit", "QuotaExceeded", "TemporaryReducedCapacity", "AbnormalUsageDetected"} {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("no schema %s", name)
		}
	}
	for _, name := range []string{"BadRequest", "NotFound", "UnprocessableContent", "ImATeapot", "TooManyRequests", "InternalServerError", "NetworkAuthenticationRequired", "OutOfCredit", "QuotaExceeded"} {
		if doc.Components.Responses[name] == nil {
			t.Errorf("no response %s", name)
		}
	}
	if h := doc.Components.Responses["MethodNotAllowed"].Value.Headers["Allow"]; h == nil {
		t.Error("405 has no Allow header")
	}
	if h := doc.Components.Responses["QuotaExceeded"].Value.Headers["Retry-After"]; h == nil {
		t.Error("QuotaExceeded has no Retry-After header")
	}

	// Real responses validate against the document, and a response that breaks the type's schema does not.
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	rd := testkit.Quiet()
	tests := []struct {
		name, response string
		err            error
		valid          bool
	}{
		{"404", "NotFound", httperr.NotFound("thing"), true},
		{"404 as a 409", "Conflict", httperr.NotFound("thing"), false},
		{"422", "UnprocessableContent", httperr.Validation(httperr.Violation{Pointer: "#/a", Detail: "d"}), true},
		{"405", "MethodNotAllowed", httperr.MethodNotAllowed("GET"), true},
		{"500", "InternalServerError", io.ErrUnexpectedEOF, true},
		{"quota", "QuotaExceeded", ratelimit.QuotaExceeded().New("").With(ratelimit.ViolatedPolicies, []string{"daily"}), true},
		{"quota, policies not strings", "QuotaExceeded", ratelimit.QuotaExceeded().New("").With(ratelimit.ViolatedPolicies, []int{1}), false},
		{"a plain 429 is no quota problem", "QuotaExceeded", httperr.TooManyRequests(time.Second), false},
		{"out of credit", "OutOfCredit", outOfCredit.New("d").With("balance", 30), true},
		{"out of credit without its required balance", "OutOfCredit", outOfCredit.New("d"), false},
		{"out of credit, negative balance", "OutOfCredit", outOfCredit.New("d").With("balance", -1), false},
		{"503 reduced capacity", "TemporaryReducedCapacity", ratelimit.TemporaryReducedCapacity().New("").WithRetryAfter(time.Second), true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			req := httptest.NewRequest(http.MethodGet, "http://example.com/r/"+tc.response, nil)
			w := httptest.NewRecorder()
			rd.Render(w, req, tc.err)
			err := spectest.Match(t, router, req, w.Code, w.Header(), w.Body.Bytes())
			if (err == nil) != tc.valid {
				t.Errorf("%d %s\nvalidation error: %v", w.Code, w.Body, err)
			}
		})
	}
}

func TestComponentsNames(t *testing.T) {
	dup := httperr.NewProblemType("https://example.com/problems/not-found", 404)
	var comps struct {
		Responses map[string]json.RawMessage
		Schemas   map[string]json.RawMessage
	}
	if err := json.Unmarshal(httperrdoc.Components([]int{404, 200}, dup, httperr.NewProblemType("urn:x:teapot-time", 418)), &comps); err != nil {
		t.Fatal(err)
	}
	want := map[string]bool{"NotFound": true, "NotFound2": true, "TeapotTime": true}
	if len(comps.Responses) != len(want) {
		t.Errorf("responses %v", keys(comps.Responses))
	}
	for name := range want {
		if comps.Responses[name] == nil {
			t.Errorf("no response %s in %v", name, keys(comps.Responses))
		}
	}
	if comps.Schemas["NotFound2"] == nil || comps.Schemas["TeapotTime"] == nil || comps.Schemas["Problem"] == nil {
		t.Errorf("schemas %v", keys(comps.Schemas))
	}
}

func keys(m map[string]json.RawMessage) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}
