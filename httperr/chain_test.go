package httperr_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/testkit"
)

// asLoop's As method yields an *httperr.Error whose cause is the asLoop itself: a cycle through As.
type asLoop struct{}

func (asLoop) Error() string { return "as loop" }
func (l asLoop) As(target any) bool {
	if p, ok := target.(**httperr.Error); ok {
		*p = httperr.Conflict("looped").Wrap(l)
		return true
	}
	return false
}

// asSelfLoop unwraps to itself and has an As method that yields nothing.
type asSelfLoop struct{}

func (*asSelfLoop) Error() string   { return "as self loop" }
func (*asSelfLoop) As(any) bool     { return false }
func (e *asSelfLoop) Unwrap() error { return e }

// asForeign's As method yields the value it holds when the target's type fits.
type asForeign struct{ v any }

func (a asForeign) Error() string { return "as foreign" }
func (a asForeign) As(target any) bool {
	switch p := target.(type) {
	case **http.MaxBytesError:
		if v, ok := a.v.(*http.MaxBytesError); ok {
			*p = v
			return true
		}
	case **json.SyntaxError:
		if v, ok := a.v.(*json.SyntaxError); ok {
			*p = v
			return true
		}
	case *interface{ StatusCode() int }:
		if v, ok := a.v.(interface{ StatusCode() int }); ok {
			*p = v
			return true
		}
	case *interface{ Violations() []httperr.Violation }:
		if v, ok := a.v.(interface{ Violations() []httperr.Violation }); ok {
			*p = v
			return true
		}
	}
	return false
}

// isTarget's Is method says it is target; it wraps what it holds.
type isTarget struct {
	target error
	next   error
}

func (e isTarget) Error() string        { return "is target" }
func (e isTarget) Is(target error) bool { return target == e.target }
func (e isTarget) Unwrap() error        { return e.next }

// zeroViolator is a Violator whose StatusCode is 0.
type zeroViolator struct{ violationsError }

func (zeroViolator) StatusCode() int { return 0 }

// twoStatuses has a StatusCode that is no error status beside an HTTPStatus that is.
type twoStatuses struct{ code, status int }

func (e twoStatuses) Error() string   { return "two statuses" }
func (e twoStatuses) StatusCode() int { return e.code }
func (e twoStatuses) HTTPStatus() int { return e.status }

// statusWrapper has a status of its own and wraps another error.
type statusWrapper struct {
	code int
	next error
}

func (e statusWrapper) Error() string   { return "status wrapper" }
func (e statusWrapper) StatusCode() int { return e.code }
func (e statusWrapper) Unwrap() error   { return e.next }

// joiner is an Unwrap() []error of its own, which may hold nil errors.
type joiner struct{ errs []error }

func (j *joiner) Error() string   { return "joiner" }
func (j *joiner) Unwrap() []error { return j.errs }

