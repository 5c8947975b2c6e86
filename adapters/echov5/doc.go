// Package httperrechov5 adapts httperr to echo v5 (github.com/labstack/echo/v5, v5.4 and later); echo v4 is
// served by package httperrecho, as v5 changed its context, its error handler's signature and its error
// types.
//
// [Install] sets an [echo.HTTPErrorHandler] that renders every error a handler returns as an RFC 9457
// problem, and a middleware that recovers panics into 500 problems:
//
//	e := echo.New()
//	httperrechov5.Install(e, &httperr.Renderer{Logger: logger})
//	e.GET("/users/:id", getUser) // getUser returns httperr.NotFound("user"), echo.ErrNotFound, ...
//
// echo v5's predefined errors (echo.ErrNotFound, echo.ErrMethodNotAllowed, ...) are no longer
// [*echo.HTTPError]: they carry their status through a StatusCode method, which the core maps, with the
// catalog's title and detail. The router's 405 keeps echo's Allow header. An [*echo.HTTPError] anywhere in
// the chain keeps its status, over the status of the error it wraps (middleware.ContextTimeout's 503 over
// context.DeadlineExceeded) unless that one says as much or, under c.Bind's 400, more: a *json.SyntaxError
// gives the same problem as net/http, an *http.MaxBytesError a 413. Its Message becomes the detail only when
// the application set it (not empty, not the status text, not a validator's text) on a 4xx code: a 5xx
// Message stays in the problem's cause, for logs and [httperr.Renderer.ExposeCause]. An [*echo.BindingError]
// (echo.QueryParam[T], echo.PathParam[T], the ValueBinder), or c.Bind's 400 for a path, query or header value
// that failed to convert, becomes a problem with one violation naming the field; go-playground/validator
// errors returned from c.Validate a 422 with one violation per field ([httperrvalidator.Map]). An
// [*httperr.Error] anywhere in the chain takes precedence over all of these. The error the handler returned
// is always the problem's cause, for logs and [httperr.Renderer.Map].
//
// The committed response is read through [echo.UnwrapResponse], so middleware that wraps the writer does not
// hide it; a 1xx informational response does not count as committed. An error that comes after the response
// was committed is logged with [httperr.Renderer.LogUnsent], except the second hand-over of one already rendered
// (middleware.RequestLogger with HandleError passes the error on after rendering it).
package httperrechov5
