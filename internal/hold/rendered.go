package hold

import (
	"net/http"

	"github.com/httperr/toolkit/httperr"
)

// Rendered reports whether a response already committed with the header h and status is the problem for
// err: a problem media type, as Render sets it, and err's status. echo's access loggers hand the error they
// passed to the error handler over a second time, after it was rendered; the echo adapters use Rendered to
// tell that hand-over from an error that came too late, which they log. Remembering the rendered error in
// echo's context store instead would cost every error an allocation (TestRenderedAgain pins the strings).
func Rendered(h http.Header, status int, err error) bool {
	ct := h["Content-Type"]
	return len(ct) == 1 && (ct[0] == "application/problem+json" || ct[0] == "application/problem+xml") &&
		status == httperr.StatusOf(err)
}
