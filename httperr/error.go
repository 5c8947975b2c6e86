package httperr

import (
	"log/slog"
	"maps"
	"math"
	"net/http"
	"net/textproto"
	"slices"
	"strconv"
	"strings"
	"time"

	"golang.org/x/text/language"
)

// Error is an HTTP error that renders as an RFC 9457 problem document.
//
// An *Error is immutable once built: every With method returns a modified copy, so a package-level value such
// as
//
//	var ErrUserNotFound = httperr.NotFound("user")
//
// is safe to share between goroutines, and rendering never changes it.
//
// All methods accept a nil receiver. Beware the typed-nil trap all the same: a function whose result type is
// error must return a literal nil on success, never a nil *Error held in a variable, because such a value is a
// non-nil error:
//
//	func find(id string) error {
//		var e *httperr.Error // nil
//		return e             // err != nil: the caller sees a failure
//	}
//
// The renderer treats a nil *Error as a 500 with nothing to say, and logs it.
type Error struct {
	status    int          // always within 400..599
	badStatus int32        // the status the code asked for when it was outside 400..599, else 0
	suffix    detailSuffix // a constant end of the detail (NotFound's " not found"), kept apart
	detail    string
	ext       *extNode // the extension members, newest first (see members); names never reserved
	cause     error
	extra     *extra // what most errors lack; shared between copies and copied on write (see copyExtras)
}

// extra holds the parts of an Error that most errors lack, so that the common ones (a status, a detail, a
// cause, extension members) stay small: an Error is built on every failed request.
type extra struct {
	title    string
	typ      string
	instance string
	header   http.Header
	refused  []string // what the builder refused (reserved names, bad header values), logged when rendered
	remote   bool     // decoded from a response (FromResponse): rendered as remoteProblem says
	ptype    *typeDef // the declared type the error was built from (ProblemType.New), whose URI is typ
}

// noExtra is what extras returns for an Error without extra parts. It is never written to.
var noExtra extra

// extras returns e's extra parts for reading; never write through the result.
func (e *Error) extras() *extra {
	if e.extra == nil {
		return &noExtra
	}
	return e.extra
}

// copyExtras gives e its own copy of its extra parts and returns it for writing, so that no other Error sees
// the change: call it only on a copy that the caller is building.
func (e *Error) copyExtras() *extra {
	x := extra{}
	if e.extra != nil {
		x = *e.extra
	}
	e.extra = &x
	return e.extra
}

// refuse records what a With method refused, for the renderer to log.
func (e *Error) refuse(note string) {
	x := e.copyExtras()
	x.refused = append(slices.Clip(x.refused), note)
}

// detailSuffix names a constant end of a detail that NotFound and Gone add to the resource name without
// building a new string for every error: the renderer appends it, Detail joins it. It keeps NotFound at one
// allocation: joining the strings takes 2 (64 B to 80 B) per built-and-rendered 404 (benchstat, n=6,
// p=0.002; times 658 ns against 645 ns, within the noise), one more on every NotFound row of the README.
type detailSuffix uint8

const (
	noSuffix detailSuffix = iota
	suffixNotFound
	suffixGone
)

var suffixes = [...]string{noSuffix: "", suffixNotFound: " not found", suffixGone: " is gone"}

// detailText returns the whole detail.
func (e *Error) detailText() string {
	if e.suffix == noSuffix {
		return e.detail
	}
	return e.detail + suffixes[e.suffix]
}

// Violation is one entry of the "errors" extension member of a validation problem, shaped as in RFC 9457
// section 3: Detail says what is wrong, Pointer is a JSON Pointer (RFC 6901) in URI fragment form, such as
// "#/age", to the offending part of the request. Extensions are optional further members of the entry.
type Violation struct {
	Pointer    string
	Detail     string
	Extensions map[string]any
}

// reserved reports whether name is one of the five members that RFC 9457 defines.
func reserved(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance":
		return true
	}
	return false
}

// New returns an *Error with the given status and detail.
//
// A status outside 400..599 is a programmer error: the problem renders as 500 Internal Server Error and the
// renderer logs the status that was asked for.
func New(status int, detail string) *Error {
	e := &Error{status: status, detail: detail}
	if status < 400 || status > 599 {
		e.status = http.StatusInternalServerError
		e.badStatus = int32(min(max(status, math.MinInt32), math.MaxInt32))
		if status == 0 {
			e.badStatus = -1 // remember that 0 was asked for
		}
	}
	return e
}

