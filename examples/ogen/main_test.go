package main

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httperr/toolkit/examples/ogen/api"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/spectest"
	"github.com/httperr/toolkit/internal/testkit"
	"github.com/ogen-go/ogen/middleware"
)

// panicOn is an ogen middleware that panics in the operation named op, as a bug in it would.
func panicOn(op string) api.ServerOption {
	return api.WithMiddleware(func(req middleware.Request, next middleware.Next) (middleware.Response, error) {
		if req.OperationName == op && req.Raw.URL.Query().Has("panic") {
			panic("boom")
		}
		return next(req)
	})
}

// serve returns a loopback server for the API.
func serve(t *testing.T, rd *httperr.Renderer, opts ...api.ServerOption) *httptest.Server {
	t.Helper()
	h, err := newServer(rd, opts...)
	if err != nil {
		t.Fatal(err)
	}
	return httptest.NewServer(h)
}

// TestServer plays requests on the generated server over loopback: each answer has the exact status,
// Content-Type and body, and matches openapi.yaml by kin-openapi's openapi3filter.ValidateResponse. The
// operations' errors come through NewError (convenient errors), the decoders' through the ErrorHandler.
func TestServer(t *testing.T) {
	rd, log := testkit.Logging()
	srv := serve(t, rd, panicOn(api.GetReportOperation))
	defer srv.Close()
	rt := spectest.Router(t, "openapi.yaml", srv)
	tests := []struct {
		name, method, path, body string
		status                   int
		contentType, want        string
	}{
		{"user", "GET", "/users/1", "", 200, "application/json; charset=utf-8",
			`{"id":1,"name":"Ada Lovelace","email":"ada@example.com"}`},
		{"unknown user: the operation's *httperr.Error, through NewError", "GET", "/users/42", "", 404, "application/problem+json",
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"},
		{"id that does not decode: the ErrorHandler", "GET", "/users/abc", "", 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + spectest.Generic400 + `","errors":[{"detail":"is not valid","parameter":"id"}]}` + "\n"},
		{"JSON that does not parse", "POST", "/users", `{"name":}`, 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body does not decode as application/json"}` + "\n"},
		{"empty body", "POST", "/users", ``, 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is empty"}` + "\n"},
		{"body that breaks the document's constraints", "POST", "/users", `{"name":"","email":"x"}`, 422, "application/problem+json",
			`{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + spectest.Generic422 + `","errors":[{"detail":"string: len 0 less than minimum 1","pointer":"#/name"},{"detail":"string: no @","pointer":"#/email"}]}` + "\n"},
		{"email taken", "POST", "/users", `{"name":"Ada","email":"ADA@example.com"}`, 409, "application/problem+json",
			`{"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered","email":"ADA@example.com","existing_user":"/users/1"}` + "\n"},
		{"created", "POST", "/users", `{"name":"Grace Hopper","email":"grace@example.com"}`, 201, "application/json; charset=utf-8",
			`{"id":2,"name":"Grace Hopper","email":"grace@example.com"}`},
		{"secret cause", "GET", "/report", "", 500, "application/problem+json",
			`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"` + spectest.Generic500 + `"}` + "\n"},
		{"panic", "GET", "/report?panic", "", 500, "application/problem+json",
			`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"` + spectest.Generic500 + `"}` + "\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spectest.Play(t, srv, rt, tc.method, tc.path, tc.body, tc.status, tc.contentType, tc.want)
		})
	}
	if !strings.Contains(log.String(), "hunter2") || !strings.Contains(log.String(), "boom") {
		t.Errorf("the 500s' causes are not logged:\n%s", log.String())
	}
}

// TestRouterProblems checks that the generated router's own answers, for what openapi.yaml does not
// declare, are problems too: httperrhttp.Middleware turns http.NotFound's text and the empty 405 into
// problems, the 405's Allow kept.
func TestRouterProblems(t *testing.T) {
	srv := serve(t, testkit.Quiet())
	defer srv.Close()
	spectest.RouterProblems(t, srv, "GET")
}
