// Package httperrfiber adapts httperr to fiber v3 (github.com/gofiber/fiber/v3, v3.1 and later), which is
// built on fasthttp, not net/http: it renders through [httperr.Renderer.Prepare], the step below Render, and
// sets the prepared status, header fields and body on fiber's response with [httperr.Response.Apply]. The
// header policy (stale representation fields removed, a Vary already set kept and merged) is the core's, as
// for every adapter.
//
//	rd := &httperr.Renderer{Logger: logger}
//	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
//	app.Use(httperrfiber.Middleware(rd)) // first: it recovers panics into 500 problems
//	app.Get("/users/:id", getUser)       // getUser returns httperr.NotFound("user"), fiber.ErrNotFound, ...
//
// A [*fiber.Error] keeps its code, with the catalog's title; its Message becomes the problem's detail only
// when the application set it (not the status message fiber.NewError(code) and fiber's own errors carry) on a
// 4xx code: a 5xx Message is never sent. fiber's router 404 and 405 are such errors; the 405 keeps the Allow
// field fiber set. fiber's 413 for a body over Config.BodyLimit says the limit, as net/http's
// [http.MaxBytesReader] does. c.Bind().Body's errors are the JSON decoder's own (*json.SyntaxError,
// *json.UnmarshalTypeError), which the core maps as it does for net/http; go-playground/validator errors
// from a Config.StructValidator become a 422 with one violation per field ([httperrvalidator.Map]). An
// [*httperr.Error] anywhere in the chain takes precedence. The error the handler returned is always the
// problem's cause, for logs and [httperr.Renderer.Map].
//
// Enrich sees a request built from fiber's: method, path, Accept, Accept-Language and c.Context(), the
// context tracing middleware (otelfiber) sets with c.SetContext. Values kept with c.Locals reach it through
// that context with Config.PassLocalsToContext (fiber.StoreInContext, as the requestid middleware uses).
//
// fasthttp sends nothing before the handler returns. A response the handler has given all the same (its
// body set, a body stream, a hijacked connection) is left alone when it then returns an error, which is
// logged with [httperr.Renderer.LogUnsent], as Render does for net/http.
package httperrfiber
