// Package httperrhttp adapts httperr to net/http: handlers that return errors, and a middleware that renders
// them, recovers panics, and turns every error answer in text or with no body into the problem of its status:
// [http.ServeMux]'s and http.StripPrefix's 404 and 405, chi's and gorilla/mux's empty 405, chi's
// middleware.Recoverer's 500, http.TimeoutHandler's 503 page, a rate limiter's 429 (chi's
// middleware.Throttle, go-chi/httprate), http.ServeContent's 416, a WebSocket library's 426 or 400, and a
// handler's own http.Error. The rule is the one every adapter follows: an answer of status 400..599 with no
// Content-Type, text/plain or text/html, and at most 4 KiB of body, is replaced; its header fields (Allow,
// WWW-Authenticate, Retry-After, Content-Range, X-RateLimit-*) stay; a 4xx text's first line becomes the
// detail, so http.Error(w, "widget 7 is not in stock", 404) is the 404 problem with that detail, unless the
// line only restates the status ("404 page not found"); a 5xx text is logged as the cause and never sent,
// so http.Error(w, err.Error(), 500) leaks nothing. An answer in another media type (JSON, a problem), a
// longer one, a flushed one or a hijacked connection goes out as it was; [httperr.Renderer.KeepText] leaves
// every answer with a body as it was. For gorilla/mux, whose r.Use middleware never sees its own 404 and
// 405 and whose 405 has no Allow, [NotFound] and [MethodNotAllowed] answer its hooks.
//
// The writer holds an error answer back until the handler is done, so a handler that answered http.Error
// and then returns an error gets the problem of its error. Put tracing and metrics middleware (otelhttp)
// outside the Middleware: there it records the status of the problem sent, a recovered panic's 500
// included; inside, it sees a panic go by and records no status at all.
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
// A HandlerFunc finds the Middleware, and its Renderer, through the writer it is given: the Middleware's own,
// or writers wrapping it that reach it by an Unwrap() http.ResponseWriter method. http.TimeoutHandler's writer
// has no Unwrap: put a Middleware inside it too, for the routes behind it,
//
//	http.TimeoutHandler(httperrhttp.Middleware(rd)(mux), 5*time.Second, "") // inside Middleware(rd)
//
// The inner one renders the handlers' errors with rd, the outer one turns the timeout's 503 page into the 503
// problem, and a problem the inner one sent goes through the outer one as it is. A HandlerFunc that finds no
// Middleware renders with the zero Renderer.
//
// A handler's goroutine that writes after the handler returned (which net/http forbids) gets an error and
// sends nothing: the writer is allocated per request and detached when the Middleware returns, so such a
// write never panics and never reaches another request's response.
package httperrhttp
