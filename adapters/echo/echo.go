package httperrecho

import (
	"iter"
	"net/http"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/hold"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/recovery"
	"github.com/httperr/toolkit/internal/translate"
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
			if !hold.Rendered(res.Header(), res.Status, problem(c, err)) { // not the second hand-over
				rd.LogUnsent(c.Request(), err)
			}
			return
		}
		rd.Render(res, c.Request(), problem(c, err))
	}
}

// Install sets e's error handler to ErrorHandler(rd) and appends to e's middleware one that recovers panics
// into 500 problems (internal/recovery) and turns the error answers written straight to c.Response() into
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
		if status, size, ok := hw.Finish(c.Request()); ok { // and releases hw
			res.Status, res.Size = status, size
		}
		return
	}
	if hw.Drop() { // the panic's 500 goes out in place of the answer held
		res.Committed, res.Size = false, 0
	}
	hw.Release()
	*errp = recovery.Answer(rd, c.Request(), p, res.Committed && res.Status >= http.StatusOK)
}

// problem returns the error to render for err by the adapters' one rule (internal/translate), given echo's
// errors as the package doc says.
func problem(c echo.Context, err error) error { return rule.Problem(c, err) }

var rule = translate.Framework[echo.Context]{
	Validation: httperrvalidator.Map,
	Error: func(_ echo.Context, err error) (int, string, error, bool) {
		he, ok := errchain.As[*echo.HTTPError](err)
		if !ok || he == nil {
			return 0, "", nil, false
		}
		msg, _ := he.Message.(string)
		if he.Internal != nil { // echo's own (c.Bind's "Syntax error: offset=..."), not meant for clients
			msg = ""
		}
		return he.Code, msg, he.Internal, true
	},
	Binder: func(_ echo.Context, err error) *httperr.Error {
		be, ok := errchain.As[*echo.BindingError](err)
		if !ok || be == nil || be.HTTPError == nil {
			return nil
		}
		detail := location.Detail(be.Internal)
		if msg, _ := be.Message.(string); msg == "required field value is empty" {
			detail = "is required"
		}
		return httperr.New(be.Code, "").WithErrors(httperr.Violation{Parameter: be.Field, Detail: detail}).Wrap(err)
	},
	Conversion: func(c echo.Context, err error) *httperr.Error {
		return location.Conversion(err, c.Request(), params(c))
	},
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
