package httperrhuma

import (
	"errors"
	"io"
	"net/http"
	"strings"
	"sync"

	"github.com/danielgtaylor/huma/v2"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/recovery"
	fwstatus "github.com/httperr/toolkit/internal/status" // not status: huma names its statuses so
)

// Install makes api answer errors with rd's problems (nil: the zero Renderer). Call it right after creating
// api, before api.UseMiddleware, huma.Register and serving; then leave [huma.NewErrorWithContext] alone.
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

var hook sync.Once
var next func(huma.Context, int, string, ...error) huma.StatusError // the NewErrorWithContext Install replaced

// errorContext is the huma.Context Install gives operations: it drops what huma writes after the problem.
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

// SetStatus, SetHeader, AppendHeader and BodyWriter pass through until the problem is sent.
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

// newError replaces huma.NewErrorWithContext: for Install's APIs it writes the problem, returning a stand-in.
func newError(ctx huma.Context, status int, msg string, errs ...error) huma.StatusError {
	switch c := ours(ctx); {
	case c == nil || c.started && !c.sent: // not ours, or too late for a problem: huma writes what it can
		return next(ctx, status, msg, errs...)
	case !c.sent:
		status = c.send(ctx, problem(status, msg, errs))
	}
	return &sentError{status: status, msg: msg}
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

// send writes the problem for err as the request ctx (huma's, outermost) asks for it, and returns its status.
func (c *errorContext) send(ctx huma.Context, err error) int {
	req := httperr.Request{Method: ctx.Method(), Path: ctx.URL().Path,
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
	} else { // humafiber's writer: the context sets and appends fields, deletes none
		for k, vs := range res.Header() {
			for i, v := range vs {
				if i == 0 {
					c.humaContext.SetHeader(k, v)
				} else {
					c.humaContext.AppendHeader(k, v)
				}
			}
		}
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
	if e, _ := p.(error); p == nil || c.sent && errors.Is(e, huma.ErrUnknownAcceptContentType) {
		return // Config.NoFormatFallback: huma panics after it wrote the error, which httperr negotiated
	}
	u := ctx.URL()
	r := (&http.Request{Method: ctx.Method(), URL: &u, Header: http.Header{}}).WithContext(ctx.Context())
	c.send(ctx, recovery.Answer(c.rd, r, p, c.started)) // if it returns: the response has not started
}

// sentError is what newError returns once the problem is written: huma only reads its status.
type sentError struct {
	status int
	msg    string
}

func (e *sentError) GetStatus() int { return e.status }
func (e *sentError) Error() string  { return e.msg }

// problem is the error to render for NewErrorWithContext(ctx, status, msg, errs...): an operation's error
// (alone, with 500) as it is; huma's own with their status, a 4xx msg the detail, errs as violations.
func problem(status int, msg string, errs []error) error {
	if status == http.StatusInternalServerError && len(errs) == 1 && errs[0] != nil {
		return errs[0]
	}
	var vs []httperr.Violation
	for _, err := range errs {
		if err != nil {
			vs = append(vs, violation(err))
		}
	}
	if msg == "validation failed" {
		msg = ""
	}
	e := fwstatus.FrameworkError(status, msg, errors.Join(errs...))
	if len(vs) > 0 {
		e = e.WithErrors(vs...)
	}
	return e
}

// violation turns an error of huma's list into a Violation: an ErrorDetailer's message and location, else its text.
func violation(err error) httperr.Violation {
	var d huma.ErrorDetailer
	if !errors.As(err, &d) || d.ErrorDetail() == nil {
		return httperr.Violation{Detail: err.Error()}
	}
	det := d.ErrorDetail()
	v := httperr.Violation{Detail: det.Message}
	switch where, name, _ := strings.Cut(det.Location, "."); where {
	case "path", "query", "cookie":
		v.Parameter = name
	case "header":
		v.Header = name
	default:
		if rest, ok := strings.CutPrefix(det.Location, "body"); ok && (rest == "" || rest[0] == '.' || rest[0] == '[') {
			v.Pointer = location.Pointer(rest)
		}
	}
	return v
}
