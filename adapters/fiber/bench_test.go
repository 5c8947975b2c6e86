package httperrfiber_test

// Benchmarks of the adapter beside fiber's own paths, as a production service has them: fiber's
// recover.New() with its default error handler, against Middleware with ErrorHandler and a Renderer with a
// TypeBase and a Logger (a slog handler that discards, as production has a handler). The app's fasthttp
// handler is called directly on one reused RequestCtx, so that neither side pays for a connection. Names are
// Benchmark<Path>/impl=<native|httperr>, for benchstat -col /impl.

import (
	"log/slog"
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/fiber/v3/middleware/recover"
	"github.com/valyala/fasthttp"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
)

// benchApps returns fiber's own app and ours, each serving GET /users/:id with its handler.
func benchApps(native, ours fiber.Handler) []struct {
	impl string
	h    fasthttp.RequestHandler
} {
	nativeApp := fiber.New()
	nativeApp.Use(recover.New())
	nativeApp.Get("/users/:id", native)

	rd := &httperr.Renderer{TypeBase: "https://example.com/problems/", Logger: slog.New(slog.DiscardHandler)}
	oursApp := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	oursApp.Use(httperrfiber.Middleware(rd))
	oursApp.Get("/users/:id", ours)
	return []struct {
		impl string
		h    fasthttp.RequestHandler
	}{{"native", nativeApp.Handler()}, {"httperr", oursApp.Handler()}}
}

func benchServe(b *testing.B, h fasthttp.RequestHandler, status int) {
	var fc fasthttp.RequestCtx
	fc.Request.Header.SetMethod(http.MethodGet)
	fc.Request.SetRequestURI("/users/42")
	h(&fc)
	if got := fc.Response.StatusCode(); got != status {
		b.Fatalf("status %d, want %d", got, status)
	}
	b.ReportAllocs()
	for b.Loop() {
		fc.Response.Reset()
		h(&fc)
	}
}

// BenchmarkNotFound: return httperr.NotFound("user") against fiber.NewError(404, "user not found") with
// fiber's default error handler (text/plain err.Error()).
func BenchmarkNotFound(b *testing.B) {
	for _, c := range benchApps(
		func(fiber.Ctx) error { return fiber.NewError(fiber.StatusNotFound, "user not found") },
		func(fiber.Ctx) error { return httperr.NotFound("user") },
	) {
		b.Run("impl="+c.impl, func(b *testing.B) { benchServe(b, c.h, http.StatusNotFound) })
	}
	// The floor: what any problem adapter on fiber must do, behind the same recover.New(): the error built, a
	// precomputed body and the five header fields every problem carries set on the response, and nothing
	// else (no negotiation, no encoding). scripts/bench.sh prints it beside native.
	doc := []byte(`{"type":"https://example.com/problems/not-found","title":"Not Found","status":404,"detail":"user not found"}` + "\n")
	floor := fiber.New(fiber.Config{ErrorHandler: func(c fiber.Ctx, err error) error {
		_ = httperr.StatusOf(err)
		h := &c.RequestCtx().Response.Header
		h.SetContentType("application/problem+json")
		h.Set("Content-Language", "en")
		h.Set("Vary", "Accept, Accept-Language")
		h.Set("X-Content-Type-Options", "nosniff")
		c.Status(fiber.StatusNotFound)
		return c.Send(doc)
	}})
	floor.Use(recover.New())
	floor.Get("/users/:id", func(fiber.Ctx) error { return httperr.NotFound("user") })
	b.Run("impl=floor", func(b *testing.B) { benchServe(b, floor.Handler(), http.StatusNotFound) })
}

// BenchmarkNoContent: a success (204) through the same handler, behind recover.New() or Middleware.
func BenchmarkNoContent(b *testing.B) {
	noContent := func(c fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) }
	for _, c := range benchApps(noContent, noContent) {
		b.Run("impl="+c.impl, func(b *testing.B) { benchServe(b, c.h, http.StatusNoContent) })
	}
}
