//go:build !race

// Built without the race detector only: under -race, allocation counts are not stable.

package httperrhttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
)

func TestSuccessPathAllocs(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	wrapped := httperrhttp.Middleware(nil)(ok)
	w := &discard{h: http.Header{}}
	r := httptest.NewRequest("GET", "/", nil)
	bare := testing.AllocsPerRun(200, func() { ok.ServeHTTP(w, r) })
	with := testing.AllocsPerRun(200, func() { wrapped.ServeHTTP(w, r) })
	// One allocation: the writer, allocated per request so that a late write cannot reach another request
	// (TestLateWritesStayInTheirRequest); the combination type it is given to the handler as costs nothing.
	if with > bare+1 {
		t.Errorf("middleware success path allocates %v times per request, bare handler %v: at most one more", with, bare)
	}
}
