package httperrgin

import (
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/ginhold"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/recovery"
	"github.com/httperr/toolkit/internal/translate"
)

// Handle returns fn as a gin handler. A non-nil error is recorded in c.Errors, as c.Error records it, and
// the chain aborted; the [Middleware] renders it once the chain has run. Without a Middleware in the chain
// (Handle looks for the writer the Middleware puts in c.Writer, through writers that wrap it), the error is
// rendered at once with the zero Renderer.
func Handle(fn func(*gin.Context) error) gin.HandlerFunc {
	return func(c *gin.Context) {
		err := fn(c)
		if err == nil {
			return
		}
		c.Abort()
		record(c, err)
		if ginhold.Find(c.Writer) == nil {
			render(nil, c, c.Writer, err)
		}
	}
}

// record does what c.Error(err) does, with the core's bounded walk of err's chain (internal/errchain) in
// place of gin's errors.As, which an Unwrap cycle makes loop forever: it appends the *gin.Error of the chain,
// or a private one holding err. A typed nil *gin.Error in the chain is not appended, as gin would: c.Errors
// would then end in nil.
func record(c *gin.Context, err error) {
	ge, ok := errchain.As[*gin.Error](err)
	if !ok || ge == nil {
		ge = &gin.Error{Err: err, Type: gin.ErrorTypePrivate}
	}
	c.Errors = append(c.Errors, ge)
}

// Middleware returns a gin middleware that renders with rd (nil means the zero Renderer) the last error of
// c.Errors once the rest of the chain has run, unless a response was written: then the error is only logged
// ([httperr.Renderer.LogUnsent]). It also renders gin's own 404 and 405 (its Allow header kept) when no NoRoute
// or NoMethod handler answered, so gin's plain-text bodies are never sent.
//
// An error answer written through c.Writer in text or with no body (c.String(429, "slow down") from a rate
// limiter, c.Data with text/plain, c.AbortWithStatus, c.Status(404) with nothing written, gin-contrib/timeout's
// 408) is held back and replaced by the problem of its status, with the header fields it set (Retry-After,
// X-RateLimit-*, WWW-Authenticate): a 4xx text's first line is the detail, a 5xx text is only logged (see
// internal/answer). An error in c.Errors is rendered in its place. Any other answer (c.JSON, a text over 4 KiB,
// a flushed or hijacked response) goes out as it was, and [httperr.Renderer.KeepText] keeps every text. A
// logger outside the Middleware (gin.Logger) sees the status and size sent.
//
// Panics are recovered into 500 problems (internal/recovery) and the chain aborted. A panic with
// [http.ErrAbortHandler] is re-panicked, as net/http expects; a panic after the response had started is
// logged and the response aborted with http.ErrAbortHandler, so that the client sees a broken response
// rather than a complete-looking one.
func Middleware(rd *httperr.Renderer) gin.HandlerFunc {
	return func(c *gin.Context) {
		w := ginhold.New(c.Writer, rd)
		c.Writer = w
		defer finish(rd, c, w)
		c.Next()
		if len(c.Errors) == 0 && c.Writer == w && w.Idle() {
			return // a success: no error, no 404 or 405 of gin's, no answer to replace
		}
		if last := c.Errors.Last(); last != nil {
			w.Forget() // an answer held gives way to the error recorded
			render(rd, c, w, rule.Under(c, w.Status(), last.Err))
		} else if err := routerError(c); err != nil && !w.Written() {
			render(rd, c, w, err)
		} else if e := w.Held(); e != nil {
			render(rd, c, w, e)
		}
	}
}

// finish, deferred by Middleware, renders a panic and puts the writer w back.
func finish(rd *httperr.Renderer, c *gin.Context, w *ginhold.Writer) {
	if p := recover(); p != nil {
		defer w.Release(c)
		w.Forget() // an answer held gives way to the panic's 500
		err := recovery.Answer(rd, c.Request, p, w.Written())
		c.Abort()
		render(rd, c, w, err)
		return
	}
	w.Release(c)
}

// Install sets e up for httperr: it uses [Middleware](rd), turns on e.HandleMethodNotAllowed, answers
// unknown paths with a 404 problem and known paths with another method with a 405 problem whose Allow header
// is gin's. nil rd means the zero Renderer.
//
// Install also registers on gin's default validator engine [httperrvalidator.FieldName], a tag name function
// that names fields by their json tag, else by their header, uri or form tag (a field tagged json:"-" or
// without a tag keeps its Go name), so that violations point at the JSON member, the header field or the
// parameter: it replaces any tag name function registered before. Call Install before serving.
//
// Call it after e.Use has added the access logger (gin.Logger; gin.Default adds it with gin.Recovery) and
// before the rest: gin runs middleware in the order it was added, so a logger added before Install sees the
// status of the problem, a panic's 500 included, while one added after it is unwound by a panic unlogged.
// gin.Recovery before Install never sees a panic (ours recovers it first); middleware added after Install
// has its panics recovered.
func Install(e *gin.Engine, rd *httperr.Renderer) {
	e.Use(Middleware(rd))
	e.HandleMethodNotAllowed = true
	e.NoRoute(Handle(routerError))
	e.NoMethod(Handle(routerError))
	if v, ok := binding.Validator.Engine().(*validator.Validate); ok {
		if _, done := named.LoadOrStore(v, true); !done {
			v.RegisterTagNameFunc(httperrvalidator.FieldName)
		}
	}
}

// routerError returns the problem for gin's own 404 or 405, recognised by the request matching no route and
// the status gin set, or nil.
func routerError(c *gin.Context) error {
	if c.FullPath() != "" {
		return nil
	}
	switch c.Writer.Status() {
	case http.StatusNotFound:
		return httperr.NotFound("")
	case http.StatusMethodNotAllowed:
		return httperr.New(http.StatusMethodNotAllowed, "").WithHeader("Allow", c.Writer.Header().Get("Allow"))
	}
	return nil
}

// render renders err, translated, into out (ginhold.Render).
func render(rd *httperr.Renderer, c *gin.Context, out gin.ResponseWriter, err error) {
	ginhold.Render(rd, c.Request, out, rule.Problem(c, err))
}

// named holds the validator engines Install registered httperrvalidator.FieldName on, once each.
var named sync.Map

// rule describes gin to the adapters' one rule (internal/translate). gin has no error of its own with a
// status: the status gin's writer holds decides (rule.Under), set by c.AbortWithError or c.Status before or
// after c.Error: c.AbortWithError(401, err) of a malformed token's *json.SyntaxError is a 401, a body that is
// not JSON, or too large, under a 400 its own problem. gin's binders return their errors bare: a
// binding.SliceValidationError is a 422, an io.EOF or io.ErrUnexpectedEOF an empty or truncated body's 400,
// a conversion error about a value of c's request a 400 naming it (ShouldBindQuery of ?limit=abc).
var rule = translate.Framework[*gin.Context]{
	Validation: httperrvalidator.Map,
	Binder: func(c *gin.Context, err error) *httperr.Error {
		if _, ok := errchain.As[binding.SliceValidationError](err); ok { // gin loses the failed indexes
			return httperr.UnprocessableEntity("request body has invalid array elements").Wrap(err)
		}
		if e, ok := httperr.RequestBodyError(err).(*httperr.Error); ok {
			return e
		}
		if httperr.StatusOf(err) == http.StatusInternalServerError {
			return location.Conversion(err, c.Request, ginhold.Params(c.Params))
		}
		return nil
	},
}
