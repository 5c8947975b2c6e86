// Package status holds the one rule by which a status that a framework or the application gave an error
// decides over the status of an error it wraps: echo's HTTPError.Code over its Internal error (v4 and v5),
// a fiber.Error's code over the errors joined to it, a status set on gin's writer over the error c.Error
// recorded. The adapters follow it, so that every framework agrees.
package status

import "net/http"

// Refines reports whether mapped, the status of the problem for an error wrapped under a status given by a
// framework or the application, is the status to send: when it is given itself, or when given is 400, the
// status that echo's binders (and gin's users, with c.AbortWithError) give to any request body that cannot
// be decoded, and mapped a more specific client error, as net/http sends for the same body (413 for one
// over http.MaxBytesReader's limit). Otherwise given decides: echo's ContextTimeout says 503, not the 504 of
// the context.DeadlineExceeded it wraps, and echo-jwt 401, not the 400 of the *json.SyntaxError of a
// malformed token. A given status outside 400..599 is no error status, and decides nothing.
func Refines(mapped, given int) bool {
	return mapped == given || given == http.StatusBadRequest && mapped > 400 && mapped < 500 || given < 400 || given > 599
}
