package httperrdoc

import "testing"

// TestRegistered checks the one fact the package infers from the core's public API: a code the catalog
// lacks has its class's name as its title.
func TestRegistered(t *testing.T) {
	for code, want := range map[int]bool{400: true, 404: true, 418: true, 429: true, 500: true, 511: true,
		460: false, 499: false, 597: false} {
		if got := registered(code); got != want {
			t.Errorf("registered(%d) = %v, want %v", code, got, want)
		}
	}
	n := 0
	for code := 400; code <= 599; code++ {
		if registered(code) {
			n++
		}
	}
	if n < 40 || n > 60 {
		t.Errorf("%d registered 4xx and 5xx codes", n)
	}
}
