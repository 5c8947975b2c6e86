// Package ginhold is the holding writer of the gin adapter: it is c.Writer while the adapter's Middleware
// runs, tells Handle that a Middleware will render its error, and holds back each error answer the rule of
// internal/answer may replace, so that c.String(429, "slow down"), c.AbortWithStatus(404) or
// gin-contrib/timeout's 408 becomes a problem once the chain has run. It also yields gin's path parameters
// to internal/location ([Params]).
package ginhold

import (
	"bufio"
	"net"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/answer"
)

// Writer is c.Writer while the Middleware runs: it tells Handle that a Middleware will render its error, and
// with which Renderer (a context key would do as much, but c.Set allocates a map on every request, and
// writers are pooled), and it holds back the error answers the Middleware replaces by their problem.
//
// An answer is held at its commit, when gin's writer would send the status (the first write,
// WriteHeaderNow, as c.AbortWithStatus makes it, or the end of the chain for a c.Status(404) with nothing
// written), if the rule of internal/answer may replace it: an error status with no Content-Type, text/plain
// or text/html ([answer.Held]). It goes out as it was once its body passes answer.MaxBody, at a flush or a
// hijack; otherwise the Middleware renders its problem, or the error of c.Errors, in its place. While an
// answer is held, Status, Size and Written say what gin's writer would say had it been sent, and a second
// status is ignored, as gin ignores one after the commit.
type Writer struct {
	gin.ResponseWriter
	rd      *httperr.Renderer
	held    answer.Held
	holding bool // held is an answer held back
	// pending is set when WriteHeaderNow held back the commit of an empty error answer that held does not
	// hold (a Content-Type other than text was set): the Middleware renders the error of c.Errors, or the
	// problem of the status, in its place, as for c.AbortWithStatus and c.AbortWithError in a JSON API.
	pending bool
	// rendering is set while a problem is rendered through the writer: see WriteHeader.
	rendering bool
}

var writers = sync.Pool{New: func() any { return new(Writer) }}

// New returns a pooled Writer over w, holding error answers under rd's setting ([httperr.Renderer.KeepText]).
// Put it in c.Writer, and [Writer.Release] it when the Middleware is done.
func New(w gin.ResponseWriter, rd *httperr.Renderer) *Writer {
	hw := writers.Get().(*Writer)
	hw.ResponseWriter, hw.rd = w, rd
	return hw
}

// Release gives c its writer back and pools w, sending first an answer still held as it was (a re-panic).
// When a middleware inside left its own wrapper of w in c.Writer (gin-contrib's gzip does), w stays in use
// through that wrapper for whatever runs outside, a logger reading the status, say: it is then left to the
// garbage collector, never pooled.
func (w *Writer) Release(c *gin.Context) {
	if c.Writer != w {
		return
	}
	c.Writer = w.ResponseWriter
	w.send()
	// The writer wrapped stays, so that a goroutine of the handler's still writing through w (gin's
	// documentation forbids it) reaches gin's writer, as it would without us, never a nil one: that panic
	// would end the process (TestSubprocessStrayWriteDuringRender).
	// held keeps its body's array (at most answer.MaxBody) for the next error answer. The fields are reset
	// one by one: a composite literal copies the whole struct with write barriers, on every request
	// (BenchmarkNoContent, fw=gin).
	w.rd, w.holding, w.pending, w.rendering = nil, false, false, false
	writers.Put(w)
}

// Forget forgets the answer held back or pending: an error recorded, or a panic's 500, is rendered in its
// place.
func (w *Writer) Forget() { w.holding, w.pending = false, false }

// Idle reports, once the chain has run, that the Middleware has nothing to render: no answer held or
// pending, and a status below 400 (a success needs no other look, BenchmarkNoContent with fw=gin).
func (w *Writer) Idle() bool { return !w.holding && !w.pending && w.ResponseWriter.Status() < 400 }

// Held returns, once the chain has run, the problem to send in place of the answer held back (a text or
// empty error answer, c.Status(404) alone included) or pending (c.AbortWithStatus(code) alone: the
// catalog's problem for code), or nil.
func (w *Writer) Held() *httperr.Error {
	switch {
	case w.holding || w.hold():
		w.holding = false
		return w.held.Problem()
	case w.pending:
		w.pending = false
		return httperr.New(w.Status(), "")
	}
	return nil
}

