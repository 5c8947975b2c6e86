package toolkit_test

// Benchmarks of each adapter's path beside the framework's native path, on a ResponseWriter that discards
// what it is given. Names are Benchmark<Path>/fw=<framework>/impl=<native|httperr>, so that benchstat pairs
// them: benchstat -col /impl -row .name,/fw (scripts/bench.sh does this and prints the ratios).

import (
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrgin "github.com/httperr/toolkit/adapters/gin"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// discardWriter is a ResponseWriter that keeps nothing: its header map is reused (cleared before each
// request) and the status of the last response is remembered, to check the path before measuring it.
type discardWriter struct {
	h      http.Header
	status int
}

func (d *discardWriter) Header() http.Header         { return d.h }
func (d *discardWriter) Write(b []byte) (int, error) { return len(b), nil }
func (d *discardWriter) WriteHeader(code int)        { d.status = code }

// benchRoute is the route every benchmark serves, as each router spells it.
const (
	benchPattern = "GET /users/{id}"
	benchColon   = "/users/:id"
	benchTarget  = "/users/42"
)

// path is one request path measured through the three frameworks, natively and through the adapters.
type path struct {
	status int
	// The framework's own way to answer.
	netNative  http.HandlerFunc
	echoNative echo.HandlerFunc
	ginNative  gin.HandlerFunc
	// The handler written once for httperr, returning the error.
	ours func() error
	// Success paths: the handlers as written for each installed adapter, in place of ours.
	netOurs  httperrhttp.HandlerFunc
	echoOurs echo.HandlerFunc
	ginOurs  func(*gin.Context) error
}

// handlers returns the six handlers of p: fw=... and impl=..., each served with rd.
func (p path) handlers(rd *httperr.Renderer) []struct {
	fw, impl string
	h        http.Handler
} {
	gin.SetMode(gin.ReleaseMode)

	netNative := http.NewServeMux()
	netNative.HandleFunc(benchPattern, p.netNative)
	netOursMux := http.NewServeMux()
	if p.netOurs == nil {
		p.netOurs = func(http.ResponseWriter, *http.Request) error { return p.ours() }
	}
	netOursMux.Handle(benchPattern, p.netOurs)
	netOurs := httperrhttp.Middleware(rd)(netOursMux)

	echoNative := echo.New()
	echoNative.GET(benchColon, p.echoNative)
	echoOurs := echo.New()
	httperrecho.Install(echoOurs, rd)
	if p.echoOurs == nil {
		p.echoOurs = func(echo.Context) error { return p.ours() }
	}
	echoOurs.GET(benchColon, p.echoOurs)

	ginNative := gin.New()
	ginNative.GET(benchColon, p.ginNative)
	ginOurs := gin.New()
	httperrgin.Install(ginOurs, rd)
	if p.ginOurs == nil {
		p.ginOurs = func(*gin.Context) error { return p.ours() }
	}
	ginOurs.GET(benchColon, httperrgin.Handle(p.ginOurs))

	return []struct {
		fw, impl string
		h        http.Handler
	}{
		{"nethttp", "native", netNative}, {"nethttp", "httperr", netOurs},
		{"echo", "native", echoNative}, {"echo", "httperr", echoOurs},
		{"gin", "native", ginNative}, {"gin", "httperr", ginOurs},
	}
}

// run measures p through every framework, natively and with httperr. With defaultLogger, error paths are
// also measured with the Renderer's default logger (slog.Default, Info level): 4xx are logged at Debug, so
// that logger must cost nothing more than the discarding one.
func (p path) run(b *testing.B, defaultLogger bool) {
	for _, c := range p.handlers(quietRenderer()) {
		b.Run("fw="+c.fw+"/impl="+c.impl, func(b *testing.B) { benchServe(b, c.h, p.status) })
	}
	if !defaultLogger {
		return
	}
	for _, c := range p.handlers(&httperr.Renderer{}) {
		if c.impl == "httperr" {
			b.Run("fw="+c.fw+"/impl=httperr-slogdefault", func(b *testing.B) { benchServe(b, c.h, p.status) })
		}
	}
}

func benchServe(b *testing.B, h http.Handler, status int) {
	w := &discardWriter{h: http.Header{}}
	r := httptest.NewRequest(http.MethodGet, benchTarget, nil)
	h.ServeHTTP(w, r)
	if w.status != status {
		b.Fatalf("status %d, want %d", w.status, status)
	}
	b.ReportAllocs()
	for b.Loop() {
		clear(w.h)
		h.ServeHTTP(w, r)
	}
}

// BenchmarkNotFound: return httperr.NotFound("user") against http.Error, echo.NewHTTPError with echo's
// default error handler, and gin's AbortWithStatusJSON.
func BenchmarkNotFound(b *testing.B) { notFoundPath.run(b, true) }

var notFoundPath = path{
	status:     http.StatusNotFound,
	netNative:  func(w http.ResponseWriter, r *http.Request) { http.Error(w, "Not Found", http.StatusNotFound) },
	echoNative: func(c echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") },
	ginNative: func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusNotFound, gin.H{"error": "user not found"})
	},
	ours: func() error { return httperr.NotFound("user") },
}

