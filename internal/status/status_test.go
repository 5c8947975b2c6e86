package status

import (
	"errors"
	"testing"
)

func TestRefines(t *testing.T) {
	for _, tt := range []struct {
		mapped, given int
		want          bool
	}{
		{400, 400, true},  // c.Bind's *json.SyntaxError: its detail says where
		{413, 400, true},  // c.Bind over http.MaxBytesReader's limit
		{499, 400, true},  // the client went away while the body was read
		{504, 503, false}, // ContextTimeout's 503 over context.DeadlineExceeded
		{400, 401, false}, // echo-jwt's 401 over the token's *json.SyntaxError
		{504, 400, false}, // a 400 is not made a 5xx
		{404, 403, false},
		{400, 302, true}, // no error status: the wrapped error decides
	} {
		if got := Refines(tt.mapped, tt.given); got != tt.want {
			t.Errorf("Refines(%d, %d) = %v, want %v", tt.mapped, tt.given, got, tt.want)
		}
	}
}

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
			e := FrameworkError(tt.status, tt.message, cause)
			if e.Detail() != tt.want || !errors.Is(e, cause) {
				t.Errorf("FrameworkError(%d, %q) = detail %q, cause kept %v; want detail %q", tt.status, tt.message, e.Detail(), errors.Is(e, cause), tt.want)
			}
		})
	}
}
