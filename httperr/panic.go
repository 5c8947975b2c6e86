package httperr

import (
	"fmt"
	"runtime/debug"
)

// PanicError is the cause of the problem rendered for a recovered panic: the panic value and the stack of the
// goroutine that panicked. Logs show it; bodies never do.
type PanicError struct {
	Value any
	Stack []byte
}

// Error returns "panic: " and the panic value.
func (p *PanicError) Error() string { return fmt.Sprintf("panic: %v", p.Value) }

// Unwrap returns the panic value when it is an error, so that errors.Is sees it.
func (p *PanicError) Unwrap() error {
	err, _ := p.Value.(error)
	return err
}

// Recovered returns the 500 Internal Server Error to render for the panic value p, caught by an adapter's
// recover; call it from the deferred function so that the stack is the panicking one. Whatever p is, even an
// *Error, the status is 500: a panic is a bug. Adapters re-panic [net/http.ErrAbortHandler] instead of calling
// Recovered, as net/http expects.
func Recovered(p any) *Error {
	return InternalServerError("").Wrap(&PanicError{Value: p, Stack: debug.Stack()})
}
