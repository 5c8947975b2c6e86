package httperrecho

import (
	"errors"
	"net/http"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
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
		if res.Committed {
			if !renderedAlready(res, err) {
				rd.LogUnsent(c.Request(), err)
			}
			return
		}
		rd.Render(res, c.Request(), problem(err))
	}
}

// renderedAlready reports whether the committed response res is a problem with err's status, as when err was
// rendered before. Remembering the rendered error in the context instead would cost every error two
// allocations (echo's context store is a map made on first use).
func renderedAlready(res *echo.Response, err error) bool {
	ct := res.Header()["Content-Type"]
	return len(ct) == 1 && (ct[0] == "application/problem+json" || ct[0] == "application/problem+xml") &&
		res.Status == httperr.StatusOf(problem(err))
}

// Install sets e's error handler to ErrorHandler(rd) and appends to e's middleware one that recovers panics
// into 500 problems ([httperr.Recovered]). Call it before e.Use adds other middleware: middleware added
// earlier runs outside the recovering one.
//
// A panic with [http.ErrAbortHandler] is re-panicked, as net/http expects. A panic after the response was
// committed is logged with [httperr.Renderer.LogUnsent] and the response aborted with http.ErrAbortHandler, so
// that the client sees a broken response rather than a complete-looking one.
func Install(e *echo.Echo, rd *httperr.Renderer) {
	e.HTTPErrorHandler = ErrorHandler(rd)
	e.Use(recoverer(rd))
}

// recoverer returns the middleware that turns a panic into the error the handler returns.
func recoverer(rd *httperr.Renderer) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) (err error) {
			defer recovered(rd, c, &err) // not a closure: one capturing err would move it to the heap
			return next(c)
		}
	}
}

// recovered, deferred, turns a panic into the error *errp.
func recovered(rd *httperr.Renderer, c echo.Context, errp *error) {
	p := recover()
	if p == nil {
		return
	}
	if p == http.ErrAbortHandler {
		panic(p)
	}
	*errp = httperr.Recovered(p)
	if c.Response().Committed {
		rd.LogUnsent(c.Request(), *errp)
		panic(http.ErrAbortHandler)
	}
}

// maxInternal bounds how many HTTPErrors nested through Internal are looked through.
const maxInternal = 8

// problem returns the *httperr.Error for the *echo.HTTPError in err's chain, wrapping err, or err itself
// when the chain holds no HTTPError or holds an *httperr.Error outside it.
func problem(err error) error {
	switch x := err.(type) { // the common cases, without walking the chain twice with errors.As
	case *httperr.Error:
		return err
	case *echo.HTTPError:
		if x != nil && x.Internal == nil {
			return httperr.New(x.Code, appDetail(x)).Wrap(err)
		}
	default:
		if plain(err) {
			return err
		}
	}
	if !errchain.Bounded(err) {
		return err // an Unwrap cycle would make errors.As loop forever; the core maps a bounded part of it
	}
	var he *echo.HTTPError
	if !errors.As(err, &he) || he == nil {
		return err
	}
	var pe, inner *httperr.Error
	if errors.As(err, &pe) && (!errors.As(he.Internal, &inner) || inner != pe) {
		return err // the *httperr.Error is not inside the HTTPError: it wins, as httperr.From would have it
	}
	for range maxInternal {
		if he.Internal == nil {
			break
		}
		if httperr.StatusOf(he.Internal) != http.StatusInternalServerError {
			return httperr.From(he.Internal).Wrap(err)
		}
		var next *echo.HTTPError
		if !errors.As(he.Internal, &next) || next == nil {
			return httperr.New(he.Code, "").Wrap(err)
		}
		he = next // an HTTPError inside an HTTPError: echo's default handler answers with the inner one
	}
	return httperr.New(he.Code, appDetail(he)).Wrap(err)
}

// appDetail returns he's Message when it is a string the application set: not the status text echo gives
// its own errors, on an HTTPError with no Internal error.
func appDetail(he *echo.HTTPError) string {
	if msg, ok := he.Message.(string); ok && he.Internal == nil && msg != http.StatusText(he.Code) {
		return msg
	}
	return ""
}

// plain reports whether err's chain, followed through Unwrap() error, holds neither an *echo.HTTPError nor
// anything errors.As could take for one (an As method, an Unwrap() []error), and ends within errchain.Limit
// errors. problem returns such an error as it is; an *httperr.Error met first ends the walk the same way,
// since it takes precedence over an HTTPError inside it.
func plain(err error) bool {
	return errchain.Walk(err, func(err error) (bool, bool) {
		switch err.(type) {
		case *httperr.Error:
			return true, true
		case *echo.HTTPError:
			return false, true
		}
		return false, false
	})
}
