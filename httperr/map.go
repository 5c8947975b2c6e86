package httperr

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
)

// The methods by which a foreign error names its status or its violations (see [From]). Aliases of
// unnamed interfaces, so that an error's As method can fill a target of the same shape.
type (
	statusCoder  = interface{ StatusCode() int }
	httpStatuser = interface{ HTTPStatus() int }
	violator     = interface{ Violations() []Violation }
)

// statusClientClosedRequest is the status of a request whose client went away before the answer
// (context.Canceled). It is not registered with IANA; nginx introduced it, and a client that sees it treats it
// as 400 (RFC 9110 section 15).
const statusClientClosedRequest = 499

// StatusOf returns the HTTP status for err: 0 for nil, else the status [From] gives err, found by the same
// walk of its chain. It allocates nothing, unless an error of the chain has an As method (errors.As's target
// escapes through it).
func StatusOf(err error) int {
	if err == nil {
		return 0
	}
	if e, ok := err.(*Error); ok { // the common case, without the walk
		return e.Status()
	}
	f := resolve(err)
	switch {
	case f.isErr:
		return f.err.Status() // a typed nil *Error is a 500
	case f.match.status != 0:
		return f.match.status
	}
	return http.StatusInternalServerError
}

// From returns err as an [*Error]: nil for nil; else the *Error of err's chain; else an *Error for the first
// error of the chain that maps to a status, wrapping err; else a 500 Internal Server Error wrapping err.
//
// Where a chain offers several statuses, this decides:
//
//   - An *Error anywhere in the chain wins, found as [errors.As] finds it (the first in errors.As's order,
//     through Unwrap() error, Unwrap() []error depth first, and As methods). A typed nil *Error there is a
//     500 whose cause says so.
//   - Else the first error in that order that maps by itself decides. At one error the mappings are tried
//     in this order, each matched by the error itself or by what its As method yields (sentinels by
//     equality or its Is method, as [errors.Is] matches them); a status outside 400..599 is skipped, so that
//     the next mapping, or the next error of the chain, decides:
//     1. StatusCode() int;
//     2. HTTPStatus() int;
//     3. Violations() []Violation: 422 [Validation] (one with a status from 1 or 2 keeps it, with its violations);
//     4. [*http.MaxBytesError] 413; [*json.SyntaxError] and [*json.UnmarshalTypeError] 400, the latter with
//     a violation pointing at the field;
//     5. [context.DeadlineExceeded] 504; [context.Canceled] 499;
//     [fs.ErrNotExist] 404; [fs.ErrPermission] 403.
//   - Else 500.
//
// Mapped errors show the catalog's detail, never the foreign error's text. The walk visits at most 64
// errors, so that an Unwrap cycle (on which errors.As never returns) still ends.
func From(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok && e != nil { // the common case, without the walk
		return e
	}
	f := resolve(err)
	if f.isErr {
		if f.err == nil {
			cause := errNilError
			if _, bare := err.(*Error); !bare { // keep what wraps it, for errors.Is and the log
				cause = fmt.Errorf("%w: in %w", errNilError, err)
			}
			return &Error{status: http.StatusInternalServerError, cause: cause}
		}
		return f.err
	}
	if e := f.match.build(err); e != nil {
		return e
	}
	return &Error{status: http.StatusInternalServerError, cause: err}
}

// errNilError is the cause of the 500 that a nil *Error returned as an error renders as.
var errNilError = errors.New("httperr: nil *Error returned as error")

// build returns the *Error for m, wrapping whole (the error handed to From), or nil when m has no status.
func (m match) build(whole error) *Error {
	if m.status == 0 {
		return nil
	}
	e := &Error{status: m.status, cause: whole}
	switch {
	case m.violator != nil:
		return e.WithErrors(m.violator.Violations()...)
	case m.maxBytes != nil:
		e.detail = "request body exceeds the limit of " + strconv.FormatInt(m.maxBytes.Limit, 10) + " bytes"
	case m.syntax != nil && m.syntax.Offset == 0 && m.syntax.Error() == "unexpected end of JSON input":
		// json.Unmarshal's error for an empty document: the detail json.Decoder's io.EOF gets.
		e.detail = "request body is empty"
	case m.syntax != nil && m.syntax.Error() == "unexpected end of JSON input":
		// json.Unmarshal's error for a truncated document (fiber's c.Bind().Body decodes so): the detail that
		// json.Decoder's io.ErrUnexpectedEOF gets from RequestBodyError.
		e.detail = "request body is not valid JSON (unexpected end)"
	case m.syntax != nil:
		e.detail = "request body is not valid JSON (at byte " + strconv.FormatInt(m.syntax.Offset, 10) + ")"
	case m.unmarshal != nil:
		e.detail = "request body has a value of the wrong type"
		if m.unmarshal.Field != "" {
			return e.WithErrors(Violation{
				Pointer: Pointer(strings.Split(m.unmarshal.Field, ".")...),
				Detail:  "must be " + jsonKind(m.unmarshal.Type),
			})
		}
	}
	return e
}
