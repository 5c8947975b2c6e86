package httperr

import (
	"context"
	"encoding/json"
	"io/fs"
	"net/http"

	"github.com/httperr/toolkit/internal/errchain"
)

// This file holds the one walk of an error's chain behind [StatusOf] and [From]: internal/errchain's, which
// visits errors in errors.As's order and asks of each what errors.As and errors.Is ask, within one bound.

// found is what a walk of an error's chain found: the *Error errors.As finds, or else what the first error
// that maps by itself maps to.
type found struct {
	err   *Error // the *Error of the chain, as errors.As finds it; may be a typed nil
	isErr bool   // an *Error was found
	match match  // the first error that maps, when no *Error was found
}

// match is what one error maps to by itself, not counting what it wraps: a status (0 for none) and the
// values [From] builds its detail and violations from.
type match struct {
	status    int
	violator  violator
	maxBytes  *http.MaxBytesError
	syntax    *json.SyntaxError
	unmarshal *json.UnmarshalTypeError
}

// resolve walks err's chain once. An *Error anywhere in the chain wins, so the walk stops only there (or at
// errchain.Limit errors); until then it keeps the match of the first error that maps.
func resolve(err error) found {
	var f found
	errchain.Walk(err, func(x error) bool {
		if e, ok := errchain.At[*Error](x); ok {
			f.err, f.isErr = e, true
			return true
		}
		if f.match.status == 0 {
			f.match = matchOne(x)
		}
		return false
	})
	return f
}

// matchOne maps one error by itself, trying the mappings in the order [From]'s doc gives: StatusCode,
// HTTPStatus, Violations, the known types, the sentinels. A status outside 400..599 is skipped.
func matchOne(x error) match {
	var m match
	if c, ok := errchain.At[statusCoder](x); ok && c != nil {
		m.status = errorStatus(c.StatusCode())
	}
	if c, ok := errchain.At[httpStatuser](x); ok && c != nil && m.status == 0 {
		m.status = errorStatus(c.HTTPStatus())
	}
	if v, ok := errchain.At[violator](x); ok && v != nil {
		m.violator = v
		if m.status == 0 {
			m.status = http.StatusUnprocessableEntity
		}
	}
	if m.status != 0 {
		return m
	}
	if mb, ok := errchain.At[*http.MaxBytesError](x); ok {
		return match{status: http.StatusRequestEntityTooLarge, maxBytes: mb}
	}
	if se, ok := errchain.At[*json.SyntaxError](x); ok {
		return match{status: http.StatusBadRequest, syntax: se}
	}
	if te, ok := errchain.At[*json.UnmarshalTypeError](x); ok {
		return match{status: http.StatusBadRequest, unmarshal: te}
	}
	switch {
	case errchain.IsAt(x, context.DeadlineExceeded):
		m.status = http.StatusGatewayTimeout
	case errchain.IsAt(x, context.Canceled):
		m.status = statusClientClosedRequest
	case errchain.IsAt(x, fs.ErrNotExist):
		m.status = http.StatusNotFound
	case errchain.IsAt(x, fs.ErrPermission):
		m.status = http.StatusForbidden
	}
	return m
}

// errorStatus returns s when it is an error status (400..599), else 0.
func errorStatus(s int) int {
	if s < 400 || s > 599 {
		return 0
	}
	return s
}
