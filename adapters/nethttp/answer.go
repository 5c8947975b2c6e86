package httperrhttp

import "net/http"

// This file recognises the answers that routers and net/http's own handlers give for errors, so that the
// Middleware can send a problem in their place: an error status whose body is exactly what net/http's
// ServeMux, http.NotFound, http.StripPrefix or http.TimeoutHandler send, or an error status with no
// Content-Type and no body at all, as chi's and gorilla/mux's 405 and chi's middleware.Recoverer send.
//
// The answer is recognised by what it is made of, not by where it comes from: r.Pattern, the other clue
// there is, is set only by ServeMux and chi, on a request that middleware after ours (anything that calls
// r.WithContext, http.StripPrefix, http.TimeoutHandler) replaces by a copy we never see. So a handler's own
// http.Error(w, "widget 7 is not in stock", 404) goes out as it is, while a handler's http.NotFound(w, r)
// becomes the same 404 problem as the router's: both said nothing but "not found".

// Bodies of net/http's own error answers.
const (
	textNotFound         = "404 page not found\n"                                                          // http.NotFound, ServeMux, StripPrefix
	textMethodNotAllowed = "Method Not Allowed\n"                                                          // ServeMux
	textTimeout          = "<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>" // http.TimeoutHandler's default
	textPlain            = "text/plain; charset=utf-8"                                                     // http.Error's Content-Type
)

// heldAnswer is an error answer held back by the writer until it is known whether its body is one of the
// bodies above. The body is not kept: while the answer is held, the bytes written are the first n bytes of
// text, the one non-empty body it may still turn out to be.
type heldAnswer struct {
	status  int
	text    string // the body it may be, "" when it may only be empty
	n       int    // how much of text was written
	emptyOK bool   // an empty body is one of those recognised (no Content-Type was set)
}

// hold returns the answer to hold back for a status about to be written with the header h, and whether
// there is one: an error status, with http.Error's Content-Type for ServeMux's texts, or with none.
func hold(status int, h http.Header) (heldAnswer, bool) {
	a := heldAnswer{status: status}
	ct := h["Content-Type"]
	switch {
	case status < 400 || status > 599:
		return a, false
	case len(ct) == 0: // chi's and gorilla's 405, chi's Recoverer's 500, a bare w.WriteHeader(404)
		a.emptyOK = true
		if status == http.StatusServiceUnavailable {
			a.text = textTimeout
		}
	case len(ct) == 1 && ct[0] == textPlain && status == http.StatusNotFound:
		a.text = textNotFound
	case len(ct) == 1 && ct[0] == textPlain && status == http.StatusMethodNotAllowed:
		a.text = textMethodNotAllowed
	default:
		return a, false
	}
	return a, true
}

// addHeld records that b was written after what a holds, and reports whether the body may still be a's
// text; when it may not, a is left as it was.
func addHeld[B string | []byte](a *heldAnswer, b B) bool {
	if len(b) == 0 {
		return true
	}
	if a.n+len(b) > len(a.text) || a.text[a.n:a.n+len(b)] != string(b) {
		return false
	}
	a.n += len(b)
	return true
}

// written returns the body written while a was held: the beginning of its text.
func (a *heldAnswer) written() string { return a.text[:a.n] }

// complete reports whether the body written is one of those recognised, whole.
func (a *heldAnswer) complete() bool {
	return a.n == 0 && a.emptyOK || a.n > 0 && a.n == len(a.text)
}
