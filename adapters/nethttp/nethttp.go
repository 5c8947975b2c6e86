package httperrhttp

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
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
	rw, own := find(w), false
	if rw == nil {
		// No Middleware's writer within reach: none around, or one behind a writer that does not unwrap
		// (http.TimeoutHandler's: a Middleware inside it serves the routes behind it, see Middleware).
		// Track what the handler writes ourselves, with the zero Renderer, and finish as the Middleware does.
		rw, w = newWriter(w, r, nil)
		own = true
		defer rw.release()
	}
	err := f(w, r)
	if err == nil {
		if own {
			rw.renderHeld() // an error answer held back: a handler's http.NotFound(w, r) is not lost
		}
		return
	}
	if _, ours := w.(interface{ self() *responseWriter }); ours {
		rw.render(r, err) // in one step, against a goroutine of the handler's still writing: see render
		return
	}
	// Writers of the application's between the Middleware's and the handler: the problem goes through
	// them, as they may need (to count, compress, buffer), and only they can keep the handler's goroutines
	// from writing meanwhile.
	if started(w) {
		rw.rd.LogUnsent(r, err)
		return
	}
	rw.dropHeld() // an error status the handler wrote before returning its error: the error says more
	rw.rd.Render(w, r, err)
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
	rw, ww := newWriter(w, r, m.rd)
	defer rw.finish()
	m.next.ServeHTTP(ww, r)
}

// finish, deferred by the middleware, renders a panic or the problem of an error answer held back, then
// releases rw, even when it re-panics. A request with nothing to render (the common case) is released in
// the same critical section that finds nothing held.
func (rw *responseWriter) finish() {
	if p := recover(); p != nil {
		defer rw.release()
		rw.recovered(p)
		rw.renderHeld()
		return
	}
	if r, e := rw.takeHeldOrRelease(); e != nil {
		rw.render(r, e)
		rw.release()
	}
}

// find returns the responseWriter of an enclosing Middleware, looking through writers that wrap it.
func find(w http.ResponseWriter) *responseWriter {
	for i := 0; i < 16 && w != nil; i++ {
		switch x := w.(type) {
		case interface{ self() *responseWriter }:
			return x.self()
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// started reports whether the response w writes to has started: a writer of the chain from w down to our
// own says so through Written() bool, ours included.
func started(w http.ResponseWriter) bool {
	for i := 0; i < 16 && w != nil; i++ {
		if x, ok := w.(interface{ Written() bool }); ok && x.Written() {
			return true
		}
		if _, ok := w.(interface{ self() *responseWriter }); ok {
			return false
		}
		x, ok := w.(interface{ Unwrap() http.ResponseWriter })
		if !ok {
			return false
		}
		w = x.Unwrap()
	}
	return false
}

// renderHeld renders, once the handler is done, the problem of the error answer WriteHeader held back, if
// any (see [answer.Held.Problem]): its header fields (Allow, WWW-Authenticate, Retry-After) stay; its body
// is replaced.
func (rw *responseWriter) renderHeld() {
	if r, e := rw.takeHeld(); e != nil {
		rw.render(r, e)
	}
}

// recovered handles a panic of the wrapped handler.
func (rw *responseWriter) recovered(p any) {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	rw.mu.Lock()
	r := rw.r
	rw.mu.Unlock()
	if !rw.render(r, recovery.Problem(p)) { // the response had started: logged as unsent
		panic(http.ErrAbortHandler)
	}
}
