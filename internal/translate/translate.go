// Package translate holds the one rule by which the echo v4, echo v5, gin and fiber adapters turn an error
// their framework hands them into the error to render. Each adapter describes its framework in a
// [Framework]; the rule is the same for all:
//
//  1. an *httperr.Error handed over as it is is rendered as it is; one anywhere in the chain wins, as
//     [httperr.From] has it (wrapping the framework's error when it is inside it, so that logs keep both);
//  2. go-playground/validator's errors become the 422 of [Framework.Validation] (httperrvalidator.Map, which
//     each adapter hands in, so that nothing under internal/ imports an adapter); the binder's errors the
//     problem [Framework.Binder] gives (a violation naming the parameter);
//  3. the framework's own status-and-message error ([Framework.Error]) keeps its status over those and over
//     the error it wraps, unless theirs refines it ([status.Refines]: the same status, or a client error
//     under a 400, as c.Bind's *json.SyntaxError under echo's 400); its message is judged by
//     [status.FrameworkError], a validator's text ([IsErrorText]) never being a detail. An error under a
//     400 that maps to nothing is a conversion error when [Framework.Conversion] finds its value.
//
// Every look at the chain is the core's bounded walk (internal/errchain).
package translate

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/status"
)

// Framework describes a framework's own errors to the rule. C is what the adapter hands the hooks for a
// request (echo's Context, *gin.Context). Every field may be nil. An adapter declares one Framework, as a
// package variable, so that translating allocates nothing of its own.
type Framework[C any] struct {
	// Error finds the framework's status-and-message error in err's chain, as errors.As finds it, and reads
	// its status, its message as the application set it ("" when it is the framework's own) and the error
	// it wraps; ok is false when the chain holds none.
	Error func(c C, err error) (status int, message string, wrapped error, ok bool)
	// Validation returns the 422 for go-playground/validator's errors in err's chain, or nil:
	// httperrvalidator.Map.
	Validation func(err error) *httperr.Error
	// Binder returns the problem, wrapping err, for the binder's errors in err's chain, or nil.
	Binder func(c C, err error) *httperr.Error
	// Conversion returns the problem for wrapped, an error under a 400 that maps to no status, when it is a
	// value of c's request that failed to convert (location.Conversion), or nil.
	Conversion func(c C, wrapped error) *httperr.Error
}

// Problem returns the error to render for err, by the rule of the package doc. The result is err itself or
// wraps it.
func (f *Framework[C]) Problem(c C, err error) error {
	if _, ok := err.(*httperr.Error); ok { // the common case, without a walk
		return err
	}
	code, message, wrapped, isFramework := 0, "", error(nil), false
	if f.Error != nil {
		code, message, wrapped, isFramework = f.Error(c, err)
	}
	if pe, ok := errchain.As[*httperr.Error](err); ok {
		if inner, _ := errchain.As[*httperr.Error](wrapped); isFramework && inner == pe {
			return pe.Wrap(err) // the framework's status does not decide over an *Error inside its error
		}
		return err
	}
	var e *httperr.Error
	if f.Validation != nil {
		e = f.Validation(err)
	}
	if e == nil && f.Binder != nil {
		e = f.Binder(c, err)
	}
	switch {
	case !isFramework && e != nil:
		return e
	case !isFramework:
		return err
	case e != nil && status.Refines(e.Status(), code):
		return e
	}
	// Each step goes one framework error deeper into the chain; a cycle of them ends at the walk's bound.
	for range errchain.Limit {
		if wrapped == nil {
			break
		}
		if s, m, w, ok := f.Error(c, wrapped); ok {
			code, message, wrapped = s, m, w // the inner one answers, as echo's own handler has it
			continue
		}
		inner := wrapped
		if code == http.StatusBadRequest {
			inner = httperr.RequestBodyError(inner) // a binder's 400 for an empty or truncated body
		}
		if mapped := httperr.StatusOf(inner); mapped != http.StatusInternalServerError {
			if status.Refines(mapped, code) { // c.Bind's *json.SyntaxError, *http.MaxBytesError
				return httperr.From(inner).Wrap(err)
			}
			break // the framework's status decides: echo's ContextTimeout 503, echo-jwt's 401
		}
		if code == http.StatusBadRequest && f.Conversion != nil {
			if e := f.Conversion(c, wrapped); e != nil {
				return e.Wrap(err)
			}
		}
		break
	}
	if IsErrorText(message) {
		message = ""
	}
	return status.FrameworkError(code, message, err)
}

// Under returns the error to render for err under code, a status the framework gave the response outside
// err (gin's writer, set by c.AbortWithError or c.Status): the same rule, code standing for a framework
// error that wraps err with no message. A code outside 400..599 decides nothing.
func (f *Framework[C]) Under(c C, code int, err error) error {
	if code < 400 || code > 599 {
		return err
	}
	if _, ok := errchain.As[*httperr.Error](err); ok {
		return err
	}
	if translated := f.Problem(c, err); status.Refines(httperr.StatusOf(translated), code) {
		return translated
	}
	return status.FrameworkError(code, "", err)
}
