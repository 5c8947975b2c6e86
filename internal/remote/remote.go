// Package remote carries what package httperrclient decodes of a problem response to package httperr, which
// builds the remote *httperr.Error of it, each value as it was read.
//
// The core's public API cannot build that error. WithHeader keeps one value a field, where an upstream may
// send two WWW-Authenticate challenges, and refuses the fields the renderer sets (Content-Type, which a
// Decoder may be asked to keep), recording a refusal that rendering logs. And the remote mark, which makes
// the renderer answer for an upstream's error with a gateway error (httperr's Error.Remote), has no public
// setter: only a decoder sets it. So the core sets [NewError] when it is initialised, as grpc-go's internal
// package carries functions between its packages, and adds no exported name.
package remote

import "net/http"

// Problem is an upstream's problem response as a decoder read it.
type Problem struct {
	// Status is the response's status code; above 599 the error is a 500, as with httperr.New.
	Status int

	// Header holds the header fields the error keeps, as they are; the error owns the map and its slices.
	Header http.Header

	// Type, Title, Detail and Instance are the string members of the problem document, "" when absent.
	Type, Title, Detail, Instance string

	// Members are the document's members, each an extension member of the error but the five RFC 9457
	// defines, which are skipped; nil when the body was no problem document.
	Members map[string]any

	// Violations, when not nil, is the value of the "errors" member instead of the one in Members: the
	// []httperr.Violation the decoder read in it.
	Violations any
}

// NewError returns the remote *httperr.Error for p, as an error. Package httperr sets it when it is
// initialised: a package that imports httperr finds it set.
var NewError func(p Problem) error
