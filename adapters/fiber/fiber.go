package httperrfiber

import (
	"context"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v3"
	"github.com/gofiber/schema"
	"github.com/valyala/fasthttp"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/recovery"
	"github.com/httperr/toolkit/internal/translate"
)

// ErrorHandler returns a fiber error handler, for [fiber.Config].ErrorHandler, that renders every error
// with rd (nil means the zero Renderer) through [httperr.Renderer.Prepare] and [httperr.Response.Apply]:
// status, header fields and body, replacing whatever the failed handler had set.
//
// A response the handler has already given is replaced only when it is an error answer in text that the
// rule of [Middleware] replaces (a 4xx/5xx text or HTML body of at most 4 KiB; fiber's timeout middleware
// gives one): by the error's problem when the error has the status sent, by the problem of the text, with
// the error in its cause, otherwise. Any other response given (a success's body, JSON, a body stream, a
// hijacked connection) is left alone and the error logged with [httperr.Renderer.LogUnsent], as Render does
// for net/http.
func ErrorHandler(rd *httperr.Renderer) fiber.ErrorHandler {
	return func(c fiber.Ctx, err error) error {
		fc := c.RequestCtx()
		res := response(fc)
		switch {
		case fc.Hijacked() || res.IsBodyStream():
		case len(res.Body()) == 0:
			render(rd, c, res, problem(c, err))
			return nil
		default:
			if e := textAnswer(rd, res); e != nil {
				render(rd, c, res, textError(c, e, err))
				return nil
			}
		}
		rd.LogUnsent(logRequest(c), problem(c, err))
		return nil
	}
}

// Middleware returns a fiber middleware, for app.Use before the routes and before the middlewares that
// answer in text (limiter, basicauth, timeout, static), that recovers panics into 500 problems
// (internal/recovery), and turns the error answers in text that the handlers and middlewares after it
// give without an error into problems.
//
// The panic value is logged with its stack, never sent. It renders the problem itself, so that no other
// error handler can send the panic value; errors the handlers return go on to the app's ErrorHandler.
//
// An answer of status 400..599 whose Content-Type is absent, text/plain or text/html and whose body is at
// most 4 KiB becomes the problem of its status, the header fields it has kept (limiter's Retry-After,
// basicauth's WWW-Authenticate challenge); a 4xx text/plain answer's first line is the problem's detail
// unless it only restates the status; 5xx text and any HTML are the problem's cause, logged, never sent.
// Other media types, a longer body, a body stream and a hijacked connection go out as they were;
// [httperr.Renderer.KeepText] turns the rule off for answers with a body. A success costs the read of its
// status code.
//
// fasthttp sends nothing before the handler returns, so a panic after the handler set a body still gets a
// whole 500 problem in place of that body: there is no started response to break. A panic with
// [http.ErrAbortHandler], net/http's sentinel, is a panic like any other here. Only a hijacked connection
// gets nothing; the panic is then logged with [httperr.Renderer.LogUnsent].
func Middleware(rd *httperr.Renderer) fiber.Handler {
	return func(c fiber.Ctx) (err error) {
		defer recovered(rd, c, &err) // not a closure: one capturing err would move it to the heap
		if err = c.Next(); err != nil {
			return err
		}
		fc := c.RequestCtx()
		res := fc.LastTimeoutErrorResponse()
		if res == nil {
			if fc.Response.StatusCode() < 400 { // the success path: nothing more to look at
				return nil
			}
			res = &fc.Response
		}
		if !fc.Hijacked() && !res.IsBodyStream() {
			if e := textAnswer(rd, res); e != nil {
				render(rd, c, res, e)
			}
		}
		return nil
	}
}

// recovered, deferred, renders a panic as a 500 problem and clears *errp.
func recovered(rd *httperr.Renderer, c fiber.Ctx, errp *error) {
	p := recover()
	if p == nil {
		return
	}
	*errp = nil
	e := recovery.Problem(p)
	if c.RequestCtx().Hijacked() {
		rd.LogUnsent(logRequest(c), e)
		return
	}
	render(rd, c, response(c.RequestCtx()), e)
}

// render sets the problem for err on res, the response fasthttp sends for c ([response]). fiber's strings are views of fasthttp's buffers, valid
// until the handler returns; the core copies what it keeps, but Enrich is the application's code, which may
// keep the request it is given: for it the strings are copied.
func render(rd *httperr.Renderer, c fiber.Ctx, res *fasthttp.Response, err error) {
	fc := c.RequestCtx()
	req := httperr.Request{
		Method:         c.Method(),
		Path:           c.Path(),
		Accept:         c.Get(fiber.HeaderAccept),
		AcceptLanguage: c.Get(fiber.HeaderAcceptLanguage),
	}
	if rd != nil && rd.Enrich != nil {
		// Enrich may keep the request: nothing of fasthttp's reused buffers goes in it. It sees every
		// request header field (traceparent for httperr.EnrichTraceID, say).
		req.Path, req.Accept, req.AcceptLanguage = strings.Clone(req.Path), strings.Clone(req.Accept), strings.Clone(req.AcceptLanguage)
		req.Header = make(http.Header)
		for k, v := range fc.Request.Header.All() {
			req.Header.Add(string(k), string(v))
		}
	}
	for _, v := range res.Header.PeekAll(fiber.HeaderVary) { // set by the CORS middleware, say
		req.Vary = append(req.Vary, string(v))
	}
	p := rd.Prepare(requestContext(c), err, req)
	apply(&res.Header, p)
	res.SetStatusCode(p.Status)
	res.ResetBody() // for HEAD, Body is nil; fasthttp keeps the Content-Length that Apply set
	if p.Body != nil {
		res.SetBodyRaw(p.Body)
	}
}