// TestChainAgreesWithErrorsAs is the comparison table: on every chain, StatusOf and From follow the rule
// written in From's doc, and agree with errors.As and errors.Is (on chains without cycles, where those end):
// the *httperr.Error errors.As finds is the one From returns, and a mapped error wraps the whole chain.
func TestChainAgreesWithErrorsAs(t *testing.T) {
	conflict := httperr.Conflict("email taken")
	notFound := httperr.NotFound("user")
	var nilErr *httperr.Error
	self := &selfUnwrapper{"loop"}
	ping, pong := &pingPong{}, &pingPong{}
	ping.other, pong.other = pong, ping
	mb := &http.MaxBytesError{Limit: 10}
	se := &json.SyntaxError{Offset: 3}

	tests := []struct {
		name   string
		err    error
		status int
		detail string // "" for the catalog's or the *Error's own
		cyclic bool   // errors.As and errors.Is would not return
	}{
		// The cases main got wrong.
		{name: "As method yields a 409 *Error", err: testkit.AsProblem(conflict), status: 409},
		{name: "As method yields a 409 *Error, wrapped", err: fmt.Errorf("x: %w", testkit.AsProblem(conflict)), status: 409},
		{name: "Is method matches DeadlineExceeded", err: isTarget{target: context.DeadlineExceeded}, status: 504},
		{name: "Violator with StatusCode 0", err: zeroViolator{}, status: 422},
		{name: "StatusCode 200 beside HTTPStatus 409", err: twoStatuses{200, 409}, status: 409},
		// One error, several interfaces.
		{name: "StatusCode before HTTPStatus", err: twoStatuses{418, 503}, status: 418},
		{name: "both out of range", err: twoStatuses{700, 0}, status: 500},
		{name: "StatusCode 0, wrapping a deadline", err: statusWrapper{0, context.DeadlineExceeded}, status: 504},
		{name: "Is method matches Canceled", err: isTarget{target: context.Canceled}, status: 499},
		{name: "Is method matches fs.ErrPermission", err: isTarget{target: fs.ErrPermission}, status: 403},
		{name: "Is method that matches nothing, wrapping a 404", err: isTarget{target: io.EOF, next: fs.ErrNotExist}, status: 404},
		// As methods that yield other mapped types.
		{name: "As yields a MaxBytesError", err: asForeign{mb}, status: 413, detail: "request body exceeds the limit of 10 bytes"},
		{name: "As yields a SyntaxError", err: asForeign{se}, status: 400, detail: "request body is not valid JSON (at byte 3)"},
		{name: "As yields a StatusCoder", err: asForeign{statusCodeError{451}}, status: 451},
		{name: "As yields a Violator", err: asForeign{violationsError{}}, status: 422},
		{name: "As yields nothing that maps", err: asForeign{errors.New("x")}, status: 500},
		// An *Error anywhere wins.
		{name: "*Error inside a join after a foreign error", err: errors.Join(fs.ErrNotExist, conflict), status: 409},
		{name: "*Error wrapped by an error with a status", err: statusWrapper{418, notFound}, status: 404},
		{name: "*Error wrapping a foreign 404", err: conflict.Wrap(fs.ErrNotExist), status: 409},
		{name: "first of two *Errors", err: errors.Join(fmt.Errorf("a: %w", notFound), conflict), status: 404},
		{name: "*Error after an As method that yields one", err: errors.Join(testkit.AsProblem(conflict), notFound), status: 409},
		{name: "*Error deep in nested joins", err: errors.Join(errors.Join(context.Canceled, errors.Join(io.EOF, notFound)), fs.ErrPermission), status: 404},
		{name: "typed nil *Error in a join after a 404", err: errors.Join(fs.ErrNotExist, nilErr), status: 500},
		{name: "typed nil *Error wrapped", err: fmt.Errorf("x: %w", nilErr), status: 500},
		{name: "*Error with an out-of-range status", err: fmt.Errorf("x: %w", httperr.New(200, "fine")), status: 500},
		// Else the first error that maps, in errors.As's order.
		{name: "join: first that maps", err: errors.Join(errors.New("a"), context.Canceled, fs.ErrNotExist), status: 499},
		{name: "join: out-of-range status skipped", err: errors.Join(statusCodeError{200}, fs.ErrNotExist), status: 404},
		{name: "nested joins: depth first", err: errors.Join(errors.Join(io.EOF, errors.Join(context.Canceled)), fs.ErrNotExist), status: 499},
		{name: "several %w: the first", err: fmt.Errorf("%w and %w", statusCodeError{418}, fs.ErrNotExist), status: 418},
		{name: "several %w: the second when the first maps to nothing", err: fmt.Errorf("%w and %w", io.EOF, fs.ErrPermission), status: 403},
		{name: "wrapper's own status before what it wraps", err: statusWrapper{409, fs.ErrNotExist}, status: 409},
		{name: "url.Error with a deadline", err: &url.Error{Op: "Get", URL: "http://x", Err: context.DeadlineExceeded}, status: 504},
		{name: "Unwrap() []error with nil errors", err: &joiner{[]error{nil, fs.ErrNotExist, nil}}, status: 404},
		{name: "Unwrap() error returning nil", err: statusWrapper{0, nil}, status: 500},
		{name: "nothing maps", err: fmt.Errorf("x: %w", errors.Join(io.EOF, errors.New("y"))), status: 500},
		// Cycles: the walk ends after 64 errors; what it found before decides.
		{name: "cycle through As", err: asLoop{}, status: 409, detail: "looped"},
		{name: "cycle through Unwrap", err: self, status: 500, cyclic: true},
		{name: "cycle through Unwrap with an As method", err: &asSelfLoop{}, status: 500, cyclic: true},
		{name: "two-cycle", err: ping, status: 500, cyclic: true},
		{name: "404 before a cycle", err: errors.Join(fs.ErrNotExist, self), status: 404, cyclic: true},
		{name: "*Error before a cycle", err: errors.Join(conflict, &selfJoiner{}), status: 409, cyclic: true},
		{name: "*Error after a cycle that uses up the bound", err: errors.Join(&selfJoiner{}, conflict), status: 500, cyclic: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			type result struct {
				status int
				e      *httperr.Error
			}
			done := make(chan result, 1)
			go func() { done <- result{httperr.StatusOf(tt.err), httperr.From(tt.err)} }()
			var got result
			select {
			case got = <-done:
			case <-time.After(10 * time.Second):
				t.Fatal("did not terminate")
			}
			if got.status != tt.status {
				t.Errorf("StatusOf = %d, want %d", got.status, tt.status)
			}
			if got.e == nil || got.e.Status() != tt.status {
				t.Fatalf("From = %v, want status %d", got.e, tt.status)
			}
			if tt.detail != "" && got.e.Detail() != tt.detail {
				t.Errorf("From(err).Detail() = %q, want %q", got.e.Detail(), tt.detail)
			}
			if tt.cyclic {
				return
			}
			var want *httperr.Error
			switch {
			case errors.As(tt.err, &want) && want != nil:
				if got.e != want && got.e.Unwrap() != want.Unwrap() {
					t.Errorf("From = %p %v, errors.As finds %p %v", got.e, got.e, want, want)
				}
				if want.Status() != got.status {
					t.Errorf("errors.As finds status %d, StatusOf says %d", want.Status(), got.status)
				}
			default: // a mapped error, a 500 or a typed nil *Error's 500: the whole chain is its cause
				if !errors.Is(got.e, tt.err) {
					t.Errorf("From(err) does not wrap err")
				}
			}
			for target, status := range map[error]int{context.DeadlineExceeded: 504, context.Canceled: 499,
				fs.ErrNotExist: 404, fs.ErrPermission: 403} {
				if got.status == status && !errors.Is(tt.err, target) && want == nil {
					t.Errorf("status %d, but errors.Is(err, %v) is false", status, target)
				}
			}
		})
	}
}

