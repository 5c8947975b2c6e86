package toolkit_test

// The users API as an echo v5 user writes it: *echo.Context handlers, c.Param, c.Bind, c.Validate with
// go-playground/validator set as e.Validator, echo.NewHTTPError, c.JSON, c.String; httperrechov5.Install on
// a new echo.Echo.

import (
	"context"
	"errors"
	"net/http"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	"github.com/httperr/toolkit/httperr"
)

// echov5API holds the echo v5 handlers of the users API.
type echov5API struct{ users *users }

func (a echov5API) getUser(c *echo.Context) error {
	u, ok := a.users.get(c.Param("id"))
	if !ok {
		return echo.NewHTTPError(http.StatusNotFound, "user not found")
	}
	return c.JSON(http.StatusOK, u)
}

func (a echov5API) createUser(c *echo.Context) error { return a.users.createEcho(c, c.Response()) }

func echov5Private(c *echo.Context) error { return c.String(http.StatusOK, "private") }

// serveEchoV5 serves the users API with echo v5 and httperrechov5.Install.
func serveEchoV5(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	a := echov5API{users: newUsers()}
	e := echo.New()
	e.Validator = echoValidator{newValidator()} // the same Validate(any) error as echo v4's
	httperrechov5.Install(e, rd)
	if o.withContext {
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c *echo.Context) error {
				c.SetRequest(c.Request().WithContext(context.WithValue(c.Request().Context(), requestIDKey{}, "req-1")))
				return next(c)
			}
		})
	}
	e.GET("/users/:id", a.getUser)
	e.POST("/users", a.createUser)
	e.GET("/maintenance", func(*echo.Context) error {
		return httperr.ServiceUnavailable(maintenanceRetry).WithDetail("scheduled maintenance")
	})
	e.GET("/report", func(*echo.Context) error { return errReport() })
	e.GET("/panic", func(*echo.Context) error { panic("boom: " + secret) })
	e.HEAD("/head/:id", func(*echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") })
	e.GET("/partial", func(c *echo.Context) error {
		if err := c.String(http.StatusOK, "partial answer"); err != nil {
			return err
		}
		return errors.New("failed after the answer had started")
	})
	e.GET("/teapot", func(*echo.Context) error { return errTeapot })
	e.GET("/hints", func(c *echo.Context) error {
		c.Response().Header().Set("Link", "</style.css>; rel=preload; as=style")
		c.Response().WriteHeader(http.StatusEarlyHints)
		return httperr.NotFound("user")
	})
	e.GET("/limited", echov5Private, func(echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) error {
			c.Response().Header().Set("Retry-After", rateLimitRetry)
			return c.String(http.StatusTooManyRequests, http.StatusText(http.StatusTooManyRequests))
		}
	})
	e.GET("/private", echov5Private, middleware.BasicAuth(func(_ *echo.Context, u, p string) (bool, error) {
		return u == "ada" && p == "secret", nil
	}))
	e.StaticFS("/files", staticFiles)
	if o.timeout > 0 {
		e.GET("/slow", func(c *echo.Context) error {
			<-c.Request().Context().Done()
			return c.Request().Context().Err()
		}, middleware.ContextTimeout(o.timeout))
	}
	for _, rt := range extra {
		h := rt.Handler
		e.Add(rt.Method, rt.Pattern, func(c *echo.Context) error { return h(c.Response(), c.Request()) })
	}
	return e
}
