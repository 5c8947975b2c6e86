package httperrechov5

import (
	"iter"
	"net/http"

	"github.com/labstack/echo/v5"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/hold"
	"github.com/httperr/toolkit/internal/location"
	"github.com/httperr/toolkit/internal/recovery"
	"github.com/httperr/toolkit/internal/translate"
)

// ErrorHandler returns an echo error handler that renders errors with rd (nil means the zero Renderer).
//
// When the response has already been committed nothing is written and the error is logged with
// [httperr.Renderer.LogUnsent], unless the committed response is the problem for that very error: the
// RequestLogger middleware with HandleError hands the error it rendered over a second time. A 1xx
// informational response (103 Early Hints) does not count as committed.
func ErrorHandler(rd *httperr.Renderer) echo.HTTPErrorHandler {
	return func(c *echo.Context, err error) {
		if res, done := committed(c); done {
			if !hold.Rendered(res.Header(), res.Status, problem(c, err)) { // not the second hand-over
				rd.LogUnsent(c.Request(), err)
			}
			return
		}
		rd.Render(c.Response(), c.Request(), problem(c, err))
	}
}

// committed returns the echo Response behind c's writer (through [echo.UnwrapResponse]) and whether its final
// status has gone out. echo's Response marks itself committed on a 1xx status too and would refuse the final
// WriteHeader: for one, committed clears the mark, as echo's own HEAD writer does, and reports false. 101
// Switching Protocols is final: the connection is no longer HTTP.
func committed(c *echo.Context) (*echo.Response, bool) {
	res, _ := echo.UnwrapResponse(c.Response())
	if res == nil || !res.Committed {
		return res, false
	}
	if res.Status >= 200 || res.Status == http.StatusSwitchingProtocols {
		return res, true
	}
	res.Committed = false
	return res, false
}

// Install sets e's error handler to ErrorHandler(rd) and appends to e's middleware one that recovers panics
// into 500 problems (internal/recovery) and turns the error answers written straight to c.Response() into
// problems. echo v5 routes before it runs the middleware chain, so the router's 404 and 405 go through it
// too.
//
// Such answers never reach the error handler: c.File and middleware.Static with an unsatisfiable Range
// (http.ServeContent's 416 text, its Content-Range kept), gorilla/websocket's 400 for a plain GET, a rate
// limiter's c.String(429, "slow down") or c.NoContent(404). The middleware holds back each answer of an
// error status in text/plain, text/html or without a Content-Type, and once the chain has run sends the
// problem of its status in its place, with the header fields the answer set: a 4xx text's first line is the
// detail, a 5xx text is only logged (see internal/answer). Any other answer (c.JSON, a body over 4 KiB, a
// flushed or hijacked response) goes out as it was, and [httperr.Renderer.KeepText] keeps every text.
// echo's Response then holds the status and size sent, for the access logger. An error the handler returns
// after such an answer is logged as unsent, as it is after any answer.
//
// Call it after e.Use has added the access-log middleware (middleware.RequestLogger) and before the rest:
// echo runs middleware in the order it was added, so a logger added before Install sees the 500 problem a
// panic becomes, while one added after it is unwound by a panic unlogged. Middleware added after Install
// has its panics recovered and its text answers replaced.
//
// A panic with [http.ErrAbortHandler] is re-panicked, as net/http expects. A panic after the response was
// committed is logged with [httperr.Renderer.LogUnsent] and the response aborted with http.ErrAbortHandler, so
// that the client sees a broken response rather than a complete-looking one.
func Install(e *echo.Echo, rd *httperr.Renderer) {
	e.HTTPErrorHandler = ErrorHandler(rd)
	e.Use(recoverer(rd))
}

// recoverer returns the middleware that holds back error answers below echo's Response (internal/hold) and
// turns a panic into the error the handler returns.
func recoverer(rd *httperr.Renderer) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c *echo.Context) (err error) {
			res, _ := echo.UnwrapResponse(c.Response())
			if res == nil { // a writer put in c by a middleware before ours, that hides echo's Response
				defer finish(rd, c, nil, nil, nil, &err)
				return next(c)
			}
			w := res.ResponseWriter
			hw := hold.New(w, rd)
			res.ResponseWriter = hw.View()
			defer finish(rd, c, res, w, hw, &err) // not a closure: one capturing err would move it to the heap
			return next(c)
		}
	}
}

// finish, deferred, gives res its writer w back, renders the answer hw held or turns a panic into the error
// *errp. res is nil when c's writer hides echo's Response: then nothing was held.
func finish(rd *httperr.Renderer, c *echo.Context, res *echo.Response, w http.ResponseWriter, hw *hold.Writer, errp *error) {
	if res != nil {
		res.ResponseWriter = w
	}
	p := recover()
	if p == nil {
		if hw != nil {
			if status, size, ok := hw.Finish(c.Request()); ok { // and releases hw
				res.Status, res.Size = status, size
			}
		}
		return
	}
	if hw != nil {
		if hw.Drop() { // the panic's 500 goes out in place of the answer held
			res.Committed, res.Size = false, 0
		}
		hw.Release()
	}
	_, started := committed(c)
	*errp = recovery.Answer(rd, c.Request(), p, started)
}

// problem returns the error to render for err by the adapters' one rule (internal/translate).
func problem(c *echo.Context, err error) error { return rule.Problem(c, err) }

var rule = translate.Framework[*echo.Context]{Validation: httperrvalidator.Map,
	Error: func(_ *echo.Context, err error) (int, string, error, bool) {
		he, ok := errchain.As[*echo.HTTPError](err)
		if !ok || he == nil {
			return 0, "", nil, false
		}
		return he.Code, he.Message, he.Unwrap(), true
	},
	Binder: func(_ *echo.Context, err error) *httperr.Error {
		be, ok := errchain.As[*echo.BindingError](err)
		if !ok || be == nil {
			return nil
		}
		code, detail := http.StatusBadRequest, location.Detail(be.Unwrap())
		if be.HTTPError != nil {
			code = be.Code
			if be.Message == "required field value is empty" {
				detail = "is required"
			}
		}
		return httperr.New(code, "").WithErrors(httperr.Violation{Parameter: be.Field, Detail: detail}).Wrap(err)
	},
	Conversion: func(c *echo.Context, err error) *httperr.Error {
		return location.Conversion(err, c.Request(), params(c))
	},
}

// params yields c's path parameters as name, value.
func params(c *echo.Context) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, p := range c.PathValues() {
			if !yield(p.Name, p.Value) {
				return
			}
		}
	}
}