// clone returns a shallow copy of e, to change before anyone else sees it.
func (e *Error) clone() *Error {
	if e == nil {
		return &Error{status: http.StatusInternalServerError}
	}
	c := *e
	return &c
}

// Status returns the HTTP status code, within 400..599; 500 for a nil *Error.
func (e *Error) Status() int {
	if e == nil {
		return http.StatusInternalServerError
	}
	return e.status
}

// StatusCode returns [Error.Status]. It is there for the frameworks and tools that look for a StatusCode()
// int method on an error (echo v5, huma, oapi-codegen's strict handlers): they answer with the same status.
func (e *Error) StatusCode() int { return e.Status() }

// Title returns the title a problem for e is sent with in English: the one set with [Error.WithTitle], else
// the status catalog's ([Title]): NotFound("user").Title() is "Not Found". A [Renderer] whose client prefers
// another language sends that catalog's title instead, unless one was set. A nil *Error, sent as a 500, has
// the title of 500.
func (e *Error) Title() string {
	if e == nil {
		return Title(http.StatusInternalServerError)
	}
	if title := e.extras().title; title != "" {
		return title
	}
	if title, _ := e.typeText(language.English); title != "" {
		return title
	}
	return Title(e.status)
}

// Detail returns the human-readable explanation specific to this occurrence, or "" when none was given.
func (e *Error) Detail() string {
	if e == nil {
		return ""
	}
	return e.detailText()
}

// Type returns the problem type URI set with [Error.WithType], or "" (rendered as "about:blank", or derived
// from [Renderer.TypeBase]).
func (e *Error) Type() string {
	if e == nil {
		return ""
	}
	return e.extras().typ
}

// Instance returns the URI reference that identifies this occurrence, or "".
func (e *Error) Instance() string {
	if e == nil {
		return ""
	}
	return e.extras().instance
}

// Extensions returns a copy of the extension members, or nil when there are none. The "errors" member and
// []string values are copied too; other values are returned as they were given to [Error.With].
func (e *Error) Extensions() map[string]any {
	if e == nil || e.ext == nil {
		return nil
	}
	var buf [8]member
	ms := e.members(buf[:])
	m := make(map[string]any, len(ms))
	for _, x := range ms {
		m[x.key] = copyValue(x.value)
	}
	return m
}

// copyValue returns a copy of the extension values the package itself builds or that are commonly shared
// (violations, string lists), so that a caller cannot write through them into an immutable *Error.
func copyValue(v any) any {
	switch x := v.(type) {
	case []Violation:
		return cloneViolations(x)
	case *violationList:
		return cloneViolations(*x)
	case []string:
		return slices.Clone(x)
	}
	return v
}

// cloneViolations returns a copy of vs, never nil, whose Extensions maps are copies too.
func cloneViolations(vs []Violation) []Violation {
	c := make([]Violation, len(vs))
	for i, v := range vs {
		c[i] = v
		c[i].Extensions = maps.Clone(v.Extensions)
	}
	return c
}

// Extension returns the value of one extension member and whether it is present.
func (e *Error) Extension(key string) (any, bool) {
	if e == nil {
		return nil, false
	}
	for n := e.ext; n != nil; n = n.next {
		if n.key == key {
			return copyValue(n.value), true
		}
	}
	return nil, false
}

// Violations returns the violations set with [Error.WithErrors] or [Validation], or nil.
func (e *Error) Violations() []Violation {
	v, _ := e.Extension("errors") // a copy already
	vs, _ := v.([]Violation)
	return vs
}

// Header returns a copy of the response header fields the error carries (Allow, Retry-After, ...).
func (e *Error) Header() http.Header {
	if e == nil {
		return http.Header{}
	}
	if e.extras().header == nil {
		return http.Header{}
	}
	return e.extras().header.Clone()
}

// Unwrap returns the cause set with [Error.Wrap] or by [Newf]'s %w, or nil.
func (e *Error) Unwrap() error {
	if e == nil {
		return nil
	}
	return e.cause
}

