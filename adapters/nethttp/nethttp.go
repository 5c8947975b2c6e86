package httperrhttp

import (
	"bufio"
	"io"
	"net"
	"net/http"
	"sync"

	"github.com/httperr/toolkit/httperr"
)

// HandlerFunc is an http.Handler that may fail: a non-nil error is rendered as a problem by the Renderer of
// the enclosing [Middleware], or by the zero Renderer without one. An error returned after the handler
// started its response is logged, and nothing more is written.
type HandlerFunc func(http.ResponseWriter, *http.Request) error

// ServeHTTP calls f and renders its error.
func (f HandlerFunc) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rw := find(w)
	if rw == nil { // no Middleware around: track what the handler writes ourselves
		rw = acquire(w, r, nil)
		defer release(rw)
		w = rw
	}
	if err := f(w, r); err != nil {
		rw.rd.Render(w, r, err)
	}
}

// Handle returns fn as an http.Handler; it is HandlerFunc(fn).
func Handle(fn func(http.ResponseWriter, *http.Request) error) http.Handler {
	return HandlerFunc(fn)
}

// Middleware returns a middleware that renders with rd (nil means the zero Renderer) the errors of the
// [HandlerFunc]s it wraps, recovers panics into 500 problems, and turns ServeMux's plain-text 404 Not Found and
// 405 Method Not Allowed (its Allow header kept) into problems.
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
	rw := acquire(w, r, m.rd)
	defer rw.finish()
	m.next.ServeHTTP(rw, r)
}

// finish, deferred by the middleware, renders a panic or a held-back ServeMux error, and pools rw.
func (rw *responseWriter) finish() {
	if p := recover(); p != nil {
		rw.recovered(p)
	}
	if rw.intercepted != 0 {
		rw.renderIntercepted()
	}
	release(rw)
}

// responseWriter tracks whether the response has started, and holds back ServeMux's plain-text errors.
type responseWriter struct {
	http.ResponseWriter
	r           *http.Request
	rd          *httperr.Renderer
	written     bool
	intercepted int // status of a ServeMux error being replaced, or 0
}

var pool = sync.Pool{New: func() any { return new(responseWriter) }}

// acquire returns a pooled responseWriter for w; pooled ones are zero (release clears them).
func acquire(w http.ResponseWriter, r *http.Request, rd *httperr.Renderer) *responseWriter {
	rw := pool.Get().(*responseWriter)
	rw.ResponseWriter, rw.r, rw.rd = w, r, rd
	return rw
}

func release(rw *responseWriter) {
	*rw = responseWriter{}
	pool.Put(rw)
}

// find returns the responseWriter of an enclosing Middleware, looking through writers that wrap it.
func find(w http.ResponseWriter) *responseWriter {
	for i := 0; i < 16 && w != nil; i++ {
		switch x := w.(type) {
		case *responseWriter:
			return x
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// Written reports whether the response has started; [httperr.Renderer.Render] asks.
func (rw *responseWriter) Written() bool { return rw.written }

// Unwrap returns the underlying writer, for [http.ResponseController].
func (rw *responseWriter) Unwrap() http.ResponseWriter { return rw.ResponseWriter }

// WriteHeader holds back ServeMux's own plain-text 404 and 405, recognised by the request having matched no
// pattern (r.Pattern is empty) and by http.Error's Content-Type.
func (rw *responseWriter) WriteHeader(code int) {
	if rw.written || rw.intercepted != 0 {
		return
	}
	if (code == http.StatusNotFound || code == http.StatusMethodNotAllowed) && rw.r.Pattern == "" &&
		rw.Header().Get("Content-Type") == "text/plain; charset=utf-8" {
		rw.intercepted = code
		return
	}
	if code >= 200 || code == http.StatusSwitchingProtocols {
		rw.written = true
	}
	rw.ResponseWriter.WriteHeader(code)
}

func (rw *responseWriter) Write(b []byte) (int, error) {
	if rw.intercepted != 0 {
		return len(b), nil // the plain-text body being replaced
	}
	rw.written = true
	return rw.ResponseWriter.Write(b)
}

// ReadFrom keeps io.Copy's sendfile path of the underlying writer.
func (rw *responseWriter) ReadFrom(src io.Reader) (int64, error) {
	if rw.intercepted != 0 {
		return io.Copy(io.Discard, src)
	}
	rw.written = true
	if rf, ok := rw.ResponseWriter.(io.ReaderFrom); ok {
		return rf.ReadFrom(src)
	}
	return io.Copy(rw.ResponseWriter, src)
}

// Flush sends buffered data, starting the response.
func (rw *responseWriter) Flush() {
	if rw.intercepted != 0 {
		return
	}
	rw.written = true
	http.NewResponseController(rw.ResponseWriter).Flush() //nolint:errcheck // Flusher has no error
}

// Hijack hands the connection over; the response counts as started.
func (rw *responseWriter) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	rw.written = true
	return http.NewResponseController(rw.ResponseWriter).Hijack()
}

// renderIntercepted renders the ServeMux error held back by WriteHeader.
func (rw *responseWriter) renderIntercepted() {
	var e *httperr.Error
	if rw.intercepted == http.StatusMethodNotAllowed {
		e = httperr.New(http.StatusMethodNotAllowed, "")
	} else {
		e = httperr.NotFound("")
	}
	rw.intercepted = 0
	rw.rd.Render(rw, rw.r, e)
}

// recovered handles a panic of the wrapped handler.
func (rw *responseWriter) recovered(p any) {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	err := httperr.Recovered(p)
	if rw.written {
		rw.rd.LogUnsent(rw.r, err)
		panic(http.ErrAbortHandler)
	}
	rw.intercepted = 0
	rw.rd.Render(rw, rw.r, err)
}
