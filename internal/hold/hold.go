// Package hold is the holding writer of the net/http, echo v4 and echo v5 adapters: it sits over the
// server's writer (below echo's Response), holds back each error answer the rule of internal/answer may
// replace (a router's 404 and 405, a rate limiter's 429, http.ServeContent's 416, a handler's http.Error),
// renders the problem of the answer held or of an error in one locked step, and is released when the request
// is over: from then on nothing it is given reaches the writer it wrapped.
package hold

//go:generate go test -run ^TestCombos$ -update .

import (
	"errors"
	"net/http"
	"sync"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/answer"
)

// Writer tracks whether the response has started, holds back an error answer in text or with no body (see
// [answer.Held]) until the request is done, and passes everything else to the writer it wraps. Handlers get
// its view ([Writer.View]).
//
// A Writer is allocated per request, never pooled. A handler's goroutine that writes after the handler
// returned (which net/http forbids, and bare net/http survives) holds this very pointer: a pooled Writer
// would by then serve another request, and no check inside it can tell the stray goroutine from the new
// owner. What a pool saved is one allocation and a time under the noise (httperrhttp's BenchmarkMiddleware).
//
// Every method takes mu, so that Release waits for a write in flight and no write starts after it: net/http
// recycles the buffers of a finished response into other connections. A problem is rendered as one step
// against all of them (see render): a handler's goroutine writing meanwhile cannot get into its middle.
type Writer struct {
	mu     sync.Mutex
	w      http.ResponseWriter // the writer wrapped; nil once released
	rd     *httperr.Renderer
	held   answer.Held // the answer held back while holding; its body is allocated only if it has one
	status int         // the status of the problem rendered
	size   int64       // the bytes of the problem's body

	// The flags come last, together, so that the Writer fits the allocator's 112-byte class
	// (BenchmarkMiddleware's B/op).
	started   bool // a status of 101 or 200..599, a body, a flush or a hijack went out
	holding   bool // held is an error answer held back
	closed    bool // a problem is being or was rendered: only the renderer writes (see render)
	rendering bool // the renderer is setting the problem's header fields, outside mu
}

// errReleased is what a write gets once the request is over, or a problem is rendered.
var errReleased = errors.New("hold: write after the handler returned (net/http forbids it); nothing was sent")

// New returns a Writer over w, rendering with rd (nil means the zero Renderer) and holding error answers under
// its setting ([httperr.Renderer.KeepText]). Release it when the request is over.
func New(w http.ResponseWriter, rd *httperr.Renderer) *Writer {
	return &Writer{w: w, rd: rd}
}

// View returns the writer to give the handler: hw with exactly the optional interfaces of the writer it
// wraps (see combos.go), Unwrap for [http.ResponseController] and Written for [httperr.Renderer.Render]. It
// does not allocate.
func (hw *Writer) View() http.ResponseWriter { return view{hw}.wrap(hw.w) }

// Find returns the Writer whose view w is, or wraps through Unwrap() http.ResponseWriter methods; nil if
// none.
func Find(w http.ResponseWriter) *Writer {
	for i := 0; i < 16 && w != nil; i++ {
		switch x := w.(type) {
		case interface{ writer() *Writer }:
			return x.writer()
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// Release detaches hw from the writer it wraps, once the request is over; an answer still held is dropped.
func (hw *Writer) Release() {
	hw.mu.Lock()
	hw.w = nil
	hw.mu.Unlock()
}

// Drop forgets an answer held back, and reports whether there was one: the handler's error, or its panic, is
// rendered in its place.
func (hw *Writer) Drop() bool {
	hw.mu.Lock()
	defer hw.mu.Unlock()
	was := hw.holding
	hw.holding = false
	return was
}

// Finish ends the request: when an answer is held, it renders the problem of its status in its place (see
// [answer.Held.Problem]; its header fields, Allow, WWW-Authenticate, Retry-After, stay), then releases hw. It
// returns the status and the body size sent, for echo's Response; ok is false when nothing was rendered. The
// problem is made under mu, from the body as it stands; a request with nothing held (the common case) is
// released in the same critical section that finds nothing held.
func (hw *Writer) Finish(r *http.Request) (status int, size int64, ok bool) {
	hw.mu.Lock()
	if !hw.holding || hw.w == nil || hw.closed {
		hw.w = nil
		hw.mu.Unlock()
		return 0, 0, false
	}
	e := hw.held.Problem()
	hw.mu.Unlock()
	ok = hw.render(r, e)
	hw.mu.Lock()
	defer hw.mu.Unlock()
	hw.w = nil
	if !ok {
		return 0, 0, false
	}
	return hw.status, hw.size, true
}

// RenderError renders err for r as the whole response through w, hw's view or a writer of the application's
// that wraps it, and reports true; when the response has started, it logs err as unsent instead and reports
// false. Through the view, the problem is rendered in one step (see render); through the application's
// writers, as they may need (to count, compress, buffer), and only they can keep the handler's goroutines
// from writing meanwhile. An answer held is dropped: the error says more.
func (hw *Writer) RenderError(w http.ResponseWriter, r *http.Request, err error) bool {
	if v, ok := w.(interface{ writer() *Writer }); ok && v.writer() == hw {
		return hw.render(r, err)
	}
	if started(w) {
		hw.rd.LogUnsent(r, err)
		return false
	}
	hw.Drop()
	hw.rd.Render(w, r, err)
	return true
}

// started reports whether the response w writes to has started: a writer of the chain from w down to a
// Writer's view says so through Written() bool, the view included.
func started(w http.ResponseWriter) bool {
	for i := 0; i < 16 && w != nil; i++ {
		if x, ok := w.(interface{ Written() bool }); ok && x.Written() {
			return true
		}
		if _, ok := w.(interface{ writer() *Writer }); ok {
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

// render sends the problem for err, rendered with hw's Renderer for r, as the whole response, and reports
// true; when the response has started (or a problem was rendered already), it logs err as unsent instead and
// reports false. It decides under mu and from then on refuses every call but the renderer's (which go
// through problemWriter), so that a goroutine of the handler's writing meanwhile, which net/http forbids,
// gets errReleased: it can neither start the response between the problem's header fields and its status,
// nor touch the header map while the renderer sets it, nor add to the body. Map, Enrich and the log run
// outside mu.
func (hw *Writer) render(r *http.Request, err error) bool {
	hw.mu.Lock()
	unsent := hw.w == nil || hw.started || hw.closed
	if !unsent {
		hw.holding, hw.closed, hw.rendering = false, true, true
	}
	hw.mu.Unlock()
	if unsent {
		hw.rd.LogUnsent(r, err)
		return false
	}
	hw.rd.Render((*problemWriter)(hw), r, err)
	hw.mu.Lock()
	hw.rendering = false
	hw.mu.Unlock()
	return true
}

// problemWriter is the Writer as render gives it to the Renderer: the one writer it still serves.
type problemWriter Writer

func (pw *problemWriter) Header() http.Header {
	hw := (*Writer)(pw)
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil {
		return http.Header{}
	}
	return hw.w.Header()
}

func (pw *problemWriter) WriteHeader(code int) {
	hw := (*Writer)(pw)
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w != nil && !hw.started {
		hw.status = code
		hw.writeHeader(code)
	}
}

func (pw *problemWriter) Write(b []byte) (int, error) {
	hw := (*Writer)(pw)
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil {
		return 0, errReleased
	}
	hw.started = true
	n, err := hw.w.Write(b)
	hw.size += int64(n)
	return n, err
}
