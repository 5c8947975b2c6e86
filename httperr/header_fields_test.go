package httperr

import (
	"context"
	"log/slog"
	"net/http"
	"strings"
	"testing"
)

// TestResponseFieldsOnce: a prepared Response yields each header field once, whatever header fields the error
// carries: a field that describes the body (Content-Type, X-Content-Type-Options, ...), which WithHeader
// refuses but an upstream's error passed through may keep (Decoder.Headers), is the renderer's alone. The
// fiber adapter's Apply without Del on a fresh header (adapters/fiber apply) relies on it.
func TestResponseFieldsOnce(t *testing.T) {
	e := &Error{status: http.StatusBadGateway, extra: &extra{header: http.Header{
		"Content-Type":           {"text/html"},
		"X-Content-Type-Options": {"none"},
		"Content-Length":         {"7"},
		"Content-Encoding":       {"gzip"},
		"Transfer-Encoding":      {"chunked"},
		"Content-Language":       {"de"},
		"Vary":                   {"Origin"},
		"Retry-After":            {"5"},
	}}}
	res := (&Renderer{Logger: slog.New(slog.DiscardHandler)}).Prepare(context.Background(), e, Request{Method: http.MethodGet})
	seen := map[string]int{}
	res.eachField(func(key string, values []string, _ bool) { seen[key]++ })
	for key, n := range seen {
		if n != 1 {
			t.Errorf("%s set %d times", key, n)
		}
	}
	h := res.Header()
	for key, want := range map[string]string{
		"Content-Type": "application/problem+json", "X-Content-Type-Options": "nosniff", "Content-Language": "en",
		"Vary": "Origin, Accept, Accept-Language", "Retry-After": "5", "Content-Encoding": "", "Transfer-Encoding": "",
	} {
		if got := strings.Join(h[key], ", "); got != want {
			t.Errorf("%s: %q, want %q", key, got, want)
		}
	}
}
