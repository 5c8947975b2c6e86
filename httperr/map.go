package httperr

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"reflect"
	"strconv"
	"strings"
)

// StatusCoder is implemented by errors that know their HTTP status, as many libraries' errors do. A status
// outside 400..599 is ignored. Errors with an HTTPStatus() int method are recognised as well.
type StatusCoder interface {
	StatusCode() int
}

type httpStatuser interface {
	HTTPStatus() int
}

// Violator is implemented by errors that describe invalid input field by field, such as a validation
// library's errors once an adapter has translated them. They map to a 422 [Validation] problem.
type Violator interface {
	Violations() []Violation
}

// StatusClientClosedRequest is the status of a request whose client went away before the answer
// (context.Canceled). It is not registered with IANA; nginx introduced it, and a client that sees it treats it
// as 400 (RFC 9110 section 15).
const StatusClientClosedRequest = 499

// maxChain bounds how many errors of a chain are looked at, so that an Unwrap cycle cannot loop forever.
const maxChain = 64

// StatusOf returns the HTTP status for err: 0 for nil; the status of the first [*Error] in its chain or of
// the first error there that maps to a status (see [From]); 500 otherwise. It does not allocate.
func StatusOf(err error) int {
	if err == nil {
		return 0
	}
	status := http.StatusInternalServerError
	n := 0
	walk(err, &n, func(x error) bool {
		if s := statusOne(x); s != 0 {
			status = s
			return true
		}
		return false
	})
	return status
}

// From returns err as an [*Error]: nil for nil; the first *Error in err's chain; else an *Error for the first
// error in the chain that maps to a status, wrapping err; else a 500 Internal Server Error wrapping err.
//
// The built-in mapping: an error with StatusCode() int or HTTPStatus() int ([StatusCoder]) keeps that
// status; a [Violator] becomes a 422 [Validation] (one that also has StatusCode or HTTPStatus keeps that
// status, with its violations); [*http.MaxBytesError] becomes 413; [context.DeadlineExceeded]
// 504; [context.Canceled] 499 ([StatusClientClosedRequest]); [fs.ErrNotExist] 404; [fs.ErrPermission] 403;
// [*json.SyntaxError] and [*json.UnmarshalTypeError] 400, the latter with a violation pointing at the field.
// Mapped errors show the catalog's detail, never the foreign error's text.
func From(err error) *Error {
	if err == nil {
		return nil
	}
	if e, ok := err.(*Error); ok && e != nil { // the common case, without the walk
		return e
	}
	var found *Error
	n := 0
	walk(err, &n, func(x error) bool {
		found = mapOne(x, err)
		return found != nil
	})
	if found == nil {
		found = &Error{status: http.StatusInternalServerError, cause: err}
	}
	return found
}

// walk calls visit on err and the errors it wraps, outermost first and depth first, until visit returns true
// or maxChain errors were seen. It reports whether visit returned true.
func walk(err error, n *int, visit func(error) bool) bool {
	for err != nil && *n < maxChain {
		*n++
		if visit(err) {
			return true
		}
		switch u := err.(type) {
		case interface{ Unwrap() error }:
			err = u.Unwrap()
		case interface{ Unwrap() []error }:
			for _, x := range u.Unwrap() {
				if walk(x, n, visit) {
					return true
				}
			}
			return false
		default:
			return false
		}
	}
	return false
}

