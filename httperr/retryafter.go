package httperr

import (
	"time"

	"github.com/httperr/toolkit/internal/field"
)

// RetryAfter returns how long the client is asked to wait before retrying, from the Retry-After header field
// (RFC 9110 section 10.2.3) the error carries: delay-seconds as they are, an HTTP-date relative to
// [time.Now], 0 for a date in the past. The delay is at most one year, as with [Error.WithRetryAfter]. It
// reports false when there is no Retry-After or its value is neither form.
func (e *Error) RetryAfter() (time.Duration, bool) {
	if e == nil {
		return 0, false
	}
	values := e.extras().header["Retry-After"]
	if len(values) == 0 {
		return 0, false
	}
	return field.ParseRetryAfter(values[0])
}
