package toolkit_test

// Benchmarks of each adapter's path beside the framework's own, on a ResponseWriter that discards what it is
// given. Names are Benchmark<Path>/fw=<framework>/impl=<bare|native|httperr> (bench_stacks_test.go): native
// is the framework with its own recovery middleware, the baseline of the goals; bare is the framework alone,
// for reference. benchstat pairs them: benchstat -col /impl -row .name,/fw (scripts/bench.sh does this and
// prints the ratios).

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"
	echov5 "github.com/labstack/echo/v5"

	"github.com/httperr/toolkit/httperr"
)

// discardWriter is a ResponseWriter that keeps nothing: its header map is reused (cleared before each
// request) and the status of the last response is remembered, to check the path before measuring it.
type discardWriter struct {
	h      http.Header
	status int
}

func (d *discardWriter) Header() http.Header  { return d.h }
func (d *discardWriter) WriteHeader(code int) { d.status = code }
func (d *discardWriter) Write(b []byte) (int, error) {
	if d.status == 0 {
		d.status = http.StatusOK // net/http's implicit WriteHeader(200)
	}
	return len(b), nil
}

// run measures p through every stack. With defaultLogger, the adapters are also measured with the
// Renderer's default logger (slog.Default, Info level): 4xx are logged at Debug, so that logger must cost
// nothing more than the discarding one.
func (p path) run(b *testing.B, defaultLogger bool) {
	for _, c := range p.handlers(benchRenderer()) {
		b.Run("fw="+c.fw+"/impl="+c.impl, func(b *testing.B) { benchServe(b, c.h, p) })
	}
	if !defaultLogger {
		return
	}
	for _, c := range p.handlers(&httperr.Renderer{TypeBase: benchTypeBase}) {
		if c.impl == "httperr" {
			b.Run("fw="+c.fw+"/impl=httperr-slogdefault", func(b *testing.B) { benchServe(b, c.h, p) })
		}
	}
}

// benchRenderer is the Renderer of the benchmarks as a service sets one up: a TypeBase, so that each problem
// carries a type URI, and a Logger, whose handler here discards (the log's own I/O is not what is measured).
func benchRenderer() *httperr.Renderer {
	return &httperr.Renderer{TypeBase: benchTypeBase, Logger: slog.New(slog.DiscardHandler)}
}

const benchTypeBase = "https://example.com/problems/"

func benchServe(b *testing.B, h http.Handler, p path) {
	w := &discardWriter{h: http.Header{}}
	r, body := p.request()
	h.ServeHTTP(w, r)
	if w.status != p.status {
		b.Fatalf("status %d, want %d", w.status, p.status)
	}
	b.ReportAllocs()
	cpu := processCPU()
	for b.Loop() {
		clear(w.h)
		if body != nil {
			body.rewind()
		}
		h.ServeHTTP(w, r)
	}
	if *benchCPU {
		b.ReportMetric(float64(processCPU()-cpu)/float64(b.N), "cpu-ns/op")
	}
}

// benchCPU adds the process's CPU time per request to each benchmark: on a shared machine, wall time counts
// the time the benchmark waited for a core, CPU time mostly not, so A/B comparisons of small changes beat
// the noise sooner with it (go test -bench ... -args -bench.cpu).
var benchCPU = flag.Bool("bench.cpu", false, "report cpu-ns/op, the process's CPU time per request")

// BenchmarkNotFound: return httperr.NotFound("user") against http.Error, echo.NewHTTPError with echo's
// default error handler, and gin's AbortWithStatusJSON.
func BenchmarkNotFound(b *testing.B) { notFoundPath.run(b, true) }

