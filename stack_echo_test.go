package toolkit_test

import (
	"net/http"

	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	"github.com/httperr/toolkit/httperr"
)

// serveEcho serves routes with echo v4 and httperrecho.Install. Path parameters are copied into the
// request (r.SetPathValue), where the routes' handlers read them.
func serveEcho(rd *httperr.Renderer, routes ...route) http.Handler {
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
		for _, method := range methodsOf(rt.Method) {
			e.Add(method, colonParams(rt.Pattern), handler)
		}
	}
	return e
}
