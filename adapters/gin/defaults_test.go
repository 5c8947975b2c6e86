package httperrgin_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestFrameworkDecisionsKept drives gin's own middleware and idioms, as gin's users write them, on a loopback
// server: what they decide stays. gin.BasicAuth's Basic challenge is not replaced by the Renderer's Bearer (a
// browser shows its login prompt only for Basic); a status set with c.Status, before or after c.Error,
// decides for an error that would otherwise be an unknown 500, as it does in gin alone; a status given with
// c.AbortWithError decides over the status of the error it records (a malformed token's *json.SyntaxError
// under a 401), unless that error says as much or more about a 400 (a body that is not JSON; the validator's
// errors, a 422 with one violation per field, as everywhere).
func TestFrameworkDecisionsKept(t *testing.T) {
	var logs bytes.Buffer
	g := gin.New()
	httperrgin.Install(g, testkit.LogText(&logs))
	ok := func(c *gin.Context) { c.String(http.StatusOK, "secret") }
	g.GET("/basic", gin.BasicAuth(gin.Accounts{"ada": "lovelace"}), ok)
	g.GET("/error-then-status", func(c *gin.Context) {
		c.Error(errors.New("bad input")) //nolint:errcheck // returns its argument
		c.Status(http.StatusBadRequest)
	})
	g.GET("/status-then-error", func(c *gin.Context) {
		c.Status(http.StatusBadRequest)
		c.Error(errors.New("bad input")) //nolint:errcheck // returns its argument
	})
	g.GET("/token", func(c *gin.Context) {
		var header map[string]any
		if err := json.Unmarshal([]byte(strings.TrimPrefix(c.GetHeader("Authorization"), "Bearer ")), &header); err != nil {
			c.AbortWithError(http.StatusUnauthorized, err) //nolint:errcheck // returns its argument
			return
		}
		ok(c)
	})
	g.POST("/bind", func(c *gin.Context) {
		var in struct{ Name string }
		if err := c.ShouldBindJSON(&in); err != nil {
			c.AbortWithError(http.StatusBadRequest, err) //nolint:errcheck // returns its argument
			return
		}
		ok(c)
	})
	g.POST("/validate", func(c *gin.Context) {
		var in struct {
			Email string `json:"email" binding:"required,email"`
		}
		if err := c.ShouldBindJSON(&in); err != nil {
			c.AbortWithError(http.StatusBadRequest, err) //nolint:errcheck // returns its argument
			return
		}
		ok(c)
	})
	srv := httptest.NewServer(g)
	defer srv.Close()

	b400, b401 := testkit.CatalogProblem(http.StatusBadRequest), testkit.CatalogProblem(http.StatusUnauthorized)
	bJSON := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"request body is not valid JSON (at byte 2)"}` + "\n"
	b422 := `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + httperr.English().Description(422) +
		`","errors":[{"detail":"must be an email address","pointer":"#/email","code":"email"}]}` + "\n"
	for _, tt := range []struct {
		name, method, path, authorization, body string
		status                                  int
		header                                  http.Header
		want                                    string
	}{
		{"gin.BasicAuth without credentials", "GET", "/basic", "", "", 401,
			testkit.ProblemHeader(b401, "WWW-Authenticate", `Basic realm="Authorization Required"`), b401},
		{"gin.BasicAuth with wrong credentials", "GET", "/basic", "Basic YWRhOmJhYmJhZ2U=", "", 401,
			testkit.ProblemHeader(b401, "WWW-Authenticate", `Basic realm="Authorization Required"`), b401},
		{"c.Error then c.Status", "GET", "/error-then-status", "", "", 400, testkit.ProblemHeader(b400), b400},
		{"c.Status then c.Error", "GET", "/status-then-error", "", "", 400, testkit.ProblemHeader(b400), b400},
		{"c.AbortWithError(401) of a *json.SyntaxError", "GET", "/token", "Bearer abc.def.ghi", "", 401,
			testkit.ProblemHeader(b401, "WWW-Authenticate", "Bearer"), b401},
		{"c.AbortWithError(400) of a body that is not JSON", "POST", "/bind", "", "{x", 400, testkit.ProblemHeader(bJSON), bJSON},
		{"c.AbortWithError(400) of the validator's errors", "POST", "/validate", "", `{"email":"x"}`, 422, testkit.ProblemHeader(b422), b422},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := testkit.Send(t, http.DefaultClient, tt.method, srv.URL+tt.path, tt.body, "Authorization", tt.authorization)
			testkit.CheckResponse(t, res, body, tt.status, tt.header, tt.want)
		})
	}
}
