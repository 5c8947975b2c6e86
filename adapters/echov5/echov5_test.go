package httperrechov5_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

const secret = "password=hunter2"

// logBuffer collects a Renderer's log records.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}

// renderer returns a Renderer that logs everything to the returned buffer.
func renderer() (*httperr.Renderer, *logBuffer) {
	logs := new(logBuffer)
	return &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, logs
}

// dropped is the message of httperr.Renderer.Drop's log record.
const dropped = "error after the response had started"

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
	v.RegisterTagNameFunc(httperrvalidator.JSONName)
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

func serve(h http.Handler, method, target, body string, header ...string) *httptest.ResponseRecorder {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rb)
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	return rec
}

// problemHeader is the header of an English JSON problem with body, plus the given key, value pairs.
func problemHeader(body string, kv ...string) http.Header {
	h := http.Header{
		"Content-Type":           {"application/problem+json"},
		"Content-Length":         {strconv.Itoa(len(body))},
		"X-Content-Type-Options": {"nosniff"},
		"Content-Language":       {"en"},
		"Vary":                   {"Accept, Accept-Language"},
	}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

// catalogProblem is the body of a problem whose detail is the catalog's sentence for status.
func catalogProblem(t *testing.T, status int) string {
	t.Helper()
	detail, err := json.Marshal(httperr.Description(status))
	if err != nil || httperr.Description(status) == "" {
		t.Fatalf("no catalog description for %d: %v", status, err)
	}
	return `{"type":"about:blank","title":"` + httperr.Title(status) + `","status":` + strconv.Itoa(status) +
		`,"detail":` + string(detail) + "}\n"
}

func check(t *testing.T, rec *httptest.ResponseRecorder, status int, header http.Header, body string) {
	t.Helper()
	if rec.Code != status {
		t.Errorf("status = %d, want %d", rec.Code, status)
	}
	if got := rec.Body.String(); got != body {
		t.Errorf("body =\n%q\nwant\n%q", got, body)
	}
	if got := rec.Header(); !equalHeader(got, header) {
		t.Errorf("header =\n%v\nwant\n%v", got, header)
	}
	if strings.Contains(rec.Body.String(), secret) {
		t.Errorf("body leaks the secret: %s", rec.Body)
	}
}

func equalHeader(a, b http.Header) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if strings.Join(v, "\x00") != strings.Join(b[k], "\x00") {
			return false
		}
	}
	return true
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
		`,"errors":[{"detail":"is required","pointer":"#/name"},{"detail":"must be an email address","pointer":"#/email"}]}` + "\n"
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
			if !equalHeader(refHeader, echoHeader) {
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
