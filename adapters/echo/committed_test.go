package httperrecho_test

import (
	"errors"
	"net/http"
	"testing"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// Errors that arrive after the response started, or a second time: logged once, never written.

func TestCommitted(t *testing.T) {
	partial := func(c echo.Context) error { return c.String(http.StatusOK, "partial") }
	tests := []struct {
		name      string
		handler   echo.HandlerFunc
		wantPanic any
	}{
		{"error after commit", func(c echo.Context) error {
			partial(c)
			return errors.New("late: " + secret)
		}, nil},
		{"HTTPError after commit", func(c echo.Context) error {
			partial(c)
			return echo.ErrServiceUnavailable
		}, nil},
		{"panic after commit aborts", func(c echo.Context) error {
			partial(c)
			panic("late boom")
		}, http.ErrAbortHandler},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rd, logs := renderer()
			e := newEcho(rd)
			e.GET("/late", tt.handler)
			testkit.CheckCommitted(t, e, "/late", tt.wantPanic, logs, "text/plain; charset=UTF-8")
		})
	}
}

// echoLogger hands errors over as echo's middleware.Logger does (middleware/logger.go); that package is not
// imported as it needs golang.org/x/time, which this module does not require.
func echoLogger(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		if err = next(c); err != nil {
			c.Error(err)
		}
		return err
	}
}

// TestHandledTwice checks that the same error handed over again once rendered, as echo's Logger middleware
// does (it calls c.Error and returns the error), is not logged as lost; a different one is.
func TestHandledTwice(t *testing.T) {
	t.Run("like echo's Logger middleware", func(t *testing.T) {
		rd, logs := renderer()
		e := echo.New()
		httperrecho.Install(e, rd)
		e.Use(echoLogger)
		e.GET("/users/:id", func(echo.Context) error { return httperr.NotFound("user") })
		e.GET("/panic", func(echo.Context) error { panic("boom") })
		testkit.CheckRenderedOnce(t, e, logs)
	})
	t.Run("another error after the problem", func(t *testing.T) {
		rd, logs := renderer()
		e := echo.New()
		httperrecho.Install(e, rd)
		e.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
			return func(c echo.Context) error {
				c.Error(next(c))
				return errors.New("audit failed")
			}
		})
		e.GET("/users/:id", func(echo.Context) error { return httperr.NotFound("user") })
		testkit.CheckLostOnce(t, e, logs)
	})
}
