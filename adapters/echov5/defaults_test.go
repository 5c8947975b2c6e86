package httperrechov5_test

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestFrameworkDecisionsKept drives echo v5's own middleware, as echo's users mount it, on a loopback
// server: what they decide stays. middleware.BasicAuth's Basic challenge is not replaced by the Renderer's
// Bearer; ContextTimeout's 503 is not replaced by the 504 of the context.DeadlineExceeded it wraps; a 401
// HTTPError wrapping the *json.SyntaxError of a malformed token (what echo-jwt does for echo v4; there is no
// echo-jwt for v5 on the module proxy) stays a 401 with the default challenge and the catalog's detail,
// never the parser's text, and the application's message on such a 401 is its detail.
func TestFrameworkDecisionsKept(t *testing.T) {
	rd, logs := renderer()
	e := echo.New()
	httperrechov5.Install(e, rd)
	ok := func(c *echo.Context) error { return c.String(http.StatusOK, "secret") }
	e.GET("/basic", ok, middleware.BasicAuth(func(c *echo.Context, user, pass string) (bool, error) {
		return user == "ada" && pass == "lovelace", nil
	}))
	e.GET("/slow", func(c *echo.Context) error {
		<-c.Request().Context().Done()
		return c.Request().Context().Err()
	}, middleware.ContextTimeout(10*time.Millisecond))
	token := func(he *echo.HTTPError) echo.MiddlewareFunc { // a token check, as echo-jwt's
		return func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				var header map[string]any
				if err := json.Unmarshal([]byte(strings.TrimPrefix(c.Request().Header.Get("Authorization"), "Bearer ")), &header); err != nil {
					return he.Wrap(err)
				}
				return next(c)
			}
		}
	}
	e.GET("/token", ok, token(echo.NewHTTPError(http.StatusUnauthorized, "")))
	e.GET("/token-message", ok, token(echo.NewHTTPError(http.StatusUnauthorized, "invalid or expired jwt")))
	srv := httptest.NewServer(e)
	defer srv.Close()

	b401 := catalogProblem(t, http.StatusUnauthorized)
	bMessage := `{"type":"about:blank","title":"Unauthorized","status":401,"detail":"invalid or expired jwt"}` + "\n"
	bearer := map[string]string{"Authorization": "Bearer abc.def.ghi"}
	testkit.RunGets(t, srv, append(testkit.EchoDecisions(),
		testkit.GetCase{Name: "a 401 wrapping a *json.SyntaxError", Path: "/token", Request: bearer, Status: 401,
			Header: problemHeader(b401, "WWW-Authenticate", "Bearer"), Body: b401},
		testkit.GetCase{Name: "with the application's message", Path: "/token-message", Request: bearer, Status: 401,
			Header: problemHeader(bMessage, "WWW-Authenticate", "Bearer"), Body: bMessage}))
	if t.Failed() {
		t.Log(logs)
	}
}
