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

	b401, b503 := catalogProblem(t, http.StatusUnauthorized), catalogProblem(t, http.StatusServiceUnavailable)
	for _, tt := range []struct {
		name, path, authorization string
		status                    int
		header                    http.Header
		body                      string
	}{
		{"BasicAuth without credentials", "/basic", "", 401, problemHeader(b401, "WWW-Authenticate", `basic realm="Restricted"`), b401},
		{"BasicAuth with wrong credentials", "/basic", "Basic YWRhOmJhYmJhZ2U=", 401, problemHeader(b401, "WWW-Authenticate", `basic realm="Restricted"`), b401},
		{"ContextTimeout", "/slow", "", 503, problemHeader(b503), b503},
		{"echo-jwt with a malformed token", "/jwt", "Bearer abc.def.ghi", 401, problemHeader(b401, "WWW-Authenticate", "Bearer"), b401},
		{"echo-jwt without a token", "/jwt", "", 401, problemHeader(b401, "WWW-Authenticate", "Bearer"), b401},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res, body := testkit.Send(t, http.DefaultClient, http.MethodGet, srv.URL+tt.path, "", "Authorization", tt.authorization)
			testkit.CheckResponse(t, res, body, tt.status, tt.header, tt.body)
		})
	}
	if t.Failed() {
		t.Log(logs)
	}
}
