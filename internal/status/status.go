// Package status holds the one rule by which a status that a framework or the application gave an error
// decides over the status of an error it wraps: echo's HTTPError.Code over its Internal error (v4 and v5),
// a fiber.Error's code over the errors joined to it, a status set on gin's writer over the error c.Error
// recorded; and the one rule by which such a framework error becomes a problem ([FrameworkError]). The
// adapters follow both, so that every framework agrees.
package status

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
)

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

// FrameworkError returns the problem for a web framework's own error value that carries a status and a
// message (echo's *HTTPError, fiber's *Error, huma's errors), wrapping cause (that value, for logs and
// errors.As): the status as [httperr.New] takes it, and the message as the detail only when the application
// set it for a client error, a 4xx message other than the status's reason phrase ([http.StatusText]), which
// the frameworks' own errors carry. A 5xx message is never a detail: echo.NewHTTPError(500, err.Error()) is
// a common idiom, and a 5xx cause is never sent. The message is not lost: it stays in cause, which logs show
// and [httperr.Renderer.ExposeCause] puts in the body.
func FrameworkError(status int, message string, cause error) *httperr.Error {
	if status < 400 || status > 499 || message == http.StatusText(status) {
		message = ""
	}
	return httperr.New(status, message).Wrap(cause)
}
