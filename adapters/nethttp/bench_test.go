package httperrhttp_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// BenchmarkMiddleware measures a ServeMux behind the Middleware, on a writer that discards what it is given:
// the success path (204) and ServeMux's own 404 turned into a problem. It is the A/B of the writer's
// allocation policy (internal/hold.Writer) and of its optionalOf's type assertions.
func BenchmarkMiddleware(b *testing.B) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /users/{id}", func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) })
	rd := &httperr.Renderer{TypeBase: "https://example.com/problems/", Logger: slog.New(slog.DiscardHandler)}
	h := httperrhttp.Middleware(rd)(mux)
	for _, c := range []struct {
		name, target string
		status       int
	}{
		{"NoContent", "/users/42", http.StatusNoContent},
		{"MuxNotFound", "/nope", http.StatusNotFound},
	} {
		b.Run(c.name, func(b *testing.B) {
			w := &discard{h: http.Header{}}
			r := httptest.NewRequest(http.MethodGet, c.target, nil)
			b.ReportAllocs()
			for b.Loop() {
				clear(w.h)
				h.ServeHTTP(w, r)
			}
			if w.code != c.status {
				b.Fatalf("status %d, want %d", w.code, c.status)
			}
		})
	}
}
