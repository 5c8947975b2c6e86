package httperrhuma

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/recovery"
	fwstatus "github.com/httperr/toolkit/internal/status" // not status: huma names its statuses so
)

// Install makes api answer errors with rd's problems (nil means the zero Renderer): an operation's error,
// huma's own validation, body and 5xx errors, and panics. Call it right after creating api, before
// api.UseMiddleware and huma.Register: huma binds an operation to the middleware that exists when it is
// registered, and errors written by middleware added before Install stay huma's.
//
// The first call replaces the package variable [huma.NewErrorWithContext], the one place huma hands over
// the error value an operation returned, with a function that renders for the APIs Install was called on
// and calls the function it replaced for every other request. Make that first call before any API serves a
// request (the variable is read without synchronization), and do not set the variable afterwards.
func Install(api huma.API, rd *httperr.Renderer) {
	hook.Do(func() {
		next = huma.NewErrorWithContext
		huma.NewErrorWithContext = newError
	})
	api.UseMiddleware(func(ctx huma.Context, nextMW func(huma.Context)) {
		c := &errorContext{humaContext: ctx, rd: rd}
		defer c.recovered(ctx)
		nextMW(c)
	})
}

var (
	hook sync.Once
	next func(huma.Context, int, string, ...error) huma.StatusError
)

// errorContext is the huma.Context that Install's middleware gives operations: it carries the Renderer,
// and once a problem is written it drops what huma writes after it (huma marshals the value newError
// returned, in its own format).
type errorContext struct {
	humaContext
	rd      *httperr.Renderer
	started bool // a status or a body writer was handed out: a panic can no longer be answered
	sent    bool // the problem is written
}

// humaContext is huma.Context under a name that does not hide its Context method when embedded.
type humaContext huma.Context

// Unwrap returns the context Install's middleware was given (huma's adapters unwrap to find theirs).
func (c *errorContext) Unwrap() huma.Context { return c.humaContext }

// SetStatus, SetHeader, AppendHeader and BodyWriter pass through until the problem is sent, and drop what
// huma writes after it.
func (c *errorContext) SetStatus(code int) {
	if !c.sent {
		c.started = true
		c.humaContext.SetStatus(code)
	}
}

func (c *errorContext) SetHeader(name, value string) {
	if !c.sent {
		c.humaContext.SetHeader(name, value)
	}
}

func (c *errorContext) AppendHeader(name, value string) {
	if !c.sent {
		c.humaContext.AppendHeader(name, value)
	}
}

func (c *errorContext) BodyWriter() io.Writer {
	if c.sent {
		return io.Discard
	}
	c.started = true
	return c.humaContext.BodyWriter()
}

// newError replaces huma.NewErrorWithContext: for a request of an API Install was called on it writes the
// problem for the error and returns a stand-in that huma then writes to nowhere.
func newError(ctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
	c := ours(ctx)
	if c == nil {
		return next(ctx, status, msg, errs...)
	}
	if c.sent {
		return &sentError{status: status, msg: msg}
	}
	if c.started { // too late for a problem: huma writes what it can, as without Install
		return next(ctx, status, msg, errs...)
	}
	return &sentError{status: c.send(ctx, problem(status, msg, errs)), msg: msg}
}

// ours finds Install's context under the wrappers other middleware put around it (huma.WithValue).
func ours(ctx huma.Context) *errorContext {
	for range 64 { // bounded: a wrapper that unwraps to itself cannot hang a request
		switch c := ctx.(type) {
		case *errorContext:
			return c
		case interface{ Unwrap() huma.Context }:
			ctx = c.Unwrap()
		default:
			return nil
		}
	}
	return nil
}

// send writes the problem for err with what the request ctx (the context huma has, outermost) asks for,
// and returns its status.
func (c *errorContext) send(ctx huma.Context, err error) int {
	u := ctx.URL()
	req := httperr.Request{Method: ctx.Method(), Path: u.Path,
		Accept: ctx.Header("Accept"), AcceptLanguage: ctx.Header("Accept-Language")}
	w, isHTTP := c.humaContext.BodyWriter().(interface{ Header() http.Header })
	if isHTTP {
		req.Vary = w.Header()["Vary"]
	}
	if c.rd != nil && c.rd.Enrich != nil {
		req.Header = http.Header{}
		ctx.EachHeader(func(name, value string) { req.Header.Add(name, value) })
	}
	res := c.rd.Prepare(ctx.Context(), err, req)
	if isHTTP {
		res.Apply(w.Header())
	} else {
		res.Apply(&fields{ctx: c.humaContext})
	}
	c.humaContext.SetStatus(res.Status)
	if res.Body != nil {
		c.humaContext.BodyWriter().Write(res.Body) //nolint:errcheck // the client went away; nothing to tell it
	}
	c.started, c.sent = true, true
	return res.Status
}