// TestStatusOfAllocsOnChains pins the walk of chains with joins and Is methods at zero allocations.
func TestStatusOfAllocsOnChains(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  error
	}{
		{"*Error inside a join after a foreign error", errors.Join(fs.ErrNotExist, httperr.Conflict("x"))},
		{"Is method", isTarget{target: context.DeadlineExceeded}},
		{"nested joins", errors.Join(errors.Join(io.EOF, errors.Join(context.Canceled)), fs.ErrNotExist)},
		{"StatusCode 200 beside HTTPStatus 409", twoStatuses{200, 409}},
		{"cycle", &selfUnwrapper{"loop"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, func() { httperr.StatusOf(tc.err) }); n != 0 {
				t.Errorf("StatusOf allocates %v times per call", n)
			}
		})
	}
}

// TestFromAllocs pins From: nothing for an *Error found in the chain, one allocation (the *Error) for an
// error it maps or turns into a 500.
func TestFromAllocs(t *testing.T) {
	for _, tc := range []struct {
		name   string
		err    error
		pinned float64
	}{
		{"wrapped *Error", fmt.Errorf("x: %w", httperr.NotFound("user")), 0},
		{"*Error in a join", errors.Join(fs.ErrNotExist, httperr.Conflict("x")), 0},
		{"wrapped plain error", fmt.Errorf("x: %w", errors.New("db")), 1},
		{"wrapped sentinel", fmt.Errorf("x: %w", context.DeadlineExceeded), 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if n := testing.AllocsPerRun(100, func() { httperr.From(tc.err) }); n > tc.pinned {
				t.Errorf("From allocates %v times per call, pinned at %v", n, tc.pinned)
			}
		})
	}
}
