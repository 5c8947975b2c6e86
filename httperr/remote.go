package httperr

import (
	"net/http"
	"slices"

	"github.com/httperr/toolkit/internal/remote"
)

// This file holds what rendering does with an error decoded from another service's response: it is that
// service's account of its own failure, not this service's answer to its client.
//
// A gateway's answer describes the gateway's situation. A remote 5xx means the upstream failed: 502 Bad
// Gateway (RFC 9110 section 15.6.3). A remote 504 stays 504 Gateway Timeout: something behind the upstream
// did not answer in time, so whether the request took effect is unknown, which is what a client needs to
// know before it repeats an unsafe request. A remote 4xx means the upstream refused the request that this
// service made, with this service's credentials, URL and body: that is not the client's mistake but this
// service's failure to get an answer, so it is a 502 as well. Sent as it is, an upstream's 401 would ask
// the client for credentials it has not got wrong (with the upstream's challenge), and its 404 may stand for
// a wrong URL built here. Where an upstream's 4xx does apply to the client (a lookup passed on as it is),
// the handler says so: with [Error.PassThrough], with a mapping, or by building its own error from
// [StatusOf].

// Remote reports whether e was decoded from a response by package
// [github.com/httperr/toolkit/httperrclient] (its FromResponse or Transport) and not passed on with
// [Error.PassThrough]. The With methods keep the mark.
//
// A remote error renders as a gateway error with the catalog's title and detail and nothing of the
// upstream's: 502 Bad Gateway, or 504 Gateway Timeout for a remote 504. Its detail, type, instance,
// extension members (an upstream's "cause", say) and header fields (WWW-Authenticate, Retry-After, ...) are
// not sent; the log record has them, as the rendered problem's cause. [Error.Status] and [StatusOf] still
// give the upstream's status, for the code that called it.
//
// An error of this service's that carries a remote error keeps the upstream's text out of its body too: as
// a cause ([Error.Wrap], or [Newf]'s %w) it is sent only with [Renderer.ExposeCause], as any cause is, and as
// an operand of [Newf] it is formatted as "upstream error", with %w, %v or any verb, directly or wrapped in
// other errors. An upstream's words reach a body only when the application puts them there itself: with
// PassThrough, or with text it took from the error (e.Detail(), say).
func (e *Error) Remote() bool {
	return e != nil && e.extras().remote
}

// PassThrough returns a copy of e that renders as if this service had built it: with the upstream's status,
// title, type, detail, instance, extension members and the header fields its decoder kept. It is for
// an upstream whose answer is meant for the client as it is; to pass on the status alone, render
// httperr.New(httperr.StatusOf(err), "") instead.
func (e *Error) PassThrough() *Error {
	if !e.Remote() {
		return e
	}
	c := e.clone()
	c.copyExtras().remote = false
	return c
}

// forRendering returns the *Error that rendering e sends: e itself, or for a remote e the gateway error
// that stands for it (see [Error.Remote]), whose cause is e so that the log and [Renderer.ExposeCause]
// show what the upstream said.
func (e *Error) forRendering() *Error {
	if !e.Remote() {
		return e
	}
	status := http.StatusBadGateway
	if e.status == http.StatusGatewayTimeout {
		status = http.StatusGatewayTimeout
	}
	return &Error{status: status, cause: e}
}

// init gives package httperrclient its one way to build an error, through package internal/remote.
func init() { remote.NewError = newRemote }

// newRemote returns the remote error for a problem that httperrclient decoded, with every value as it was
// read (see package internal/remote): the four string members, the extension members (the five RFC 9457
// names skipped) and the header fields kept.
func newRemote(p remote.Problem) error {
	e := New(p.Status, p.Detail)
	x := e.copyExtras()
	x.header = p.Header
	x.remote = true
	x.typ, x.title, x.instance = p.Type, p.Title, p.Instance
	keys := make([]string, 0, len(p.Members))
	for k := range p.Members {
		if !reserved(k) {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return e
	}
	slices.Sort(keys)
	nodes := make([]extNode, len(keys))
	for i, k := range keys {
		v := p.Members[k]
		if k == "errors" && p.Violations != nil {
			v = p.Violations
		}
		nodes[i].member = member{k, v}
		if i > 0 { // newest first, as With links them: the last name is the newest member
			nodes[i].next = &nodes[i-1]
		}
	}
	e.ext = &nodes[len(nodes)-1]
	return e
}
