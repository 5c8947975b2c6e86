package toolkit_test

// The users API on gorilla/mux, as a gorilla user mounts it: routes with {id} variables read by mux.Vars,
// .Methods on each route, the router wrapped by httperrhttp.Middleware(rd)(router) (or, with options.use,
// added with r.Use), the same httperrhttp.HandlerFunc handlers as the ServeMux stack.

import (
	"net/http"

	"github.com/gorilla/mux"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// serveGorilla serves the users API with a gorilla/mux router inside httperrhttp.Middleware.
func serveGorilla(rd *httperr.Renderer, o options, extra ...route) http.Handler {
	a := newHTTPAPI(func(r *http.Request, name string) string { return mux.Vars(r)[name] })
	r := mux.NewRouter()
	r.Handle("/users/{id}", httperrhttp.HandlerFunc(a.getUser)).Methods(http.MethodGet)
	r.Handle("/users", httperrhttp.HandlerFunc(a.createUser)).Methods(http.MethodPost)
	r.Handle("/maintenance", httperrhttp.HandlerFunc(maintenance)).Methods(http.MethodGet)
	r.Handle("/report", httperrhttp.HandlerFunc(report)).Methods(http.MethodGet)
	r.Handle("/panic", httperrhttp.HandlerFunc(panicking)).Methods(http.MethodGet)
	r.Handle("/head/{id}", httperrhttp.HandlerFunc(headUser)).Methods(http.MethodHead)
	r.Handle("/partial", httperrhttp.HandlerFunc(partial)).Methods(http.MethodGet)
	r.Handle("/teapot", httperrhttp.HandlerFunc(teapot)).Methods(http.MethodGet)
	r.HandleFunc("/widgets/7", widget).Methods(http.MethodGet)
	r.Handle("/hints", httperrhttp.HandlerFunc(hints)).Methods(http.MethodGet)
	r.Handle("/slow", httperrhttp.HandlerFunc(slow)).Methods(http.MethodGet)
	r.PathPrefix("/api/").Handler(subMux())
	r.Handle("/limited", rateLimited(http.HandlerFunc(private))).Methods(http.MethodGet)
	r.Handle("/private", basicAuth(http.HandlerFunc(private))).Methods(http.MethodGet)
	r.PathPrefix("/files/").Handler(fileServer()).Methods(http.MethodGet)
	for _, rt := range extra {
		r.Handle(rt.Pattern, httperrhttp.HandlerFunc(rt.Handler)).Methods(rt.Method)
	}
	// gorilla's own 405 says nothing of the methods allowed, and with r.Use neither its 404 nor its 405 reaches
	// the middleware: its hooks answer them, as docs/nethttp.md shows.
	nrd := withValidatorMap(rd)
	r.NotFoundHandler = httperrhttp.NotFound(nrd)
	r.MethodNotAllowedHandler = httperrhttp.MethodNotAllowed(nrd, allowedMethods(r))
	if o.use {
		r.Use(httperrhttp.Middleware(nrd))
		return r
	}
	return httperrhttp.Middleware(nrd)(o.inner(nrd, r))
}

// allowedMethods returns, for a request that matched a route of router by path but not by method, the
// methods some route of router accepts for its path: what docs/nethttp.md shows a gorilla user writing.
func allowedMethods(router *mux.Router) func(*http.Request) []string {
	return func(r *http.Request) []string {
		var allowed []string
		for _, m := range []string{http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut,
			http.MethodPatch, http.MethodDelete, http.MethodOptions} {
			probe := r.Clone(r.Context())
			probe.Method = m
			var match mux.RouteMatch
			if router.Match(probe, &match) && match.MatchErr == nil {
				allowed = append(allowed, m)
			}
		}
		return allowed
	}
}
