package toolkit_test

// The stacks the benchmarks serve (bench_test.go, e2e_test.go): each framework three ways, as impl=...
//
//   - bare: the framework alone, answering errors its own way;
//   - native: the same with the framework's own recovery middleware, as a production service runs it without
//     httperr (echo's middleware.Recover(), gin.Recovery(), chi's middleware.Recoverer, and on ServeMux and
//     gorilla/mux, which have none, a deferred recover writing 500): the baseline of every goal;
//   - httperr: the adapter installed (it recovers panics itself) and handlers that return errors.

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/go-chi/chi/v5"
	chimiddleware "github.com/go-chi/chi/v5/middleware"
	"github.com/go-playground/validator/v10"
	"github.com/gorilla/mux"
	"github.com/labstack/echo/v4"
	echomiddleware "github.com/labstack/echo/v4/middleware"
	echov5 "github.com/labstack/echo/v5"
	echov5middleware "github.com/labstack/echo/v5/middleware"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrgin "github.com/httperr/toolkit/adapters/gin"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

// benchFrameworks and benchImpls are the stacks, in the order handlers returns them. httperr comes last
// in each framework: alloc_test.go takes the last impl other than native as the adapter's.
var (
	benchFrameworks = []string{"nethttp", "chi", "gorilla", "echo", "echov5", "gin"}
	benchImpls      = []string{"bare", "native", "httperr"}
)

// path is one request path measured through every framework: its request, and its handlers as each
// framework's users write them, natively and for httperr.
type path struct {
	status int
	method string // GET when empty
	target string // benchTarget when empty
	body   string // a JSON request body, sent with Content-Type: application/json

	// The framework's own way to answer, served bare and with the framework's recovery middleware.
	netNative    http.HandlerFunc // ServeMux and chi
	echoNative   echo.HandlerFunc
	echov5Native echov5.HandlerFunc
	ginNative    gin.HandlerFunc

	// The handler written once for httperr, returning the error; used where the framework's own is nil.
	ours       func() error
	netOurs    httperrhttp.HandlerFunc
	echoOurs   echo.HandlerFunc
	echov5Ours echov5.HandlerFunc
	ginOurs    func(*gin.Context) error
}

// benchStack is one framework served one way.
type benchStack struct {
	fw, impl string
	h        http.Handler
}

// mount is a path served at a route, written as ServeMux and chi write it (/users/{id}).
type mount struct {
	pattern string
	p       path
}

// benchPattern and benchTarget are the route and the request of the micro benchmarks.
const (
	benchPattern = "/users/{id}"
	benchTarget  = "/users/42"
)

// handlers returns p served at benchPattern by every framework, each in the three ways of benchImpls.
func (p path) handlers(rd *httperr.Renderer) []benchStack {
	var out []benchStack
	for _, fw := range benchFrameworks {
		for _, impl := range benchImpls {
			out = append(out, benchStack{fw, impl, build(fw, impl, rd, mount{benchPattern, p})})
		}
	}
	return out
}

// build returns the stack of framework fw served the impl way, with the paths mounted.
func build(fw, impl string, rd *httperr.Renderer, mounts ...mount) http.Handler {
	switch fw {
	case "nethttp":
		return buildServeMux(impl, rd, mounts)
	case "chi":
		return buildChi(impl, rd, mounts)
	case "gorilla":
		return buildGorilla(impl, rd, mounts)
	case "echo":
		return buildEcho(impl, rd, mounts)
	case "echov5":
		return buildEchoV5(impl, rd, mounts)
	case "gin":
		return buildGin(impl, rd, mounts)
	}
	panic("unknown framework " + fw)
}

func (p path) methodOrGet() string {
	if p.method == "" {
		return http.MethodGet
	}
	return p.method
}

// colon spells a route pattern as echo and gin do: /users/:id.
func colon(pattern string) string { return strings.ReplaceAll(pattern, "{id}", ":id") }

// withValidatorMap returns a copy of rd with httperrvalidator.Map as its Map, as a net/http service sets it.
func withValidatorMap(rd *httperr.Renderer) *httperr.Renderer {
	c := httperr.Renderer{}
	if rd != nil {
		c = *rd
	}
	if c.Map == nil {
		c.Map = httperrvalidator.Map
	}
	return &c
}

// recoverer is the deferred-recover middleware a ServeMux service writes for itself: a panic becomes a
// plain 500 (http.ErrAbortHandler re-panicked, as net/http expects).
func recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func (p path) netHandler() httperrhttp.HandlerFunc {
	if p.netOurs != nil {
		return p.netOurs
	}
	return func(http.ResponseWriter, *http.Request) error { return p.ours() }
}

func buildServeMux(impl string, rd *httperr.Renderer, mounts []mount) http.Handler {
	mux := http.NewServeMux()
	for _, m := range mounts {
		if impl == "httperr" {
			mux.Handle(m.p.methodOrGet()+" "+m.pattern, m.p.netHandler())
		} else {
			mux.HandleFunc(m.p.methodOrGet()+" "+m.pattern, m.p.netNative)
		}
	}
	switch impl {
	case "bare":
		return mux
	case "native":
		return recoverer(mux)
	}
	return httperrhttp.Middleware(withValidatorMap(rd))(mux)
}

