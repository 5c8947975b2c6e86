package answer

import "testing"

// TestRestatesAllocs pins that telling whether a line restates its status allocates nothing: every router 404 asks.
func TestRestatesAllocs(t *testing.T) {
	n := testing.AllocsPerRun(100, func() { restates(404, "404 page not found") })
	if n != 0 {
		t.Errorf("restates allocates %v times", n)
	}
}

// TestProblemAllocs pins what replacing a router's text 404 allocates: telling that http.Error's
// Content-Type is replaceable nothing (no parse), the problem three times (the quoted message of its cause
// is made only when asked for).
func TestProblemAllocs(t *testing.T) {
	const ct = "text/plain; charset=utf-8"
	if n := testing.AllocsPerRun(100, func() { Replaceable(404, ct) }); n != 0 {
		t.Errorf("Replaceable allocates %v times", n)
	}
	body := []byte("404 page not found\n")
	if n := testing.AllocsPerRun(100, func() { Problem(404, ct, body) }); n > 3 {
		t.Errorf("Problem allocates %v times, pinned at 3", n)
	}
	if got, want := Problem(404, ct, body).Unwrap().Error(), `answered in text: "404 page not found\n"`; got != want {
		t.Errorf("cause %q, want %q", got, want)
	}
}
