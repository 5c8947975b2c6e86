package httperrgin

import (
	"net/http"
	"reflect"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/status"
)

var writers = sync.Pool{New: func() any { return new(writer) }}

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
		if middleware(c.Writer) == nil {
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

// middleware returns the writer of the Middleware that w is or wraps: directly, through Unwrap methods, or
// as an exported field of a wrapping struct (as gin-contrib's gzip writer embeds gin.ResponseWriter); nil
// when there is none.
func middleware(w http.ResponseWriter) *writer {
	for range 8 {
		switch x := w.(type) {
		case *writer:
			return x
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
			continue
		}
		inner, ok := wrapped(w)
		if !ok {
			return nil
		}
		w = inner
	}
	return nil
}

// wrapped returns the first exported field of the struct w points to that holds a ResponseWriter.
//
// This reflection runs only when a middleware inside put a wrapper without Unwrap in c.Writer (gin-contrib's
// gzip). The simplest safe alternative, the Middleware marking the context with c.Set, costs every request
// a map: measured A/B in BenchmarkNotFound and BenchmarkConflict (fw=gin; figures in docs/performance.md),
// it allocated more and took longer. So the writer search stays.
func wrapped(w http.ResponseWriter) (http.ResponseWriter, bool) {
	v := reflect.ValueOf(w)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	v = v.Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if !f.CanInterface() || (f.Kind() != reflect.Interface && f.Kind() != reflect.Pointer) || f.IsNil() {
			continue
		}
		if inner, ok := f.Interface().(http.ResponseWriter); ok {
			return inner, true
		}
	}
	return nil, false
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
// Panics are recovered into 500 problems ([httperr.Recovered]) and the chain aborted. A panic with
// [http.ErrAbortHandler] is re-panicked, as net/http expects; a panic after the response had started is
// logged and the response aborted with http.ErrAbortHandler, so that the client sees a broken response
// rather than a complete-looking one.
func Middleware(rd *httperr.Renderer) gin.HandlerFunc {
	return func(c *gin.Context) {
		w := writers.Get().(*writer)
		w.ResponseWriter, w.rd = c.Writer, rd
		c.Writer = w
		defer finish(rd, c, w)
		c.Next()
		if last := c.Errors.Last(); last != nil {
			w.holding, w.pending = false, false // an answer held gives way to the error recorded
			render(rd, c, w, aborted(c, w, last.Err))
		} else if err := routerError(c); err != nil && !w.Written() {
			render(rd, c, w, err)
		} else if w.holding || w.hold() { // a text or empty error answer, c.Status(404) alone included
			w.holding = false
			render(rd, c, w, w.held.Problem())
		} else if w.pending { // c.AbortWithStatus(code) alone: the catalog's problem for code
			w.pending = false
			render(rd, c, w, httperr.New(w.Status(), ""))
		}
	}
}

// aborted returns the error to render for err, the last of c.Errors, with the status the handler gave the
// response: with c.AbortWithStatus or c.AbortWithError, or with c.Status before or after c.Error. gin's
// writer starts at 200, so an error status on it was set by the application, and it decides over the status
// err maps to (internal/status), as it does in gin alone: c.AbortWithError(400, errors.New("bad")) is a 400,
// c.AbortWithError(401, err) of a malformed token's *json.SyntaxError a 401. err's own problem is rendered
// when it says as much, or more about a 400 (a body that is not JSON, or too large); an *httperr.Error in
// err's chain decides, as everywhere.
func aborted(c *gin.Context, w *writer, err error) error {
	code := w.Status()
	if code < 400 || code > 599 {
		return err
	}
	if _, ok := errchain.As[*httperr.Error](err); ok {
		return err
	}
	if translated := translate(c, err); status.Refines(httperr.StatusOf(translated), code) {
		return translated
	}
	return httperr.New(code, "").Wrap(err)
}

// finish, deferred by Middleware, renders a panic and puts the writer w back.
func finish(rd *httperr.Renderer, c *gin.Context, w *writer) {
	if p := recover(); p != nil {
		if p == http.ErrAbortHandler {
			release(c, w)
			panic(p)
		}
		c.Abort()
		err := httperr.Recovered(p)
		w.holding, w.pending = false, false // an answer held gives way to the panic's 500
		if w.Written() {
			rd.LogUnsent(c.Request, err)
			release(c, w)
			panic(http.ErrAbortHandler)
		}
		render(rd, c, w, err)
	}
	release(c, w)
}

// release gives c its writer back and pools w. When a middleware inside left its own wrapper of w in
// c.Writer (gin-contrib's gzip does), w stays in use through that wrapper for whatever runs outside, a logger
// reading the status, say: it is then left to the garbage collector, never pooled.
func release(c *gin.Context, w *writer) {
	if c.Writer != w {
		return
	}
	c.Writer = w.ResponseWriter
	w.send() // an answer held that the Middleware did not render: a re-panic
	// The writer wrapped stays, so that a goroutine of the handler's still writing through w (gin's
	// documentation forbids it) reaches gin's writer, as it would without us, never a nil one: that panic
	// would end the process (TestSubprocessStrayWriteDuringRender).
	// held keeps its body's array (at most answer.MaxBody) for the next error answer.
	*w = writer{ResponseWriter: w.ResponseWriter, held: w.held}
	writers.Put(w)
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

// render renders err, translated, into out, or logs it when the response has started. It commits the status
// line, because gin writes its default 404 and 405 bodies when it finds none written (a HEAD problem has no
// body).
//
// The Middleware passes its own writer: the problem goes to the writer below any that a middleware inside it
// put in c.Writer. gin-contrib/gzip's, say, deletes Vary and Content-Length from every error response it
// writes, and would not compress a problem anyway.
func render(rd *httperr.Renderer, c *gin.Context, out gin.ResponseWriter, err error) {
	err = translate(c, err)
	if out.Written() {
		rd.LogUnsent(c.Request, err)
		return
	}
	if mw, ok := out.(*writer); ok {
		mw.rendering = true
		defer func() { mw.rendering = false }()
	}
	rd.Render(out, c.Request, err)
	out.WriteHeaderNow()
}
