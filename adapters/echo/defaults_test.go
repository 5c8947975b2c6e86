package httperrecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	echojwt "github.com/labstack/echo-jwt/v4"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestFrameworkDecisionsKept drives echo's own middleware, as echo's users mount it, on a loopback server:
// what they decide stays. middleware.BasicAuth's Basic challenge is not replaced by the Renderer's Bearer (a
// browser shows its login prompt only for Basic); ContextTimeout's 503 is not replaced by the 504 of the
// context.DeadlineExceeded it wraps; echo-jwt's 401 for a malformed token is not replaced by the 400 of the
// *json.SyntaxError its parser wraps, and gets the default challenge, with the catalog's detail, never the
// parser's text.
func TestFrameworkDecisionsKept(t *testing.T) {
	rd, logs := renderer()
	e := echo.New()
	httperrecho.Install(e, rd)
	ok := func(c echo.Context) error { return c.String(http.StatusOK, "secret") }
	e.GET("/basic", ok, middleware.BasicAuth(func(user, pass string, c echo.Context) (bool, error) {
		return user == "ada" && pass == "lovelace", nil
	}))
	e.GET("/slow", func(c echo.Context) error {
		<-c.Request().Context().Done()
		return c.Request().Context().Err()
	}, middleware.ContextTimeout(10*time.Millisecond))
	e.GET("/jwt", ok, echojwt.JWT([]byte("key")))
	srv := httptest.NewServer(e)
	defer srv.Close()

	b401 := catalogProblem(t, http.StatusUnauthorized)
	testkit.RunGets(t, srv, append(testkit.EchoDecisions(),
		testkit.GetCase{Name: "echo-jwt with a malformed token", Path: "/jwt", Request: map[string]string{"Authorization": "Bearer abc.def.ghi"},
			Status: 401, Header: problemHeader(b401, "WWW-Authenticate", "Bearer"), Body: b401},
		testkit.GetCase{Name: "echo-jwt without a token", Path: "/jwt", Status: 401, Header: problemHeader(b401, "WWW-Authenticate", "Bearer"), Body: b401}))
	if t.Failed() {
		t.Log(logs)
	}
}
