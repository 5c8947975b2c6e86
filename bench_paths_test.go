package toolkit_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/httperr/toolkit/internal/testkit"
)

// TestBenchPaths checks that every stack the benchmarks measure answers each path as meant: the path's
// status everywhere, and through the adapters one problem document, byte for byte, whatever the framework
// (the 422 with its three violations from the framework's own binder).
func TestBenchPaths(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    path
		want string // in the problem body
	}{
		{"NotFound", notFoundPath, `"detail":"user not found"`},
		{"Conflict", conflictPath, `"email":"ada@example.com","existing_user":"/users/1"`},
		{"Validation", bindPath, `"errors":[{"detail":"is required","pointer":"#/name","code":"required"},{"detail":"must be an email address","pointer":"#/email","code":"email"},{"detail":"must be at most 150","pointer":"#/age","code":"lte"}]`},
		{"Internal", internalPath, `"status":500`},
		{"NoContent", noContentPath, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var problem string
			for _, c := range tc.p.handlers(testkit.Quiet()) {
				r, _ := tc.p.request()
				w := httptest.NewRecorder()
				c.h.ServeHTTP(w, r)
				if w.Code != tc.p.status {
					t.Errorf("%s/%s: status %d, want %d: %s", c.fw, c.impl, w.Code, tc.p.status, w.Body)
				}
				if c.impl != "httperr" {
					continue
				}
				if !strings.Contains(w.Body.String(), tc.want) {
					t.Errorf("%s: body %s, want it to hold %s", c.fw, w.Body, tc.want)
				}
				if problem == "" {
					problem = w.Body.String()
				} else if w.Body.String() != problem {
					t.Errorf("%s: body %s, the first stack's %s", c.fw, w.Body, problem)
				}
			}
			if strings.Contains(problem, "connection refused") {
				t.Errorf("the 500's cause reached the body: %s", problem)
			}
		})
	}
}
