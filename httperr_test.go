// The conformance suite: the same scenarios, through the same handlers (the users API, api_test.go), served
// by net/http, echo v4 and gin with their httperr adapters installed (stack_*_test.go, one file per stack).
// For each scenario the three answers must agree byte for byte: status, Content-Type, body, and the header
// fields that matter.
package toolkit_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	"github.com/santhosh-tekuri/jsonschema/v6"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
)

// scenario is one request and the answer all three frameworks must give.
type scenario struct {
	name                 string
	method, target, body string
	header               map[string]string // request header fields
	status               int
	contentType          string
	want                 string   // exact body, checked by hand against RFC 9457; "" to compare adapters only
	same                 []string // response header fields that must be identical across frameworks
	present              []string // response header fields that must be present (values may differ)
	secret               bool     // the body and header fields must not contain secret
}

const (
	problemJSON = "application/problem+json"
	problemXML  = "application/problem+xml"
)

var problemHeaders = []string{"Content-Length", "Content-Language", "Vary", "X-Content-Type-Options"}

var scenarios = []scenario{
	{
		name: "handler 404", method: "GET", target: "/users/42", status: 404, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n",
		same: problemHeaders,
	},
	{
		name: "409 with extensions", method: "POST", target: "/users", body: `{"name":"Ada","email":"ada@example.com"}`,
		status: 409, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered",` +
			`"email":"ada@example.com","existing_user":"/users/1"}` + "\n",
		same: problemHeaders,
	},
	{
		name: "422 with violations", method: "POST", target: "/users", body: `{"name":" ","email":"nope","age":-1}`,
		status: 422, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",` +
			`"errors":[{"detail":"must not be empty","pointer":"#/name"},{"detail":"must be an email address","pointer":"#/email"},{"detail":"must be between 0 and 150","pointer":"#/age"}]}` + "\n",
		same: problemHeaders,
	},
	{
		name: "503 with Retry-After", method: "GET", target: "/maintenance", status: 503, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"scheduled maintenance"}` + "\n",
		same: append([]string{"Retry-After"}, problemHeaders...),
	},
	{
		name: "wrapped 500 with a secret cause", method: "GET", target: "/report", status: 500, contentType: problemJSON,
		want: body500, same: problemHeaders, secret: true,
	},
	{
		name: "panic", method: "GET", target: "/panic", status: 500, contentType: problemJSON,
		want: body500, same: problemHeaders, secret: true,
	},
	{
		name: "router 404", method: "GET", target: "/no/such/route", status: 404, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}` + "\n",
		same: problemHeaders,
	},
	{
		name: "router 405", method: "DELETE", target: "/users/1", status: 405, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Method Not Allowed","status":405,"detail":"The method received in the request is not supported by the target resource."}` + "\n",
		same: problemHeaders, present: []string{"Allow"},
	},
	{
		name: "413 from http.MaxBytesReader", method: "POST", target: "/users",
		body:   `{"name":"` + strings.Repeat("a", maxBody) + `"}`,
		status: 413, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Content Too Large","status":413,"detail":"request body exceeds the limit of 4096 bytes"}` + "\n",
		same: problemHeaders,
	},
	{
		name: "400 from truncated JSON", method: "POST", target: "/users", body: `{"name":`,
		status: 400, contentType: problemJSON, same: problemHeaders,
		want: `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (unexpected end)"}` + "\n",
	},
	{
		name: "400 from malformed JSON", method: "POST", target: "/users", body: `{"name":}`,
		status: 400, contentType: problemJSON, same: problemHeaders,
		want: `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 9)"}` + "\n",
	},
	{
		name: "XML", method: "GET", target: "/users/42", header: map[string]string{"Accept": "application/problem+xml"},
		status: 404, contentType: problemXML,
		want: `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Not Found</title><status>404</status><detail>user not found</detail></problem>` + "\n",
		same: problemHeaders,
	},
	{
		name: "French", method: "GET", target: "/maintenance", header: map[string]string{"Accept-Language": "fr-CA, en;q=0.5"},
		status: 503, contentType: problemJSON,
		want: `{"type":"about:blank","title":"Service indisponible","status":503,"detail":"scheduled maintenance"}` + "\n",
		same: append([]string{"Retry-After"}, problemHeaders...),
	},
	{
		name: "HEAD", method: "HEAD", target: "/head/42", status: 404, contentType: problemJSON,
		want: "", same: problemHeaders,
	},
	{
		name: "wrote, then failed: left alone", method: "GET", target: "/partial", status: 200,
		contentType: "text/plain", want: "partial answer",
	},
	{
		name: "success untouched", method: "GET", target: "/users/1", status: 200, contentType: "application/json",
		want: `{"id":1,"name":"Ada Lovelace","email":"ada@example.com"}` + "\n",
	},
	{
		name: "error that knows its status", method: "GET", target: "/teapot", status: 418, contentType: problemJSON,
		want: `{"type":"about:blank","title":"I'm a teapot","status":418,"detail":"` + teapotDetail + `"}` + "\n",
		same: problemHeaders,
	},
}

