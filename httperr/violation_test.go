package httperr_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

const head400 = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"limit and X-Request-Id are wrong",`

// locatedViolations points at the body, a query parameter and a header, with an extension member each.
var locatedViolations = []httperr.Violation{
	{Pointer: "#/age", Detail: "must be a positive integer"},
	httperr.Violation{Parameter: "limit", Detail: "must be an integer"},
	httperr.Violation{Header: "X-Request-Id", Detail: "is required"},
	{Parameter: "id", Detail: "must be a UUID", Code: "uuid", Extensions: map[string]any{"code": "ignored", "parameter": "ignored", "header": "ignored", "pointer": "ignored", "detail": "ignored"}},
	{Detail: "the query is empty"},
	{Pointer: "#/a", Parameter: "a", Header: "A", Detail: "three places"},
}

func locatedProblem() *httperr.Error {
	return httperr.BadRequest("limit and X-Request-Id are wrong").WithErrors(locatedViolations...)
}

func TestViolationLocations(t *testing.T) {
	tests := []struct {
		name, accept, body string
	}{
		{"json", "", head400 + `"errors":[` +
			`{"detail":"must be a positive integer","pointer":"#/age"},` +
			`{"detail":"must be an integer","parameter":"limit"},` +
			`{"detail":"is required","header":"X-Request-Id"},` +
			`{"detail":"must be a UUID","parameter":"id","code":"uuid"},` +
			`{"detail":"the query is empty","pointer":""},` +
			`{"detail":"three places","pointer":"#/a","parameter":"a","header":"A"}]}` + "\n"},
		{"xml", "application/problem+xml", `<?xml version="1.0" encoding="UTF-8"?>` + "\n" +
			`<problem xmlns="urn:ietf:rfc:7807"><type>about:blank</type><title>Bad Request</title><status>400</status>` +
			`<detail>limit and X-Request-Id are wrong</detail><errors>` +
			`<i><detail>must be a positive integer</detail><pointer>#/age</pointer></i>` +
			`<i><detail>must be an integer</detail><parameter>limit</parameter></i>` +
			`<i><detail>is required</detail><header>X-Request-Id</header></i>` +
			`<i><code>uuid</code><detail>must be a UUID</detail><parameter>id</parameter></i>` +
			`<i><detail>the query is empty</detail><pointer></pointer></i>` +
			`<i><detail>three places</detail><header>A</header><parameter>a</parameter><pointer>#/a</pointer></i>` +
			`</errors></problem>` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodGet, "/items?limit=abc", nil)
			if tt.accept != "" {
				r.Header.Set("Accept", tt.accept)
			}
			w := httptest.NewRecorder()
			httperr.Render(w, r, locatedProblem())
			if w.Code != 400 || w.Body.String() != tt.body {
				t.Errorf("got %d\n%s\nwant 400\n%s", w.Code, w.Body, tt.body)
			}
			if got, want := w.Header().Get("Content-Length"), strconv.Itoa(len(tt.body)); got != want {
				t.Errorf("Content-Length %s, want %s", got, want)
			}
		})
	}
}

// A net/http handler that checks its own query parameters and header fields.
func ExampleViolation_location() {
	list := func(w http.ResponseWriter, r *http.Request) {
		var vs []httperr.Violation
		if _, err := strconv.Atoi(r.URL.Query().Get("limit")); err != nil {
			vs = append(vs, httperr.Violation{Parameter: "limit", Detail: "must be an integer"})
		}
		if r.Header.Get("X-Request-Id") == "" {
			vs = append(vs, httperr.Violation{Header: "X-Request-Id", Detail: "is required"})
		}
		if vs != nil {
			httperr.Render(w, r, httperr.BadRequest("").WithErrors(vs...))
		}
	}
	w := httptest.NewRecorder()
	list(w, httptest.NewRequest(http.MethodGet, "/items?limit=abc", nil))
	fmt.Println(w.Code)
	fmt.Print(w.Body)
	// Output:
	// 400
	// {"type":"about:blank","title":"Bad Request","status":400,"detail":"The server cannot or will not process the request due to something that is perceived to be a client error.","errors":[{"detail":"must be an integer","parameter":"limit"},{"detail":"is required","header":"X-Request-Id"}]}
}
