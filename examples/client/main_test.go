package main

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

const want = `GET /users/1: an existing user
  status       200 OK
  body         {"id":1,"name":"Ada Lovelace","email":"ada@example.com"}

GET /users/42: a missing user
  status       404
  title        Not Found
  detail       user not found

POST /users: a body that is not JSON
  status       400
  title        Bad Request
  detail       request body is not valid JSON (at byte 10)

POST /users: invalid fields
  status       422
  title        Unprocessable Content
  detail       The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.
  violation    #/name: must not be empty
  violation    #/email: must be an email address
  violation    #/age: must be between 0 and 150

POST /users: a taken email
  status       409
  title        Conflict
  detail       email is already registered
  extension    email: ADA@example.com
  extension    existing_user: /users/1

POST /users: an oversized body
  status       413
  title        Content Too Large
  detail       request body exceeds the limit of 4096 bytes

GET /maintenance: maintenance
  status       503
  title        Service Unavailable
  detail       scheduled maintenance
  retry after  2m0s

GET /report: a failing report
  status       500
  title        Internal Server Error
  detail       The server encountered an unexpected condition that prevented it from fulfilling the request.

GET /panic: a panicking handler
  status       500
  title        Internal Server Error
  detail       The server encountered an unexpected condition that prevented it from fulfilling the request.

GET /nope: an unknown route
  status       404
  title        Not Found
  detail       The server did not find a current representation for the target resource.

DELETE /users/1: a method the route lacks
  status       405
  title        Method Not Allowed
  detail       The method received in the request is not supported by the target resource.
  allow        GET, HEAD
`

// TestRun runs the client against the example users API (api_test.go) served with net/http.
func TestRun(t *testing.T) {
	servers := []struct {
		name  string
		serve func(*httperr.Renderer, ...route) http.Handler
		allow string // each router lists the methods it knows
	}{
		{"nethttp", serveNetHTTP, "GET, HEAD"},
	}
	for _, s := range servers {
		t.Run(s.name, func(t *testing.T) {
			rd := testkit.Quiet()
			srv := httptest.NewServer(s.serve(rd, newUsersAPI().routes()...))
			defer srv.Close()

			var out bytes.Buffer
			if err := run(srv.URL+"/", &out); err != nil {
				t.Fatal(err)
			}
			expected := strings.Replace(want, "allow        GET, HEAD\n", "allow        "+s.allow+"\n", 1)
			if got := out.String(); got != expected {
				t.Errorf("output differs\n--- got\n%s\n--- want\n%s", got, expected)
			}
			if strings.Contains(out.String(), secret) || strings.Contains(out.String(), "boom") {
				t.Error("a secret reached the client")
			}
		})
	}
}

func TestRunNoServer(t *testing.T) {
	srv := httptest.NewServer(http.NotFoundHandler())
	url := srv.URL
	srv.Close()
	var out bytes.Buffer
	if err := run(url, &out); err == nil {
		t.Error("run succeeded without a server")
	}
}
