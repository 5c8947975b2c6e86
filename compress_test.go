package toolkit_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestChiCompressKeepsProblemHeaders: chi's middleware.Compress, outside or inside the Middleware, leaves a
// problem's Vary (its own Accept-Encoding beside ours) and its body as the other stacks send it.
func TestChiCompressKeepsProblemHeaders(t *testing.T) {
	for _, order := range []string{"Compress outside", "Compress inside"} {
		t.Run(order, func(t *testing.T) {
			r := chi.NewRouter()
			if order == "Compress outside" {
				r.Use(middleware.Compress(5), httperrhttp.Middleware(testkit.Quiet()))
			} else {
				r.Use(httperrhttp.Middleware(testkit.Quiet()), middleware.Compress(5))
			}
			r.Get("/users/{id}", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
				return httperr.NotFound("user")
			}).ServeHTTP)
			srv := httptest.NewServer(r)
			defer srv.Close()
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/users/42", nil)
			req.Header.Set("Accept-Encoding", "gzip")
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			vary := strings.Join(res.Header.Values("Vary"), ", ")
			if res.StatusCode != 404 || !strings.Contains(vary, "Accept, Accept-Language") ||
				res.Header.Get("Content-Encoding") != "" ||
				string(body) != `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}`+"\n" {
				t.Errorf("got %d, Vary %q, Content-Encoding %q\n%s", res.StatusCode, vary, res.Header.Get("Content-Encoding"), body)
			}
		})
	}
}
