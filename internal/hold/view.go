package hold

import (
	"bufio"
	"io"
	"net"
	"net/http"
)

// view is the Writer as the handler's http.ResponseWriter; it is one pointer, so it and the combination
// types of combos.go convert to an interface without allocating.
//
// The combination types are ours rather than felixge/httpsnoop's: httpsnoop.Wrap (v1.1.0) with the three
// hooks this writer would need at least (WriteHeader, Write, Flush) allocates many times per request
// (testing.AllocsPerRun; the count is in docs/performance.md), this writer once.
type view struct{ hw *Writer }

// writer returns the Writer; Find uses it to recognise a view inside any of the combination types.
func (v view) writer() *Writer { return v.hw }

// Written reports whether the response has started (or the request is over, or a problem was rendered);
// [httperr.Renderer.Render] asks.
func (v view) Written() bool {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	return hw.started || hw.w == nil || hw.closed
}

// Unwrap returns the underlying writer, for [http.ResponseController]; once the request is over, or a
// problem rendered, a writer that supports nothing.
func (v view) Unwrap() http.ResponseWriter {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return releasedWriter{}
	}
	return hw.w
}

// Header returns the header map of the underlying writer; once the request is over, or while a problem is
// rendered, a new map each time, which goes nowhere.
func (v view) Header() http.Header {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.rendering {
		return http.Header{}
	}
	return hw.w.Header()
}

// WriteHeader holds back an error answer that the package answer may replace by its problem (no
// Content-Type, text/plain or text/html) until the request is done or its body turns out not to be one;
// any other status goes out. A 1xx informational status (103 Early Hints) goes out without starting
// the response. A 413 first tells the underlying writer what [http.MaxBytesReader] would: see tooLarge.
func (v view) WriteHeader(code int) {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed || hw.started || hw.holding {
		return // a second status is ignored, as net/http ignores it
	}
	if hw.held.Hold(hw.rd, code, hw.w.Header()) {
		hw.holding = true
		return
	}
	hw.writeHeader(code)
}

// writeHeader sends the status line; hw.mu is held.
func (hw *Writer) writeHeader(code int) {
	if code == http.StatusRequestEntityTooLarge {
		tooLarge(hw.w)
	}
	if code >= 200 || code == http.StatusSwitchingProtocols {
		hw.started = true
	}
	hw.w.WriteHeader(code)
}

// sendHeld sends the answer held back as it was, once it is known not to be one to replace (its body
// passed answer.MaxBody, or it was flushed, copied with ReadFrom or hijacked); hw.mu is held.
func (hw *Writer) sendHeld() error {
	if !hw.holding {
		return nil
	}
	hw.holding = false
	hw.writeHeader(hw.held.Status)
	if body := hw.held.Body(); len(body) > 0 {
		_, err := hw.w.Write(body)
		return err
	}
	return nil
}

func (v view) Write(b []byte) (int, error) {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return 0, errReleased
	}
	if hw.holding {
		if hw.held.Add(b) {
			return len(b), nil // to be replaced by its problem
		}
		if err := hw.sendHeld(); err != nil {
			return 0, err
		}
	}
	hw.started = true
	return hw.w.Write(b)
}

// writeString is io.StringWriter's WriteString, for the combinations whose writer has it.
func (v view) writeString(s string) (int, error) {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return 0, errReleased
	}
	if hw.holding {
		if hw.held.AddString(s) {
			return len(s), nil
		}
		if err := hw.sendHeld(); err != nil {
			return 0, err
		}
	}
	hw.started = true
	return hw.w.(io.StringWriter).WriteString(s)
}

// readFrom is io.ReaderFrom's ReadFrom (io.Copy's sendfile path), for the combinations whose writer has it.
func (v view) readFrom(src io.Reader) (int64, error) {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return 0, errReleased
	}
	if err := hw.sendHeld(); err != nil { // io.Copy of an error body, of a length we do not know: sent as it is
		return 0, err
	}
	hw.started = true
	return hw.w.(io.ReaderFrom).ReadFrom(src)
}

// flush sends buffered data, starting the response, and returns the underlying writer's FlushError (the
// client went away, a write deadline passed), for the combinations whose writer can flush.
func (v view) flush() error {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return errReleased
	}
	if err := hw.sendHeld(); err != nil { // a streamed error answer is the handler's
		return err
	}
	hw.started = true
	if f, ok := hw.w.(interface{ FlushError() error }); ok {
		return f.FlushError()
	}
	hw.w.(http.Flusher).Flush()
	return nil
}

// hijack hands the connection over, for the combinations whose writer has http.Hijacker. Only a hijack that
// succeeded starts the response: after a failed one, the handler's error is still rendered.
func (v view) hijack() (net.Conn, *bufio.ReadWriter, error) {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return nil, nil, errReleased
	}
	hw.sendHeld() //nolint:errcheck // the connection is what the handler wants; Hijack tells whether it has it
	c, brw, err := hw.w.(http.Hijacker).Hijack()
	if err == nil {
		hw.started = true
	}
	return c, brw, err
}

// push is http.Pusher's Push (HTTP/2), for the combinations whose writer has it; a push does not start the
// response.
func (v view) push(target string, opts *http.PushOptions) error {
	hw := v.hw
	hw.mu.Lock()
	defer hw.mu.Unlock()
	if hw.w == nil || hw.closed {
		return errReleased
	}
	return hw.w.(http.Pusher).Push(target, opts)
}

// tooLarge gives w the call that http.MaxBytesReader makes on its writer when a body passes the limit:
// net/http's HTTP/1 writer then sends `Connection: close` and does not try to read the rest of the body
// (HTTP/2's has no such hook, and nothing happens). The method is unexported in net/http, and a
// MaxBytesReader built on our view cannot reach it, so a 413 through the view reaches it this way,
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
