package httperrecho

import (
	"iter"
	"net/http"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/hold"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/status"
	"github.com/labstack/echo/v4"
)

// ErrorHandler returns an echo error handler that renders errors with rd (nil means the zero Renderer).
//
// When the response has already been committed nothing is written and the error is logged with
// [httperr.Renderer.LogUnsent], unless the committed response is the problem for that very error: echo's Logger
// middleware hands the error it passed to c.Error over a second time, and that one was rendered (and logged)
// already.
func ErrorHandler(rd *httperr.Renderer) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		res := c.Response()
		if res.Committed && res.Status < http.StatusOK {
			// Only an informational response (103 Early Hints) went out: the final one has not started.
			res.Committed = false
		}
		if res.Committed {
			if !renderedAlready(c, err) {
				rd.LogUnsent(c.Request(), err)
			}
			return
		}
		rd.Render(res, c.Request(), problem(c, err))
	}
}

// renderedAlready reports whether the committed response res is a problem with err's status, as when err was
// rendered before. Remembering the rendered error in the context instead would cost every error two
// allocations (echo's context store is a map made on first use).
func renderedAlready(c echo.Context, err error) bool {
	res := c.Response()
	return httperr.Rendered(res.Header(), res.Status, problem(c, err))
}

// Install sets e's error handler to ErrorHandler(rd) and appends to e's middleware one that recovers panics
// into 500 problems ([httperr.Recovered]) and turns the error answers written straight to c.Response() into
// problems.
//
// Such answers never reach the error handler: echo's middleware.Timeout (http.TimeoutHandler's 503 HTML),
// c.File and middleware.Static with an unsatisfiable Range (http.ServeContent's 416 text, its Content-Range
// kept), gorilla/websocket's 400 for a plain GET, a rate limiter's c.String(429, "slow down") or
// c.NoContent(404). The middleware holds back each answer of an error status in text/plain, text/html or
// without a Content-Type, and once the chain has run sends the problem of its status in its place, with the
// header fields the answer set: a 4xx text's first line is the detail, a 5xx text is only logged (see
// internal/answer). Any other answer (c.JSON, a body over 4 KiB, a flushed or hijacked response) goes out
// as it was, and [httperr.Renderer.KeepText] keeps every text. echo's Response then holds the status and
// size sent, for the access logger. An error the handler returns after such an answer is logged as unsent,
// as it is after any answer.
//
// Call it after e.Use has added the access-log middleware (middleware.Logger, middleware.RequestLogger) and
// before the rest: echo runs middleware in the order it was added, so a logger added before Install sees the
// 500 problem a panic becomes, while one added after it runs inside the recovering middleware and a panic
// unwinds through it unlogged. Middleware added after Install has its panics recovered and its text answers
// replaced (add middleware.Timeout after Install). Do not add echo's middleware.Recover as well: outside ours
// it never sees a panic, inside it answers with its own body.
//
// A panic with [http.ErrAbortHandler] is re-panicked, as net/http expects. A panic after the response was
// committed is logged with [httperr.Renderer.LogUnsent] and the response aborted with http.ErrAbortHandler, so
// that the client sees a broken response rather than a complete-looking one.
func Install(e *echo.Echo, rd *httperr.Renderer) {
	e.HTTPErrorHandler = ErrorHandler(rd)
	e.Use(recoverer(rd))
}

// recoverer returns the middleware that holds back error answers (internal/hold) and turns a panic into the
// error the handler returns.
func recoverer(rd *httperr.Renderer) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			res := c.Response()
			w := res.Writer
			hw := hold.New(w, rd)
			res.Writer = hw.View()
			defer finish(rd, c, w, hw, &err) // not a closure: one capturing err would move it to the heap
			return next(c)
		}
	}
}

// finish, deferred, gives c's Response its writer w back, renders the answer hw held or turns a panic into
// the error *errp.
func finish(rd *httperr.Renderer, c echo.Context, w http.ResponseWriter, hw *hold.Writer, errp *error) {
	res := c.Response()
	res.Writer = w
	p := recover()
	if p == nil {
		if status, size, ok := hw.Render(c.Request()); ok {
			res.Status, res.Size = status, size
		}
		hw.Release()
		return
	}
	if hw.Drop() { // the panic's 500 goes out in place of the answer held
		res.Committed, res.Size = false, 0
	}
	hw.Release()
	if p == http.ErrAbortHandler {
		panic(p)
	}
	*errp = httperr.Recovered(p)
	if res.Committed && res.Status >= http.StatusOK {
		rd.LogUnsent(c.Request(), *errp)
		panic(http.ErrAbortHandler)
	}
}

