package httperr

import "net/http"

// FrameworkError returns the problem for a web framework's own error value that carries a status and a
// message (echo's *HTTPError, fiber's *Error), wrapping cause (that value, for logs and [errors.As]): the
// status as [New] takes it, and the message as the detail only when the application set it for a client
// error, a 4xx message other than the status's reason phrase ([http.StatusText]), which the frameworks' own
// errors carry. A 5xx message is never a detail: echo.NewHTTPError(500, err.Error()) is a common idiom, and
// a 5xx cause is never sent. The message is not lost: it stays in cause, which logs show and
// [Renderer.ExposeCause] puts in the body. The adapters call it, so that every framework follows one rule.
func FrameworkError(status int, message string, cause error) *Error {
	if status < 400 || status > 499 || message == http.StatusText(status) {
		message = ""
	}
	return New(status, message).Wrap(cause)
}
