package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers/gorillamux"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/spectest"
	"github.com/httperr/toolkit/internal/testkit"
)

// do sends one request to the loopback server and returns the response with its body read.
func do(t *testing.T, method, target, body string, header ...string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, target, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, b
}

// TestTypeResolves follows the type of the example's own problem to its documentation page.
func TestTypeResolves(t *testing.T) {
	srv := httptest.NewServer(newServer(testkit.Quiet(), testOrigin))
	defer srv.Close()
	res, body := do(t, http.MethodPost, srv.URL+"/users/1/upgrade", "")
	want := `{"type":"http://localhost:8080/problems/out-of-credit","title":"You do not have enough credit","status":403,"detail":"Your balance is 30 credits, but the upgrade costs 50.","accounts":["/users/1"],"balance":30}` + "\n"
	if res.StatusCode != 403 || string(body) != want {
		t.Fatalf("%d %s", res.StatusCode, body)
	}
	var p struct{ Type string }
	json.Unmarshal(body, &p) //nolint:errcheck // checked above
	u, err := url.Parse(p.Type)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, accept, lang, contentType, has string
	}{
		{"curl", "*/*", "", "text/html; charset=utf-8", "<h1>You do not have enough credit</h1>"},
		{"browser, French", "text/html", "fr", "text/html; charset=utf-8", "<h1>Crédit insuffisant</h1>"},
		{"json", "application/json", "", "application/json", `"title": "You do not have enough credit"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, http.MethodGet, srv.URL+u.Path, "", "Accept", tc.accept, "Accept-Language", tc.lang)
			if res.StatusCode != 200 || res.Header.Get("Content-Type") != tc.contentType || !strings.Contains(string(body), tc.has) {
				t.Errorf("%d %q\n%s", res.StatusCode, res.Header.Get("Content-Type"), body)
			}
		})
	}
	if res, _ := do(t, http.MethodGet, srv.URL+"/problems/none", ""); res.StatusCode != 404 || res.Header.Get("Content-Type") != "application/problem+json" {
		t.Errorf("unknown type: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
}

// TestOpenAPI validates /openapi.json with kin-openapi, then the example's real answers against it.
func TestOpenAPI(t *testing.T) {
	srv := httptest.NewServer(newServer(testkit.Quiet(), testOrigin))
	defer srv.Close()
	res, spec := do(t, http.MethodGet, srv.URL+"/openapi.json", "")
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		t.Fatalf("kin-openapi does not load /openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("/openapi.json is not valid: %v", err)
	}
	if doc.OpenAPI != "3.1.0" || doc.Servers[0].URL != testOrigin {
		t.Errorf("openapi %q, servers %v", doc.OpenAPI, doc.Servers[0].URL)
	}
	doc.Servers = openapi3.Servers{{URL: srv.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"user", "GET", "/users/1", "", 200},
		{"unknown user", "GET", "/users/42", "", 404},
		{"invalid user", "POST", "/users", `{"name":"","email":"x"}`, 422},
		{"bad JSON", "POST", "/users", `{"name":`, 400},
		{"too large", "POST", "/users", `{"name":"` + strings.Repeat("a", 5000) + `"}`, 413},
		{"conflict", "POST", "/users", `{"name":"Ada","email":"ada@example.com"}`, 409},
		{"out of credit", "POST", "/users/1/upgrade", "", 403},
		{"upgrade of an unknown user", "POST", "/users/42/upgrade", "", 404},
		{"maintenance", "GET", "/maintenance", "", 503},
		{"report", "GET", "/report", "", 500},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, body := do(t, tc.method, srv.URL+tc.path, tc.body, "Content-Type", "application/json")
			if res.StatusCode != tc.status {
				t.Fatalf("%d %s", res.StatusCode, body)
			}
			err := spectest.Match(t, router, res.Request, res.StatusCode, res.Header, body)
			if err != nil {
				t.Errorf("%d %s\ndoes not match /openapi.json: %v", res.StatusCode, body, err)
			}
		})
	}
}

// TestOpenAPIErrorsPerOperation checks each operation's error responses in /openapi.json: every operation
// lists 500 (the Middleware answers a panic anywhere with one), and a problem of each status it lists,
// rendered as the server renders it, validates against that response.
func TestOpenAPIErrorsPerOperation(t *testing.T) {
	spec := openAPIDocument(testOrigin, outOfCreditType(testOrigin))
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatal(err)
	}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	problems := map[int]error{
		400: httperr.BadRequest("bad JSON"),
		403: outOfCreditType(testOrigin).New("d").With("balance", 30),
		404: httperr.NotFound("user"),
		405: httperr.MethodNotAllowed("GET", "HEAD"),
		409: httperr.Conflict("taken").With("email", "ada@example.com"),
		413: &http.MaxBytesError{Limit: 4096},
		422: httperr.Validation(httperr.Violation{Pointer: "#/name", Detail: "is required"}),
		500: errors.New("db: password=hunter2"),
		503: httperr.ServiceUnavailable(time.Minute),
	}
	n := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.Responses.Value("500") == nil {
				t.Errorf("%s %s: no 500", method, path)
			}
			for code := range op.Responses.Map() {
				status, _ := strconv.Atoi(code)
				if status < 400 {
					continue
				}
				t.Run(method+" "+path+" "+code, func(t *testing.T) {
					p, ok := problems[status]
					if !ok {
						t.Fatalf("no problem of status %d to render", status)
					}
					req := httptest.NewRequest(method, testOrigin+strings.ReplaceAll(path, "{id}", "1"), nil)
					w := httptest.NewRecorder()
					testkit.Quiet().Render(w, req, p)
					err := spectest.Match(t, router, req, w.Code, w.Header(), w.Body.Bytes())
					if w.Code != status || err != nil {
						t.Errorf("%d %s\ndoes not match the document: %v", w.Code, w.Body, err)
					}
				})
				n++
			}
		}
	}
	if n != 14 {
		t.Errorf("%d error responses, want 14", n)
	}
}