// BenchmarkConflict: a 409 with two extension members.
func BenchmarkConflict(b *testing.B) { conflictPath.run(b, false) }

const conflictDetail, conflictEmail, conflictExisting = "email is already registered", "ada@example.com", "/users/1"

var conflictPath = path{
	status: http.StatusConflict,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, conflictDetail, http.StatusConflict)
	},
	echoNative: func(c echo.Context) error {
		return echo.NewHTTPError(http.StatusConflict, echo.Map{"message": conflictDetail, "email": conflictEmail, "existing_user": conflictExisting})
	},
	ginNative: func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{"error": conflictDetail, "email": conflictEmail, "existing_user": conflictExisting})
	},
	ours: func() error {
		return httperr.Conflict(conflictDetail).With("email", conflictEmail).With("existing_user", conflictExisting)
	},
}

// BenchmarkValidation: a 422 with three violations.
func BenchmarkValidation(b *testing.B) { validationPath.run(b, false) }

func violationMaps() []map[string]string {
	return []map[string]string{
		{"pointer": "#/name", "detail": "must not be empty"},
		{"pointer": "#/email", "detail": "must be an email address"},
		{"pointer": "#/age", "detail": "must be between 0 and 150"},
	}
}

var validationPath = path{
	status: http.StatusUnprocessableEntity,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "name: must not be empty; email: must be an email address; age: must be between 0 and 150",
			http.StatusUnprocessableEntity)
	},
	echoNative: func(c echo.Context) error {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, echo.Map{"message": "invalid user", "errors": violationMaps()})
	},
	ginNative: func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusUnprocessableEntity, gin.H{"error": "invalid user", "errors": violationMaps()})
	},
	ours: func() error {
		return httperr.Validation(
			httperr.Violation{Pointer: "#/name", Detail: "must not be empty"},
			httperr.Violation{Pointer: "#/email", Detail: "must be an email address"},
			httperr.Violation{Pointer: "#/age", Detail: "must be between 0 and 150"},
		)
	},
}

var errDatabase = errors.New("connect db.internal: connection refused")

// BenchmarkInternal: a plain error wrapped with fmt.Errorf, a 500 whose cause stays out of the body. Every
// handler, native or not, builds the same wrapped error, as a handler that met the failure would: echo's
// returns it, gin's records it with c.Error (for gin's Logger) before answering, net/http's has nowhere to
// put it and answers with http.Error.
func BenchmarkInternal(b *testing.B) { internalPath.run(b, false) }