// recovered answers a panic of the operation (or of middleware added after Install) with a 500 problem.
func (c *errorContext) recovered(ctx huma.Context) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	if err, ok := p.(error); ok && c.sent && errors.Is(err, huma.ErrUnknownAcceptContentType) {
		// With Config.NoFormatFallback huma panics when none of its formats suits the Accept field, after
		// it wrote the error; the problem is sent already, in the form httperr negotiated.
		return
	}
	err := recovery.Problem(p)
	if c.started {
		u := ctx.URL()
		r := (&http.Request{Method: ctx.Method(), URL: &u, Header: http.Header{}}).WithContext(ctx.Context())
		c.rd.LogUnsent(r, err)
		panic(http.ErrAbortHandler)
	}
	c.send(ctx, err)
}

// fields sets header fields through a huma.Context whose writer is not net/http's (humafiber): the
// context cannot delete a field, so Apply's deletions are skipped and a field's first value replaces it.
type fields struct {
	ctx  huma.Context
	last string
}

func (f *fields) Del(string) {}

func (f *fields) Add(key, value string) {
	if key != f.last {
		f.last = key
		f.ctx.SetHeader(key, value)
		return
	}
	f.ctx.AppendHeader(key, value)
}

// sentError is what newError returns once the problem is written: huma only reads its status.
type sentError struct {
	status int
	msg    string
}

func (e *sentError) GetStatus() int { return e.status }
func (e *sentError) Error() string  { return e.msg }

// problem is the error to render for huma's call NewErrorWithContext(ctx, status, msg, errs...). An
// operation's error (huma passes it alone, with 500) is rendered as it is, so it gets the status and the
// detail that httperr gives it. huma's own errors keep their status; their message is the detail of a 4xx
// (not huma's "validation failed", the catalog's sentence says more), and each error they list is a
// [httperr.Violation].
func problem(status int, msg string, errs []error) error {
	if status == http.StatusInternalServerError && len(errs) == 1 && errs[0] != nil {
		return errs[0]
	}
	var vs []httperr.Violation
	var causes []error
	for _, err := range errs {
		if err != nil {
			vs = append(vs, violation(err))
			causes = append(causes, err)
		}
	}
	if msg == "validation failed" {
		msg = ""
	}
	e := fwstatus.FrameworkError(status, msg, errors.Join(causes...))
	if len(vs) > 0 {
		e = e.WithErrors(vs...)
	}
	return e
}

// violation turns one error of huma's list into a Violation: a huma.ErrorDetailer's message and location,
// else the error's text. huma's echo of the offending value is left out.
func violation(err error) httperr.Violation {
	var d huma.ErrorDetailer
	if !errors.As(err, &d) || d.ErrorDetail() == nil {
		return httperr.Violation{Detail: err.Error()}
	}
	det := d.ErrorDetail()
	v := httperr.Violation{Detail: det.Message}
	where, name, _ := strings.Cut(det.Location, ".")
	switch where {
	case "path", "query", "cookie":
		v.Parameter = name
	case "header":
		v.Header = name
	default:
		if rest, ok := strings.CutPrefix(det.Location, "body"); ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
			v.Pointer = pointer(rest)
		}
	}
	return v
}

// pointer turns the rest of a huma body location, ".items[3].tags", into a JSON Pointer, "#/items/3/tags".
func pointer(path string) string {
	var tokens []string
	for path != "" {
		if path[0] == '[' {
			end := strings.IndexByte(path, ']')
			if end < 0 {
				end = len(path)
			}
			tokens = append(tokens, path[1:end])
			path = path[min(end+1, len(path)):]
			continue
		}
		path = strings.TrimPrefix(path, ".")
		end := strings.IndexAny(path, ".[")
		if end < 0 {
			end = len(path)
		}
		tokens = append(tokens, path[:end])
		path = path[end:]
	}
	return httperr.Pointer(tokens...)
}