// statusOne returns the status err maps to by itself, without looking at what it wraps, or 0.
func statusOne(err error) int {
	switch x := err.(type) {
	case *Error:
		return x.Status() // a typed nil *Error is a 500
	case *http.MaxBytesError:
		return http.StatusRequestEntityTooLarge
	case *json.SyntaxError, *json.UnmarshalTypeError:
		return http.StatusBadRequest
	case StatusCoder:
		if s := x.StatusCode(); s >= 400 && s <= 599 {
			return s
		}
	case httpStatuser:
		if s := x.HTTPStatus(); s >= 400 && s <= 599 {
			return s
		}
	case Violator:
		return http.StatusUnprocessableEntity
	}
	switch err {
	case context.DeadlineExceeded:
		return http.StatusGatewayTimeout
	case context.Canceled:
		return StatusClientClosedRequest
	case fs.ErrNotExist:
		return http.StatusNotFound
	case fs.ErrPermission:
		return http.StatusForbidden
	}
	if x, ok := err.(interface{ Is(error) bool }); ok { // what is one of them by its own Is method, unwrapped
		switch {
		case x.Is(fs.ErrNotExist):
			return http.StatusNotFound
		case x.Is(fs.ErrPermission):
			return http.StatusForbidden
		}
	}
	return 0
}

// errNilError is the cause of the 500 that a nil *Error returned as an error renders as.
var errNilError = errors.New("httperr: nil *Error returned as error")

// mapOne returns the *Error that err maps to by itself, wrapping whole (the error handed to From), or nil.
func mapOne(err, whole error) *Error {
	switch x := err.(type) {
	case *Error:
		if x == nil {
			cause := errNilError
			if whole != err { // keep what wraps it, for errors.Is and the log
				cause = fmt.Errorf("%w: in %w", errNilError, whole)
			}
			return &Error{status: http.StatusInternalServerError, cause: cause}
		}
		return x
	case *http.MaxBytesError:
		return &Error{status: http.StatusRequestEntityTooLarge, cause: whole,
			detail: "request body exceeds the limit of " + strconv.FormatInt(x.Limit, 10) + " bytes"}
	case *json.SyntaxError:
		return &Error{status: http.StatusBadRequest, cause: whole,
			detail: "request body is not valid JSON (at byte " + strconv.FormatInt(x.Offset, 10) + ")"}
	case *json.UnmarshalTypeError:
		e := &Error{status: http.StatusBadRequest, cause: whole, detail: "request body has a value of the wrong type"}
		if x.Field != "" {
			e = e.WithErrors(Violation{
				Pointer: Pointer(strings.Split(x.Field, ".")...),
				Detail:  "must be " + jsonKind(x.Type),
			})
		}
		return e
	case Violator:
		// statusOne decides the status, as for StatusOf: 422, or the error's own StatusCode or HTTPStatus.
		if s := statusOne(err); s != 0 {
			return (&Error{status: s, cause: whole}).WithErrors(x.Violations()...)
		}
		return nil
	}
	if s := statusOne(err); s != 0 {
		return &Error{status: s, cause: whole}
	}
	return nil
}

// Pointer returns the JSON Pointer (RFC 6901) to a member, in the URI fragment form that [Violation]
// uses: Pointer("profile", "color") is "#/profile/color". In each token "~" and "/" are escaped as "~0" and
// "~1", and bytes that a URI fragment cannot hold are percent-encoded (RFC 6901 sections 3 and 6).
func Pointer(tokens ...string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, 16)
	b = append(b, '#')
	for _, t := range tokens {
		b = append(b, '/')
		for i := 0; i < len(t); i++ {
			switch c := t[i]; {
			case c == '~':
				b = append(b, "~0"...)
			case c == '/':
				b = append(b, "~1"...)
			case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9', strings.IndexByte("-._!$&'()*+,;=:@?", c) >= 0:
				b = append(b, c)
			default:
				b = append(b, '%', hex[c>>4], hex[c&0xf])
			}
		}
	}
	return string(b)
}

// jsonKind names the JSON type a Go type decodes from, with an article.
func jsonKind(t reflect.Type) string {
	if t == nil {
		return "a different type"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		return "an integer"
	case reflect.Float32, reflect.Float64:
		return "a number"
	case reflect.String:
		return "a string"
	case reflect.Slice, reflect.Array:
		return "an array"
	case reflect.Map, reflect.Struct:
		return "an object"
	}
	return "a different type"
}