var notFoundPath = path{
	status:       http.StatusNotFound,
	netNative:    func(w http.ResponseWriter, r *http.Request) { http.Error(w, "user not found", http.StatusNotFound) },
	echoNative:   func(echo.Context) error { return echo.NewHTTPError(http.StatusNotFound, "user not found") },
	echov5Native: func(*echov5.Context) error { return echov5.NewHTTPError(http.StatusNotFound, "user not found") },
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
	echoNative: func(echo.Context) error {
		return echo.NewHTTPError(http.StatusConflict, echo.Map{"message": conflictDetail, "email": conflictEmail, "existing_user": conflictExisting})
	},
	// echo v5's HTTPError carries a string message only: members go through c.JSON.
	echov5Native: func(c *echov5.Context) error {
		return c.JSON(http.StatusConflict, map[string]any{"message": conflictDetail, "email": conflictEmail, "existing_user": conflictExisting})
	},
	ginNative: func(c *gin.Context) {
		c.AbortWithStatusJSON(http.StatusConflict, gin.H{"error": conflictDetail, "email": conflictEmail, "existing_user": conflictExisting})
	},
	ours: func() error {
		return httperr.Conflict(conflictDetail).With("email", conflictEmail).With("existing_user", conflictExisting)
	},
}

// BenchmarkValidation: a 422 with three violations, from the body bound and validated by each framework's
// own binder: json.Decoder and go-playground/validator on net/http (the Renderer's Map is
// httperrvalidator.Map), c.Bind and c.Validate on echo, ShouldBindJSON on gin. The native handlers answer
// the field and tag of each failure.
func BenchmarkValidation(b *testing.B) { bindPath.run(b, false) }

const invalidSignup = `{"name":"","email":"not-an-email","age":200}`

var bindPath = path{
	status: http.StatusUnprocessableEntity,
	method: http.MethodPost,
	body:   invalidSignup,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		var in benchSignup
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			http.Error(w, "invalid JSON", http.StatusBadRequest)
			return
		}
		if err := benchValidate.Struct(in); err != nil {
			http.Error(w, err.Error(), http.StatusUnprocessableEntity)
		}
	},
	echoNative: func(c echo.Context) error {
		var in benchSignup
		if err := c.Bind(&in); err != nil {
			return err
		}
		if err := c.Validate(&in); err != nil {
			return echo.NewHTTPError(http.StatusUnprocessableEntity, echo.Map{"message": "invalid user", "errors": nativeViolations(err)})
		}
		return c.NoContent(http.StatusCreated)
	},
	echov5Native: func(c *echov5.Context) error {
		var in benchSignup
		if err := c.Bind(&in); err != nil {
			return err
		}
		if err := c.Validate(&in); err != nil {
			return c.JSON(http.StatusUnprocessableEntity, map[string]any{"message": "invalid user", "errors": nativeViolations(err)})
		}
		return c.NoContent(http.StatusCreated)
	},
	ginNative: func(c *gin.Context) {
		var in benchSignup
		if err := c.ShouldBindJSON(&in); err != nil {
			if v := nativeViolations(err); v != nil {
				c.AbortWithStatusJSON(http.StatusUnprocessableEntity, gin.H{"error": "invalid user", "errors": v})
				return
			}
			c.AbortWithStatusJSON(http.StatusBadRequest, gin.H{"error": "invalid JSON"})
		}
	},
	netOurs: func(w http.ResponseWriter, r *http.Request) error {
		var in benchSignup
		if err := json.NewDecoder(r.Body).Decode(&in); err != nil {
			return httperr.RequestBodyError(err)
		}
		return benchValidate.Struct(in) // validator.ValidationErrors: httperrvalidator.Map makes it a 422
	},
	echoOurs: func(c echo.Context) error {
		var in benchSignup
		if err := c.Bind(&in); err != nil {
			return err
		}
		if err := c.Validate(&in); err != nil {
			return err
		}
		return c.NoContent(http.StatusCreated)
	},
	echov5Ours: func(c *echov5.Context) error {
		var in benchSignup
		if err := c.Bind(&in); err != nil {
			return err
		}
		if err := c.Validate(&in); err != nil {
			return err
		}
		return c.NoContent(http.StatusCreated)
	},
	ginOurs: func(c *gin.Context) error {
		var in benchSignup
		return c.ShouldBindJSON(&in)
	},
}

// benchValidate is the net/http handlers' validator, made once as a service makes it.
var benchValidate = benchValidator()

