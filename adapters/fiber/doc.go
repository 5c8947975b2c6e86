// Package httperrfiber adapts httperr to fiber v3 (github.com/gofiber/fiber/v3, v3.1 and later), which is
// built on fasthttp: [ErrorHandler] renders the errors that handlers return, and [Middleware] the panics and
// the error answers in text that handlers and fiber's middlewares give, through [httperr.Renderer.Prepare]
// and [httperr.Response.Apply], with the bytes of every other adapter. What becomes of fiber's own errors,
// its binders' errors, text answers and timed-out requests: docs/fiber.md.
package httperrfiber
