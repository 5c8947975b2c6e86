package httperrclient

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/field"
)

// This file holds Retry-After, as a decoded error keeps it, and the retry policy for loops such as
// go-retryablehttp's that run an http.Client over Transport.

// clampRetryAfter returns the one Retry-After value a decoded error keeps, bounded as
// [httperr.Error.WithRetryAfter] bounds ours: delay-seconds at most one year, without leading zeros; an
// HTTP-date as it is, unless it is more than a year ahead, when it becomes the delay-seconds of a year. A
// value of neither form is dropped, and so are the values after the first (RFC 9110 section 10.2.3 allows
// one).
func clampRetryAfter(values []string) []string {
	if len(values) == 0 {
		return nil
	}
	v := strings.Trim(values[0], " \t")
	const year = int64(field.MaxRetryAfter / time.Second)
	if field.DelaySeconds(v) {
		secs, err := strconv.ParseInt(v, 10, 64)
		if err != nil || secs > year {
			secs = year // too many digits for int64: beyond a year all the same
		}
		return []string{strconv.FormatInt(secs, 10)}
	}
	t, err := http.ParseTime(v)
	switch {
	case err != nil:
		return nil
	case time.Until(t) > field.MaxRetryAfter:
		return []string{strconv.FormatInt(year, 10)}
	}
	return []string{v}
}

// maxRetryWait is the longest Retry-After that [CheckRetry] waits for: a server that asks for more is not
// retried, and the caller gets its error, whose [httperr.Error.RetryAfter] says when to come back. It is
// go-retryablehttp's default RetryWaitMax.
const maxRetryWait = 30 * time.Second

// retryWait is how CheckRetry waits: defaultRetryWait, which tests replace.
var retryWait = defaultRetryWait

// defaultRetryWait waits for d or until ctx is done, and returns ctx's error then.
func defaultRetryWait(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// retryStatus reports whether a request answered with status may be sent again as it is, by a client that
// would send it again at all (an idempotent request, or one the server can tell apart): 408 Request Timeout,
// 425 Too Early, 429 Too Many Requests, 500 Internal Server Error, 502 Bad Gateway, 503 Service Unavailable
// and 504 Gateway Timeout. Every other 4xx says the request itself is wrong and will be refused again; 501
// and 505 to 511 describe lasting conditions.
func retryStatus(status int) bool {
	switch status {
	case http.StatusRequestTimeout, http.StatusTooEarly, http.StatusTooManyRequests,
		http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return true
	}
	return false
}

// CheckRetry is a retry policy of the shape of go-retryablehttp's CheckRetry, for a client whose transport
// is [Transport] (or any client): it reports whether the request should be tried again.
//
//	rc := retryablehttp.NewClient()
//	rc.HTTPClient.Transport = &httperrclient.Transport{}
//	rc.CheckRetry = httperrclient.CheckRetry
//	rc.Backoff = httperrclient.Backoff
//
// Over Transport, a retry loop gets no response for a status of 400 or more, only the error: CheckRetry reads
// the [*httperr.Error] in it. It retries 408, 425, 429, 500, 502, 503 and 504, never another 4xx, and connection
// failures (a dial, read or write error, a connection closed early, a timeout). An error's Retry-After is
// honoured here, as the Backoff step of such a loop sees no error: CheckRetry waits for it before it reports
// true, and reports false at once when the wait is beyond 30 seconds (go-retryablehttp's default RetryWaitMax) or the context's deadline. A
// response (a client without Transport) is judged by its status the same way, and its Retry-After is
// Backoff's to honour. When ctx is done, CheckRetry reports false and ctx's error.
//
// A loop asks CheckRetry before it counts its retries, so after the last attempt too: the final error then
// comes one Retry-After late (at most 30 seconds). A retry layer placed below Transport, in its Base, sees
// the responses themselves and has no such cost.
func CheckRetry(ctx context.Context, res *http.Response, err error) (bool, error) {
	if err := ctx.Err(); err != nil {
		return false, err
	}
	var e *httperr.Error
	switch {
	case errors.As(err, &e):
		if !retryStatus(e.Status()) {
			return false, nil
		}
		d, _ := e.RetryAfter()
		if !canWait(ctx, d) {
			return false, nil
		}
		if d > 0 {
			if err := retryWait(ctx, d); err != nil {
				return false, err
			}
		}
		return true, nil
	case err != nil:
		return retryConnection(err), nil
	case res != nil:
		if !retryStatus(res.StatusCode) {
			return false, nil
		}
		d, _ := field.ParseRetryAfter(res.Header.Get("Retry-After"))
		return canWait(ctx, d), nil
	}
	return false, nil
}

// canWait reports whether a wait of d is worth it: at most maxRetryWait, and over before ctx's deadline.
func canWait(ctx context.Context, d time.Duration) bool {
	if d > maxRetryWait {
		return false
	}
	deadline, ok := ctx.Deadline()
	return !ok || time.Until(deadline) > d
}

// retryConnection reports whether err, which is no *httperr.Error, is a connection failure worth another
// try: an error of the network (dial, read, write; a name that does not exist excepted), a connection closed
// before the response was complete, or a timeout.
func retryConnection(err error) bool {
	if errors.Is(err, context.Canceled) {
		return false
	}
	var dns *net.DNSError
	if errors.As(err, &dns) {
		return !dns.IsNotFound
	}
	var op *net.OpError
	if errors.As(err, &op) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return true
	}
	var timeout interface{ Timeout() bool }
	return errors.As(err, &timeout) && timeout.Timeout()
}

// Backoff is a wait policy of the shape of go-retryablehttp's Backoff: how long to wait before attempt
// number attempt+1. A response's Retry-After (for any status) is the wait, as the server asked; otherwise the
// wait doubles from min with each attempt, up to max.
//
// Over [Transport], res is nil for an error response: [CheckRetry] has already waited for its Retry-After,
// and Backoff's wait, from min, comes after it.
func Backoff(min, max time.Duration, attempt int, res *http.Response) time.Duration {
	if res != nil {
		if d, ok := field.ParseRetryAfter(res.Header.Get("Retry-After")); ok {
			return d
		}
	}
	wait := min
	for i := 0; i < attempt && wait < max; i++ {
		wait *= 2
	}
	if wait > max || wait < 0 {
		wait = max
	}
	return wait
}
