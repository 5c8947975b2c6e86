//go:build !race

// Built without the race detector only: under -race, allocation counts are not stable.

package httperrhttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestSuccessPathAllocs pins the Middleware's success path at one allocation, with or without a Renderer:
// the writer, allocated per request so that a late write cannot reach another request
// (TestLateWritesStayInTheirRequest). The combination type it is given to the handler as costs nothing, and
// a HandlerFunc finds the Middleware's Renderer through the writer, with no copy of the request.
func TestSuccessPathAllocs(t *testing.T) {
	rd := testkit.Quiet()
	rd.TypeBase = "https://example.com/problems/"
	for _, c := range []struct {
		name string
		rd   *httperr.Renderer
		h    http.Handler
	}{
		{"handler", nil, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })},
		{"handler/renderer", rd, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })},
		{"HandlerFunc/renderer", rd, httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
			w.WriteHeader(http.StatusNoContent)
			return nil
		})},
	} {
		t.Run(c.name, func(t *testing.T) {
			wrapped := httperrhttp.Middleware(c.rd)(c.h)
			w := &discard{h: http.Header{}}
			r := httptest.NewRequest("GET", "/", nil)
			bare := testing.AllocsPerRun(200, func() { c.h.ServeHTTP(w, r) })
			with := testing.AllocsPerRun(200, func() { wrapped.ServeHTTP(w, r) })
			if with > bare+1 {
				t.Errorf("middleware success path allocates %v times per request, bare handler %v: at most one more", with, bare)
			}
		})
	}
}
