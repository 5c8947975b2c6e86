package main

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httperr/toolkit/internal/spectest"
	"github.com/httperr/toolkit/internal/testkit"
)

// panicOn is a strict middleware that panics in the operation named op, as a bug in it would.
func panicOn(op string) StrictMiddlewareFunc {
	return func(f StrictHandlerFunc, operationID string) StrictHandlerFunc {
		return func(ctx context.Context, w http.ResponseWriter, r *http.Request, request any) (any, error) {
			if operationID == op && r.URL.Query().Has("panic") {
				panic("boom")
			}
			return f(ctx, w, r, request)
		}
	}
}

// TestServer plays requests on the generated server over loopback: each answer has the exact status,
// Content-Type and body, and matches openapi.yaml by kin-openapi's openapi3filter.ValidateResponse.
func TestServer(t *testing.T) {
	rd, log := testkit.Logging()
	srv := httptest.NewServer(newServer(rd, panicOn("GetReport")))
	defer srv.Close()
	rt := spectest.Router(t, "openapi.yaml", srv)
	tests := []struct {
		name, method, path, body string
		status                   int
		contentType, want        string
	}{
		{"user", "GET", "/users/1", "", 200, "application/json",
			`{"email":"ada@example.com","id":1,"name":"Ada Lovelace"}`},
		{"unknown user: the operation's *httperr.Error", "GET", "/users/42", "", 404, "application/problem+json",
			`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}`},
		{"id that does not bind: ErrorHandlerFunc", "GET", "/users/abc", "", 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + spectest.Generic400 + `","errors":[{"detail":"is not valid","parameter":"id"}]}`},
		{"JSON that does not parse: RequestErrorHandlerFunc", "POST", "/users", `{"name":}`, 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 9)"}`},
		{"empty body", "POST", "/users", ``, 400, "application/problem+json",
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is empty"}`},
		{"invalid user", "POST", "/users", `{"name":"","email":"x"}`, 422, "application/problem+json",
			`{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + spectest.Generic422 + `","errors":[{"detail":"is required","pointer":"#/name"},{"detail":"must be an email address","pointer":"#/email"}]}`},
		{"email taken", "POST", "/users", `{"name":"Ada","email":"ADA@example.com"}`, 409, "application/problem+json",
			`{"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered","email":"ADA@example.com","existing_user":"/users/1"}`},
		{"created", "POST", "/users", `{"name":"Grace Hopper","email":"grace@example.com"}`, 201, "application/json",
			`{"email":"grace@example.com","id":2,"name":"Grace Hopper"}`},
		{"secret cause", "GET", "/report", "", 500, "application/problem+json",
			`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"` + spectest.Generic500 + `"}`},
		{"panic", "GET", "/report?panic", "", 500, "application/problem+json",
			`{"type":"about:blank","title":"Internal Server Error","status":500,"detail":"` + spectest.Generic500 + `"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			spectest.Play(t, srv, rt, tc.method, tc.path, tc.body, tc.status, tc.contentType, tc.want+"\n")
		})
	}
	if !strings.Contains(log.String(), "hunter2") || !strings.Contains(log.String(), "boom") {
		t.Errorf("the 500s' causes are not logged:\n%s", log.String())
	}
}

// TestRouterProblems checks that ServeMux's own answers, for what openapi.yaml does not declare, are
// problems too: httperrhttp.Middleware turns them into problems.
func TestRouterProblems(t *testing.T) {
	srv := httptest.NewServer(newServer(testkit.Quiet()))
	defer srv.Close()
	spectest.RouterProblems(t, srv, "GET, HEAD")
}