// validationPath is a 422 with three violations that the handler builds itself, with no binder: the path
// alloc_test.go pins (its requests carry no body). BenchmarkValidation measures bindPath.
var validationPath = path{
	status: http.StatusUnprocessableEntity,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "name: must not be empty; email: must be an email address; age: must be between 0 and 150",
			http.StatusUnprocessableEntity)
	},
	echoNative: func(echo.Context) error {
		return echo.NewHTTPError(http.StatusUnprocessableEntity, echo.Map{"message": "invalid user", "errors": violationMaps()})
	},
	echov5Native: func(c *echov5.Context) error {
		return c.JSON(http.StatusUnprocessableEntity, map[string]any{"message": "invalid user", "errors": violationMaps()})
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

func violationMaps() []map[string]string {
	return []map[string]string{
		{"pointer": "#/name", "detail": "must not be empty"},
		{"pointer": "#/email", "detail": "must be an email address"},
		{"pointer": "#/age", "detail": "must be between 0 and 150"},
	}
}

var errDatabase = errors.New("connect db.internal: connection refused")

// BenchmarkInternal: a plain error wrapped with fmt.Errorf, a 500 whose cause stays out of the body. Every
// handler, native or not, builds the same wrapped error, as a handler that met the failure would: echo's
// return it, gin's records it with c.Error (for gin's Logger) before answering, net/http's has nowhere to
// put it and answers with http.Error.
func BenchmarkInternal(b *testing.B) { internalPath.run(b, false) }

var internalPath = path{
	status: http.StatusInternalServerError,
	netNative: func(w http.ResponseWriter, r *http.Request) {
		if err := fmt.Errorf("building report: %w", errDatabase); err != nil {
			http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		}
	},
	echoNative:   func(echo.Context) error { return fmt.Errorf("building report: %w", errDatabase) },
	echov5Native: func(*echov5.Context) error { return fmt.Errorf("building report: %w", errDatabase) },
	ginNative: func(c *gin.Context) {
		c.Error(fmt.Errorf("building report: %w", errDatabase)) //nolint:errcheck // returns its argument
		c.AbortWithStatusJSON(http.StatusInternalServerError, gin.H{"error": http.StatusText(http.StatusInternalServerError)})
	},
	ours: func() error { return fmt.Errorf("building report: %w", errDatabase) },
}

// BenchmarkNoContent: a success (204), the same handler natively and through the installed adapter.
func BenchmarkNoContent(b *testing.B) { noContentPath.run(b, false) }

var noContentPath = path{
	status:       http.StatusNoContent,
	netNative:    func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusNoContent) },
	echoNative:   func(c echo.Context) error { return c.NoContent(http.StatusNoContent) },
	echov5Native: func(c *echov5.Context) error { return c.NoContent(http.StatusNoContent) },
	ginNative:    func(c *gin.Context) { c.Status(http.StatusNoContent) },
	netOurs: func(w http.ResponseWriter, r *http.Request) error {
		w.WriteHeader(http.StatusNoContent)
		return nil
	},
	echoOurs:   func(c echo.Context) error { return c.NoContent(http.StatusNoContent) },
	echov5Ours: func(c *echov5.Context) error { return c.NoContent(http.StatusNoContent) },
	ginOurs: func(c *gin.Context) error {
		c.Status(http.StatusNoContent)
		return nil
	},
}

// BenchmarkJSON: a success with a body, 200 and a JSON user (userPath, e2e_test.go).
func BenchmarkJSON(b *testing.B) { userPath.run(b, false) }

// BenchmarkRouterNotFound: a path no route matches, the router's own 404 (ServeMux's, chi's and gorilla's in
// text, which the Middleware holds back and replaces by the 404 problem; echo's and gin's through their
// error handling).
func BenchmarkRouterNotFound(b *testing.B) { routerNotFoundPath.run(b, false) }

var routerNotFoundPath = path{
	status:       http.StatusNotFound,
	target:       "/nope",
	netNative:    noContentPath.netNative,
	echoNative:   noContentPath.echoNative,
	echov5Native: noContentPath.echov5Native,
	ginNative:    noContentPath.ginNative,
	netOurs:      noContentPath.netOurs,
	echoOurs:     noContentPath.echoOurs,
	echov5Ours:   noContentPath.echov5Ours,
	ginOurs:      noContentPath.ginOurs,
}