// Error returns "status title: detail: cause", leaving out the parts that are empty.
func (e *Error) Error() string {
	if e == nil {
		return "httperr: <nil>"
	}
	b := make([]byte, 0, 64)
	b = strconv.AppendInt(b, int64(e.status), 10)
	b = append(b, ' ')
	b = append(b, e.Title()...)
	detail := e.detailText()
	if detail != "" {
		b = append(b, ": "...)
		b = append(b, detail...)
	}
	if e.cause != nil {
		if msg := safeMessage(e.cause); msg != "" && !endsWithMessage(detail, msg) {
			b = append(b, ": "...)
			b = append(b, msg...)
		}
	}
	return string(b)
}

// endsWithMessage reports whether detail is msg or ends with ": " and msg, as a detail built from the cause's
// text with fmt.Errorf or [Newf] does; Error then leaves the cause out rather than repeat it.
func endsWithMessage(detail, msg string) bool {
	if !strings.HasSuffix(detail, msg) {
		return false
	}
	rest := detail[:len(detail)-len(msg)]
	return rest == "" || strings.HasSuffix(rest, ": ")
}

// LogValue implements [slog.LogValuer]: the status, the texts that are set and the cause.
func (e *Error) LogValue() slog.Value {
	if e == nil {
		return slog.StringValue("<nil>")
	}
	attrs := make([]slog.Attr, 0, 6)
	attrs = append(attrs, slog.Int("status", e.status))
	if e.badStatus != 0 {
		attrs = append(attrs, slog.Int("requested_status", int(max(e.badStatus, 0))))
	}
	for _, a := range [...]struct{ k, v string }{{"title", e.extras().title}, {"detail", e.detailText()}, {"type", e.extras().typ}, {"instance", e.extras().instance}} {
		if a.v != "" {
			attrs = append(attrs, slog.String(a.k, a.v))
		}
	}
	if e.cause != nil {
		attrs = append(attrs, slog.String("cause", safeMessage(e.cause)))
	}
	return slog.GroupValue(attrs...)
}

// With returns a copy of e with the extension member key set to value. The five members RFC 9457 defines
// (type, title, status, detail, instance) are refused: the copy is returned without them and the renderer logs
// the refusal. Values are encoded as encoding/json would; a value that cannot be encoded (a channel, NaN) is
// left out of the body and logged. The value is kept as given, not copied: do not change a map or slice after
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
// refused: the copy is returned without it and the renderer logs the refusal. Content-Type, Content-Length
// and X-Content-Type-Options belong to the renderer and are refused too.
func (e *Error) WithHeader(key, value string) *Error {
	c := e.clone()
	key = textproto.CanonicalMIMEHeaderKey(key)
	switch {
	case !validFieldName(key):
		c.refuse("header name " + strconv.Quote(key) + " is not a valid field name")
	case !validFieldValue(value):
		c.refuse("header " + key + " has a value with CR, LF, NUL or another control character")
	case key == "Content-Type" || key == "Content-Length" || key == "X-Content-Type-Options":
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

// validFieldValue reports whether s can be sent as a field value: no control character but HTAB (RFC 9110
// section 5.5), as Go's own HTTP client requires of the fields it reads.
func validFieldValue(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < ' ' && c != '\t' || c == 0x7f {
			return false
		}
	}
	return true
}

// validFieldName reports whether s is an RFC 9110 token.
func validFieldName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c <= ' ' || strings.IndexByte("\"(),/:;<=>?@[\\]{}\x7f", c) >= 0 {
			return false
		}
	}
	return true
}

// maxRetryAfter caps Retry-After: a delay beyond a year is taken for a unit mistake.
const maxRetryAfter = 365 * 24 * time.Hour

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

// WithRetryAt returns a copy of e that sends Retry-After as an HTTP-date (RFC 9110 section 5.6.7).
func (e *Error) WithRetryAt(t time.Time) *Error {
	return e.WithHeader("Retry-After", t.UTC().Format(http.TimeFormat))
}

// Wrap returns a copy of e whose cause is err: [errors.Is] and [errors.As] see it, logs show it, and a
// problem body never does unless [Renderer.ExposeCause] is set.
func (e *Error) Wrap(err error) *Error {
	c := e.clone()
	c.cause = err
	return c
}

// safeMessage returns err.Error(), or a placeholder when Error itself panics.
func safeMessage(err error) (msg string) {
	defer func() {
		if recover() != nil {
			msg = "(Error method panicked)"
		}
	}()
	return err.Error()
}
