// Package httperrecho adapts httperr to echo v4 (github.com/labstack/echo/v4); echo v5 changed its error
// types and is not supported by this package.
//
// [Install] sets an [echo.HTTPErrorHandler] that renders every error a handler returns as an RFC 9457
// problem, and a middleware that recovers panics into 500 problems:
//
//	e := echo.New()
//	httperrecho.Install(e, &httperr.Renderer{Logger: logger})
//	e.GET("/users/:id", getUser) // getUser returns httperr.NotFound("user"), a *json.SyntaxError, ...
//
// An [*echo.HTTPError] anywhere in the error's chain (found as [errors.As] finds it, within the core's bound
// against Unwrap cycles) keeps its status: the router's
// 404 and 405 (with echo's Allow header), echo.ErrForbidden, c.Bind's 400. Its title comes from the status
// catalog. Its Message becomes the problem's detail only when it is a string the application set: a string
// other than [http.StatusText] of the code, on an HTTPError with no Internal error and a 4xx code. A 5xx
// HTTPError's Message is never sent as the detail (echo.NewHTTPError(500, err.Error()) would leak err), nested
// ones included: it stays in the problem's cause, which logs show and only [httperr.Renderer.ExposeCause]
// puts in the body. An HTTPError with an
// Internal error, as c.Bind returns, is rendered as httperr maps that error when it maps to a status other
// than 500 (a *json.SyntaxError inside gives the same 400 problem as with net/http), and otherwise with the
// catalog's detail: echo's own messages ("Syntax error: offset=...") are not meant for clients. To send both
// a detail and a cause, return an [*httperr.Error] and [httperr.Error.Wrap] the cause. An *httperr.Error in
// the chain outside the HTTPError takes precedence over it. The error handed to the handler is always the
// problem's cause, for logs and [httperr.Renderer.Map].
package httperrecho
