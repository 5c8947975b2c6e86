package hold

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

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
			if got := Rendered(tt.h, tt.status, notFound); got != tt.want {
				t.Errorf("Rendered = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRenderedAgain checks Rendered against what Render writes, in JSON and in XML: the media types it
// compares are the core's.
func TestRenderedAgain(t *testing.T) {
	notFound := httperr.NotFound("user")
	for _, accept := range []string{"application/json", "application/xml"} {
		w := httptest.NewRecorder()
		r := httptest.NewRequest("GET", "/", nil)
		r.Header.Set("Accept", accept)
		httperr.Render(w, r, notFound)
		if !Rendered(w.Header(), w.Code, notFound) {
			t.Errorf("Accept %s: Rendered = false for the problem Render wrote (Content-Type %q)", accept, w.Header().Get("Content-Type"))
		}
	}
}
