package httperrecho_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

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
		if p.Detail != httperr.English().Description(http.StatusNotFound) {
			t.Errorf("detail = %q, want %q", p.Detail, httperr.English().Description(http.StatusNotFound))
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
		{"Internal that unwraps to itself", echo.NewHTTPError(http.StatusBadRequest, "cycle").SetInternal(&testkit.LoopError{}), 400},
		{"500 after a cycle's bound", echo.NewHTTPError(http.StatusBadRequest, "cycle").SetInternal(
			errors.Join(&testkit.LoopError{}, leaky())), 400},
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
