package toolkit_test

import (
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	httperrgin "github.com/httperr/toolkit/adapters/gin"
	"github.com/httperr/toolkit/httperr"
)

// serveGin serves routes with gin in release mode and httperrgin.Install. Path parameters are copied into
// the request (r.SetPathValue), where the routes' handlers read them.
func serveGin(rd *httperr.Renderer, routes ...route) http.Handler {
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
		for _, method := range methodsOf(rt.Method) {
			g.Handle(method, colonParams(rt.Pattern), handler)
		}
	}
	return g
}

// methodsOf returns the methods to register for method on echo and gin: GET routes answer HEAD too, as
// ServeMux's do.
func methodsOf(method string) []string {
	if method == http.MethodGet {
		return []string{http.MethodGet, http.MethodHead}
	}
	return []string{method}
}

// colonParams turns /users/{id} into /users/:id, as echo and gin spell a parameter.
func colonParams(pattern string) string {
	return strings.NewReplacer("{", ":", "}", "").Replace(pattern)
}