var body500 = `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}` + "\n"

var teapotDetail = httperr.Description(http.StatusTeapot)

// statusError is a foreign error that knows its status, as many libraries' errors do.
type statusError struct{ code int }

func (e statusError) Error() string   { return "status " + fmt.Sprint(e.code) }
func (e statusError) StatusCode() int { return e.code }

// routes are the users API's routes (api_test.go) and a few that only the suite needs.
func suiteRoutes() []route {
	return append(newUsersAPI().routes(),
		route{Method: "HEAD", Pattern: "/head/{id}", Handler: func(http.ResponseWriter, *http.Request) error {
			return httperr.NotFound("user")
		}},
		route{Method: "GET", Pattern: "/partial", Handler: func(w http.ResponseWriter, r *http.Request) error {
			w.Header().Set("Content-Type", "text/plain")
			w.WriteHeader(http.StatusOK)
			io.WriteString(w, "partial answer")
			return errors.New("failed after the answer had started")
		}},
		route{Method: "GET", Pattern: "/teapot", Handler: func(http.ResponseWriter, *http.Request) error {
			return fmt.Errorf("brewing: %w", statusError{http.StatusTeapot})
		}},
	)
}

// frameworks are the three servers under test, built fresh for each scenario.
var frameworks = []struct {
	name  string
	serve func(*httperr.Renderer, ...route) http.Handler
}{
	{"net/http", serveNetHTTP},
	{"echo", serveEcho},
	{"gin", serveGin},
}

func quietRenderer() *httperr.Renderer {
	return &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
}

// answer is what a framework answered.
type answer struct {
	status int
	header http.Header
	body   string
}

func serve(h http.Handler, method, target, body string, header map[string]string) answer {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	r := httptest.NewRequest(method, target, rb)
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	return answer{res.StatusCode, res.Header, string(b)}
}

