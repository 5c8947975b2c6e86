package httperr

import "fmt"

// PanicError is the cause of the problem rendered for a panic the adapters recover: the panic value and the
// stack of the goroutine that panicked. Logs show it; bodies never do.
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
