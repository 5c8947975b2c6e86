package httperrhttp

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"sync"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/answer"
)

// responseWriter tracks whether the response has started, holds back an error answer in text or with no body
// (a router's, a middleware's, a handler's http.Error: see [answer.Held]) until the handler is done, and is
// released when the request ends: from then on nothing it is given reaches the writer it wrapped.
//
// It is allocated per request, not pooled. A handler's goroutine that writes after the handler returned
// (which net/http forbids, and bare net/http survives) holds this very pointer: a pooled writer would by
// then serve another request, and no check inside it can tell the stray goroutine from the new owner.
// What the pool saved is one allocation and a time under the noise, as BenchmarkMiddleware shows (figures in
// docs/performance.md).
//
// The combination types of combos.go are ours rather than felixge/httpsnoop's: httpsnoop.Wrap (v1.1.0) with
// the three hooks this writer would need at least (WriteHeader, Write, Flush) allocates many times per
// request (testing.AllocsPerRun; the count is in docs/performance.md), this writer once.
//
// Every method takes mu, so that release waits for a write in flight and no write starts after it: net/http
// recycles the buffers of a finished response into other connections. A problem is rendered as one step
// against all of them (see render): a handler's goroutine writing meanwhile cannot get into its middle.
type responseWriter struct {
	mu        sync.Mutex
	w         http.ResponseWriter // the writer wrapped; nil once released
	r         *http.Request
	rd        *httperr.Renderer
	started   bool        // a status of 101 or 200..599, a body, a flush or a hijack went out
	holding   bool        // held is an error answer held back
	held      answer.Held // the answer held back while holding; its body is allocated only if it has one
	closed    bool        // a problem is being or was rendered: only the renderer writes (see render)
	rendering bool        // the renderer is setting the problem's header fields, outside mu
}

// errReleased is what a write gets after the handler returned.
var errReleased = errors.New("httperrhttp: write after the handler returned (net/http forbids it); nothing was sent")

// newWriter wraps w for r, returning the tracking state and the writer to give the handler: one with
// exactly the optional interfaces of w (see combos.go).
func newWriter(w http.ResponseWriter, r *http.Request, rd *httperr.Renderer) (*responseWriter, http.ResponseWriter) {
	rw := &responseWriter{w: w, r: r, rd: rd}
	return rw, rw.wrap(w)
}

// release detaches rw from the writer it wraps, once the request is over.
func (rw *responseWriter) release() {
	rw.mu.Lock()
	rw.w, rw.r = nil, nil
	rw.mu.Unlock()
}

// self returns rw; find uses it to recognise rw inside any of the combination types.
func (rw *responseWriter) self() *responseWriter { return rw }

// Written reports whether the response has started (or the request is over); [httperr.Renderer.Render] asks.
func (rw *responseWriter) Written() bool {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	return rw.started || rw.w == nil || rw.closed
}

// Unwrap returns the underlying writer, for [http.ResponseController]; once the request is over, or a
// problem rendered, a writer that supports nothing.
func (rw *responseWriter) Unwrap() http.ResponseWriter {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return releasedWriter{}
	}
	return rw.w
}

// Header returns the header map of the underlying writer; once the request is over, or while a problem is
// rendered, a new map each time, which goes nowhere.
func (rw *responseWriter) Header() http.Header {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.rendering {
		return http.Header{}
	}
	return rw.w.Header()
}

// WriteHeader holds back an error answer that the package answer may replace by its problem (no
// Content-Type, text/plain or text/html) until the handler is done or its body turns out not to be one;
// any other status goes out. A 1xx informational status (103 Early Hints) goes out without starting
// the response. A 413 first tells the underlying writer what [http.MaxBytesReader] would: see tooLarge.
func (rw *responseWriter) WriteHeader(code int) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed || rw.started || rw.holding {
		return
	}
	if rw.held.Hold(rw.rd, code, rw.w.Header()) {
		rw.holding = true
		return
	}
	rw.writeHeader(code)
}

