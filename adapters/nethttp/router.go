package httperrhttp

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
)

// NotFound returns a handler that answers every request with the 404 problem, rendered with rd (nil means
// the zero Renderer): for a router's own hook, where the Middleware may not see the router's answer.
// gorilla/mux runs the middleware added with Router.Use only on matched routes, so with
//
//	r.Use(httperrhttp.Middleware(rd))
//	r.NotFoundHandler = httperrhttp.NotFound(rd)
//
// its unknown paths are problems too. Behind a Middleware that wraps the whole router, no hook is needed.
func NotFound(rd *httperr.Renderer) http.Handler {
	return routerAnswer{rd: rd}
}

// MethodNotAllowed returns a handler that answers every request with the 405 problem whose Allow header lists
// the methods allowed(r) returns, rendered with rd (nil means the zero Renderer): for a router's own hook
// when the router does not say which methods the resource allows, as gorilla/mux's Router.
// MethodNotAllowedHandler does not (RFC 9110 section 15.5.6 requires Allow on a 405). A nil allowed sends the
// Allow field a handler before it set, or an empty one.
func MethodNotAllowed(rd *httperr.Renderer, allowed func(*http.Request) []string) http.Handler {
	return routerAnswer{rd: rd, allowed: allowed, status: http.StatusMethodNotAllowed}
}

// routerAnswer is the handler NotFound and MethodNotAllowed return.
type routerAnswer struct {
	rd      *httperr.Renderer
	allowed func(*http.Request) []string
	status  int // 0 for 404
}

func (a routerAnswer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if a.status != http.StatusMethodNotAllowed {
		a.rd.Render(w, r, httperr.NotFound(""))
		return
	}
	if a.allowed == nil {
		a.rd.Render(w, r, httperr.MethodNotAllowed(w.Header().Values("Allow")...))
		return
	}
	a.rd.Render(w, r, httperr.MethodNotAllowed(a.allowed(r)...))
}