func buildChi(impl string, rd *httperr.Renderer, mounts []mount) http.Handler {
	r := chi.NewRouter()
	switch impl {
	case "native":
		r.Use(chimiddleware.Recoverer)
	case "httperr":
		r.Use(httperrhttp.Middleware(withValidatorMap(rd)))
	}
	for _, m := range mounts {
		if impl == "httperr" {
			r.Method(m.p.methodOrGet(), m.pattern, m.p.netHandler())
		} else {
			r.Method(m.p.methodOrGet(), m.pattern, m.p.netNative)
		}
	}
	return r
}

// buildGorilla mounts the paths on a gorilla/mux router, each with .Methods, and wraps the whole router
// (gorilla runs r.Use middleware on matched routes only, so its own 404 would not reach a recoverer or ours).
func buildGorilla(impl string, rd *httperr.Renderer, mounts []mount) http.Handler {
	r := mux.NewRouter()
	for _, m := range mounts {
		if impl == "httperr" {
			r.Handle(m.pattern, m.p.netHandler()).Methods(m.p.methodOrGet())
		} else {
			r.HandleFunc(m.pattern, m.p.netNative).Methods(m.p.methodOrGet())
		}
	}
	switch impl {
	case "bare":
		return r
	case "native":
		return recoverer(r)
	}
	return httperrhttp.Middleware(withValidatorMap(rd))(r)
}

// benchEchoValidator is the e.Validator of echo's documentation (v4 and v5 alike): the validator's error
// as it is.
type benchEchoValidator struct{ v *validator.Validate }

func (ev benchEchoValidator) Validate(i any) error { return ev.v.Struct(i) }

func buildEcho(impl string, rd *httperr.Renderer, mounts []mount) http.Handler {
	e := echo.New()
	e.Validator = benchEchoValidator{benchValidator()}
	switch impl {
	case "native":
		e.Use(echomiddleware.Recover())
	case "httperr":
		httperrecho.Install(e, rd)
	}
	for _, m := range mounts {
		h := m.p.echoNative
		if impl == "httperr" {
			h = m.p.echoOurs
			if h == nil {
				ours := m.p.ours
				h = func(echo.Context) error { return ours() }
			}
		}
		e.Add(m.p.methodOrGet(), colon(m.pattern), h)
	}
	return e
}

func buildEchoV5(impl string, rd *httperr.Renderer, mounts []mount) http.Handler {
	e := echov5.New()
	e.Validator = benchEchoValidator{benchValidator()}
	switch impl {
	case "native":
		e.Use(echov5middleware.Recover())
	case "httperr":
		httperrechov5.Install(e, rd)
	}
	for _, m := range mounts {
		h := m.p.echov5Native
		if impl == "httperr" {
			h = m.p.echov5Ours
			if h == nil {
				ours := m.p.ours
				h = func(*echov5.Context) error { return ours() }
			}
		}
		e.Add(m.p.methodOrGet(), colon(m.pattern), h)
	}
	return e
}

func buildGin(impl string, rd *httperr.Renderer, mounts []mount) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	switch impl {
	case "native":
		g.Use(gin.Recovery())
	case "httperr":
		httperrgin.Install(g, rd)
	}
	for _, m := range mounts {
		h := m.p.ginNative
		if impl == "httperr" {
			ours := m.p.ginOurs
			if ours == nil {
				plain := m.p.ours
				ours = func(*gin.Context) error { return plain() }
			}
			h = httperrgin.Handle(ours)
		}
		g.Handle(m.p.methodOrGet(), colon(m.pattern), h)
	}
	return g
}

// benchValidator is the validator a net/http or echo service sets up: violations named by their JSON
// member.
func benchValidator() *validator.Validate {
	v := validator.New(validator.WithRequiredStructEnabled())
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	return v
}

// benchSignup is the request body the 422 paths bind, with gin's binding tags and the validator's.
type benchSignup struct {
	Name  string `json:"name" binding:"required" validate:"required"`
	Email string `json:"email" binding:"required,email" validate:"required,email"`
	Age   int    `json:"age" binding:"gte=0,lte=150" validate:"gte=0,lte=150"`
}

// nativeViolations is what a service without httperr answers for validator errors: one field and failed
// tag a failure.
func nativeViolations(err error) []map[string]string {
	var ve validator.ValidationErrors
	if !errors.As(err, &ve) {
		return nil
	}
	out := make([]map[string]string, 0, len(ve))
	for _, fe := range ve {
		out = append(out, map[string]string{"field": fe.Field(), "error": fe.Tag()})
	}
	return out
}

// rewindBody is a request body read again from its start by each request of a benchmark.
type rewindBody struct {
	r *bytes.Reader
	b []byte
}

func (b *rewindBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *rewindBody) Close() error               { return nil }
func (b *rewindBody) rewind()                    { b.r.Reset(b.b) }

// request returns the request of p for the micro benchmarks, and its body (nil without one), to rewind
// before each request.
func (p path) request() (*http.Request, *rewindBody) {
	target := p.target
	if target == "" {
		target = benchTarget
	}
	r := httptest.NewRequest(p.methodOrGet(), target, nil)
	if p.body == "" {
		return r, nil
	}
	body := &rewindBody{r: bytes.NewReader([]byte(p.body)), b: []byte(p.body)}
	r.Body, r.ContentLength = body, int64(len(p.body))
	r.Header.Set("Content-Type", "application/json")
	return r, body
}
