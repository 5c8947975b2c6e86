package toolkit_test

import (
	"net/http"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

// serveNetHTTP serves routes with a ServeMux behind httperrhttp.Middleware.
func serveNetHTTP(rd *httperr.Renderer, routes ...route) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range routes {
		mux.Handle(rt.Method+" "+rt.Pattern, httperrhttp.HandlerFunc(rt.Handler))
	}
	return httperrhttp.Middleware(rd)(mux)
}
