package httperrdoc_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
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

// conflictType is a second declared type, of 409.
var conflictType = httperr.NewProblemType("https://example.com/problems/email-taken", http.StatusConflict).WithCode("email_taken")

// notFoundType is a declared type whose name Components numbers beside the plain 404.
var notFoundType = httperr.NewProblemType("https://example.com/problems/not-found", http.StatusNotFound)

func TestResponsesEntries(t *testing.T) {
	components := httperrdoc.Components([]int{400, 403, 404, 409, 429, 500}, coded, notFoundType, conflictType, ratelimit.QuotaExceeded())
	headers429 := `{"Content-Language":{"description":"The language of the title and detail.","schema":{"type":"string"}},"Retry-After":{"description":"How long to wait before retrying, in seconds or as an HTTP-date (RFC 9110 section 10.2.3).","schema":{"type":"string"}}}`
	tests := []struct {
		name     string
		statuses []int
		types    []httperr.ProblemType
		want     string
	}{
		{"statuses", []int{404, 500, 400}, nil,
			`{"400":{"$ref":"#/components/responses/BadRequest"},"404":{"$ref":"#/components/responses/NotFound"},"500":{"$ref":"#/components/responses/InternalServerError"}}`},
		{"a type and statuses", []int{404, 500}, []httperr.ProblemType{coded},
			`{"403":{"$ref":"#/components/responses/OutOfCredit"},"404":{"$ref":"#/components/responses/NotFound"},"500":{"$ref":"#/components/responses/InternalServerError"}}`},
		{"the numbered name", nil, []httperr.ProblemType{notFoundType},
			`{"404":{"$ref":"#/components/responses/NotFound2"}}`},
		{"none", nil, nil, `{}`},
		{"repeated", []int{404, 404}, []httperr.ProblemType{coded, coded},
			`{"403":{"$ref":"#/components/responses/OutOfCredit"},"404":{"$ref":"#/components/responses/NotFound"}}`},
		{"a plain status and a type of it", []int{429}, []httperr.ProblemType{ratelimit.QuotaExceeded()},
			`{"429":{"content":{"application/problem+json":{"schema":{"anyOf":[{"allOf":[{"$ref":"#/components/schemas/Problem"},{"properties":{"status":{"const":429}}}]},{"$ref":"#/components/schemas/QuotaExceeded"}]}},"application/problem+xml":{"schema":{"anyOf":[{"allOf":[{"$ref":"#/components/schemas/Problem"},{"properties":{"status":{"const":429}}}]},{"$ref":"#/components/schemas/QuotaExceeded"}]}}},"description":"One of: TooManyRequests, QuotaExceeded.","headers":` + headers429 + `}}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := httperrdoc.Responses(components, tc.statuses, tc.types...)
			if err != nil || string(got) != tc.want {
				t.Errorf("got %v\n%s\nwant\n%s", err, got, tc.want)
			}
		})
	}
	// Two types of one status: their two schemas.
	other := httperr.NewProblemType("https://example.com/problems/plan-limit", http.StatusForbidden)
	got, err := httperrdoc.Responses(httperrdoc.Components(nil, coded, other), nil, coded, other)
	if err != nil || !strings.Contains(string(got), `"anyOf":[{"$ref":"#/components/schemas/OutOfCredit"},{"$ref":"#/components/schemas/PlanLimit"}]`) ||
		!strings.Contains(string(got), `"description":"One of: OutOfCredit, PlanLimit."`) {
		t.Errorf("%v %s", err, got)
	}
}

func TestResponsesErrors(t *testing.T) {
	components := httperrdoc.Components([]int{404}, coded)
	tests := []struct {
		name       string
		components []byte
		statuses   []int
		types      []httperr.ProblemType
		want       string
	}{
		{"status not in the components", components, []int{404, 409}, nil, "httperrdoc: Responses: the components have no response for status 409"},
		{"type not in the components", components, nil, []httperr.ProblemType{conflictType}, "httperrdoc: Responses: the components have no response for problem type https://example.com/problems/email-taken (409)"},
		// The same URI declared otherwise is another schema: its documents differ.
		{"type declared otherwise", components, nil, []httperr.ProblemType{outOfCredit}, "no response for problem type https://example.com/problems/out-of-credit (403)"},
		{"status 200", components, []int{200}, nil, "httperrdoc: Responses: status 200 is outside 400..599"},
		{"not JSON", []byte("{"), []int{404}, nil, "httperrdoc: Responses: components: unexpected end of JSON input"},
		{"nil", nil, []int{404}, nil, "httperrdoc: Responses: components:"},
		{"a plain 403 is not a type", httperrdoc.Components([]int{403}), nil, []httperr.ProblemType{coded}, "no response for problem type"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := httperrdoc.Responses(tc.components, tc.statuses, tc.types...)
			if err == nil || !strings.Contains(err.Error(), tc.want) || got != nil {
				t.Errorf("got %s, %v; want an error with %q", got, err, tc.want)
			}
		})
	}
}

// operation is one operation of the document TestResponsesValidate builds, with the problems it sends.
type operation struct {
	path     string
	statuses []int
	types    []httperr.ProblemType
	problems []error // a problem of each status and type, as the service renders them
}

// TestResponsesValidate merges Responses into a real document, validates it with kin-openapi, and checks
// that a rendered problem of each status and type of each operation validates against its response.
func TestResponsesValidate(t *testing.T) {
	types := []httperr.ProblemType{coded, conflictType, notFoundType, ratelimit.QuotaExceeded()}
	components := httperrdoc.Components([]int{400, 403, 404, 405, 409, 413, 422, 429, 500, 503}, types...)
	ops := []operation{
		{"/users/{id}", []int{404, 405, 500}, nil,
			[]error{httperr.NotFound("user"), httperr.MethodNotAllowed("GET"), io.ErrUnexpectedEOF}},
		{"/users", []int{400, 413, 422, 500}, []httperr.ProblemType{conflictType},
			[]error{httperr.BadRequest("bad JSON"), &http.MaxBytesError{Limit: 10},
				httperr.Validation(httperr.Violation{Pointer: "#/name", Detail: "required"}), conflictType.New("taken"), httperr.InternalServerError("")}},
		{"/users/{id}/upgrade", []int{404}, []httperr.ProblemType{coded},
			[]error{httperr.NotFound("user"), coded.New("d").With("balance", 30)}},
		{"/search", []int{429, 503}, []httperr.ProblemType{ratelimit.QuotaExceeded()},
			[]error{httperr.TooManyRequests(time.Second), ratelimit.QuotaExceeded().New("").With(ratelimit.ViolatedPolicies, []string{"daily"}),
				httperr.ServiceUnavailable(time.Minute)}},
		{"/legacy", []int{403}, []httperr.ProblemType{coded, notFoundType},
			[]error{httperr.Forbidden("no"), coded.New("d").With("balance", 1), notFoundType.New("gone")}},
	}
	paths := map[string]any{}
	for i, op := range ops {
		errs, err := httperrdoc.Responses(components, op.statuses, op.types...)
		if err != nil {
			t.Fatal(err)
		}
		var responses map[string]any
		if err := json.Unmarshal(errs, &responses); err != nil {
			t.Fatal(err)
		}
		responses["200"] = map[string]any{"description": "OK"}
		var params []any
		if strings.Contains(op.path, "{id}") {
			params = []any{map[string]any{"name": "id", "in": "path", "required": true, "schema": map[string]string{"type": "string"}}}
		}
		paths[op.path] = map[string]any{"get": map[string]any{"operationId": "op" + strconv.Itoa(i), "parameters": params, "responses": responses}}
	}
	data, err := json.Marshal(map[string]any{
		"openapi":    "3.1.0",
		"info":       map[string]string{"title": "test", "version": "1"},
		"servers":    []map[string]string{{"url": "http://example.com"}},
		"paths":      paths,
		"components": json.RawMessage(components),
	})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(data)
	if err != nil {
		t.Fatalf("kin-openapi does not load the document: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("kin-openapi finds the document invalid: %v", err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	rd := testkit.Quiet()
	validate := func(t *testing.T, path string, status int, problem error) error {
		req := httptest.NewRequest(http.MethodGet, "http://example.com"+strings.ReplaceAll(path, "{id}", "1"), nil)
		w := httptest.NewRecorder()
		rd.Render(w, req, problem)
		if status != 0 && w.Code != status {
			t.Fatalf("rendered %d, want %d", w.Code, status)
		}
		return spectest.Match(t, router, req, w.Code, w.Header(), w.Body.Bytes())
	}
	n := 0
	for _, op := range ops {
		declared := map[int]bool{}
		for _, s := range op.statuses {
			declared[s] = true
		}
		for _, ty := range op.types {
			declared[ty.Status()] = true
		}
		for _, p := range op.problems {
			t.Run(op.path+"/"+strconv.Itoa(httperr.StatusOf(p)), func(t *testing.T) {
				if err := validate(t, op.path, 0, p); err != nil {
					t.Errorf("%v", err)
				}
				delete(declared, httperr.StatusOf(p))
			})
			n++
		}
		if len(declared) != 0 {
			t.Errorf("%s: no problem rendered for %v", op.path, declared)
		}
	}
	// And what the document does not allow is refused: a status the operation does not list, a type's
	// problem without its required member, a plain 403 where only the type is listed.
	for name, tc := range map[string]struct {
		path    string
		problem error
	}{
		"unlisted status":          {"/users/{id}", httperr.Conflict("c")},
		"required member missing":  {"/users/{id}/upgrade", coded.New("d")},
		"plain status, type only":  {"/users/{id}/upgrade", httperr.Forbidden("d")},
		"wrong code":               {"/users/{id}/upgrade", coded.New("d").With("balance", 1).With("code", "other")},
		"plain 409 where the type": {"/users", httperr.Conflict("c")},
	} {
		t.Run("refused/"+name, func(t *testing.T) {
			if err := validate(t, tc.path, 0, tc.problem); err == nil {
				t.Error("the document accepts it")
			}
		})
	}
	if n < 15 {
		t.Errorf("only %d problems validated", n)
	}
}