// writeHeader sends the status line; rw.mu is held.
func (rw *responseWriter) writeHeader(code int) {
	if code == http.StatusRequestEntityTooLarge {
		tooLarge(rw.w)
	}
	if code >= 200 || code == http.StatusSwitchingProtocols {
		rw.started = true
	}
	rw.w.WriteHeader(code)
}

// sendHeld sends the answer held back as it was given, once it is known not to be one to replace (its body
// passed answer.MaxBody, or it was flushed, copied with ReadFrom or hijacked); rw.mu is held.
func (rw *responseWriter) sendHeld() error {
	if !rw.holding {
		return nil
	}
	rw.holding = false
	rw.writeHeader(rw.held.Status)
	if body := rw.held.Body(); len(body) > 0 {
		_, err := rw.w.Write(body)
		return err
	}
	return nil
}

// takeHeld ends the holding back of an answer when the handler is done, and returns the problem to render
// in its place, or nil when nothing is held. The problem is made under mu, from the body as it stands.
func (rw *responseWriter) takeHeld() (*http.Request, *httperr.Error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.holding || rw.w == nil || rw.closed {
		return nil, nil
	}
	return rw.r, rw.held.Problem()
}

// takeHeldOrRelease is takeHeld, and when nothing is held, release, under one lock.
func (rw *responseWriter) takeHeldOrRelease() (*http.Request, *httperr.Error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if !rw.holding || rw.w == nil || rw.closed {
		rw.w, rw.r = nil, nil
		return nil, nil
	}
	return rw.r, rw.held.Problem()
}

// dropHeld forgets an answer held back: the handler's error, or its panic, is rendered in its place.
func (rw *responseWriter) dropHeld() {
	rw.mu.Lock()
	rw.holding = false
	rw.mu.Unlock()
}

func (rw *responseWriter) Write(b []byte) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return 0, errReleased
	}
	if rw.holding {
		if rw.held.Add(b) {
			return len(b), nil // to be replaced by its problem
		}
		if err := rw.sendHeld(); err != nil {
			return 0, err
		}
	}
	rw.started = true
	return rw.w.Write(b)
}

// writeString is io.StringWriter's WriteString, for the combinations whose writer has it.
func (rw *responseWriter) writeString(s string) (int, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return 0, errReleased
	}
	if rw.holding {
		if rw.held.AddString(s) {
			return len(s), nil
		}
		if err := rw.sendHeld(); err != nil {
			return 0, err
		}
	}
	rw.started = true
	return rw.w.(io.StringWriter).WriteString(s)
}

// readFrom is io.ReaderFrom's ReadFrom (io.Copy's sendfile path), for the combinations whose writer has it.
func (rw *responseWriter) readFrom(src io.Reader) (int64, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return 0, errReleased
	}
	if err := rw.sendHeld(); err != nil { // io.Copy of an error body, of a length we do not know: sent as it is
		return 0, err
	}
	rw.started = true
	return rw.w.(io.ReaderFrom).ReadFrom(src)
}

// flush sends buffered data, starting the response, and returns the underlying writer's FlushError (the
// client went away, a write deadline passed), for the combinations whose writer can flush.
func (rw *responseWriter) flush() error {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return errReleased
	}
	if err := rw.sendHeld(); err != nil { // a streamed error answer is the handler's
		return err
	}
	rw.started = true
	if f, ok := rw.w.(interface{ FlushError() error }); ok {
		return f.FlushError()
	}
	rw.w.(http.Flusher).Flush()
	return nil
}

// hijack hands the connection over, for the combinations whose writer has http.Hijacker. Only a hijack that
// succeeded starts the response: after a failed one, the handler's error is still rendered.
func (rw *responseWriter) hijack() (net.Conn, *bufio.ReadWriter, error) {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return nil, nil, errReleased
	}
	rw.sendHeld() //nolint:errcheck // the connection is what the handler wants; Hijack tells whether it has it
	c, brw, err := rw.w.(http.Hijacker).Hijack()
	if err == nil {
		rw.started = true
	}
	return c, brw, err
}

