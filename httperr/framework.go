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

// Rendered reports whether a response already committed with the header h and status is the problem for
// err: a problem media type, and err's status. echo's access loggers hand the error they passed to the error
// handler over a second time, after it was rendered; the adapters use Rendered to tell that hand-over from
// an error that came too late, which they log.
func Rendered(h http.Header, status int, err error) bool {
	ct := h["Content-Type"]
	return len(ct) == 1 && (ct[0] == valueJSON[0] || ct[0] == valueXML[0]) && status == StatusOf(err)
}
