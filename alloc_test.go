//go:build !race

// The allocation pins build without the race detector only: under -race, sync.Pool drops items at random,
// so allocation counts are not stable. .ci/run runs them first, with go test -count=1 -run 'Allocs|Subprocess' ./...

package toolkit_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v3"
	fiberrecover "github.com/gofiber/fiber/v3/middleware/recover"
	echov5 "github.com/labstack/echo/v5"
	echov5mw "github.com/labstack/echo/v5/middleware"
	"github.com/valyala/fasthttp"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestAdapterAllocs pins the allocations of each adapter's error and success paths, beside the framework's
// native path (the benchmarks' handlers, bench_test.go), so that a regression fails .ci/run's
// `go test -run Allocs` (built without -race only, see above).
//
// The pins, per request: NotFound allocates the *Error (1; its detail is the resource name and a constant
// ending), the core nothing more; each With one more (the copy and its member together), Validation two (the
// Error and the copy of the violations); the wrapped 500's handler allocates two in fmt.Errorf, and the core
// one, the *Error that wraps it. ServeMux allocates its path match (1), httperrhttp.Middleware its writer
// (1, per request, so that a late write cannot reach another request; a HandlerFunc finds it, and its
// Renderer, through the writer chain, with no copy of the request), and the router's own 404 held back its
// text (1) and the problem made of it (3, internal/answer's TestProblemAllocs); gin's c.Errors takes one *gin.Error
// per error; echo applies its middleware on every request, so Install's recovering middleware costs one
// closure even on success, as any echo v4 middleware (echo's own middleware.Recover too) does, and both echo
// adapters one holding writer per request (internal/hold: per request, not pooled, so that a goroutine that
// kept c.Response().Writer never writes into another request's response).
func TestAdapterAllocs(t *testing.T) {
	pins := []struct {
		path   string
		p      path
		fw     string
		pinned float64 // allocations through the adapter, at most
		extra  float64 // allocations beyond the native path's, at most (negative: fewer required)
	}{
		{"NotFound", notFoundPath, "nethttp", 3, -1},
		{"NotFound", notFoundPath, "chi", 6, -1},
		{"NotFound", notFoundPath, "gorilla", 10, -1},
		{"NotFound", notFoundPath, "echo", 3, -7},
		{"NotFound", notFoundPath, "gin", 2, -5},
		{"Conflict", conflictPath, "nethttp", 4, 0},
		{"Conflict", conflictPath, "echo", 4, -9},
		{"Conflict", conflictPath, "gin", 3, -8},
		{"Validation", validationPath, "nethttp", 4, 0},
		{"Validation", validationPath, "echo", 4, -30},
		{"Validation", validationPath, "gin", 3, -29},
		{"Internal", internalPath, "nethttp", 5, -1},
		{"Internal", internalPath, "echo", 5, -6},
		{"Internal", internalPath, "gin", 4, -8},
		{"NoContent", noContentPath, "nethttp", 2, 1},
		{"NoContent", noContentPath, "chi", 5, 1},
		{"NoContent", noContentPath, "gorilla", 9, 1},
		{"JSON", userPath, "nethttp", 4, 1},
		{"JSON", userPath, "chi", 7, 1},
		{"RouterNotFound", routerNotFoundPath, "nethttp", 18, 6},
		{"RouterNotFound", routerNotFoundPath, "chi", 11, 6},
		{"NoContent", noContentPath, "echo", 2, 2},
		{"NoContent", noContentPath, "gin", 0, 0},
	}
	for _, pin := range pins {
		t.Run(pin.path+"/"+pin.fw, func(t *testing.T) {
			var native, ours float64
			for _, c := range pin.p.handlers(testkit.Quiet()) {
				if c.fw != pin.fw {
					continue
				}
				w := &discardWriter{h: http.Header{}}
				r, _ := pin.p.request()
				c.h.ServeHTTP(w, r)
				if w.status != pin.p.status {
					t.Fatalf("%s: status %d, want %d", c.impl, w.status, pin.p.status)
				}
				n := testing.AllocsPerRun(200, func() {
					clear(w.h)
					c.h.ServeHTTP(w, r)
				})
				if c.impl == "native" {
					native = n
				} else {
					ours = n
				}
			}
			if ours > pin.pinned {
				t.Errorf("adapter path allocates %v times per request, pinned at %v", ours, pin.pinned)
			}
			if ours > native+pin.extra {
				t.Errorf("adapter path allocates %v times per request, native path %v: at most %+v allowed", ours, native, pin.extra)
			}
		})
	}
}

// allocPath is one path of TestNewAdapterAllocs: the framework's own handler and ours.
type allocPath struct {
	name          string
	status        int
	ours          func() error // our handler's error (echo v5 and fiber handlers return errors alike); nil means success
	pinned, extra float64      // as in TestAdapterAllocs, for echo v5
	fiberPinned   float64
	fiberExtra    float64
}

