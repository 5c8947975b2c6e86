// Package hold is the holding writer of the echo v4 and echo v5 adapters: it sits below echo's Response,
// over the server's writer, and holds back each error answer the rule of internal/answer may replace, so
// that an answer written straight to c.Response() (echo's middleware.Timeout, http.ServeContent's 416,
// gorilla/websocket's 400, a middleware's c.String(429, ...)) becomes a problem once the chain has run.
package hold

import (
	"bufio"
	"errors"
	"net"
	"net/http"
	"sync"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/answer"
)

// Writer holds back an error answer (see [answer.Held]) and passes everything else to the writer it wraps.
//
// A Writer is allocated per request, never pooled, and released when the request is over: a goroutine that
// kept c.Response().Writer and writes after the handler returned then gets an error, never another
// request's response (a pooled Writer would by then serve another request). Every method the handler can
// reach takes mu, so that the release waits for a write in flight and no write starts after it.
type Writer struct {
	mu      sync.Mutex
	w       http.ResponseWriter // nil once released
	rd      *httperr.Renderer
	held    answer.Held
	holding bool  // held is an answer held back
	started bool  // a final status, a body, a flush or a hijack went out
	closed  bool  // the chain has run: nothing more is held
	status  int   // the status sent, for echo's Response
	size    int64 // the bytes of body sent, for echo's Response
}

// errReleased is what a write gets once the request is over.
var errReleased = errors.New("hold: write after the request was over; nothing was sent")

// New returns a Writer over w, holding error answers under rd's setting ([httperr.Renderer.KeepText]).
// Release it when the request is over.
func New(w http.ResponseWriter, rd *httperr.Renderer) *Writer {
	return &Writer{w: w, rd: rd}
}

// Release detaches hw from the writer it wraps, sending first an answer still held as it was.
func (hw *Writer) Release() {
	hw.mu.Lock()
	defer hw.mu.Unlock()
	hw.send()
	hw.w = nil
}

// View returns the writer to put in echo's Response: hw with exactly the optional interfaces of the writer it
// wraps that echo relies on, [http.Flusher] and [http.Hijacker], and Unwrap for [http.ResponseController].
// It does not allocate.
func (hw *Writer) View() http.ResponseWriter {
	v := view{hw}
	switch hw.w.(type) {
	case interface {
		http.Flusher
		http.Hijacker
	}:
		return flushHijackView{v}
	case http.Flusher:
		return flushView{v}
	case http.Hijacker:
		return hijackView{v}
	}
	return v
}

// Render ends the holding: when an answer is held, it renders its problem through hw in its place, and
// returns the status and the body size sent, for echo's Response; ok is false when nothing was held.
func (hw *Writer) Render(r *http.Request) (status int, size int64, ok bool) {
	hw.mu.Lock()
	hw.closed = true
	if !hw.holding || hw.w == nil {
		hw.mu.Unlock()
		return 0, 0, false
	}
	hw.holding = false
	hw.mu.Unlock()
	hw.rd.Render(hw.View(), r, hw.held.Problem())
	hw.mu.Lock()
	defer hw.mu.Unlock()
	return hw.status, hw.size, true
}

// Drop forgets an answer held back, and reports whether there was one: a panic's problem is rendered in its
// place.
func (hw *Writer) Drop() bool {
	hw.mu.Lock()
	defer hw.mu.Unlock()
	was := hw.holding
	hw.holding, hw.closed = false, true
	return was
}

func (hw *Writer) writeHeader(code int) {
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.holding {
		return // a second status while one is held is ignored, as net/http ignores it once sent
	}
	if !hw.started && !hw.closed && hw.held.Hold(hw.rd, code, hw.w.Header()) {
		hw.holding = true
		return
	}
	if code >= 200 || code == http.StatusSwitchingProtocols {
		if !hw.started {
			hw.status = code
		}
		hw.started = true
	}
	hw.w.WriteHeader(code)
}

func (hw *Writer) write(b []byte) (int, error) {
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil {
		return 0, errReleased
	}
	if hw.holding {
		if hw.held.Add(b) {
			return len(b), nil
		}
		hw.send()
	}
	hw.begin()
	n, err := hw.w.Write(b)
	hw.size += int64(n)
	return n, err
}

// begin records that the response starts, with net/http's implied 200 when no status was sent.
func (hw *Writer) begin() {
	if !hw.started {
		hw.started, hw.status = true, http.StatusOK
	}
}

// send sends the answer held as it was: it is not one to replace (a longer body, a flush, a hijack), or the
// request ended without rendering it.
func (hw *Writer) send() {
	if !hw.holding || hw.w == nil {
		return
	}
	hw.holding, hw.started, hw.status = false, true, hw.held.Status
	hw.w.WriteHeader(hw.held.Status)
	if body := hw.held.Body(); len(body) > 0 {
		n, _ := hw.w.Write(body) //nolint:errcheck // as the handler's own Write would have
		hw.size += int64(n)
	}
}

// view is the Writer as an http.ResponseWriter; it is one pointer, so it converts to an interface without
// allocating.
type view struct{ hw *Writer }

// Header returns the header of the writer wrapped; once released, a new map each time, which goes nowhere.
func (v view) Header() http.Header {
	v.hw.mu.Lock()
	defer v.hw.mu.Unlock()
	if v.hw.w == nil {
		return http.Header{}
	}
	return v.hw.w.Header()
}

func (v view) WriteHeader(code int)        { v.hw.writeHeader(code) }
func (v view) Write(b []byte) (int, error) { return v.hw.write(b) }

// Unwrap returns the writer wrapped, for [http.ResponseController]; nil once released.
func (v view) Unwrap() http.ResponseWriter {
	v.hw.mu.Lock()
	defer v.hw.mu.Unlock()
	return v.hw.w
}

// flush sends the answer held as it was (a streamed answer is the application's), then flushes.
func (v view) flush() {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w != nil {
		hw.send()
		hw.begin()
		hw.w.(http.Flusher).Flush()
	}
}

// hijack sends the answer held as it was, then hands the connection over.
func (v view) hijack() (net.Conn, *bufio.ReadWriter, error) {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil {
		return nil, nil, errReleased
	}
	hw.send()
	hw.begin()
	return hw.w.(http.Hijacker).Hijack()
}

type flushView struct{ view }

func (v flushView) Flush() { v.flush() }

type hijackView struct{ view }

func (v hijackView) Hijack() (net.Conn, *bufio.ReadWriter, error) { return v.hijack() }

type flushHijackView struct{ view }

func (v flushHijackView) Flush()                                       { v.flush() }
func (v flushHijackView) Hijack() (net.Conn, *bufio.ReadWriter, error) { return v.hijack() }
