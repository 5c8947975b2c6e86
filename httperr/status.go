package httperr

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/httperr/toolkit/internal/errchain"
)

// Newf returns an *Error with the given status whose detail is formatted as [fmt.Sprintf] does. An error
// operand of the %w verb becomes the cause, as with [fmt.Errorf].
//
// The detail never carries a cause's or an upstream's text unless the application gives it one itself:
//   - For a 5xx status with a %w operand the detail is left empty, so that the cause's text never reaches
//     the client: the problem shows the catalog's sentence.
//   - An operand that is, or wraps, an error decoded from another service's response (see [Error.Remote])
//     is formatted into the detail, whatever the verb, as "upstream error": Newf(422, "upstream
//     rejected: %w", err) sends "upstream rejected: upstream error", never the upstream's title or detail.
//
// In both cases the whole formatted text stays in the cause, so Error() and the logs have it. To send an
// upstream's words, put them there explicitly: Newf(422, "upstream rejected: %s", httperr.From(err).Detail()).
func Newf(status int, format string, args ...any) *Error {
	wrapped := fmt.Errorf(format, args...)
	detail := wrapped.Error()
	safe, upstream := withoutRemote(args)
	if upstream {
		detail = fmt.Errorf(format, safe...).Error() // Errorf, not Sprintf: %w
	}
	e := New(status, detail)
	var cause error
	switch u := wrapped.(type) {
	case interface{ Unwrap() error }:
		cause = u.Unwrap()
	case interface{ Unwrap() []error }:
		cause = wrapped // several %w: keep the joined error, errors.Is sees them all
	}
	if upstream && cause == nil {
		cause = wrapped // an upstream's text through %v: the log keeps it
	}
	if cause != nil {
		e.cause = cause
		if e.status >= 500 {
			e.detail = ""
			e.cause = wrapped
		}
	}
	return e
}

// upstreamText is what [Newf] formats in place of an operand that carries an upstream's error.
type upstreamText struct{}

func (upstreamText) Error() string    { return "upstream error" }
func (upstreamText) GoString() string { return `"upstream error"` }

// withoutRemote returns args with each error that is or wraps a remote [*Error] replaced by upstreamText,
// and whether it replaced any. It allocates only when it replaces.
func withoutRemote(args []any) ([]any, bool) {
	var safe []any
	for i, a := range args {
		if err, ok := a.(error); ok && carriesRemote(err) {
			if safe == nil {
				safe = slices.Clone(args)
			}
			safe[i] = upstreamText{}
		}
	}
	return safe, safe != nil
}

// carriesRemote reports whether err is or wraps a remote [*Error]; also, on the safe side, when its chain
// cannot be walked because an Unwrap, Is or As method panics.
func carriesRemote(err error) (remote bool) {
	defer func() {
		if recover() != nil {
			remote = true
		}
	}()
	return errchain.Walk(err, func(x error) bool {
		e, ok := errchain.At[*Error](x)
		return ok && e.Remote()
	})
}

// The constructors below cover every 4xx and 5xx constant of net/http, each named as the constant without
// its Status prefix. Each sets the header fields RFC 9110 requires of its status.

// BadRequest returns a 400 Bad Request error (RFC 9110 section 15.5.1).
func BadRequest(detail string) *Error { return New(http.StatusBadRequest, detail) }

// Unauthorized returns a 401 Unauthorized error (RFC 9110 section 15.5.2). RFC 9110 requires a
// WWW-Authenticate challenge: the renderer sends [Renderer.Challenge] unless the error carries its own, set
// with WithHeader("WWW-Authenticate", ...).
func Unauthorized(detail string) *Error { return New(http.StatusUnauthorized, detail) }

// PaymentRequired returns a 402 Payment Required error (RFC 9110 section 15.5.3).
func PaymentRequired(detail string) *Error { return New(http.StatusPaymentRequired, detail) }

// Forbidden returns a 403 Forbidden error (RFC 9110 section 15.5.4).
func Forbidden(detail string) *Error { return New(http.StatusForbidden, detail) }

// NotFound returns a 404 Not Found error (RFC 9110 section 15.5.5) for the named resource: NotFound("user")
// has the detail "user not found". An empty resource leaves the detail to the catalog.
func NotFound(resource string) *Error {
	if resource == "" {
		return New(http.StatusNotFound, "")
	}
	e := New(http.StatusNotFound, resource)
	e.suffix = suffixNotFound
	return e
}