// TestNewAdapterAllocs pins the allocations of the echo v5 and fiber adapters beside each framework's own
// path as a production service has it: echo v5 with its middleware.Recover() and default error handler,
// fiber with recover.New() and its default error handler (text/plain err.Error()). The native handlers
// return the framework's own error (echo.NewHTTPError, fiber.NewError) where ours return httperr's.
//
// The pins, per request: the handlers' own allocations as in TestAdapterAllocs (the *Error, each With, the
// wrapped 500's fmt.Errorf). echo v5 builds its middleware chain once, so Install costs only its holding
// writer (1, per request), and its error path allocates nothing more. fiber's problems go through Prepare,
// whose Response owns its body: 1 allocation (the body) beyond the handler's own, as many as fiber's default
// handler, which writes err.Error() (1 allocation on the native side, fiber.NewError's *Error the other).
func TestNewAdapterAllocs(t *testing.T) {
	notFound := func() error { return httperr.NotFound("user") }
	conflict := func() error {
		return httperr.Conflict(conflictDetail).With("email", conflictEmail).With("existing_user", conflictExisting)
	}
	internal := func() error { return fmt.Errorf("building report: %w", errDatabase) }
	paths := []allocPath{
		{name: "NotFound", status: 404, ours: notFound, pinned: 2, extra: -7, fiberPinned: 2, fiberExtra: 0},
		{name: "Conflict", status: 409, ours: conflict, pinned: 3, extra: -6, fiberPinned: 3, fiberExtra: 1},
		{name: "Internal", status: 500, ours: internal, pinned: 4, extra: -6, fiberPinned: 4, fiberExtra: 1},
		{name: "NoContent", status: 204, pinned: 1, extra: 1},
	}
	for _, p := range paths {
		t.Run(p.name+"/echov5", func(t *testing.T) {
			native, ours := echoV5Alloc(p)
			w := &discardWriter{h: http.Header{}}
			r := httptest.NewRequest(http.MethodGet, benchTarget, nil)
			count := func(h http.Handler) float64 {
				h.ServeHTTP(w, r)
				if w.status != p.status {
					t.Fatalf("status %d, want %d", w.status, p.status)
				}
				return testing.AllocsPerRun(200, func() {
					clear(w.h)
					h.ServeHTTP(w, r)
				})
			}
			checkPin(t, count(native), count(ours), p.pinned, p.extra)
		})
		t.Run(p.name+"/fiber", func(t *testing.T) {
			native, ours := fiberAlloc(p)
			count := func(h fasthttp.RequestHandler) float64 {
				var fc fasthttp.RequestCtx
				fc.Request.Header.SetMethod(http.MethodGet)
				fc.Request.SetRequestURI(benchTarget)
				h(&fc)
				if got := fc.Response.StatusCode(); got != p.status {
					t.Fatalf("status %d, want %d", got, p.status)
				}
				return testing.AllocsPerRun(200, func() {
					fc.Response.Reset()
					h(&fc)
				})
			}
			checkPin(t, count(native), count(ours), p.fiberPinned, p.fiberExtra)
		})
	}
}

func checkPin(t *testing.T, native, ours, pinned, extra float64) {
	t.Helper()
	t.Logf("allocations per request: native %v, adapter %v", native, ours)
	if ours > pinned {
		t.Errorf("adapter path allocates %v times per request (native %v), pinned at %v", ours, native, pinned)
	}
	if ours > native+extra {
		t.Errorf("adapter path allocates %v times per request, native path %v: at most %+v allowed", ours, native, extra)
	}
}

// echoV5Alloc returns echo v5 with middleware.Recover() and its default error handler, and echo v5 with
// Install, each serving GET /users/:id.
func echoV5Alloc(p allocPath) (native, ours http.Handler) {
	en := echov5.New()
	en.Use(echov5mw.Recover())
	en.GET(allocRoute, func(c *echov5.Context) error {
		switch p.status {
		case http.StatusNoContent:
			return c.NoContent(http.StatusNoContent)
		case http.StatusInternalServerError:
			return p.ours()
		}
		return echov5.NewHTTPError(p.status, "user not found")
	})
	eo := echov5.New()
	httperrechov5.Install(eo, testkit.Quiet())
	eo.GET(allocRoute, func(c *echov5.Context) error {
		if p.ours == nil {
			return c.NoContent(http.StatusNoContent)
		}
		return p.ours()
	})
	return en, eo
}

// fiberAlloc returns fiber with recover.New() and its default error handler, and fiber with httperrfiber,
// each serving GET /users/:id.
func fiberAlloc(p allocPath) (native, ours fasthttp.RequestHandler) {
	fn := fiber.New()
	fn.Use(fiberrecover.New())
	fn.Get(allocRoute, func(c fiber.Ctx) error {
		switch p.status {
		case http.StatusNoContent:
			return c.SendStatus(fiber.StatusNoContent)
		case http.StatusInternalServerError:
			return p.ours()
		}
		return fiber.NewError(p.status, "user not found")
	})
	rd := testkit.Quiet()
	fo := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	fo.Use(httperrfiber.Middleware(rd))
	fo.Get(allocRoute, func(c fiber.Ctx) error {
		if p.ours == nil {
			return c.SendStatus(fiber.StatusNoContent)
		}
		return p.ours()
	})
	return fn.Handler(), fo.Handler()
}

// allocRoute is the route echo v5 and fiber serve for the pins, as echo v4 and gin do in the benchmarks.
const allocRoute = "/users/:id"
