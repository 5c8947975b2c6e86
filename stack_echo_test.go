package toolkit_test

// The users API as an echo v4 user writes it: c.Param, c.Bind, c.Validate with go-playground/validator set as
// e.Validator (its documented way), echo.NewHTTPError, c.JSON, c.String; httperrecho.Install on a new
// echo.Echo.

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
)

// echoValidator is the e.Validator of echo's documentation: it returns the validator's error as it is.
type echoValidator struct{ v *validator.Validate }

func (ev echoValidator) Validate(i any) error { return ev.v.Struct(i) }

// echoAPI holds the echo handlers of the users API.
type echoAPI struct{ users *users }

func (a echoAPI) getUser(c echo.Context) error {
	u, ok := a.users.get(c.Param("id"))
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "user not found")
	}
	return c.JSON(http.StatusOK, u)
}

func (a echoAPI) createUser(c echo.Context) error { return a.users.createEcho(c, c.Response()) }

// echoContext is what createEcho uses of a request's context, the same in echo v4 (echo.Context) and echo
// v5 (*echo.Context).
type echoContext interface {
	Request() *http.Request
	Bind(any) error
	Validate(any) error
	JSON(int, any) error
}

// createEcho is the createUser handler of both echos: w is c.Response(), whose type differs between them.
func (s *users) createEcho(c echoContext, w http.ResponseWriter) error {
	c.Request().Body = http.MaxBytesReader(w, c.Request().Body, maxBody)
	var in signup
	if err := c.Bind(&in); err != nil {
		return err
	}
	if err := c.Validate(&in); err != nil {
		return err
	}
	u, err := s.add(in)
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/users/"+strconv.Itoa(u.ID))
	return c.JSON(http.StatusCreated, u)
}

func echoPrivate(c echo.Context) error { return c.String(http.StatusOK, "private") }

// serveEcho serves the users API with echo v4 and httperrecho.Install.
func serveEcho(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	a := echoAPI{users: newUsers()}
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.Validator = echoValidator{newValidator()}
	httperrecho.Install(e, rd)
	if o.withContext {
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				c.SetRequest(c.Request().WithContext(context.WithValue(c.Request().Context(), requestIDKey{}, "req-1")))
				return next(c)
			}
		})
	}
	e.GET("/users/:id", a.getUser)
	e.POST("/users", a.createUser)
	e.GET("/maintenance", func(echo.Context) error {
		return httperr.ServiceUnavailable(maintenanceRetry).WithDetail("scheduled maintenance")
	})
	e.GET("/report", func(echo.Context) error { return errReport() })
	e.GET("/panic", func(echo.Context) error { panic("boom: " + secret) })
	e.HEAD("/head/:id", func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") })
	e.GET("/partial", func(c echo.Context) error {
		if err := c.String(http.StatusOK, "partial answer"); err != nil {
			return err
		}
		return errors.New("failed after the answer had started")
	})
	e.GET("/teapot", func(echo.Context) error { return errTeapot })
	e.GET("/hints", func(c echo.Context) error {
		c.Response().Header().Set("Link", "</style.css>; rel=preload; as=style")
		c.Response().WriteHeader(http.StatusEarlyHints)
		return httperr.NotFound("user")
	})
	e.GET("/limited", echoPrivate, func(echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			c.Response().Header().Set("Retry-After", rateLimitRetry)
			return c.String(http.StatusTooManyRequests, http.StatusText(http.StatusTooManyRequests))
		}
	})
	e.GET("/private", echoPrivate, middleware.BasicAuth(func(u, p string, _ echo.Context) (bool, error) {
		return u == "ada" && p == "secret", nil
	}))
	e.StaticFS("/files", staticFiles)
	for _, rt := range extra {
		h := rt.Handler
		e.Add(rt.Method, rt.Pattern, func(c echo.Context) error { return h(c.Response(), c.Request()) })
	}
	return e
}
