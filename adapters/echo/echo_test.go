package httperrecho_test

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

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
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
	Name string `json:"name"`
	Age  int    `json:"age" query:"age"`
}

// newEcho returns an Echo with httperrecho installed and the routes the tests use.
func newEcho(rd *httperr.Renderer) *echo.Echo {
	e := echo.New()
	httperrecho.Install(e, rd)
	fail := func(err error) echo.HandlerFunc { return func(echo.Context) error { return err } }
	e.GET("/users/:id", fail(httperr.NotFound("user")))
	e.GET("/conflict", fail(echo.NewHTTPError(http.StatusConflict, "custom message")))
	e.GET("/forbidden", fail(echo.ErrForbidden))
	e.GET("/wrapped", fail(fmt.Errorf("x: %w", echo.NewHTTPError(http.StatusForbidden))))
	e.GET("/map-message", fail(echo.NewHTTPError(http.StatusUnprocessableEntity, map[string]string{"field": "bad"})))
	e.GET("/things", func(c echo.Context) error { return c.String(http.StatusOK, "things") })
	e.GET("/precedence", fail(httperr.Conflict("email is taken").Wrap(echo.ErrNotFound)))
	e.GET("/internal-problem", fail(echo.NewHTTPError(http.StatusBadRequest).SetInternal(httperr.NotFound("user"))))
	e.GET("/nested", fail(echo.NewHTTPError(http.StatusInternalServerError).SetInternal(echo.NewHTTPError(http.StatusNotFound, "no such page"))))
	e.GET("/internal-secret", fail(echo.NewHTTPError(http.StatusBadGateway, "upstream: "+secret).SetInternal(errors.New("dial: "+secret))))
	e.GET("/bad-status", fail(echo.NewHTTPError(http.StatusFound, "moved")))
	e.GET("/plain", fail(errors.New("db: "+secret)))
	e.GET("/ok", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/panic", func(echo.Context) error { panic("boom: " + secret) })
	bind := func(c echo.Context) error {
		var u user
		if err := c.Bind(&u); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, u)
	}
	e.POST("/bind", bind)
	e.GET("/bind", bind)
	return e
}

// problemHeader is the header of a JSON problem with body, plus the given key, value pairs.
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

// coreProblem is what the core renders for err, without any adapter.
func coreProblem(err error) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	httperr.Render(rec, httptest.NewRequest(http.MethodPost, "/", nil), err)
	return rec
}

// decodeError is the error encoding/json gives for body, as net/http handlers see it.
func decodeError(body string) error {
	var u user
	return json.NewDecoder(strings.NewReader(body)).Decode(&u)
}

func serve(e http.Handler, method, target, contentType, body string) *httptest.ResponseRecorder {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rb)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
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

