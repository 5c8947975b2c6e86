package answer

import "testing"

// TestRestatesAllocs pins that telling whether a line restates its status allocates nothing: every router 404 asks.
func TestRestatesAllocs(t *testing.T) {
	n := testing.AllocsPerRun(100, func() { restates(404, "404 page not found") })
	if n != 0 {
		t.Errorf("restates allocates %v times", n)
	}
}
