package answer

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
)

// Held is an error answer a writer holds back until the handler is done: its status, its Content-Type and
// the first bytes of its body, at most [MaxBody]. The writers of the net/http, echo and gin adapters hold
// each error answer in one, and send the problem of [Held.Problem] in its place once the request is over,
// or the answer as it was ([Held.Body]) as soon as it turns out not to be one to replace.
//
// The zero Held holds nothing. Its body is allocated only when an error answer writes one.
type Held struct {
	Status      int
	ContentType string
	body        []byte
	keep        bool // rd.KeepText: only an empty body is held
}

// Hold starts holding an answer of status written with the header h, and reports whether it does: an
// answer [Replace] may replace under rd. The header fields stay in h.
func (a *Held) Hold(rd *httperr.Renderer, status int, h http.Header) bool {
	if status < 400 || status > 599 { // a success, without looking the header up
		return false
	}
	ct := ""
	if v := h["Content-Type"]; len(v) > 0 {
		ct = v[0]
	}
	keep := rd != nil && rd.KeepText
	if !Replaceable(status, ct) || keep && ct != "" {
		return false
	}
	a.Status, a.ContentType, a.body, a.keep = status, ct, a.body[:0], keep
	return true
}

// Add records that b was written, and reports whether the answer is still held: false when the body
// passes MaxBody, or under [httperr.Renderer.KeepText] has any, after which the writer sends what is held and b, and holds nothing more.
func (a *Held) Add(b []byte) bool {
	if len(a.body)+len(b) > MaxBody || a.keep && len(b) > 0 {
		return false
	}
	a.body = append(a.body, b...)
	return true
}

// AddString is Add for a string.
func (a *Held) AddString(s string) bool {
	if len(a.body)+len(s) > MaxBody || a.keep && len(s) > 0 {
		return false
	}
	a.body = append(a.body, s...)
	return true
}

// Body returns the body held: what the writer sends when it sends the answer as it was.
func (a *Held) Body() []byte { return a.body }

// Problem returns the problem to send in place of the answer held.
func (a *Held) Problem() *httperr.Error { return Problem(a.Status, a.ContentType, a.body) }
