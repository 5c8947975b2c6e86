// Package recovery holds what every adapter's recover does with a panic value.
package recovery

import (
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
