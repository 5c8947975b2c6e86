// Package recovery holds what every adapter's recover does with a panic value.
package recovery

import (
	"net/http"
	"runtime/debug"

	"github.com/httperr/toolkit/httperr"
)

// Problem returns the 500 Internal Server Error to render for the panic value p, caught by an adapter's
// recover, its cause an [*httperr.PanicError] with the stack: call it from the deferred function, so that the
// stack is the panicking one. Whatever p is, even an *httperr.Error, the status is 500: a panic is a bug.
// Adapters re-panic [net/http.ErrAbortHandler] instead, as net/http expects.
func Problem(p any) *httperr.Error {
	return httperr.InternalServerError("").Wrap(&httperr.PanicError{Value: p, Stack: debug.Stack()})
}

// Answer is what a recover on net/http's terms does with the panic value p (not nil), for the request r: it
// re-panics [net/http.ErrAbortHandler]; once the response has started, it logs the problem with
// [httperr.Renderer.LogUnsent] and aborts the response with a panic of http.ErrAbortHandler, so that the
// client sees a broken response, not a whole wrong one; otherwise it returns the problem to render
// ([Problem]). Call it from the deferred function.
func Answer(rd *httperr.Renderer, r *http.Request, p any, started bool) *httperr.Error {
	if p == http.ErrAbortHandler {
		panic(p)
	}
	e := Problem(p)
	if started {
		rd.LogUnsent(r, e)
		panic(http.ErrAbortHandler)
	}
	return e
}
