package httperrecho_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// Helpers shared by the adapter's tests: a logging Renderer, the Echo the tests serve, and exact checks of
// the responses.

type user struct {
	Name string `json:"name"`
	Age  int    `json:"age" query:"age"`
}

// newEcho returns an Echo with httperrecho installed and the routes the tests use.
func newEcho(rd *httperr.Renderer) *echo.Echo {
	e := echo.New()
	httperrecho.Install(e, rd)
	fail := func(err error) echo.HandlerFunc { return func(echo.Context) error { return err } }
	e.GET("/users/:id", fail(httperr.NotFound("user")))
	e.GET("/conflict", fail(echo.NewHTTPError(http.StatusConflict, "custom message")))
	e.GET("/forbidden", fail(echo.ErrForbidden))
	e.GET("/wrapped", fail(fmt.Errorf("x: %w", echo.NewHTTPError(http.StatusForbidden))))
	e.GET("/map-message", fail(echo.NewHTTPError(http.StatusUnprocessableEntity, map[string]string{"field": "bad"})))
	e.GET("/things", func(c echo.Context) error { return c.String(http.StatusOK, "things") })
	e.GET("/precedence", fail(httperr.Conflict("email is taken").Wrap(echo.ErrNotFound)))
	e.GET("/internal-problem", fail(echo.NewHTTPError(http.StatusBadRequest).SetInternal(httperr.NotFound("user"))))
	e.GET("/nested", fail(echo.NewHTTPError(http.StatusInternalServerError).SetInternal(echo.NewHTTPError(http.StatusNotFound, "no such page"))))
	e.GET("/internal-secret", fail(echo.NewHTTPError(http.StatusBadGateway, "upstream: "+secret).SetInternal(errors.New("dial: "+secret))))
	e.GET("/bad-status", fail(echo.NewHTTPError(http.StatusFound, "moved")))
	e.GET("/plain", fail(errors.New("db: "+secret)))
	e.GET("/ok", func(c echo.Context) error { return c.String(http.StatusOK, "ok") })
	e.GET("/panic", func(echo.Context) error { panic("boom: " + secret) })
	bind := func(c echo.Context) error {
		var u user
		if err := c.Bind(&u); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, u)
	}
	e.POST("/bind", bind)
	e.GET("/bind", bind)
	return e
}

// coreProblem is what the core renders for err, without any adapter.
func coreProblem(err error) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	httperr.Render(rec, httptest.NewRequest(http.MethodPost, "/", nil), err)
	return rec
}

// decodeError is the error encoding/json gives for body, as net/http handlers see it.
func decodeError(body string) error {
	var u user
	return json.NewDecoder(strings.NewReader(body)).Decode(&u)
}

func serve(e http.Handler, method, target, contentType, body string) *httptest.ResponseRecorder {
	var rb io.Reader
	if body != "" {
		rb = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, target, rb)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	return rec
}

// The package's names for the helpers the module's tests share (internal/testkit).
const secret, dropped = testkit.Secret, testkit.Unsent

var renderer, problemHeader, check = testkit.Logging, testkit.ProblemHeader, testkit.Check

// catalogProblem is the body of a problem whose title and detail are the catalog's for status.
func catalogProblem(_ testing.TB, status int) string { return testkit.CatalogProblem(status) }
