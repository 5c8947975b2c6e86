package httperr_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// TestHeaderFieldsKept checks the header fields that describe the problem, set on the response by the
// application or by a framework's middleware before the error was rendered: a default of the renderer never
// replaces them, the error's own field does, and Content-Range stays on a 416 (it is stale on any other
// status). Through Render, and through Prepare and Apply on the same header.
func TestHeaderFieldsKept(t *testing.T) {
	rd := &httperr.Renderer{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}
	rateLimited := map[string]string{
		"Retry-After": "17", "Ratelimit": `"default";r=0;t=17`, "Ratelimit-Policy": `"default";q=100;w=60`,
		"X-Ratelimit-Limit": "100", "X-Ratelimit-Remaining": "0", "X-Ratelimit-Reset": "17",
	}
	for _, tt := range []struct {
		name     string
		response map[string]string // set on the response before the error is rendered
		err      error
		want     map[string]string // "" means absent
	}{
		{"the response's challenge over the default", map[string]string{"Www-Authenticate": `Basic realm="api"`},
			httperr.Unauthorized(""), map[string]string{"Www-Authenticate": `Basic realm="api"`}},
		{"the default challenge where the response has none", nil,
			httperr.Unauthorized(""), map[string]string{"Www-Authenticate": "Bearer"}},
		{"the error's own challenge over the response's", map[string]string{"Www-Authenticate": `Basic realm="api"`},
			httperr.Unauthorized("").WithHeader("WWW-Authenticate", `Bearer realm="api", error="invalid_token"`),
			map[string]string{"Www-Authenticate": `Bearer realm="api", error="invalid_token"`}},
		{"the response's proxy challenge over the default", map[string]string{"Proxy-Authenticate": `Basic realm="proxy"`},
			httperr.New(http.StatusProxyAuthRequired, ""), map[string]string{"Proxy-Authenticate": `Basic realm="proxy"`}},
		{"Content-Range on a 416", map[string]string{"Content-Range": "bytes */1000"},
			httperr.New(http.StatusRequestedRangeNotSatisfiable, ""), map[string]string{"Content-Range": "bytes */1000"}},
		{"the error's Content-Range on a 416 over the 206's", map[string]string{"Content-Range": "bytes 0-99/1000"},
			httperr.RequestedRangeNotSatisfiable(1000), map[string]string{"Content-Range": "bytes */1000"}},
		{"Content-Range is stale on a 404", map[string]string{"Content-Range": "bytes 0-99/1000"},
			httperr.NotFound("file"), map[string]string{"Content-Range": ""}},
		{"a rate limiter's fields on a 429", rateLimited, httperr.New(http.StatusTooManyRequests, ""), rateLimited},
		{"the router's Allow on a 405", map[string]string{"Allow": "GET, HEAD"},
			httperr.New(http.StatusMethodNotAllowed, ""), map[string]string{"Allow": "GET, HEAD"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			for k, v := range tt.response {
				rec.Header().Set(k, v)
			}
			rd.Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), tt.err)
			h := http.Header{}
			for k, v := range tt.response {
				h.Set(k, v)
			}
			res := rd.Prepare(context.Background(), tt.err, httperr.Request{Method: http.MethodGet})
			res.Apply(h)
			for how, got := range map[string]http.Header{"Render": rec.Header(), "Apply": h} {
				for k, want := range tt.want {
					if vs := got.Values(k); want == "" && len(vs) != 0 || want != "" && (len(vs) != 1 || vs[0] != want) {
						t.Errorf("%s: %s %q, want %q", how, k, vs, want)
					}
				}
			}
		})
	}
}
