package httperrechov5_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

type user struct {
	Name  string `json:"name" validate:"required"`
	Email string `json:"email" validate:"required,email"`
	Age   int    `json:"age,omitempty" query:"age"`
}

// structValidator is the echo.Validator that echo v5's users register for go-playground/validator.
type structValidator struct{ v *validator.Validate }

func (sv structValidator) Validate(i any) error { return sv.v.Struct(i) }

func newValidator() *validator.Validate {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	return v
}

const maxBody = 64

// newEcho returns an echo v5 server with httperrechov5 installed and handlers as echo's users write them.
func newEcho(rd *httperr.Renderer) *echo.Echo {
	// AutoHandleHEAD answers HEAD on GET routes, as ServeMux does.
	e := echo.NewWithConfig(echo.Config{Router: echo.NewRouter(echo.RouterConfig{AutoHandleHEAD: true})})
	e.Validator = structValidator{newValidator()}
	httperrechov5.Install(e, rd)
	e.GET("/users/:id", func(c *echo.Context) error {
		if c.Param("id") == "1" {
			return c.JSON(http.StatusOK, user{Name: "Ada", Email: "ada@example.com"})
		}
		return httperr.NotFound("user")
	})
	e.POST("/users", func(c *echo.Context) error {
		c.Request().Body = http.MaxBytesReader(c.Response(), c.Request().Body, maxBody)
		var in user
		if err := c.Bind(&in); err != nil {
			return err
		}
		if err := c.Validate(&in); err != nil {
			return err
		}
		if in.Email == "ada@example.com" {
			return httperr.Conflict("email is already registered").With("email", in.Email).With("existing_user", "/users/1")
		}
		return c.JSON(http.StatusCreated, in)
	})
	e.GET("/maintenance", func(*echo.Context) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance")
	})
	e.GET("/report", func(*echo.Context) error { return fmt.Errorf("report: %w", errors.New("db: "+secret)) })
	e.GET("/panic", func(*echo.Context) error { panic("boom: " + secret) })
	e.GET("/things", func(c *echo.Context) error { return c.String(http.StatusOK, "things") })
	return e
}

// newNetHTTP returns the same API as newEcho with net/http and httperrhttp: the reference bytes.
func newNetHTTP(rd *httperr.Renderer) http.Handler {
	v := newValidator()
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		if r.PathValue("id") == "1" {
			w.Header().Set("Content-Type", "application/json")
			return json.NewEncoder(w).Encode(user{Name: "Ada", Email: "ada@example.com"})
		}
		return httperr.NotFound("user")
	}))
	mux.Handle("POST /users", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		var in user
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxBody)).Decode(&in); err != nil {
			return err
		}
		if err := v.Struct(&in); err != nil {
			return err
		}
		if in.Email == "ada@example.com" {
			return httperr.Conflict("email is already registered").With("email", in.Email).With("existing_user", "/users/1")
		}
		w.WriteHeader(http.StatusCreated)
		return json.NewEncoder(w).Encode(in)
	}))
	mux.Handle("GET /maintenance", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return httperr.ServiceUnavailable(2 * time.Minute).WithDetail("scheduled maintenance")
	}))
	mux.Handle("GET /report", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return fmt.Errorf("report: %w", errors.New("db: "+secret))
	}))
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom: " + secret) })
	mux.HandleFunc("GET /things", func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, "things") })
	withMap := *rd
	withMap.Map = httperrvalidator.Map
	return httperrhttp.Middleware(&withMap)(mux)
}

