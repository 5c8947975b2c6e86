package httperr_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

func TestFrameworkError(t *testing.T) {
	cause := errors.New("the framework's own error")
	for _, tt := range []struct {
		name          string
		status        int
		message, want string
	}{
		{"the application's 4xx message", 404, "user not found", "user not found"},
		{"the framework's reason phrase", 404, "Not Found", ""},
		{"empty", 400, "", ""},
		{"a 5xx message is never a detail", 500, "pq: password authentication failed", ""},
		{"nor a 503's", 503, "upstream db-7 down", ""},
		{"a status outside 400..599", 302, "moved", ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e := httperr.FrameworkError(tt.status, tt.message, cause)
			if e.Detail() != tt.want || !errors.Is(e, cause) {
				t.Errorf("FrameworkError(%d, %q) = detail %q, cause kept %v; want detail %q", tt.status, tt.message, e.Detail(), errors.Is(e, cause), tt.want)
			}
		})
	}
}

func TestRendered(t *testing.T) {
	problem := http.Header{"Content-Type": {"application/problem+json"}}
	xml := http.Header{"Content-Type": {"application/problem+xml"}}
	text := http.Header{"Content-Type": {"text/plain; charset=utf-8"}}
	notFound := httperr.NotFound("user")
	for _, tt := range []struct {
		name   string
		h      http.Header
		status int
		want   bool
	}{
		{"the problem for err", problem, 404, true},
		{"in XML", xml, 404, true},
		{"another status", problem, 500, false},
		{"the handler's own answer", text, 404, false},
		{"no Content-Type", http.Header{}, 404, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := httperr.Rendered(tt.h, tt.status, notFound); got != tt.want {
				t.Errorf("Rendered = %v, want %v", got, tt.want)
			}
		})
	}
}