func TestErrorHandler(t *testing.T) {
	rd, _ := renderer()
	e := newEcho(rd)

	syntaxBody := `{"name":x}`
	syntax := coreProblem(decodeError(syntaxBody))
	typeBody := `{"name":"Ada","age":"old"}`
	wrongType := coreProblem(decodeError(typeBody))

	const (
		notFoundUser = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
		custom       = `{"type":"about:blank","title":"Conflict","status":409,"detail":"custom message"}` + "\n"
		emailTaken   = `{"type":"about:blank","title":"Conflict","status":409,"detail":"email is taken"}` + "\n"
		noSuchPage   = `{"type":"about:blank","title":"Not Found","status":404,"detail":"no such page"}` + "\n"
		syntaxWant   = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 9)"}` + "\n"
		movedWant    = `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"The server encountered an unexpected condition that prevented it from fulfilling the request."}` + "\n" // a detail written for 302 does not fit the 500 sent
		typeWant     = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body has a value of the wrong type","errors":[{"detail":"must be an integer","pointer":"#/age"}]}` + "\n"
	)
	if syntax.Body.String() != syntaxWant || wrongType.Body.String() != typeWant {
		t.Fatalf("the core's mapping changed; update the test:\n%s%s", syntax.Body, wrongType.Body)
	}

	tests := []struct {
		name              string
		method, target    string
		contentType, body string
		wantStatus        int
		wantBody          string
		wantHeader        http.Header // nil: problemHeader(wantBody)
	}{
		{name: "handler returns httperr.NotFound", method: "GET", target: "/users/42",
			wantStatus: 404, wantBody: notFoundUser},
		{name: "HTTPError with a message the app set", method: "GET", target: "/conflict",
			wantStatus: 409, wantBody: custom},
		{name: "HTTPError whose message is the status text", method: "GET", target: "/forbidden",
			wantStatus: 403, wantBody: catalogProblem(t, 403)},
		{name: "HTTPError with a non-string message", method: "GET", target: "/map-message",
			wantStatus: 422, wantBody: catalogProblem(t, 422)},
		{name: "router 404", method: "GET", target: "/nowhere",
			wantStatus: 404, wantBody: catalogProblem(t, 404)},
		{name: "router 405 keeps Allow", method: "POST", target: "/things",
			wantStatus: 405, wantBody: catalogProblem(t, 405),
			wantHeader: problemHeader(catalogProblem(t, 405), "Allow", "OPTIONS, GET")},
		{name: "wrapped HTTPError", method: "GET", target: "/wrapped",
			wantStatus: 403, wantBody: catalogProblem(t, 403)},
		{name: "httperr.Error outside the HTTPError wins", method: "GET", target: "/precedence",
			wantStatus: 409, wantBody: emailTaken},
		{name: "HTTPError whose Internal maps", method: "GET", target: "/internal-problem",
			wantStatus: 404, wantBody: notFoundUser},
		{name: "HTTPError inside an HTTPError", method: "GET", target: "/nested",
			wantStatus: 404, wantBody: noSuchPage},
		{name: "HTTPError with an unmapped Internal", method: "GET", target: "/internal-secret",
			wantStatus: 502, wantBody: catalogProblem(t, 502)},
		{name: "HTTPError with a status that is no error", method: "GET", target: "/bad-status",
			wantStatus: 500, wantBody: movedWant},
		{name: "plain error", method: "GET", target: "/plain",
			wantStatus: 500, wantBody: catalogProblem(t, 500)},
		{name: "binder: malformed JSON as the core maps it", method: "POST", target: "/bind",
			contentType: "application/json", body: syntaxBody,
			wantStatus: 400, wantBody: syntax.Body.String(), wantHeader: syntax.Header()},
		{name: "binder: wrong JSON type as the core maps it", method: "POST", target: "/bind",
			contentType: "application/json", body: typeBody,
			wantStatus: 400, wantBody: wrongType.Body.String(), wantHeader: wrongType.Header()},
		{name: "binder: bad query parameter, echo's message not shown", method: "GET", target: "/bind?age=abc",
			wantStatus: 400, wantBody: strings.TrimSuffix(catalogProblem(t, 400), "}\n") +
				`,"errors":[{"detail":"must be an integer","parameter":"age"}]}` + "\n"},
		{name: "binder: unsupported media type", method: "POST", target: "/bind",
			contentType: "text/csv", body: "a,b",
			wantStatus: 415, wantBody: catalogProblem(t, 415)},
		{name: "HEAD: headers without a body", method: "HEAD", target: "/nowhere",
			wantStatus: 404, wantBody: "", wantHeader: problemHeader(catalogProblem(t, 404))},
		{name: "success untouched", method: "GET", target: "/ok",
			wantStatus: 200, wantBody: "ok", wantHeader: http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}},
		{name: "binder success untouched", method: "POST", target: "/bind",
			contentType: "application/json", body: `{"name":"Ada","age":36}`,
			wantStatus: 200, wantBody: `{"name":"Ada","age":36}` + "\n",
			wantHeader: http.Header{"Content-Type": {"application/json"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := serve(e, tt.method, tt.target, tt.contentType, tt.body)
			want := tt.wantHeader
			if want == nil {
				want = problemHeader(tt.wantBody)
			}
			check(t, rec, tt.wantStatus, want, tt.wantBody)
		})
	}

	t.Run("router 404 detail is the catalog's", func(t *testing.T) {
		var p struct{ Detail string }
		if err := json.Unmarshal(serve(e, "GET", "/nowhere", "", "").Body.Bytes(), &p); err != nil {
			t.Fatal(err)
		}
		if p.Detail != httperr.Description(http.StatusNotFound) {
			t.Errorf("detail = %q, want %q", p.Detail, httperr.Description(http.StatusNotFound))
		}
	})
}

// TestCause checks that the rendered problem wraps the error the handler returned.
func TestCause(t *testing.T) {
	original := fmt.Errorf("x: %w", echo.NewHTTPError(http.StatusForbidden))
	var bindErr error
	tests := []struct {
		name    string
		handler echo.HandlerFunc
		want    func() error
	}{
		{"wrapped HTTPError", func(echo.Context) error { return original }, func() error { return original }},
		{"router 404", nil, func() error { return echo.ErrNotFound }},
		{"binder error", func(c echo.Context) error {
			var u user
			bindErr = c.Bind(&u)
			return bindErr
		}, func() error { return bindErr }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got *httperr.Error
			rd := &httperr.Renderer{Enrich: func(_ *http.Request, e *httperr.Error) *httperr.Error { got = e; return e }}
			e := echo.New()
			httperrecho.Install(e, rd)
			target := "/nowhere"
			if tt.handler != nil {
				e.POST("/h", tt.handler)
				target = "/h"
			}
			serve(e, "POST", target, "application/json", `{"name":x}`)
			if got == nil {
				t.Fatal("nothing rendered")
			}
			if want := tt.want(); want == nil || !errors.Is(got, want) {
				t.Errorf("rendered %v does not wrap %v", got, want)
			}
		})
	}
}

