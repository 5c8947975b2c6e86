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
	for _, rt := range extra {
		r.Handle(rt.Pattern, httperrhttp.HandlerFunc(rt.Handler)).Methods(rt.Method)
	}
	if o.use {
		r.Use(httperrhttp.Middleware(netRenderer(rd)))
		return r
	}
	return httperrhttp.Middleware(netRenderer(rd))(o.inner(r))
}
