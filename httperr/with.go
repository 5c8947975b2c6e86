package httperr

import (
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"time"

	"github.com/httperr/toolkit/internal/field"
)

// The With methods and Wrap: each returns a changed copy of an *Error and leaves the receiver as it was, so
// that a shared error stays safe to share. What one refuses is recorded on the copy and logged when rendered.

// refuse records what a With method refused, for the renderer to log.
func (e *Error) refuse(note string) {
	x := e.copyExtras()
	x.refused = append(slices.Clip(x.refused), note)
}

// With returns a copy of e with the extension member key set to value. The five members RFC 9457 defines
// (type, title, status, detail, instance) are refused: the copy is returned without them and the renderer logs
// the refusal. Values are encoded as encoding/json would; a value that cannot be encoded (a channel, NaN, an
// invalid json.Number), that nests arrays and objects more than 64 deep, or that would take the problem's
// extension members past 1 MiB together, is left out of the body and logged. In XML, an object entry whose
// key is not an XML element name is left out alone, and logged. The value is kept as given, not copied: do not change a map or slice after
// handing it over, as the error may be shared.
func (e *Error) With(key string, value any) *Error {
	if reserved(key) {
		c := e.clone()
		c.refuse("extension member " + strconv.Quote(key) + " is reserved by RFC 9457")
		return c
	}
	return e.with(key, value)
}

// WithErrors returns a copy of e whose "errors" extension member lists the violations, as in RFC 9457
// section 3.
func (e *Error) WithErrors(violations ...Violation) *Error {
	w := new(withViolations)
	w.list = cloneViolations(violations)
	return w.link(e, "errors", &w.list)
}

// WithDetail returns a copy of e with the given detail.
func (e *Error) WithDetail(detail string) *Error {
	c := e.clone()
	c.detail, c.suffix = detail, noSuffix
	return c
}

// WithTitle returns a copy of e with a fixed title. Without one the title comes from the status catalog in
// the client's language; a fixed title is sent as given whatever the language.
func (e *Error) WithTitle(title string) *Error {
	c := e.clone()
	c.copyExtras().title = title
	return c
}

// WithType returns a copy of e whose type member is the given URI reference (RFC 9457 section 3.1.1). A
// URI other than that of the [ProblemType] e was built from unlinks the copy from that type, whose title
// would no longer describe it.
func (e *Error) WithType(uri string) *Error {
	c := e.clone()
	x := c.copyExtras()
	if x.ptype != nil && x.ptype.uri != uri {
		x.ptype = nil
	}
	x.typ = uri
	return c
}

// WithInstance returns a copy of e whose instance member is the given URI reference (RFC 9457 section 3.1.5).
func (e *Error) WithInstance(uri string) *Error {
	c := e.clone()
	c.copyExtras().instance = uri
	return c
}

// WithHeader returns a copy of e that sends the response header field key with value, replacing any value
// it had. A key that is not a valid field name, or a value holding CR, LF, NUL or any other control
// character but HTAB (header injection, or a field that RFC 9110 section 5.5 forbids and clients reject), is
// refused: the copy is returned without it and the renderer logs the refusal. The fields that describe the
// body the renderer writes, Content-Type, Content-Length, Content-Encoding, Transfer-Encoding and
// X-Content-Type-Options, belong to it and are refused too: a client told the body is gzip-compressed or
// chunked could not read it.
func (e *Error) WithHeader(key, value string) *Error {
	c := e.clone()
	key = textproto.CanonicalMIMEHeaderKey(key)
	switch {
	case !field.ValidName(key):
		c.refuse("header name " + strconv.Quote(key) + " is not a valid field name")
	case !field.ValidValue(value):
		c.refuse("header " + key + " has a value with CR, LF, NUL or another control character")
	case rendererField(key):
		c.refuse("header " + key + " is set by the renderer")
	default:
		h := make(http.Header, len(c.extras().header)+1)
		for k, v := range c.extras().header {
			h[k] = v // values are never mutated in place, sharing them is safe
		}
		h[key] = []string{value}
		c.copyExtras().header = h
	}
	return c
}

// rendererField reports whether the canonical field name key describes the body the renderer writes.
func rendererField(key string) bool {
	switch key {
	case "Content-Type", "Content-Length", "Content-Encoding", "Transfer-Encoding", "X-Content-Type-Options":
		return true
	}
	return false
}

// maxRetryAfter caps Retry-After: a delay beyond a year is taken for a unit mistake.
const maxRetryAfter = field.MaxRetryAfter

// WithRetryAfter returns a copy of e that sends Retry-After as delay-seconds (RFC 9110 section 10.2.3):
// d rounded up to whole seconds, 0 for a zero or negative d, at most one year.
func (e *Error) WithRetryAfter(d time.Duration) *Error {
	d = min(max(d, 0), maxRetryAfter)
	secs := int64(d / time.Second)
	if d%time.Second != 0 {
		secs++
	}
	return e.WithHeader("Retry-After", strconv.FormatInt(secs, 10))
}

// WithRetryAt returns a copy of e that sends Retry-After as an HTTP-date (RFC 9110 section 5.6.7), in
// whole seconds. IMF-fixdate has a four-digit year: a time before the year 0000 is sent as its first second
// (a date in the past, retry now, as the time meant), and a time after 9999 (in UTC) as its last second.
func (e *Error) WithRetryAt(t time.Time) *Error {
	switch t = t.UTC(); {
	case t.Year() < 0:
		t = time.Date(0, time.January, 1, 0, 0, 0, 0, time.UTC)
	case t.Year() > 9999:
		t = time.Date(9999, time.December, 31, 23, 59, 59, 0, time.UTC)
	}
	return e.WithHeader("Retry-After", t.Format(http.TimeFormat))
}

// Wrap returns a copy of e whose cause is err: [errors.Is] and [errors.As] see it, logs show it, and a
// problem body never does unless [Renderer.ExposeCause] is set.
func (e *Error) Wrap(err error) *Error {
	c := e.clone()
	c.cause = err
	return c
}
