// Package httperrhttp adapts httperr to net/http: handlers that return errors, and a middleware that renders
// them, recovers panics, and turns the routers' own error answers into problems: [http.ServeMux]'s and
// http.StripPrefix's plain-text 404 and 405, chi's and gorilla/mux's empty 405, http.TimeoutHandler's 503
// page, any error status sent with no Content-Type and no body (chi's middleware.Recoverer's 500). They are
// recognised by what they are made of, not by r.Pattern, so a handler's own text (http.Error(w, "widget 7 is
// not in stock", 404)) goes out as it is behind any router or middleware. For gorilla/mux, whose r.Use
// middleware never sees its own 404 and 405 and whose 405 has no Allow, [NotFound] and [MethodNotAllowed]
// answer its hooks.
//
//	mux := http.NewServeMux()
//	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(getUser)) // getUser returns error
//	http.ListenAndServe(addr, httperrhttp.Middleware(nil)(mux))
//
// The writer the Middleware gives handlers has exactly the optional interfaces of the writer it wraps
// (http.Flusher with FlushError, http.Hijacker, http.Pusher, io.ReaderFrom, io.StringWriter), so a type
// assertion sees what it would see without the Middleware, and an Unwrap method, so [http.ResponseController]
// reaches the rest (deadlines, full duplex). A 1xx informational response (103 Early Hints) does not count as
// the start of the response; a Hijack that fails does not either. A 413 sent through it closes an HTTP/1.1
// connection, as net/http does after [http.MaxBytesReader]'s limit.
//
// With a Renderer, the Middleware carries it in the request's context, so that a HandlerFunc behind a writer
// that hides the Middleware's (http.TimeoutHandler's has no Unwrap) renders with it.
//
// A handler's goroutine that writes after the handler returned (which net/http forbids) gets an error and
// sends nothing: the writer is allocated per request and detached when the Middleware returns, so such a
// write never panics and never reaches another request's response.
package httperrhttp

//go:generate go test -run ^TestCombos$ -update .