func TestNilRenderer(t *testing.T) {
	e := newEcho(nil)
	want := catalogProblem(t, 404)
	check(t, serve(e, "GET", "/nowhere", "", ""), 404, problemHeader(want), want)
	want = catalogProblem(t, 500)
	check(t, serve(e, "GET", "/panic", "", ""), 500, problemHeader(want), want)

	rec := httptest.NewRecorder()
	c := e.NewContext(httptest.NewRequest(http.MethodGet, "/", nil), rec)
	httperrecho.ErrorHandler(nil)(echo.NewHTTPError(http.StatusConflict, "custom message"), c)
	want = `{"type":"about:blank","title":"Conflict","status":409,"detail":"custom message"}` + "\n"
	check(t, rec, 409, problemHeader(want), want)
}

func TestPanic(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	want := catalogProblem(t, 500)
	check(t, serve(e, "GET", "/panic", "", ""), 500, problemHeader(want), want)
	if l := logs.String(); !strings.Contains(l, "level=ERROR") || !strings.Contains(l, "panic: boom") {
		t.Errorf("panic not logged at error with its value:\n%s", l)
	}
	// The same Echo still serves.
	check(t, serve(e, "GET", "/ok", "", ""), 200, http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}, "ok")
	want = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	check(t, serve(e, "GET", "/users/1", "", ""), 404, problemHeader(want), want)
}

// servePanicking serves req and returns what e.ServeHTTP panicked with.
func servePanicking(e *echo.Echo, rec *httptest.ResponseRecorder, target string) (p any) {
	defer func() { p = recover() }()
	e.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, target, nil))
	return nil
}

func TestAbortHandlerRepanics(t *testing.T) {
	rd, logs := renderer()
	e := newEcho(rd)
	e.GET("/abort", func(echo.Context) error { panic(http.ErrAbortHandler) })
	rec := httptest.NewRecorder()
	if p := servePanicking(e, rec, "/abort"); p != http.ErrAbortHandler {
		t.Fatalf("recovered %v, want http.ErrAbortHandler", p)
	}
	if rec.Body.Len() != 0 || rec.Header().Get("Content-Type") != "" {
		t.Errorf("something was written: %v %q", rec.Header(), rec.Body)
	}
	if logs.String() != "" {
		t.Errorf("an abort was logged:\n%s", logs)
	}
}

func TestCommitted(t *testing.T) {
	partial := func(c echo.Context) error { return c.String(http.StatusOK, "partial") }
	tests := []struct {
		name      string
		handler   echo.HandlerFunc
		wantPanic any
	}{
		{"error after commit", func(c echo.Context) error {
			partial(c)
			return errors.New("late: " + secret)
		}, nil},
		{"HTTPError after commit", func(c echo.Context) error {
			partial(c)
			return echo.ErrServiceUnavailable
		}, nil},
		{"panic after commit aborts", func(c echo.Context) error {
			partial(c)
			panic("late boom")
		}, http.ErrAbortHandler},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := renderer()
			e := newEcho(rd)
			e.GET("/late", tt.handler)
			rec := httptest.NewRecorder()
			if p := servePanicking(e, rec, "/late"); p != tt.wantPanic {
				t.Fatalf("panicked with %v, want %v", p, tt.wantPanic)
			}
			check(t, rec, 200, http.Header{"Content-Type": {"text/plain; charset=UTF-8"}}, "partial")
			if n := strings.Count(logs.String(), dropped); n != 1 {
				t.Errorf("%d drop records, want 1:\n%s", n, logs)
			}
		})
	}
}

// echoLogger hands errors over as echo's middleware.Logger does (middleware/logger.go); that package is not
// imported as it needs golang.org/x/time, which this module does not require.
func echoLogger(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		if err = next(c); err != nil {
			c.Error(err)
		}
		return err
	}
}

