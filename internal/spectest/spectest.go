// Package spectest holds the helpers that the tests of the examples serving an OpenAPI document, and
// httperrdoc's, share: the check that the document holds httperrdoc's problem components and is valid, the
// match of an answer against the document (kin-openapi's openapi3filter) and the play of a request whose
// answer must match it. Only _test.go files import it
// (testkit's TestOnlyTestsImport keeps it so).
package spectest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
	yaml "go.yaml.in/yaml/v4"

	"github.com/httperr/toolkit/httperrdoc"
	"github.com/httperr/toolkit/internal/testkit"
)

// The problem components sit between these lines of a document, under components.schemas; the rest of the
// file is written by hand.
const (
	Begin = "    # BEGIN httperrdoc.Components: written by go generate (TestSpec -update), do not edit.\n"
	End   = "    # END httperrdoc.Components.\n"
)

// The English catalog's details of 400, 422 and 500, which the examples' problems of those statuses carry.
const (
	Generic400 = "The server cannot or will not process the request due to something that is perceived to be a client error."
	Generic422 = "The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions."
	Generic500 = "The server encountered an unexpected condition that prevented it from fulfilling the request."
)

// Components returns the schemas and responses httperrdoc.Components gives for statuses.
func Components(t testing.TB, statuses ...int) (schemas, responses map[string]any) {
	t.Helper()
	var c struct{ Schemas, Responses map[string]any }
	if err := json.Unmarshal(httperrdoc.Components(statuses), &c); err != nil {
		t.Fatal(err)
	}
	return c.Schemas, c.Responses
}

// YAML returns what goes between [Begin] and [End]: schemas, then responses under a responses key, in YAML
// indented as entries of components.
func YAML(t testing.TB, schemas, responses map[string]any) string {
	t.Helper()
	return indented(t, schemas) + "  responses:\n" + indented(t, responses)
}

// indented returns v in YAML, each line indented as an entry of components.schemas or .responses.
func indented(t testing.TB, v any) string {
	t.Helper()
	var b bytes.Buffer
	e := yaml.NewEncoder(&b)
	e.SetIndent(2)
	if err := e.Encode(v); err != nil {
		t.Fatal(err)
	}
	e.Close() //nolint:errcheck // a bytes.Buffer
	return "    " + strings.ReplaceAll(strings.TrimSuffix(b.String(), "\n"), "\n", "\n    ") + "\n"
}

// CheckDocument checks that the document in file holds components between [Begin] and [End] (update
// rewrites them; the error message names the go generate of pkg) and that kin-openapi finds it valid.
func CheckDocument(t testing.TB, file, components string, update bool, pkg string) {
	t.Helper()
	spec, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, ok1 := strings.Cut(string(spec), Begin)
	_, tail, ok2 := strings.Cut(rest, End)
	if !ok1 || !ok2 {
		t.Fatalf("%s lacks the lines\n%s%s", file, Begin, End)
	}
	want := head + Begin + components + End + tail
	if update {
		if err := os.WriteFile(file, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if string(spec) != want {
		t.Errorf("%s's problem components are not httperrdoc.Components': run go generate %s", file, pkg)
	}
	doc, err := openapi3.NewLoader().LoadFromData([]byte(want))
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("%s is not valid: %v", file, err)
	}
}

// Router returns a kin-openapi router over the document in file, with srv as its server.
func Router(t testing.TB, file string, srv *httptest.Server) routers.Router {
	t.Helper()
	spec, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := openapi3.NewLoader().LoadFromData(spec)
	if err != nil {
		t.Fatal(err)
	}
	doc.Servers = openapi3.Servers{{URL: srv.URL}}
	rt, err := gorillamux.NewRouter(doc)
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

// Play sends method path with body, as application/json, to srv, ends the test on an answer other than
// status, contentType and want exactly, and reports an answer that does not match the document of rt
// (openapi3filter.ValidateResponse).
func Play(t testing.TB, srv *httptest.Server, rt routers.Router, method, path, body string, status int, contentType, want string) {
	t.Helper()
	req := testkit.NewRequest(t, method, srv.URL+path, body, "Content-Type", "application/json")
	res, got := testkit.Do(t, srv.Client(), req)
	if res.StatusCode != status || res.Header.Get("Content-Type") != contentType || got != want {
		t.Fatalf("got %d %q\n%s\nwant %d %q\n%s", res.StatusCode, res.Header.Get("Content-Type"), got, status, contentType, want)
	}
	err := Match(t, rt, req, res.StatusCode, res.Header, []byte(got))
	if err != nil {
		t.Errorf("does not match the document: %v", err)
	}
}

// Match returns the error openapi3filter.ValidateResponse finds in the answer to req, its status, header
// fields and body, against the document of rt: nil when the answer matches. A request the document has no
// route for ends the test.
func Match(t testing.TB, rt routers.Router, req *http.Request, status int, header http.Header, body []byte) error {
	t.Helper()
	route, params, err := rt.FindRoute(req)
	if err != nil {
		t.Fatal(err)
	}
	return openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: true},
	})
}

// RouterProblems checks that the router of srv answers what the document does not declare, a GET of
// /nowhere and a DELETE of /users/1, with the problems of their statuses, Allow being allow on the 405.
func RouterProblems(t testing.TB, srv *httptest.Server, allow string) {
	t.Helper()
	for _, tc := range []struct {
		method, path, want, allow string
		status                    int
	}{
		{"GET", "/nowhere", `{"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}`, "", 404},
		{"DELETE", "/users/1", `{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method received in the request is not supported by the target resource."}`, allow, 405},
	} {
		res, body := testkit.Send(t, srv.Client(), tc.method, srv.URL+tc.path, "")
		if res.StatusCode != tc.status || res.Header.Get("Content-Type") != "application/problem+json" || body != tc.want+"\n" || res.Header.Get("Allow") != tc.allow {
			t.Errorf("%s %s: %d %q Allow %q\n%s", tc.method, tc.path, res.StatusCode, res.Header.Get("Content-Type"), res.Header.Get("Allow"), body)
		}
	}
}
