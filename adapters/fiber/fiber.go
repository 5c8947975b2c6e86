package httperrfiber

import (
	"context"
	"errors"
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
	"github.com/httperr/toolkit/internal/answer"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/recovery"
	"github.com/httperr/toolkit/internal/translate"
)

// ErrorHandler returns a fiber error handler, for [fiber.Config].ErrorHandler, that renders every error with
// rd (nil means the zero Renderer). A response already given is replaced only when [Middleware] would
// replace it (fiber's timeout 408), else left alone and the error logged with [httperr.Renderer.LogUnsent].
func ErrorHandler(rd *httperr.Renderer) fiber.ErrorHandler {
	return func(c fiber.Ctx, err error) error {
		fc, e := c.RequestCtx(), rule.Problem(c, err)
		res := response(fc)
		switch {
		case fc.Hijacked() || res.IsBodyStream():
		case len(res.Body()) == 0:
			render(rd, c, res, e)
			return nil
		default:
			if t := answer.Of(rd, res.StatusCode(), res.Header.ContentType(), res.Body()); t != nil {
				if httperr.StatusOf(e) != t.Status() { // the text's problem, then, err in its cause
					e = t.Wrap(errors.Join(t.Unwrap(), err))
				}
				render(rd, c, res, e)
				return nil
			}
		}
		rd.LogUnsent(logRequest(c), e)
		return nil
	}
}

// Middleware returns a fiber middleware, for app.Use before the routes and the middlewares that answer in
// text (limiter, basicauth, timeout, static), that renders panics as 500 problems, and the error answers in
// text that follow (4xx/5xx text or HTML of at most 4 KiB) as the problems of their status, fields kept.
func Middleware(rd *httperr.Renderer) fiber.Handler {
	return func(c fiber.Ctx) (err error) {
		defer recovered(rd, c, &err) // not a closure: one capturing err would move it to the heap
		if err = c.Next(); err != nil {
			return err
		}
		fc := c.RequestCtx()
		if fc.LastTimeoutErrorResponse() == nil && fc.Response.StatusCode() < 400 { // the success path
			return nil
		}
		if res := response(fc); !fc.Hijacked() && !res.IsBodyStream() {
			if e := answer.Of(rd, res.StatusCode(), res.Header.ContentType(), res.Body()); e != nil {
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
	if e := recovery.Problem(p); c.RequestCtx().Hijacked() {
		rd.LogUnsent(logRequest(c), e)
	} else {
		render(rd, c, response(c.RequestCtx()), e)
	}
}

// render sets the problem for err on res, the response fasthttp sends for c ([response]).
func render(rd *httperr.Renderer, c fiber.Ctx, res *fasthttp.Response, err error) {
	req := httperr.Request{Method: c.Method(), Path: c.Path(),
		Accept: c.Get(fiber.HeaderAccept), AcceptLanguage: c.Get(fiber.HeaderAcceptLanguage)}
	if rd != nil && rd.Enrich != nil {
		// Enrich may keep its request, and sees all its header fields: copies, not fasthttp's reused buffers.
		req.Path, req.Accept, req.AcceptLanguage = strings.Clone(req.Path), strings.Clone(req.Accept), strings.Clone(req.AcceptLanguage)
		req.Header = make(http.Header)
		for k, v := range c.RequestCtx().Request.Header.All() {
			req.Header.Add(string(k), string(v))
		}
	}
	for _, v := range res.Header.PeekAll(fiber.HeaderVary) { // set by the CORS middleware, say
		req.Vary = append(req.Vary, string(v))
	}
	p := rd.Prepare(requestContext(c), err, req)
	apply(&res.Header, p)
	res.SetStatusCode(p.Status)
	res.SetBodyRaw(p.Body) // for HEAD, nil: fasthttp keeps the Content-Length that Apply set
}

// apply is p.Apply(h) in less time (TestApply; BenchmarkNotFound): the core's keys are canonical, so not
// normalized again, and a header with only fields that fasthttp's Add replaces gets no Del (freshHeader).
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

// freshHeader is a response header with nothing to delete (see apply): its Del does nothing.
type freshHeader struct{ *fasthttp.ResponseHeader }

func (freshHeader) Del(string) {} // Del does nothing: the header has no field key

// bindingProblem returns the problem for gofiber/schema's errors (c.Bind().Query, .Header, .URI...): a 400,
// or a 422 when keys are only missing, a violation per key, a header field's if the request has it alone.
func bindingProblem(c fiber.Ctx, err error) *httperr.Error {
	me, ok := errchain.As[schema.MultiError](err)
	if !ok || len(me) == 0 {
		return nil
	}
	status, vs := http.StatusUnprocessableEntity, make([]httperr.Violation, 0, len(me))
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

// logRequest returns the *http.Request that LogUnsent logs for c: method, path, [requestContext].
func logRequest(c fiber.Ctx) *http.Request {
	r := &http.Request{Method: c.Method(), URL: &url.URL{Path: strings.Clone(c.Path())}, Header: http.Header{}}
	return r.WithContext(requestContext(c))
}

// response returns the response fasthttp sends for fc: after a timeout, the copy fiber's middleware made.
func response(fc *fasthttp.RequestCtx) *fasthttp.Response {
	if res := fc.LastTimeoutErrorResponse(); res != nil {
		return res
	}
	return &fc.Response
}

// requestContext is c.Context(), or after a timeout [context.Background]: a data race to read (TestTimeoutLog).
func requestContext(c fiber.Ctx) context.Context {
	if c.RequestCtx().LastTimeoutErrorResponse() != nil {
		return context.Background()
	}
	return c.Context()
}

// rule describes fiber's errors to internal/translate: a *fiber.Error keeps its code, and the 413 for a body
// over Config.BodyLimit is the core's for an [*http.MaxBytesError] of that limit.
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
	Binder: bindingProblem,
}
