package status

import "testing"

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