// problemSchema compiles httperr.ProblemSchema, the OpenAPI 3.1 / JSON Schema 2020-12 Problem schema.
func problemSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(httperr.ProblemSchema()))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.DefaultDraft(jsonschema.Draft2020)
	if err := c.AddResource("problem.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("problem.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

func TestConformance(t *testing.T) {
	schema := problemSchema(t)
	for _, sc := range scenarios {
		t.Run(sc.name, func(t *testing.T) {
			var first answer
			for i, fw := range frameworks {
				got := serve(fw.serve(quietRenderer(), suiteRoutes()...), sc.method, sc.target, sc.body, sc.header)
				if got.status != sc.status {
					t.Errorf("%s: status %d, want %d (body %q)", fw.name, got.status, sc.status, got.body)
				}
				if ct := got.header.Get("Content-Type"); ct != sc.contentType {
					t.Errorf("%s: Content-Type %q, want %q", fw.name, ct, sc.contentType)
				}
				if sc.want != "" || sc.method == "HEAD" {
					if got.body != sc.want {
						t.Errorf("%s: body\n%s\nwant\n%s", fw.name, got.body, sc.want)
					}
				}
				if sc.contentType == problemJSON && sc.method != "HEAD" {
					inst, err := jsonschema.UnmarshalJSON(strings.NewReader(got.body))
					if err != nil {
						t.Errorf("%s: body is not JSON: %v: %q", fw.name, err, got.body)
					} else if err := schema.Validate(inst); err != nil {
						t.Errorf("%s: body does not validate against httperr.ProblemSchema: %v", fw.name, err)
					}
				}
				if strings.HasPrefix(sc.contentType, "application/problem") {
					if cl := got.header.Get("Content-Length"); sc.method != "HEAD" && cl != fmt.Sprint(len(got.body)) {
						t.Errorf("%s: Content-Length %q for a body of %d bytes", fw.name, cl, len(got.body))
					}
				}
				for _, k := range sc.present {
					if got.header.Get(k) == "" {
						t.Errorf("%s: no %s header", fw.name, k)
					}
				}
				if sc.secret {
					if strings.Contains(got.body, "hunter2") || strings.Contains(fmt.Sprint(got.header), "hunter2") {
						t.Errorf("%s: the secret cause leaked: %v %s", fw.name, got.header, got.body)
					}
				}
				if i == 0 {
					first = got
					continue
				}
				if got.body != first.body {
					t.Errorf("%s and %s bodies differ:\n%s\n%s", frameworks[0].name, fw.name, first.body, got.body)
				}
				for _, k := range sc.same {
					if a, b := first.header.Values(k), got.header.Values(k); fmt.Sprint(a) != fmt.Sprint(b) {
						t.Errorf("%s: %s %q, %s has %q", fw.name, k, b, frameworks[0].name, a)
					}
				}
			}
		})
	}
}

// TestFrameworkNativeErrors checks that each framework's own error values render as the equivalent core
// error does through net/http.
func TestFrameworkNativeErrors(t *testing.T) {
	reference := func(err error, body string) answer {
		return serve(serveNetHTTP(quietRenderer(), route{Method: "POST", Pattern: "/x",
			Handler: func(http.ResponseWriter, *http.Request) error { return err }}), "POST", "/x", body, nil)
	}

	t.Run("echo.HTTPError with an app message", func(t *testing.T) {
		e := echo.New()
		httperrecho.Install(e, quietRenderer())
		e.POST("/x", func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") })
		got := serve(e, "POST", "/x", "", nil)
		want := reference(httperr.NotFound("user"), "")
		if got.status != want.status || got.body != want.body {
			t.Errorf("echo: %d %s, want %d %s", got.status, got.body, want.status, want.body)
		}
	})

	t.Run("gin binding errors", func(t *testing.T) {
		type signup struct {
			Email string `json:"email" binding:"required,email"`
			Age   int    `json:"age" binding:"gte=0,lte=150"`
		}
		gin.SetMode(gin.ReleaseMode)
		g := gin.New()
		httperrgin.Install(g, quietRenderer())
		g.POST("/x", httperrgin.Handle(func(c *gin.Context) error {
			var in signup
			return c.ShouldBindJSON(&in)
		}))
		got := serve(g, "POST", "/x", `{"email":"nope","age":200}`, nil)
		if got.status != http.StatusUnprocessableEntity {
			t.Fatalf("gin: status %d, body %s", got.status, got.body)
		}
		var p struct {
			Errors []struct{ Pointer, Detail string } `json:"errors"`
		}
		if err := json.Unmarshal([]byte(got.body), &p); err != nil || len(p.Errors) != 2 ||
			p.Errors[0].Pointer != "#/email" || p.Errors[1].Pointer != "#/age" {
			t.Errorf("gin: violations %+v (%v) in %s", p.Errors, err, got.body)
		}
		// The same violations through the core give the same bytes.
		vs := make([]httperr.Violation, len(p.Errors))
		for i, v := range p.Errors {
			vs[i] = httperr.Violation{Pointer: v.Pointer, Detail: v.Detail}
		}
		if want := reference(httperr.Validation(vs...), ""); got.body != want.body {
			t.Errorf("gin body\n%s\nnet/http body\n%s", got.body, want.body)
		}
	})

	t.Run("gin malformed JSON", func(t *testing.T) {
		g := gin.New()
		httperrgin.Install(g, quietRenderer())
		g.POST("/x", httperrgin.Handle(func(c *gin.Context) error {
			var in struct{ Name string }
			return c.ShouldBindJSON(&in)
		}))
		got := serve(g, "POST", "/x", `{"name":`, nil)
		if got.status != http.StatusBadRequest || !bytes.Contains([]byte(got.body), []byte(`"title":"Bad Request"`)) {
			t.Errorf("gin: %d %s", got.status, got.body)
		}
	})
}
