package httperr_test

import (
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// TestStatusCode checks that StatusCode, the method other frameworks look for, is Status.
func TestStatusCode(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  *httperr.Error
		want int
	}{
		{"404", httperr.NotFound("user"), 404},
		{"out of range renders as 500", httperr.New(200, "fine"), 500},
		{"typed nil", nil, 500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var sc interface{ StatusCode() int } = tc.err
			if got := sc.StatusCode(); got != tc.want || got != tc.err.Status() {
				t.Errorf("StatusCode() = %d, Status() = %d, want %d", got, tc.err.Status(), tc.want)
			}
		})
	}
}
