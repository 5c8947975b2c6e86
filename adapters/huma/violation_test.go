package httperrhuma

import (
	"errors"
	"reflect"
	"testing"

	"github.com/danielgtaylor/huma/v2"
	"github.com/httperr/toolkit/httperr"
)

// TestViolation checks where each huma error location lands in a Violation.
func TestViolation(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
		want httperr.Violation
	}{
		{"body", &huma.ErrorDetail{Location: "body", Message: "m"}, httperr.Violation{Pointer: "#", Detail: "m"}},
		{"member", &huma.ErrorDetail{Location: "body.name", Message: "m"}, httperr.Violation{Pointer: "#/name", Detail: "m"}},
		{"nested", &huma.ErrorDetail{Location: "body.items[3].tags[0]", Message: "m"}, httperr.Violation{Pointer: "#/items/3/tags/0", Detail: "m"}},
		{"top array", &huma.ErrorDetail{Location: "body[2].a/b", Message: "m"}, httperr.Violation{Pointer: "#/2/a~1b", Detail: "m"}},
		{"unclosed", &huma.ErrorDetail{Location: "body.a[1", Message: "m"}, httperr.Violation{Pointer: "#/a/1", Detail: "m"}},
		{"path", &huma.ErrorDetail{Location: "path.id", Message: "m"}, httperr.Violation{Parameter: "id", Detail: "m"}},
		{"query", &huma.ErrorDetail{Location: "query.limit", Message: "m"}, httperr.Violation{Parameter: "limit", Detail: "m"}},
		{"cookie", &huma.ErrorDetail{Location: "cookie.session", Message: "m"}, httperr.Violation{Parameter: "session", Detail: "m"}},
		{"header", &huma.ErrorDetail{Location: "header.X-Id", Message: "m"}, httperr.Violation{Header: "X-Id", Detail: "m"}},
		{"unknown location", &huma.ErrorDetail{Location: "bodyguard", Message: "m"}, httperr.Violation{Detail: "m"}},
		{"plain error", errors.New("resolver says no"), httperr.Violation{Detail: "resolver says no"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := violation(tc.err); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("violation(%v) = %+v, want %+v", tc.err, got, tc.want)
			}
		})
	}
}
