// Package httperrhttp adapts httperr to net/http: handlers that return errors, and a middleware that renders
// them, recovers panics and turns [http.ServeMux]'s own plain-text 404 and 405 answers into problems.
//
//	mux := http.NewServeMux()
//	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(getUser)) // getUser returns error
//	http.ListenAndServe(addr, httperrhttp.Middleware(nil)(mux))
package httperrhttp