// Render renders err into out, or logs it when the response has started. It commits the status line,
// because gin writes its default 404 and 405 bodies when it finds none written (a HEAD problem has no body).
// When out is a Writer, the problem goes to the writer below any that a middleware inside put in c.Writer:
// gin-contrib/gzip's, say, deletes Vary and Content-Length from every error response it writes, and would
// not compress a problem anyway.
func Render(rd *httperr.Renderer, r *http.Request, out gin.ResponseWriter, err error) {
	if out.Written() {
		rd.LogUnsent(r, err)
		return
	}
	if w, ok := out.(*Writer); ok {
		w.rendering = true
		defer func() { w.rendering = false }()
	}
	rd.Render(out, r, err)
	out.WriteHeaderNow()
}

// hold starts holding the answer gin's writer is about to commit, when it is one to hold.
func (w *Writer) hold() bool {
	if w.rendering || w.ResponseWriter.Written() || w.ResponseWriter.Status() < 400 {
		return false
	}
	w.holding = w.held.Hold(w.rd, w.ResponseWriter.Status(), w.ResponseWriter.Header())
	return w.holding
}

// commitPending commits a pending status: a body, a flush or a hijack follows.
func (w *Writer) commitPending() {
	if w.pending {
		w.pending = false
		w.ResponseWriter.WriteHeaderNow()
	}
}

// send sends the answer held, or pending, as it was.
func (w *Writer) send() {
	w.commitPending()
	if !w.holding {
		return
	}
	w.holding = false
	w.ResponseWriter.WriteHeaderNow()
	if body := w.held.Body(); len(body) > 0 {
		w.ResponseWriter.Write(body) //nolint:errcheck // as the handler's own Write would have
	}
}

// WriteHeader sets the status, and commits it at once while a problem is rendered: the problem's header
// fields then go out as Render set them, whatever a middleware's writer between this one and the connection
// does to header fields as the body goes through (gin-contrib/gzip deletes Vary from every error response).
func (w *Writer) WriteHeader(code int) {
	if w.holding || w.pending {
		return
	}
	w.ResponseWriter.WriteHeader(code)
	if w.rendering {
		w.ResponseWriter.WriteHeaderNow()
	}
}

// WriteHeaderNow commits the status, or holds it back (see Writer). Gin writes its header fields at the
// commit, so a committed empty 404 would get no body and no Content-Type.
func (w *Writer) WriteHeaderNow() {
	if w.holding || w.pending || w.hold() {
		return
	}
	if !w.rendering && w.ResponseWriter.Status() >= 400 && !w.ResponseWriter.Written() {
		w.pending = true
		return
	}
	w.ResponseWriter.WriteHeaderNow()
}

// Write writes b, committing the status first, as gin's writer does; a write of nothing before anything
// was written commits nothing. gin-contrib/gzip (since v1.2.6) writes its empty buffer on the way out of
// every request it did not compress, which would otherwise commit a 200 before the Middleware renders the
// error of a handler inside it.
func (w *Writer) Write(b []byte) (int, error) {
	if len(b) == 0 && !w.ResponseWriter.Written() {
		return 0, nil
	}
	w.commitPending()
	if w.holding || w.hold() {
		if w.held.Add(b) {
			return len(b), nil
		}
		w.send()
	}
	return w.ResponseWriter.Write(b)
}

// WriteString is Write for a string, as gin's c.String writes.
func (w *Writer) WriteString(s string) (int, error) {
	if len(s) == 0 && !w.ResponseWriter.Written() {
		return 0, nil
	}
	w.commitPending()
	if w.holding || w.hold() {
		if w.held.AddString(s) {
			return len(s), nil
		}
		w.send()
	}
	return w.ResponseWriter.WriteString(s)
}

// Written reports whether the response was committed, held back or sent.
func (w *Writer) Written() bool { return w.holding || w.pending || w.ResponseWriter.Written() }

// Size returns the size of the body written: while an answer is held, of its body.
func (w *Writer) Size() int {
	switch {
	case w.holding:
		return len(w.held.Body())
	case w.pending:
		return 0
	}
	return w.ResponseWriter.Size()
}

// Flush sends an answer held as it was (a streamed answer is the application's), then flushes.
func (w *Writer) Flush() {
	w.send()
	w.ResponseWriter.Flush()
}

// Hijack sends an answer held as it was, then hands the connection over as gin's writer does.
func (w *Writer) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	w.send()
	return w.ResponseWriter.Hijack()
}

// Unwrap returns the underlying writer, for [http.ResponseController].
func (w *Writer) Unwrap() http.ResponseWriter { return w.ResponseWriter }