// TestHandledTwice checks that the same error handed over again once rendered, as echo's Logger middleware
// does (it calls c.Error and returns the error), is not logged as lost; a different one is.
func TestHandledTwice(t *testing.T) {
	t.Run("like echo's Logger middleware", func(t *testing.T) {
		rd, logs := renderer()
		e := echo.New()
		httperrecho.Install(e, rd)
		e.Use(echoLogger)
		e.GET("/users/:id", func(echo.Context) error { return httperr.NotFound("user") })
		e.GET("/panic", func(echo.Context) error { panic("boom") })
		want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
		check(t, serve(e, "GET", "/users/7", "", ""), 404, problemHeader(want), want)
		want = catalogProblem(t, 500)
		check(t, serve(e, "GET", "/panic", "", ""), 500, problemHeader(want), want)
		want = catalogProblem(t, 404)
		check(t, serve(e, "GET", "/nowhere", "", ""), 404, problemHeader(want), want)
		if strings.Contains(logs.String(), dropped) {
			t.Errorf("a rendered error was logged as lost:\n%s", logs)
		}
	})
	t.Run("another error after the problem", func(t *testing.T) {
		rd, logs := renderer()
		e := echo.New()
		httperrecho.Install(e, rd)
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				c.Error(next(c))
				return errors.New("audit failed")
			}
		})
		e.GET("/users/:id", func(echo.Context) error { return httperr.NotFound("user") })
		want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
		check(t, serve(e, "GET", "/users/7", "", ""), 404, problemHeader(want), want)
		if l := logs.String(); strings.Count(l, dropped) != 1 || !strings.Contains(l, "audit failed") {
			t.Errorf("the second error was not logged as lost:\n%s", l)
		}
	})
}

// TestConcurrent renders echo's shared errors from many goroutines: under -race it shows that rendering
// never writes to them.
func TestConcurrent(t *testing.T) {
	e := newEcho(&httperr.Renderer{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	var wg sync.WaitGroup
	for i := range 16 {
		wg.Go(func() {
			method, target, status := "GET", "/nowhere", 404
			if i%2 == 1 {
				method, target, status = "POST", "/things", 405
			}
			if rec := serve(e, method, target, "", ""); rec.Code != status {
				t.Errorf("%s %s: status %d, want %d", method, target, rec.Code, status)
			}
		})
	}
	wg.Wait()
	if echo.ErrNotFound.Message != http.StatusText(404) || echo.ErrMethodNotAllowed.Internal != nil {
		t.Errorf("echo's shared errors were changed: %v, %v", echo.ErrNotFound, echo.ErrMethodNotAllowed)
	}
}

// loopError unwraps to itself: errors.As and errors.Is never return on it.
type loopError struct{}

func (e *loopError) Error() string { return "loop" }
func (e *loopError) Unwrap() error { return e }

// TestServerErrorMessagesAreNotSent checks that a 5xx HTTPError's Message never reaches the body as its
// detail, nested through Internal too, and reaches it as the cause only under ExposeCause.
func TestServerErrorMessagesAreNotSent(t *testing.T) {
	leaky := func() *echo.HTTPError { return echo.NewHTTPError(http.StatusInternalServerError, "db: "+secret) }
	tests := []struct {
		name       string
		err        error
		wantStatus int
	}{
		{"NewHTTPError(500, err.Error())", leaky(), 500},
		{"wrapped", fmt.Errorf("handler: %w", leaky()), 500},
		{"503 with a message", echo.NewHTTPError(http.StatusServiceUnavailable, "redis at 10.0.0.7: "+secret), 503},
		{"nested in a 400's Internal", echo.NewHTTPError(http.StatusBadRequest).SetInternal(leaky()), 500},
		{"nested two deep", echo.NewHTTPError(http.StatusBadRequest).SetInternal(
			echo.NewHTTPError(http.StatusConflict).SetInternal(leaky())), 500},
		{"nested in a join", echo.NewHTTPError(http.StatusBadRequest).SetInternal(
			errors.Join(errors.New("cleanup: "+secret), leaky())), 500},
		{"Internal that unwraps to itself", echo.NewHTTPError(http.StatusBadRequest, "cycle").SetInternal(&loopError{}), 400},
		{"500 after a cycle's bound", echo.NewHTTPError(http.StatusBadRequest, "cycle").SetInternal(
			errors.Join(&loopError{}, leaky())), 400},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, _ := renderer()
			e := echo.New()
			httperrecho.Install(e, rd)
			e.GET("/", func(echo.Context) error { return tt.err })
			want := catalogProblem(t, tt.wantStatus)
			check(t, serve(e, "GET", "/", "", ""), tt.wantStatus, problemHeader(want), want)
		})
	}
	t.Run("ExposeCause shows the message as the cause", func(t *testing.T) {
		rd, _ := renderer()
		rd.ExposeCause = true
		e := echo.New()
		httperrecho.Install(e, rd)
		e.GET("/", func(echo.Context) error { return leaky() })
		rec := serve(e, "GET", "/", "", "")
		want := `{"type":"about:blank","title":"Internal Server Error","status":500,"detail":` +
			`"The server encountered an unexpected condition that prevented it from fulfilling the request.",` +
			`"cause":"code=500, message=db: ` + secret + `"}` + "\n"
		if rec.Code != 500 || rec.Body.String() != want {
			t.Errorf("got %d\n%s\nwant\n%s", rec.Code, rec.Body, want)
		}
	})
}
