package toolkit_test

// The users API on chi v5, as a chi user mounts it: chi routes with {id} parameters read by chi.URLParam,
// httperrhttp.Middleware added with r.Use before the routes, the same httperrhttp.HandlerFunc handlers as
// the ServeMux stack.

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// serveChi serves the users API with a chi router whose first middleware is httperrhttp.Middleware.
func serveChi(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	a := newHTTPAPI(chi.URLParam)
	r := chi.NewRouter()
	nrd := withValidatorMap(rd)
	r.Use(httperrhttp.Middleware(nrd))
	if o.timeout > 0 { // a Middleware inside the TimeoutHandler too, whose writer hides the outer one's
		r.Use(func(next http.Handler) http.Handler {
			return http.TimeoutHandler(httperrhttp.Middleware(nrd)(next), o.timeout, "")
		})
	}
	if o.withContext {
		r.Use(withRequestID)
	}
	if o.recoverer {
		r.Use(middleware.RequestLogger(quietLog{})) // the service's own request log, which Recoverer reports to
		r.Use(middleware.Recoverer)
	}
	r.Method(http.MethodGet, "/users/{id}", httperrhttp.HandlerFunc(a.getUser))
	r.Method(http.MethodPost, "/users", httperrhttp.HandlerFunc(a.createUser))
	r.Method(http.MethodGet, "/maintenance", httperrhttp.HandlerFunc(maintenance))
	r.Method(http.MethodGet, "/report", httperrhttp.HandlerFunc(report))
	r.Method(http.MethodGet, "/panic", httperrhttp.HandlerFunc(panicking))
	r.Method(http.MethodHead, "/head/{id}", httperrhttp.HandlerFunc(headUser))
	r.Method(http.MethodGet, "/partial", httperrhttp.HandlerFunc(partial))
	r.Method(http.MethodGet, "/teapot", httperrhttp.HandlerFunc(teapot))
	r.Get("/widgets/7", widget)
	r.Method(http.MethodGet, "/hints", httperrhttp.HandlerFunc(hints))
	r.Method(http.MethodGet, "/slow", httperrhttp.HandlerFunc(slow))
	r.Mount("/api", subMux())
	r.With(rateLimited).Get("/limited", private)
	r.With(basicAuth).Get("/private", private)
	r.Handle("/files/*", fileServer())
	for _, rt := range extra {
		r.Method(rt.Method, rt.Pattern, httperrhttp.HandlerFunc(rt.Handler))
	}
	return r
}

// quietLog is a chi LogFormatter whose entries log nothing, in place of a service's structured logger.
type quietLog struct{}

func (quietLog) NewLogEntry(*http.Request) middleware.LogEntry { return quietLog{} }

func (quietLog) Write(int, int, http.Header, time.Duration, any) {}

func (quietLog) Panic(any, []byte) {}