// problem returns the *httperr.Error for the *echo.HTTPError in err's chain, wrapping err, or err itself
// when the chain holds no HTTPError or holds an *httperr.Error outside it. Every look at the chain is the
// core's bounded walk (internal/errchain), which agrees with errors.As and ends on an Unwrap cycle.
//
// The HTTPError's Code decides over the status its Internal error maps to (internal/status):
// middleware.ContextTimeout's 503 stays a 503, though it wraps context.DeadlineExceeded, and echo-jwt's 401 a
// 401, though it wraps the *json.SyntaxError of a malformed token; the detail is then the catalog's. The
// Internal error's own problem is rendered only when it says as much or, under c.Bind's 400, more (a 413
// for a body over http.MaxBytesReader's limit). An *httperr.Error anywhere in the chain decides.
//
// The binder's errors about parameters and header fields point at them (see [httperr.Violation]): a
// *echo.BindingError of a value binder (echo.QueryParamsBinder, PathParamsBinder, FormFieldBinder) names
// its parameter; c.Bind's 400 for a query, path or header value that failed to convert holds strconv's error
// alone, and the value is looked for among c's request and path parameters (location.Conversion).
func problem(c echo.Context, err error) error {
	if _, ok := err.(*httperr.Error); ok { // the common case, without a walk
		return err
	}
	pe, hasProblem := errchain.As[*httperr.Error](err)
	if !hasProblem {
		// go-playground/validator's errors, returned by c.Validate as they are (or as an HTTPError's Internal
		// error): the same 422 as gin and net/http give.
		if e := httperrvalidator.Map(err); e != nil {
			return e
		}
	}
	if be, ok := errchain.As[*echo.BindingError](err); ok && be != nil && be.HTTPError != nil && !hasProblem {
		return bindingProblem(be).Wrap(err)
	}
	he, ok := errchain.As[*echo.HTTPError](err)
	if !ok || he == nil {
		return err
	}
	if hasProblem {
		if inner, _ := errchain.As[*httperr.Error](he.Internal); inner != pe {
			return err // the *httperr.Error is not inside the HTTPError: it wins, as httperr.From would have it
		}
		return pe.Wrap(err) // nor does an HTTPError's Code decide over one inside it
	}
	// Each step goes one HTTPError deeper into the chain, so a chain within the walk's bound takes fewer than
	// errchain.Limit of them; a cycle of HTTPErrors (one that is its own Internal) ends there too.
	for range errchain.Limit {
		if he.Internal == nil {
			break
		}
		if next, ok := errchain.As[*echo.HTTPError](he.Internal); ok && next != nil {
			he = next // an HTTPError inside an HTTPError: echo's default handler answers with the inner one
			continue
		}
		internal := he.Internal
		if he.Code == http.StatusBadRequest {
			internal = httperr.RequestBodyError(internal) // c.Bind of an empty or truncated body
		}
		if mapped := httperr.StatusOf(internal); mapped != http.StatusInternalServerError {
			if status.Refines(mapped, he.Code) { // c.Bind's *json.SyntaxError, *http.MaxBytesError
				return httperr.From(internal).Wrap(err)
			}
			break // the Code decides: ContextTimeout's 503, echo-jwt's 401
		}
		if he.Code == http.StatusBadRequest {
			if e := location.Conversion(he.Internal, c.Request(), params(c)); e != nil {
				return e.Wrap(err)
			}
		}
		break
	}
	return httperr.FrameworkError(he.Code, message(he), err)
}

// message returns he's Message when it is a string and he has no Internal error, for
// [httperr.FrameworkError] to judge: an HTTPError with an Internal error is echo's own (c.Bind's), whose
// message is not meant for clients, and so is a validator's text that echo's documentation puts in one
// (httperrvalidator.IsErrorText).
func message(he *echo.HTTPError) string {
	if msg, ok := he.Message.(string); ok && he.Internal == nil && !httperrvalidator.IsErrorText(msg) {
		return msg
	}
	return ""
}

// bindingProblem returns the problem for a value binder's error: its status, with a violation naming its
// parameter.
func bindingProblem(be *echo.BindingError) *httperr.Error {
	detail := location.Detail(be.Internal)
	if msg, _ := be.Message.(string); msg == "required field value is empty" {
		detail = "is required"
	}
	return httperr.New(be.Code, "").WithErrors(httperr.ParameterViolation(be.Field, detail))
}

// params yields c's path parameters as name, value.
func params(c echo.Context) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		names, values := c.ParamNames(), c.ParamValues()
		for i := range min(len(names), len(values)) {
			if !yield(names[i], values[i]) {
				return
			}
		}
	}
}
