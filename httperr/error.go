package httperr

import (
	"log/slog"
	"maps"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
)

// Error is an HTTP error that renders as an RFC 9457 problem document.
//
// An *Error is immutable once built: every With method ([Error.With], [Error.WithDetail], [Error.WithHeader],
// ...) and [Error.Wrap] returns a modified copy, so a package-level value such as
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
	remote   bool     // decoded from a response (httperrclient): rendered as forRendering says
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

// detailSuffix names a constant end of a detail that NotFound and Gone add to the resource name without
// building a new string for every error: the renderer appends it, Detail joins it. It keeps NotFound at one
// allocation: joining the strings takes one more per built-and-rendered 404, as BenchmarkBuildRenderNotFound
// shows, and so on every NotFound row of docs/performance.md (figures there).
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

// reserved reports whether name is one of the five members that RFC 9457 defines.
func reserved(name string) bool {
	switch name {
	case "type", "title", "status", "detail", "instance":
		return true
	}
	return false
}

// New returns an *Error with the given status and detail: the status and detail members of RFC 9457
// section 3.1, and the HTTP status of the response (RFC 9110 section 15). The detail is sent as given, to
// every client and in every language; keep internal facts in a cause ([Error.Wrap]).
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
// int method on an error (echo v5, oapi-codegen's strict handlers): they answer with the same status. huma
// looks for GetStatus instead: adapters/huma renders *Error for huma operations.
func (e *Error) StatusCode() int { return e.Status() }

// Title returns the title a problem for e is sent with in English: the one set with [Error.WithTitle], else
// the status catalog's ([Catalog.Title] of [English]): NotFound("user").Title() is "Not Found". A [Renderer] whose client prefers
// another language sends that catalog's title instead, unless one was set. A nil *Error, sent as a 500, has
// the title of 500.
func (e *Error) Title() string {
	if e == nil {
		return English().Title(http.StatusInternalServerError)
	}
	if title := e.extras().title; title != "" {
		return title
	}
	if title, _ := e.typeText(language.English); title != "" {
		return title
	}
	return English().Title(e.status)
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

// safeMessage returns err.Error(), or a placeholder when Error itself panics.
func safeMessage(err error) (msg string) {
	defer func() {
		if recover() != nil {
			msg = "(Error method panicked)"
		}
	}()
	return err.Error()
}
