package toolkit_test

// Interop with code that is not ours: echo v5's own error handler reading StatusCode(), and access-log
// middlewares seeing the 500 of a panicking request when Install runs after them.

import (
	"errors"
	"fmt"
	"log"
	"net/http"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	chimiddleware "github.com/go-chi/chi/v5/middleware"
	"github.com/gofiber/fiber/v3"
	fiberlogger "github.com/gofiber/fiber/v3/middleware/logger"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	echov5 "github.com/labstack/echo/v5"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	httperrgin "github.com/httperr/toolkit/adapters/gin"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestStatusCoderInterop checks that code looking for StatusCode() int, as echo v5's
// DefaultHTTPErrorHandler and oapi-codegen do, finds the status of an *httperr.Error.
func TestStatusCoderInterop(t *testing.T) {
	t.Run("errors.As to interface{ StatusCode() int }", func(t *testing.T) {
		var sc interface{ StatusCode() int }
		if !errors.As(fmt.Errorf("loading: %w", httperr.NotFound("user")), &sc) {
			t.Fatal("*httperr.Error has no StatusCode() int")
		}
		if got := sc.StatusCode(); got != http.StatusNotFound {
			t.Errorf("StatusCode() = %d, want 404", got)
		}
	})
	t.Run("echo v5 DefaultHTTPErrorHandler", func(t *testing.T) {
		e := echov5.New()
		e.GET("/users/:id", func(*echov5.Context) error { return httperr.NotFound("user") })
		got := serve(e, "GET", "/users/42", "", nil)
		if want := `{"message":"Not Found"}` + "\n"; got.status != http.StatusNotFound || got.body != want {
			t.Errorf("echo v5 answered %d %q, want 404 %q", got.status, got.body, want)
		}
	})
}

// TestAccessLogSeesPanics checks that an access-log middleware registered before Install (the order
// docs/nethttp.md, docs/echo.md and docs/gin.md recommend: the logger outermost, our recovery inside it)
// logs the 500 that a panicking request gets, and that the client gets the 500 problem.
func TestAccessLogSeesPanics(t *testing.T) {
	panics := func() { panic("boom: " + secret) }
	stacks := []struct {
		name  string
		build func(logs *testkit.LogBuffer) http.Handler
		want  string // the access log's line
	}{
		{"echo middleware.Logger", func(logs *testkit.LogBuffer) http.Handler {
			e := echo.New()
			//lint:ignore SA1019 the deprecated Logger is still what many services run: it must see our statuses
			e.Use(middleware.LoggerWithConfig(middleware.LoggerConfig{Format: "${status} ${uri}\n", Output: logs}))
			httperrecho.Install(e, testkit.Quiet())
			e.GET("/panic", func(echo.Context) error { panics(); return nil })
			return e
		}, "500 /panic\n"},
		{"echo middleware.RequestLogger", func(logs *testkit.LogBuffer) http.Handler {
			e := echo.New()
			e.Use(middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
				LogStatus: true, LogURI: true, HandleError: true,
				LogValuesFunc: func(_ echo.Context, v middleware.RequestLoggerValues) error {
					fmt.Fprintf(logs, "%d %s\n", v.Status, v.URI)
					return nil
				},
			}))
			httperrecho.Install(e, testkit.Quiet())
			e.GET("/panic", func(echo.Context) error { panics(); return nil })
			return e
		}, "500 /panic\n"},
		{"gin.Logger", func(logs *testkit.LogBuffer) http.Handler {
			gin.SetMode(gin.ReleaseMode)
			g := gin.New()
			g.Use(gin.LoggerWithConfig(gin.LoggerConfig{Output: logs, Formatter: func(p gin.LogFormatterParams) string {
				return fmt.Sprintf("%d %s\n", p.StatusCode, p.Path)
			}}))
			httperrgin.Install(g, testkit.Quiet())
			g.GET("/panic", func(*gin.Context) { panics() })
			return g
		}, "500 /panic\n"},
		{"fiber logger", func(logs *testkit.LogBuffer) http.Handler {
			rd := testkit.Quiet()
			app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
			app.Use(fiberlogger.New(fiberlogger.Config{Format: "${status} ${path}\n", Stream: logs, DisableColors: true}))
			app.Use(httperrfiber.Middleware(rd))
			app.Get("/panic", func(fiber.Ctx) error { panics(); return nil })
			return fiberServer{app}
		}, "500 /panic\n"},
		{"chi middleware.Logger", func(logs *testkit.LogBuffer) http.Handler {
			r := chi.NewRouter()
			r.Use(chimiddleware.RequestLogger(&chimiddleware.DefaultLogFormatter{Logger: log.New(logs, "", 0), NoColor: true}))
			r.Use(httperrhttp.Middleware(testkit.Quiet()))
			r.Get("/panic", func(http.ResponseWriter, *http.Request) { panics() })
			return r
		}, ""},
	}
	for _, st := range stacks {
		t.Run(st.name, func(t *testing.T) {
			var logs testkit.LogBuffer
			got := serve(st.build(&logs), "GET", "/panic", "", nil)
			if got.status != http.StatusInternalServerError || got.body != body500 {
				t.Errorf("client got %d %q, want the 500 problem", got.status, got.body)
			}
			switch {
			case st.want != "" && logs.String() != st.want:
				t.Errorf("access log %q, want %q", logs.String(), st.want)
			case st.want == "" && !containsAll(logs.String(), "GET", "/panic", " - 500 "):
				t.Errorf("access log %q does not show the 500", logs.String())
			}
		})
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}
