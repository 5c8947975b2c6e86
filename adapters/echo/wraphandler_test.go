package httperrecho_test

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// TestWrapHandler: a net/http handler of httperrhttp mounted in echo with echo.WrapHandler finds echo's
// holding writer through echo's Response (Unwrap) and renders with the Renderer Install was given, its
// TypeBase included, once; echo's Response records the status, and its error handler adds nothing.
func TestWrapHandler(t *testing.T) {
	rd := &httperr.Renderer{TypeBase: "https://example.com/problems/", Logger: slog.New(slog.DiscardHandler)}
	e := echo.New()
	httperrecho.Install(e, rd)
	var status int
	e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			err := next(c)
			status = c.Response().Status
			return err
		}
	})
	e.GET("/users/:id", echo.WrapHandler(httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return httperr.NotFound("user")
	})))
	rec := serve(e, http.MethodGet, "/users/7", "", "")
	body := `{"type":"https://example.com/problems/not-found","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	check(t, rec, 404, problemHeader(body), body)
	if status != 404 {
		t.Errorf("echo's Response.Status = %d, want 404", status)
	}
}