// BenchmarkFloor measures what no adapter can go below, to judge the goals by (impl=floor), and, on ServeMux
// and chi (impl=bytes), a handler that writes a precomputed problem document with the five header fields every problem carries
// (Content-Type, Content-Length, Content-Language, Vary, X-Content-Type-Options), set from shared slices as
// Render sets them, behind the same recovering middleware as the native path. scripts/bench.sh prints it
// beside the native path.
func BenchmarkFloor(b *testing.B) {
	doc := []byte(`{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n")
	fields := http.Header{
		"Content-Type":           {"application/problem+json"},
		"Content-Length":         {fmt.Sprint(len(doc))},
		"Content-Language":       {"en"},
		"Vary":                   {"Accept, Accept-Language"},
		"X-Content-Type-Options": {"nosniff"},
	}
	floor := path{status: http.StatusNotFound, netNative: func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for k, v := range fields {
			h[k] = v
		}
		w.WriteHeader(http.StatusNotFound)
		w.Write(doc) //nolint:errcheck // a discarding writer
	}}
	for _, fw := range []string{"nethttp", "chi"} {
		b.Run("NotFound/fw="+fw+"/impl=bytes", func(b *testing.B) {
			benchServe(b, build(fw, "native", nil, mount{benchPattern, floor}), floor)
		})
	}
	// The 204's floor: the native stack with what any middleware that must keep a late write out of the next
	// request adds, a writer allocated per request whose methods take a mutex, and nothing else.
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+benchPattern, noContentPath.netNative)
	locked := recoverer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lw := &lockedWriter{w: w}
		mux.ServeHTTP(lw, r)
		lw.mu.Lock()
		lw.w = nil
		lw.mu.Unlock()
	}))
	b.Run("NoContent/fw=nethttp/impl=floor", func(b *testing.B) { benchServe(b, locked, noContentPath) })
	// gin's 204 floor: in place of gin.Recovery, one middleware that recovers and does what any middleware
	// that holds back an answer must add, its writer in c.Writer, taken from a pool (an allocation per
	// request would be one more than gin's) and put back once the chain has run, and nothing else.
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	g.Use(func(c *gin.Context) {
		w := pooledWriters.Get().(*pooledWriter)
		w.ResponseWriter = c.Writer
		c.Writer = w
		defer pooledWriters.Put(w)
		defer func() {
			c.Writer = w.ResponseWriter
			if p := recover(); p != nil {
				c.AbortWithStatus(http.StatusInternalServerError)
			}
		}()
		c.Next()
	})
	g.GET(colon(benchPattern), noContentPath.ginNative)
	b.Run("NoContent/fw=gin/impl=floor", func(b *testing.B) { benchServe(b, g, noContentPath) })
	// The 404 floors of every stack: the native stack, with its own recovery, whose handler hands the error
	// to the core's Render itself, what an adapter with no cost of its own would do; the adapter's share is
	// its path's time above this, Render's the floor's above native.
	rd := benchRenderer()
	render := func(w http.ResponseWriter, r *http.Request) error {
		rd.Render(w, r, httperr.NotFound("user"))
		return nil
	}
	floors := path{status: http.StatusNotFound,
		echoNative:   func(c echo.Context) error { return render(c.Response(), c.Request()) },
		echov5Native: func(c *echov5.Context) error { return render(c.Response(), c.Request()) },
		ginNative:    func(c *gin.Context) { render(c.Writer, c.Request) },          //nolint:errcheck // always nil
		netNative:    func(w http.ResponseWriter, r *http.Request) { render(w, r) }, //nolint:errcheck // always nil
	}
	for _, fw := range []string{"nethttp", "chi", "echo", "echov5", "gin"} {
		h := build(fw, "native", nil, mount{benchPattern, floors})
		b.Run("NotFound/fw="+fw+"/impl=floor", func(b *testing.B) { benchServe(b, h, floors) })
	}
}

// pooledWriter is the writer of gin's floor in BenchmarkFloor.
type pooledWriter struct{ gin.ResponseWriter }

var pooledWriters = sync.Pool{New: func() any { return new(pooledWriter) }}

// lockedWriter is BenchmarkFloor's writer allocated per request, each method under its mutex.
type lockedWriter struct {
	mu sync.Mutex
	w  http.ResponseWriter
}

func (l *lockedWriter) Header() http.Header {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Header()
}

func (l *lockedWriter) Write(b []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(b)
}

func (l *lockedWriter) WriteHeader(code int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.w.WriteHeader(code)
}