// MethodNotAllowed returns a 405 Method Not Allowed error (RFC 9110 section 15.5.6) whose Allow header lists
// the allowed methods. With none, Allow is sent empty: the resource allows no method.
func MethodNotAllowed(allowed ...string) *Error {
	return New(http.StatusMethodNotAllowed, "").WithHeader("Allow", strings.Join(allowed, ", "))
}

// NotAcceptable returns a 406 Not Acceptable error (RFC 9110 section 15.5.7).
func NotAcceptable(detail string) *Error { return New(http.StatusNotAcceptable, detail) }

// ProxyAuthRequired returns a 407 Proxy Authentication Required error (RFC 9110 section 15.5.8). RFC 9110
// requires a Proxy-Authenticate challenge: the renderer sends [Renderer.Challenge] unless the error carries
// its own.
func ProxyAuthRequired(detail string) *Error { return New(http.StatusProxyAuthRequired, detail) }

// RequestTimeout returns a 408 Request Timeout error (RFC 9110 section 15.5.9).
func RequestTimeout(detail string) *Error { return New(http.StatusRequestTimeout, detail) }

// Conflict returns a 409 Conflict error (RFC 9110 section 15.5.10).
func Conflict(detail string) *Error { return New(http.StatusConflict, detail) }

// Gone returns a 410 Gone error (RFC 9110 section 15.5.11) for the named resource: Gone("user") has the
// detail "user is gone".
func Gone(resource string) *Error {
	if resource == "" {
		return New(http.StatusGone, "")
	}
	e := New(http.StatusGone, resource)
	e.suffix = suffixGone
	return e
}

// LengthRequired returns a 411 Length Required error (RFC 9110 section 15.5.12).
func LengthRequired(detail string) *Error { return New(http.StatusLengthRequired, detail) }

// PreconditionFailed returns a 412 Precondition Failed error (RFC 9110 section 15.5.13).
func PreconditionFailed(detail string) *Error { return New(http.StatusPreconditionFailed, detail) }

// RequestEntityTooLarge returns a 413 Content Too Large error (RFC 9110 section 15.5.14).
func RequestEntityTooLarge(detail string) *Error {
	return New(http.StatusRequestEntityTooLarge, detail)
}

// RequestURITooLong returns a 414 URI Too Long error (RFC 9110 section 15.5.15).
func RequestURITooLong(detail string) *Error { return New(http.StatusRequestURITooLong, detail) }

// UnsupportedMediaType returns a 415 Unsupported Media Type error (RFC 9110 section 15.5.16).
func UnsupportedMediaType(detail string) *Error {
	return New(http.StatusUnsupportedMediaType, detail)
}

// RequestedRangeNotSatisfiable returns a 416 Range Not Satisfiable error (RFC 9110 section 15.5.17) for a
// representation of size bytes; it sends "Content-Range: bytes */size" as RFC 9110 requires.
func RequestedRangeNotSatisfiable(size int64) *Error {
	return New(http.StatusRequestedRangeNotSatisfiable, "").
		WithHeader("Content-Range", "bytes */"+strconv.FormatInt(max(size, 0), 10))
}

// ExpectationFailed returns a 417 Expectation Failed error (RFC 9110 section 15.5.18).
func ExpectationFailed(detail string) *Error { return New(http.StatusExpectationFailed, detail) }

// Teapot returns a 418 I'm a teapot error (RFC 2324 section 2.3.2; reserved by RFC 9110 section 15.5.19).
func Teapot(detail string) *Error { return New(http.StatusTeapot, detail) }

// MisdirectedRequest returns a 421 Misdirected Request error (RFC 9110 section 15.5.20).
func MisdirectedRequest(detail string) *Error { return New(http.StatusMisdirectedRequest, detail) }

// UnprocessableEntity returns a 422 Unprocessable Content error (RFC 9110 section 15.5.21). For field
// errors use [Validation].
func UnprocessableEntity(detail string) *Error { return New(http.StatusUnprocessableEntity, detail) }

// Validation returns a 422 Unprocessable Content error whose "errors" member lists the violations, as in
// RFC 9457 section 3.
func Validation(violations ...Violation) *Error {
	e := Error{status: http.StatusUnprocessableEntity}
	return e.WithErrors(violations...)
}

// Locked returns a 423 Locked error (RFC 4918 section 11.3).
func Locked(detail string) *Error { return New(http.StatusLocked, detail) }

