// Package httperrfiber adapts httperr to fiber v3 (github.com/gofiber/fiber/v3, v3.1 and later), which is
// built on fasthttp, not net/http: it renders through [httperr.Renderer.Prepare], the step below Render, and
// sets the prepared status, header fields and body on fiber's response with [httperr.Response.Apply]. The
// header policy (stale representation fields removed, a Vary already set kept and merged) is the core's, as
// for every adapter.
//
//	rd := &httperr.Renderer{Logger: logger}
//	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
//	app.Use(httperrfiber.Middleware(rd)) // first: it recovers panics, and sees the text answers of what follows
//	app.Use(limiter.New())               // its 429 in text becomes a 429 problem, Retry-After kept
//	app.Get("/users/:id", getUser)       // getUser returns httperr.NotFound("user"), fiber.ErrNotFound, ...
//
// Every error the service sends is a problem. An error returned goes to ErrorHandler; an error answer a
// handler or a middleware gives in text without returning an error (limiter's 429, basicauth's 401 with its
// challenge, static's 416, c.Status(404) with nothing sent, c.Status(500).SendString(err.Error())) is turned
// into the problem of its status by Middleware once the rest of the chain has returned, the header fields
// it set kept: Middleware must come before those middlewares to see their answers. The rule is
// [Middleware]'s: JSON, a body over 4 KiB, a body stream and a hijacked connection go out as they were, and
// [httperr.Renderer.KeepText] keeps text bodies. ErrorHandler applies the same rule to the response a
// handler gave before returning an error, so fiber's timeout middleware's 408 becomes a problem, and is
// logged with the 408 sent, with ErrorHandler alone too.
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
// fasthttp sends nothing before the handler returns. A response the handler has given all the same (a
// body that is not an error answer in text, a body stream, a hijacked connection) is left alone when it then
// returns an error, which is logged with [httperr.Renderer.LogUnsent], as Render does for net/http.
//
// Once fiber's timeout middleware has answered, the handler it abandoned still runs and fasthttp sends the
// copy of the response the middleware made: the adapter renders into that copy, and leaves the request's
// context alone, which the middleware restores concurrently when the handler returns. Enrich and the log
// record of a timed-out request see [context.Background], not c.Context().
package httperrfiber