// push is http.Pusher's Push (HTTP/2), for the combinations whose writer has it; a push does not start the
// response.
func (rw *responseWriter) push(target string, opts *http.PushOptions) error {
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil || rw.closed {
		return errReleased
	}
	return rw.w.(http.Pusher).Push(target, opts)
}

// render sends the problem for err, rendered with rw's Renderer for r, as the whole response, and reports
// true; when the response has started (or a problem was rendered already), it logs err as unsent instead and
// reports false. It decides under mu and from then on refuses every call but the renderer's (which go
// through problemWriter), so that a goroutine of the handler's writing meanwhile, which net/http forbids,
// gets errReleased: it can neither start the response between the problem's header fields and its status,
// nor touch the header map while the renderer sets it, nor add to the body. Map, Enrich and the log run
// outside mu.
func (rw *responseWriter) render(r *http.Request, err error) bool {
	rw.mu.Lock()
	unsent := rw.w == nil || rw.started || rw.closed
	if !unsent {
		rw.holding, rw.closed, rw.rendering = false, true, true
	}
	rw.mu.Unlock()
	if unsent {
		rw.rd.LogUnsent(r, err)
		return false
	}
	rw.rd.Render((*problemWriter)(rw), r, err)
	rw.mu.Lock()
	rw.rendering = false
	rw.mu.Unlock()
	return true
}

// problemWriter is the responseWriter as render gives it to the Renderer: the one writer it still serves.
type problemWriter responseWriter

func (pw *problemWriter) Header() http.Header {
	rw := (*responseWriter)(pw)
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil {
		return http.Header{}
	}
	return rw.w.Header()
}

func (pw *problemWriter) WriteHeader(code int) {
	rw := (*responseWriter)(pw)
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w != nil && !rw.started {
		rw.writeHeader(code)
	}
}

func (pw *problemWriter) Write(b []byte) (int, error) {
	rw := (*responseWriter)(pw)
	rw.mu.Lock()
	defer rw.mu.Unlock()
	if rw.w == nil {
		return 0, errReleased
	}
	rw.started = true
	return rw.w.Write(b)
}

// tooLarge gives w the call that http.MaxBytesReader makes on its writer when a body passes the limit:
// net/http's HTTP/1 writer then sends `Connection: close` and does not try to read the rest of the body
// (HTTP/2's has no such hook, and nothing happens). The method is unexported in net/http, and a
// MaxBytesReader built on our wrapper cannot reach it, so a 413 through the wrapper reaches it this way,
// through a MaxBytesReader on w with a limit of 0, read by one byte.
func tooLarge(w http.ResponseWriter) {
	var b [1]byte
	http.MaxBytesReader(w, oneByte{}, 0).Read(b[:]) //nolint:errcheck // the *MaxBytesError is the point
}

// oneByte is a body of one byte, and then another: enough to pass a limit of 0.
type oneByte struct{}

func (oneByte) Read(p []byte) (int, error) { return copy(p, "x"), nil }
func (oneByte) Close() error               { return nil }

// releasedWriter is what Unwrap returns once the request is over: it sends nothing and supports nothing,
// so that an http.ResponseController in a stray goroutine gets http.ErrNotSupported.
type releasedWriter struct{}

func (releasedWriter) Header() http.Header       { return http.Header{} }
func (releasedWriter) Write([]byte) (int, error) { return 0, errReleased }
func (releasedWriter) WriteHeader(int)           {}

// isFlusher reports whether w can flush: http.Flusher, or FlushError alone; combos.go asks it.
func isFlusher(w http.ResponseWriter) bool {
	if _, ok := w.(http.Flusher); ok {
		return true
	}
	_, ok := w.(interface{ FlushError() error })
	return ok
}