// TestConformance runs the conformance scenarios through echo v5 and through net/http: the exact bytes
// wanted, and the same bytes from both. Allow is left out of the comparison (each router lists the methods
// it knows) and checked on its own.
func TestConformance(t *testing.T) {
	rd, _ := renderer()
	e, ref := newEcho(rd), newNetHTTP(rd)

	const (
		notFoundUser = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
		conflict     = `{"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered","email":"ada@example.com","existing_user":"/users/1"}` + "\n"
		syntax       = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 9)"}` + "\n"
		wrongType    = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body has a value of the wrong type","errors":[{"detail":"must be an integer","pointer":"#/age"}]}` + "\n"
		tooLarge     = `{"type":"about:blank","title":"Content Too Large","status":413,"detail":"request body exceeds the limit of 64 bytes"}` + "\n"
		maintenance  = `{"type":"about:blank","title":"Service Unavailable","status":503,"detail":"scheduled maintenance"}` + "\n"
		xmlNotFound  = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Not Found</title><status>404</status><detail>user not found</detail></problem>` + "\n"
	)
	invalid := strings.TrimSuffix(catalogProblem(t, 422), "}\n") +
		`,"errors":[{"detail":"is required","pointer":"#/name","code":"required"},{"detail":"must be an email address","pointer":"#/email","code":"email"}]}` + "\n"
	big := `{"name":"` + strings.Repeat("a", maxBody) + `","email":"b@example.com"}`
	tests := []struct {
		name           string
		method, target string
		body           string
		header         []string // request header key, value pairs
		wantStatus     int
		wantBody       string
		wantHeader     http.Header // nil: problemHeader(wantBody)
		wantAllow      string
	}{
		{name: "handler 404", method: "GET", target: "/users/42", wantStatus: 404, wantBody: notFoundUser},
		{name: "409 with members", method: "POST", target: "/users", body: `{"name":"Ada","email":"ada@example.com"}`,
			header: []string{"Content-Type", "application/json"}, wantStatus: 409, wantBody: conflict},
		{name: "422 from c.Validate", method: "POST", target: "/users", body: `{"email":"nope"}`,
			header: []string{"Content-Type", "application/json"}, wantStatus: 422, wantBody: invalid},
		{name: "400 from c.Bind: malformed JSON", method: "POST", target: "/users", body: `{"name":x}`,
			header: []string{"Content-Type", "application/json"}, wantStatus: 400, wantBody: syntax},
		{name: "400 from c.Bind: wrong type, with a pointer", method: "POST", target: "/users", body: `{"name":"Ada","age":"old"}`,
			header: []string{"Content-Type", "application/json"}, wantStatus: 400, wantBody: wrongType},
		{name: "413 from c.Bind", method: "POST", target: "/users", body: big,
			header: []string{"Content-Type", "application/json"}, wantStatus: 413, wantBody: tooLarge},
		{name: "503 with Retry-After", method: "GET", target: "/maintenance", wantStatus: 503, wantBody: maintenance,
			wantHeader: problemHeader(maintenance, "Retry-After", "120")},
		{name: "wrapped 500 keeps its secret", method: "GET", target: "/report", wantStatus: 500, wantBody: catalogProblem(t, 500)},
		{name: "panic", method: "GET", target: "/panic", wantStatus: 500, wantBody: catalogProblem(t, 500)},
		{name: "router 404", method: "GET", target: "/nowhere", wantStatus: 404, wantBody: catalogProblem(t, 404)},
		{name: "router 405 keeps Allow", method: "DELETE", target: "/things", wantStatus: 405, wantBody: catalogProblem(t, 405),
			wantHeader: problemHeader(catalogProblem(t, 405), "Allow", "OPTIONS, GET"), wantAllow: "OPTIONS, GET"},
		{name: "XML", method: "GET", target: "/users/42", header: []string{"Accept", "application/problem+xml"},
			wantStatus: 404, wantBody: xmlNotFound, wantHeader: http.Header{
				"Content-Type": {"application/problem+xml"}, "Content-Length": {strconv.Itoa(len(xmlNotFound))},
				"X-Content-Type-Options": {"nosniff"}, "Content-Language": {"en"}, "Vary": {"Accept, Accept-Language"}}},
		{name: "French", method: "GET", target: "/nowhere", header: []string{"Accept-Language", "fr-FR, en;q=0.5"},
			wantStatus: 404, wantBody: frenchNotFound(t), wantHeader: func() http.Header {
				h := problemHeader(frenchNotFound(t))
				h.Set("Content-Language", "fr")
				return h
			}()},
		{name: "HEAD: headers without a body", method: "HEAD", target: "/users/42", wantStatus: 404,
			wantHeader: problemHeader(notFoundUser)},
		{name: "HEAD: router 404", method: "HEAD", target: "/nowhere", wantStatus: 404,
			wantHeader: problemHeader(catalogProblem(t, 404))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(e, tt.method, tt.target, tt.body, tt.header...)
			want := tt.wantHeader
			if want == nil {
				want = problemHeader(tt.wantBody)
			}
			check(t, rec, tt.wantStatus, want, tt.wantBody)

			ref := serve(ref, tt.method, tt.target, tt.body, tt.header...)
			if ref.Code != rec.Code || ref.Body.String() != rec.Body.String() {
				t.Errorf("net/http answers %d %q, echo v5 %d %q", ref.Code, ref.Body, rec.Code, rec.Body)
			}
			if got := ref.Header().Get("Allow"); got == "" && tt.wantAllow != "" {
				t.Errorf("net/http sent no Allow")
			}
			refHeader, echoHeader := ref.Header().Clone(), rec.Header().Clone()
			refHeader.Del("Allow")
			echoHeader.Del("Allow")
			if !testkit.EqualHeader(refHeader, echoHeader) {
				t.Errorf("net/http header\n%v\necho v5 header\n%v", refHeader, echoHeader)
			}
		})
	}
}

// frenchNotFound is the French body of the router's 404.
func frenchNotFound(t *testing.T) string {
	t.Helper()
	rec := httptest.NewRecorder()
	req := httptest.NewRequest(http.MethodGet, "/", nil)
	req.Header.Set("Accept-Language", "fr")
	httperr.Render(rec, req, httperr.New(http.StatusNotFound, ""))
	if !strings.Contains(rec.Body.String(), `"title":"Introuvable"`) && !strings.Contains(rec.Body.String(), `"status":404`) {
		t.Fatalf("no French 404: %s", rec.Body)
	}
	return rec.Body.String()
}

// The package's names for the helpers the module's tests share (internal/testkit).
const secret, dropped = testkit.Secret, testkit.Unsent

var renderer, problemHeader, check, serve = testkit.Logging, testkit.ProblemHeader, testkit.Check, testkit.Serve

// catalogProblem is the body of a problem whose title and detail are the catalog's for status.
func catalogProblem(_ testing.TB, status int) string { return testkit.CatalogProblem(status) }
