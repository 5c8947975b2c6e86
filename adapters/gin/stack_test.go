package httperrgin_test

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-contrib/gzip"
	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

const (
	notFoundUser = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	d400         = "The server cannot or will not process the request due to something that is perceived to be a client error."
	d401         = "The request lacks valid authentication credentials for the target resource."
)

// TestIdiomaticAborts drives the gin idioms that commit a status before recording an error, on a real
// loopback server, with and without gin-contrib/gzip inside the Middleware.
func TestIdiomaticAborts(t *testing.T) {
	tests := []struct {
		name, path string
		status     int
		header     map[string]string
		body       string
	}{
		{"AbortWithError of an *httperr.Error", "/abort-error", 404,
			map[string]string{"Content-Type": "application/problem+json", "Content-Length": "82", "Vary": "Accept, Accept-Language"}, notFoundUser},
		{"AbortWithError of a plain error keeps the status", "/abort-plain", 400,
			map[string]string{"Content-Type": "application/problem+json"},
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + d400 + `"}` + "\n"},
		{"AbortWithStatus alone", "/abort-status", 401,
			map[string]string{"Content-Type": "application/problem+json", "Www-Authenticate": "Bearer"},
			`{"type":"about:blank","title":"Unauthorized","status":401,"detail":"` + d401 + `"}` + "\n"},
		{"c.Error", "/error", 404, map[string]string{"Content-Type": "application/problem+json"}, notFoundUser},
		{"success", "/ok", 200, map[string]string{"Content-Type": "application/json; charset=utf-8"}, `{"id":1}`},
	}
	for _, gz := range []bool{false, true} {
		g := gin.New()
		var logs bytes.Buffer
		rd := testkit.LogText(&logs)
		httperrgin.Install(g, rd)
		if gz {
			g.Use(gzip.Gzip(gzip.DefaultCompression))
		}
		g.GET("/abort-error", func(c *gin.Context) { c.AbortWithError(404, httperr.NotFound("user")) }) //nolint:errcheck
		g.GET("/abort-plain", func(c *gin.Context) { c.AbortWithError(400, errors.New("bad input")) })  //nolint:errcheck
		g.GET("/abort-status", func(c *gin.Context) { c.AbortWithStatus(401) })
		g.GET("/error", func(c *gin.Context) { c.Error(httperr.NotFound("user")) }) //nolint:errcheck
		g.GET("/ok", func(c *gin.Context) { c.JSON(200, gin.H{"id": 1}) })
		srv := httptest.NewServer(g)
		for _, tt := range tests {
			t.Run(tt.name+map[bool]string{false: "", true: ", gzip"}[gz], func(t *testing.T) {
				req, _ := http.NewRequest(http.MethodGet, srv.URL+tt.path, nil)
				req.Header.Set("Accept-Encoding", "gzip") // set by hand: the client then leaves the body as sent
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				defer res.Body.Close()
				body, _ := io.ReadAll(res.Body)
				if gz && tt.status == 200 {
					return // compressed: the point here is the error responses
				}
				if res.StatusCode != tt.status || string(body) != tt.body {
					t.Errorf("got %d\n%s\nwant %d\n%s", res.StatusCode, body, tt.status, tt.body)
				}
				for k, v := range tt.header {
					if got := res.Header.Get(k); got != v {
						t.Errorf("%s: %q, want %q", k, got, v)
					}
				}
				if tt.status >= 400 {
					// gzip's own Accept-Encoding stays where gzip left it; ours is always there.
					if vary := strings.Join(res.Header.Values("Vary"), ", "); !strings.HasSuffix(vary, "Accept, Accept-Language") {
						t.Errorf("Vary %q", res.Header.Values("Vary"))
					}
					if res.Header.Get("Content-Encoding") != "" || res.ContentLength != int64(len(tt.body)) {
						t.Errorf("Content-Encoding %q, Content-Length %d for a %d-byte problem", res.Header.Get("Content-Encoding"), res.ContentLength, len(tt.body))
					}
				}
			})
		}
		srv.Close()
	}
}

// TestAccessLogSeesPanics: with Install after gin.Logger, as its doc says, the access log records the 500 a
// panic becomes.
func TestAccessLogSeesPanics(t *testing.T) {
	var access bytes.Buffer
	g := gin.New()
	g.Use(gin.LoggerWithConfig(gin.LoggerConfig{Output: &access, Formatter: func(p gin.LogFormatterParams) string {
		return p.Method + " " + p.Path + " " + http.StatusText(p.StatusCode) + "\n"
	}}))
	var logs bytes.Buffer
	rd := testkit.LogText(&logs)
	httperrgin.Install(g, rd)
	g.GET("/panic", func(*gin.Context) { panic("boom") })
	rec := httptest.NewRecorder()
	g.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/panic", nil))
	if rec.Code != 500 || !strings.Contains(access.String(), "GET /panic Internal Server Error") {
		t.Errorf("got %d, access log %q", rec.Code, access.String())
	}
}
