package httperrechov5_test

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/labstack/echo/v5"
	"github.com/labstack/echo/v5/middleware"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	"github.com/httperr/toolkit/httperr"
)

// discard is a ResponseWriter that keeps nothing but its header map, cleared between requests.
type discard struct{ h http.Header }

func (d *discard) Header() http.Header         { return d.h }
func (d *discard) Write(b []byte) (int, error) { return len(b), nil }
func (d *discard) WriteHeader(int)             {}

// benchStacks are the two stacks compared: this package's Install, and echo v5 as a production service has
// it without this package, with middleware.Recover() and DefaultHTTPErrorHandler.
func benchStacks() map[string]*echo.Echo {
	ours := echo.New()
	httperrechov5.Install(ours, &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)})
	ours.GET("/ok", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })
	ours.GET("/users/:id", func(*echo.Context) error { return httperr.NotFound("user") })

	theirs := echo.New()
	theirs.Use(middleware.Recover())
	theirs.GET("/ok", func(c *echo.Context) error { return c.NoContent(http.StatusNoContent) })
	theirs.GET("/users/:id", func(*echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") })
	return map[string]*echo.Echo{"httperr": ours, "echo": theirs}
}

func benchServe(b *testing.B, e *echo.Echo, target string, status int) {
	req := httptest.NewRequest(http.MethodGet, target, nil)
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, req)
	if rec.Code != status {
		b.Fatalf("GET %s: %d, want %d", target, rec.Code, status)
	}
	w := &discard{h: make(http.Header)}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		e.ServeHTTP(w, req)
	}
}

// BenchmarkSuccess serves a 204 through each stack: what the adapter costs a request that does not fail.
func BenchmarkSuccess(b *testing.B) {
	stacks := benchStacks()
	for _, name := range []string{"httperr", "echo"} {
		b.Run("stack="+name, func(b *testing.B) { benchServe(b, stacks[name], "/ok", http.StatusNoContent) })
	}
}

// BenchmarkNotFound serves a handler's 404 through each stack: httperr.NotFound("user") rendered as a problem,
// and echo.NewHTTPError(404, "user not found") through echo v5's DefaultHTTPErrorHandler.
func BenchmarkNotFound(b *testing.B) {
	stacks := benchStacks()
	for _, name := range []string{"httperr", "echo"} {
		b.Run("stack="+name, func(b *testing.B) { benchServe(b, stacks[name], "/users/42", http.StatusNotFound) })
	}
}
