// Package mount serves a list of framework-neutral routes (handlers written once as
// func(http.ResponseWriter, *http.Request) error) with net/http, echo v4 or gin, each with its httperr adapter
// installed. The example servers and the root conformance suite use it, so that the three frameworks answer
// the same handlers.
package mount

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"
	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrgin "github.com/httperr/toolkit/adapters/gin"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/users"
)

// Route is a method, a ServeMux-style pattern with {name} parameters, and a handler that reads path
// parameters with r.PathValue.
type Route = users.Route

// NetHTTP serves routes with a ServeMux behind httperrhttp.Middleware.
func NetHTTP(rd *httperr.Renderer, routes ...Route) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.Method+" "+rt.Pattern, httperrhttp.HandlerFunc(rt.Handler))
	}
	return httperrhttp.Middleware(rd)(mux)
}

// Echo serves routes with echo v4 and httperrecho.Install.
func Echo(rd *httperr.Renderer, routes ...Route) http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	httperrecho.Install(e, rd)
	for _, rt := range routes {
		h := rt.Handler
		handler := func(c echo.Context) error {
			r := c.Request()
			for _, name := range c.ParamNames() {
				r.SetPathValue(name, c.Param(name))
			}
			return h(c.Response(), r)
		}
		for _, method := range methods(rt.Method) {
			e.Add(method, colonParams(rt.Pattern), handler)
		}
	}
	return e
}

// Gin serves routes with gin in release mode and httperrgin.Install.
func Gin(rd *httperr.Renderer, routes ...Route) http.Handler {
	gin.SetMode(gin.ReleaseMode)
	g := gin.New()
	httperrgin.Install(g, rd)
	for _, rt := range routes {
		h := rt.Handler
		handler := httperrgin.Handle(func(c *gin.Context) error {
			for _, p := range c.Params {
				c.Request.SetPathValue(p.Key, p.Value)
			}
			return h(c.Writer, c.Request)
		})
		for _, method := range methods(rt.Method) {
			g.Handle(method, colonParams(rt.Pattern), handler)
		}
	}
	return g
}

// methods returns the methods to register for method: GET routes answer HEAD too, as with ServeMux.
func methods(method string) []string {
	if method == http.MethodGet {
		return []string{http.MethodGet, http.MethodHead}
	}
	return []string{method}
}

// colonParams turns /users/{id} into /users/:id.
func colonParams(pattern string) string {
	return strings.NewReplacer("{", ":", "}", "").Replace(pattern)
}