// apply sets p's header fields on h as p.Apply does, in less time (TestApply; BenchmarkNotFound):
//
//   - Every key Apply deletes, peeks or sets is canonical (the core canonicalizes the error's own keys), which
//     is fasthttp's normalized form too: normalizing them again would change nothing, so it is off meanwhile.
//   - A header whose only fields are Content-Type, Content-Length and Server, as a failed handler's response
//     most often is, has nothing that Apply's deletions could remove: Apply adds each key once, right after
//     deleting it, and fasthttp's Add replaces these three rather than adding a second value. Apply then gets
//     h without its Del (freshHeader).
func apply(h *fasthttp.ResponseHeader, p httperr.Response) {
	if !h.DisableNormalizing() {
		defer h.EnableNormalizing()
	}
	for k := range h.All() {
		switch string(k) {
		case fiber.HeaderContentType, fiber.HeaderContentLength, fiber.HeaderServer:
		default:
			p.Apply(h)
			return
		}
	}
	p.Apply(freshHeader{h})
}

// freshHeader is a response header with nothing to delete: see apply.
type freshHeader struct{ *fasthttp.ResponseHeader }

// Del does nothing: the header has no field key.
func (freshHeader) Del(string) {}

// bindingProblem returns the problem for the errors of c.Bind().Query, .Header, .Form, .URI and .Cookie
// (gofiber/schema's MultiError, one error per key): a 400 when a value failed to convert, a 422 when only
// required keys were missing, with one violation per key, sorted, naming a header field when the request
// has a header field of that name and no query parameter, a parameter otherwise (schema's errors do not say
// which binder ran, so a missing required header field is named as a parameter).
func bindingProblem(c fiber.Ctx, me schema.MultiError, err error) *httperr.Error {
	status := http.StatusUnprocessableEntity
	vs := make([]httperr.Violation, 0, len(me))
	for _, key := range slices.Sorted(maps.Keys(me)) {
		detail := "has an invalid value"
		switch x := me[key].(type) {
		case schema.ConversionError:
			status, detail = http.StatusBadRequest, location.KindDetail(x.Type)
		case schema.EmptyFieldError:
			detail = "is required"
		case schema.UnknownKeyError:
			status, detail = http.StatusBadRequest, "is not a known parameter"
		}
		if c.Request().URI().QueryArgs().Has(key) || c.Request().Header.Peek(key) == nil {
			vs = append(vs, httperr.Violation{Parameter: key, Detail: detail})
		} else {
			vs = append(vs, httperr.Violation{Header: key, Detail: detail})
		}
	}
	return httperr.New(status, "").WithErrors(vs...).Wrap(err)
}

// logRequest returns the *http.Request that LogUnsent logs for c: its method and path, with c's context
// ([requestContext]).
func logRequest(c fiber.Ctx) *http.Request {
	r := &http.Request{Method: c.Method(), URL: &url.URL{Path: strings.Clone(c.Path())}, Header: http.Header{}}
	return r.WithContext(requestContext(c))
}

// response returns the response fasthttp sends for fc: the copy fiber's timeout middleware made of fc's
// (RequestCtx.TimeoutErrorWithResponse) once it has answered, fc's own otherwise. After a timeout, fc's own
// response belongs to the handler the middleware abandoned, which still runs, and fasthttp ignores it.
func response(fc *fasthttp.RequestCtx) *fasthttp.Response {
	if res := fc.LastTimeoutErrorResponse(); res != nil {
		return res
	}
	return &fc.Response
}

// requestContext returns c.Context(), or [context.Background] once fiber's timeout middleware has answered:
// the middleware restores c's context (c.SetContext) when the handler it abandoned returns, concurrently
// with the error handler, so reading c's context then is a data race (TestTimeoutLog, under -race).
func requestContext(c fiber.Ctx) context.Context {
	if c.RequestCtx().LastTimeoutErrorResponse() != nil {
		return context.Background()
	}
	return c.Context()
}

// rule is fiber's description for the one translation rule (internal/translate): an *httperr.Error anywhere
// in the chain wins; validator errors (c.Bind() with a StructValidator) become a 422; gofiber/schema's errors
// a violation per key ([bindingProblem]); fiber's 413 for a body over Config.BodyLimit the core's 413 for an
// [*http.MaxBytesError] of that limit; a *fiber.Error keeps its code over the errors of its chain, unless they
// say as much or more about a 400. Any other error goes to the core as it is (json.Unmarshal's errors from
// c.Bind().Body among them).
var rule = translate.Framework[fiber.Ctx]{
	Validation: httperrvalidator.Map,
	Error: func(c fiber.Ctx, err error) (int, string, error, bool) {
		fe, ok := errchain.As[*fiber.Error](err)
		if !ok || fe == nil {
			return 0, "", nil, false
		}
		if fe == fiber.ErrRequestEntityTooLarge {
			return fe.Code, "", &http.MaxBytesError{Limit: int64(c.App().Config().BodyLimit)}, true
		}
		return fe.Code, fe.Message, nil, true
	},
	Binder: func(c fiber.Ctx, err error) *httperr.Error {
		if me, ok := errchain.As[schema.MultiError](err); ok && len(me) > 0 {
			return bindingProblem(c, me, err)
		}
		return nil
	},
}

// problem returns the error to render for err, by [rule].
func problem(c fiber.Ctx, err error) error { return rule.Problem(c, err) }