// FailedDependency returns a 424 Failed Dependency error (RFC 4918 section 11.4).
func FailedDependency(detail string) *Error { return New(http.StatusFailedDependency, detail) }

// TooEarly returns a 425 Too Early error (RFC 8470 section 5.2).
func TooEarly(detail string) *Error { return New(http.StatusTooEarly, detail) }

// UpgradeRequired returns a 426 Upgrade Required error (RFC 9110 section 15.5.22) whose Upgrade header lists
// the protocols to switch to, as RFC 9110 requires, e.g. UpgradeRequired("HTTP/2"). Name at least one: an
// empty Upgrade field would be invalid, so with none the header is left out (and the response falls short of
// RFC 9110).
func UpgradeRequired(protocols ...string) *Error {
	e := New(http.StatusUpgradeRequired, "")
	if len(protocols) == 0 {
		return e
	}
	return e.WithHeader("Upgrade", strings.Join(protocols, ", "))
}

// PreconditionRequired returns a 428 Precondition Required error (RFC 6585 section 3).
func PreconditionRequired(detail string) *Error {
	return New(http.StatusPreconditionRequired, detail)
}

// TooManyRequests returns a 429 Too Many Requests error (RFC 6585 section 4) that sends Retry-After in whole
// seconds, rounded up (see [Error.WithRetryAfter]).
func TooManyRequests(retryAfter time.Duration) *Error {
	return New(http.StatusTooManyRequests, "").WithRetryAfter(retryAfter)
}

// RequestHeaderFieldsTooLarge returns a 431 Request Header Fields Too Large error (RFC 6585 section 5).
func RequestHeaderFieldsTooLarge(detail string) *Error {
	return New(http.StatusRequestHeaderFieldsTooLarge, detail)
}

// UnavailableForLegalReasons returns a 451 Unavailable For Legal Reasons error (RFC 7725 section 3).
func UnavailableForLegalReasons(detail string) *Error {
	return New(http.StatusUnavailableForLegalReasons, detail)
}

// InternalServerError returns a 500 Internal Server Error error (RFC 9110 section 15.6.1). The detail is sent
// to the client: keep internal facts in the cause (see [Error.Wrap]).
func InternalServerError(detail string) *Error {
	return New(http.StatusInternalServerError, detail)
}

// NotImplemented returns a 501 Not Implemented error (RFC 9110 section 15.6.2).
func NotImplemented(detail string) *Error { return New(http.StatusNotImplemented, detail) }

// BadGateway returns a 502 Bad Gateway error (RFC 9110 section 15.6.3).
func BadGateway(detail string) *Error { return New(http.StatusBadGateway, detail) }

// ServiceUnavailable returns a 503 Service Unavailable error (RFC 9110 section 15.6.4) that sends
// Retry-After in whole seconds, rounded up (see [Error.WithRetryAfter]).
func ServiceUnavailable(retryAfter time.Duration) *Error {
	return New(http.StatusServiceUnavailable, "").WithRetryAfter(retryAfter)
}

// GatewayTimeout returns a 504 Gateway Timeout error (RFC 9110 section 15.6.5).
func GatewayTimeout(detail string) *Error { return New(http.StatusGatewayTimeout, detail) }

// HTTPVersionNotSupported returns a 505 HTTP Version Not Supported error (RFC 9110 section 15.6.6).
func HTTPVersionNotSupported(detail string) *Error {
	return New(http.StatusHTTPVersionNotSupported, detail)
}

// VariantAlsoNegotiates returns a 506 Variant Also Negotiates error (RFC 2295 section 8.1).
func VariantAlsoNegotiates(detail string) *Error {
	return New(http.StatusVariantAlsoNegotiates, detail)
}

// InsufficientStorage returns a 507 Insufficient Storage error (RFC 4918 section 11.5).
func InsufficientStorage(detail string) *Error { return New(http.StatusInsufficientStorage, detail) }

// LoopDetected returns a 508 Loop Detected error (RFC 5842 section 7.2).
func LoopDetected(detail string) *Error { return New(http.StatusLoopDetected, detail) }

// NotExtended returns a 510 Not Extended error (RFC 2774 section 7, obsoleted).
func NotExtended(detail string) *Error { return New(http.StatusNotExtended, detail) }

// NetworkAuthenticationRequired returns a 511 Network Authentication Required error (RFC 6585 section 6).
func NetworkAuthenticationRequired(detail string) *Error {
	return New(http.StatusNetworkAuthenticationRequired, detail)
}