var internalPath = path{
	status: http.StatusInternalServerError,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		if err := fmt.Errorf("building report: %w", errDatabase); err != nil {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		}
	},
	echoNative: func(c echo.Context) error { return fmt.Errorf("building report: %w", errDatabase) },
	ginNative: func(c *gin.Context) {
		c.Error(fmt.Errorf("building report: %w", errDatabase)) //nolint:errcheck // returns its argument
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": http.StatusText(http.StatusInternalServerError)})
	},
	ours: func() error { return fmt.Errorf("building report: %w", errDatabase) },
}

// BenchmarkNoContent: a success (204) through the installed adapter against the bare framework.
func BenchmarkNoContent(b *testing.B) { noContentPath.run(b, false) }

var noContentPath = path{
	status:     http.StatusNoContent,
	netNative:  func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) },
	echoNative: func(c echo.Context) error { return c.NoContent(http.StatusNoContent) },
	ginNative:  func(c *gin.Context) { c.Status(http.StatusNoContent) },
	netOurs: func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusNoContent)
		return nil
	},
	echoOurs: func(c echo.Context) error { return c.NoContent(http.StatusNoContent) },
	ginOurs: func(c *gin.Context) error {
		c.Status(http.StatusNoContent)
		return nil
	},
}

type floorWriter struct{ http.ResponseWriter }

var floorWriters = sync.Pool{New: func() any { return new(floorWriter) }}

// BenchmarkFloor measures what no adapter can go below, to judge the performance goals by: on ServeMux, a
// handler that writes a precomputed problem document with the five header fields every problem carries
// (Content-Type, Content-Length, Content-Language, Vary, X-Content-Type-Options), set from shared slices as
// Render sets them; and, for success paths, the cheapest middleware that recovers panics in each framework (on ServeMux, with a pooled writer that
// could track the response).
// scripts/bench.sh prints each beside the native path.
func BenchmarkFloor(b *testing.B) {
	gin.SetMode(gin.ReleaseMode)
	doc := []byte(`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n")
	fields := http.Header{
		"Content-Type":           {"application/problem+json"},
		"Content-Length":         {fmt.Sprint(len(doc))},
		"Content-Language":       {"en"},
		"Vary":                   {"Accept, Accept-Language"},
		"X-Content-Type-Options": {"nosniff"},
	}
	problem := http.NewServeMux()
	problem.HandleFunc(benchPattern, func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range fields {
			h[k] = v
		}
		w.WriteHeader(http.StatusNotFound)
		w.Write(doc) //nolint:errcheck // a discarding writer
	})

	noContent := func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) }
	netRecover := http.NewServeMux()
	netRecover.HandleFunc(benchPattern, noContent)
	netFloor := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		x := floorWriters.Get().(*floorWriter) // a writer that could track the response, pooled
		x.ResponseWriter = w
		defer func() {
			_ = recover()
			x.ResponseWriter = nil
			floorWriters.Put(x)
		}()
		netRecover.ServeHTTP(x, r)
	})
	echoFloor := echo.New()
	echoFloor.Use(func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			defer func() { _ = recover() }()
			return next(c)
		}
	})
	echoFloor.GET(benchColon, func(c echo.Context) error { return c.NoContent(http.StatusNoContent) })
	ginFloor := gin.New()
	ginFloor.Use(func(c *gin.Context) {
		defer func() { _ = recover() }()
		c.Next()
	})
	ginFloor.GET(benchColon, func(c *gin.Context) { c.Status(http.StatusNoContent) })

	for _, c := range []struct {
		name   string
		h      http.Handler
		status int
	}{
		{"NotFound/fw=nethttp", problem, http.StatusNotFound},
		{"NoContent/fw=nethttp", netFloor, http.StatusNoContent},
		{"NoContent/fw=echo", echoFloor, http.StatusNoContent},
		{"NoContent/fw=gin", ginFloor, http.StatusNoContent},
	} {
		b.Run(c.name+"/impl=floor", func(b *testing.B) { benchServe(b, c.h, c.status) })
	}
}
