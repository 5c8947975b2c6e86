package httperrgin_test

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gin-contrib/gzip"
	"github.com/gin-contrib/timeout"
	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/internal/answer"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestTextAnswers drives, on a loopback server, with and without gin-contrib/gzip inside the Middleware, the
// error answers that handlers and middlewares write through gin's writer in text or with no body: each
// becomes the problem of its status, with the header fields it set, while c.JSON, a text over answer.MaxBody
// and, under KeepText, any text go out as they were. gin.Logger, outside, logs the status and size sent.
func TestTextAnswers(t *testing.T) {
	long := strings.Repeat("x", answer.MaxBody+1)
	limited := func(c *gin.Context) { // a rate limiter, as users write one
		c.Header("Retry-After", "30")
		c.Header("X-RateLimit-Remaining", "0")
		c.String(http.StatusTooManyRequests, "slow down")
		c.Abort()
	}
	slowDone := make(chan struct{}, 1)
	routes := func(g *gin.Engine) {
		g.GET("/slow", timeout.New(timeout.WithTimeout(10*time.Millisecond)), func(c *gin.Context) {
			defer func() { slowDone <- struct{}{} }()
			time.Sleep(50 * time.Millisecond)
			c.String(http.StatusOK, "late")
		})
		g.GET("/status", func(c *gin.Context) { c.Status(http.StatusNotFound) })
		g.GET("/limited", limited, func(c *gin.Context) { c.String(http.StatusOK, "ok") })
		g.GET("/secret", func(c *gin.Context) { c.String(http.StatusInternalServerError, "db: password=x") })
		g.GET("/data", func(c *gin.Context) { c.Data(http.StatusConflict, "text/plain", []byte("email is taken\nsee docs")) })
		g.GET("/api", func(c *gin.Context) { c.Header("Content-Type", "application/json") }, func(c *gin.Context) {
			c.AbortWithError(http.StatusConflict, errors.New("version mismatch")) //nolint:errcheck
		})
		g.GET("/json", func(c *gin.Context) { c.JSON(http.StatusBadRequest, gin.H{"error": "bad"}) })
		g.GET("/long", func(c *gin.Context) { c.String(http.StatusBadRequest, long) })
	}
	p := testkit.StatusProblem
	problem := map[string]string{"Content-Type": "application/problem+json"}
	tests := []struct {
		name, path string
		keep       bool
		status     int
		header     map[string]string
		body       string
	}{
		{"c.Status(404), nothing written", "/status", false, 404, problem, p(404, "")},
		{"c.String(429) from a limiter", "/limited", false, 429,
			map[string]string{"Content-Type": "application/problem+json", "Retry-After": "30", "X-Ratelimit-Remaining": "0"}, p(429, "slow down")},
		{"c.String(500) never sent", "/secret", false, 500, problem, p(500, "")},
		{"c.Data(409, text/plain)", "/data", false, 409, problem, p(409, "email is taken")},
		{"c.AbortWithError(409) under a JSON Content-Type", "/api", false, 409, problem, p(409, "")},
		{"c.JSON(400) left alone", "/json", false, 400, map[string]string{"Content-Type": "application/json; charset=utf-8"}, `{"error":"bad"}`},
		{"a text over MaxBody", "/long", false, 400, map[string]string{"Content-Type": "text/plain; charset=utf-8"}, long},
		// Last: gin-contrib/timeout's goroutine goes on with the *gin.Context after the request, which gin
		// pools (see the wait below).
		{"gin-contrib/timeout's 408", "/slow", false, 408, problem, p(408, "")},
		{"KeepText keeps c.String(429)", "/limited", true, 429,
			map[string]string{"Content-Type": "text/plain; charset=utf-8", "Retry-After": "30"}, "slow down"},
		{"KeepText, c.Status(404)", "/status", true, 404, problem, p(404, "")},
	}
	for _, keep := range []bool{false, true} {
		for _, gz := range []bool{false, true} {
			access := new(testkit.LogBuffer)
			g := gin.New()
			g.Use(gin.LoggerWithConfig(gin.LoggerConfig{Output: access, Formatter: func(p gin.LogFormatterParams) string {
				return p.Path + " " + strconv.Itoa(p.StatusCode) + " " + strconv.Itoa(p.BodySize) + "\n"
			}}))
			var logs bytes.Buffer
			rd := testkit.LogText(&logs)
			rd.KeepText = keep
			httperrgin.Install(g, rd)
			if gz {
				g.Use(gzip.Gzip(gzip.DefaultCompression))
			}
			routes(g)
			srv := httptest.NewServer(g)
			for _, tt := range tests {
				if tt.keep != keep {
					continue
				}
				t.Run(tt.name+map[bool]string{false: "", true: ", gzip"}[gz], func(t *testing.T) {
					if tt.path == "/slow" && childtest.Race {
						// gin-contrib/timeout runs the rest of the chain on a goroutine of its own with the
						// request's *gin.Context, which it aborts from the request's goroutine meanwhile.
						t.Skip("gin-contrib/timeout races by design; run without -race")
					}
					// Accept-Encoding is set by hand: the client then leaves the body as sent.
					res, body := testkit.Send(t, http.DefaultClient, http.MethodGet, srv.URL+tt.path, "", "Accept-Encoding", "gzip")
					testkit.CheckFields(t, res, body, tt.status, tt.header, tt.body)
					if res.Header.Get("Content-Encoding") != "" || tt.path != "/long" && res.ContentLength != int64(len(tt.body)) {
						t.Errorf("Content-Encoding %q, Content-Length %d for a %d-byte body", res.Header.Get("Content-Encoding"), res.ContentLength, len(tt.body))
					}
					if strings.Contains(body, "password") {
						t.Error("body leaks the secret")
					}
					if tt.path == "/slow" {
						select { // the handler's goroutine is done with the pooled *gin.Context
						case <-slowDone:
						case <-time.After(5 * time.Second):
							t.Fatal("the slow handler never ended")
						}
					}
					if want := tt.path + " " + strconv.Itoa(tt.status) + " " + strconv.Itoa(len(tt.body)) + "\n"; access.Take() != want {
						t.Errorf("access log does not say %q", want)
					}
				})
			}
			srv.Close()
		}
	}
}
