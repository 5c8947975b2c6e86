package httperrhttp

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/hold"
	"github.com/httperr/toolkit/internal/recovery"
)

// HandlerFunc is an http.Handler that may fail: a non-nil error is rendered as a problem by the Renderer of
// the enclosing [Middleware], found through the writer chain (see the package doc for http.TimeoutHandler),
// or by the zero Renderer without one. Without a Middleware it also turns the
// error answers it writes in text or with no body (http.NotFound, http.Error) into problems, as the
// Middleware does. An error returned after the handler started its response is logged, and nothing more is
// written; the response counts as started when any writer between the Middleware and the handler says so
// through a Written() bool method, or when the Middleware's own writer, reached through their Unwrap()
// http.ResponseWriter methods, saw it start.
type HandlerFunc func(http.ResponseWriter, *http.Request) error

// ServeHTTP calls f and renders its error.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hw, own := hold.Find(w), false
	if hw == nil {
		// No Middleware's writer within reach: none around, or one behind a writer that does not unwrap
		// (http.TimeoutHandler's: a Middleware inside it serves the routes behind it, see Middleware).
		// Track what the handler writes ourselves, with the zero Renderer, and finish as the Middleware does.
		hw, own = hold.New(w, nil), true
		w = hw.View()
		defer hw.Release()
	}
	if err := f(w, r); err != nil {
		hw.RenderError(w, r, err) // through the writers between the Middleware's and the handler, if any
	} else if own {
		hw.Finish(r) // an error answer held back: a handler's http.NotFound(w, r) is not lost
	}
}

// Handle returns fn as an http.Handler; it is HandlerFunc(fn).
func Handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return HandlerFunc(fn)
}

// Middleware returns a middleware that renders with rd (nil means the zero Renderer) the errors of the
// [HandlerFunc]s it wraps, recovers panics into 500 problems, and turns the error answers written in text or
// with no body (the routers' 404 and 405, a rate limiter's 429, a handler's http.Error: see the package doc)
// into the problems of their status, their header fields kept.
//
// The writer it gives the handler has exactly the optional interfaces of the one it was given (http.Flusher
// with FlushError, http.Hijacker, http.Pusher, io.ReaderFrom, io.StringWriter) and an Unwrap method for
// [http.ResponseController]. Once the Middleware has returned, that writer sends nothing more: a goroutine
// that writes after its handler returned gets an error, never another request's response.
//
// Behind http.TimeoutHandler, whose writer hides this one, a HandlerFunc finds no Middleware: wrap the
// handlers inside the TimeoutHandler with a Middleware too (see the package doc); the two compose.
//
// A panic with [http.ErrAbortHandler] is re-panicked, as net/http expects. A panic after the response had
// started is logged and the response aborted with http.ErrAbortHandler, so that the client sees a broken
// response rather than a complete-looking one.
func Middleware(rd *httperr.Renderer) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler { return &middleware{rd: rd, next: next} }
}

// middleware is the handler Middleware returns.
type middleware struct {
	rd   *httperr.Renderer
	next http.Handler
}

func (m *middleware) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	hw := hold.New(w, m.rd)
	defer finish(hw, r)
	m.next.ServeHTTP(hw.View(), r)
}

// finish, deferred by the middleware, renders a panic or the problem of an error answer held back, then
// releases hw, even when it re-panics.
func finish(hw *hold.Writer, r *http.Request) {
	p := recover()
	if p == nil {
		hw.Finish(r)
		return
	}
	defer hw.Release()
	if p == http.ErrAbortHandler {
		panic(p)
	}
	if !hw.RenderError(hw.View(), r, recovery.Problem(p)) { // the response had started: logged as unsent
		panic(http.ErrAbortHandler)
	}
}
