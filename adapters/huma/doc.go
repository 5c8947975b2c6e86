// Package httperrhuma adapts httperr to huma v2 (github.com/danielgtaylor/huma/v2, any of its router
// adapters: humago, humachi, humagin, humaecho, humamux, humaflow and humatest).
//
// [Install] makes an API answer errors with httperr's problems, byte for byte what [httperr.Renderer.Render]
// sends for the same error on net/http: status, header fields (Content-Type application/problem+json or
// problem+xml, Content-Length, Vary, Content-Language, X-Content-Type-Options) and body, negotiated by
// httperr from Accept and Accept-Language, not by huma's formats.
//
//	api := humago.New(mux, huma.DefaultConfig("Users", "1.0.0"))
//	httperrhuma.Install(api, &httperr.Renderer{Logger: logger})
//	huma.Get(api, "/users/{id}", getUser) // getUser returns httperr.NotFound("user"), fmt.Errorf("load: %w", err), ...
//
// What Install covers:
//   - An operation's error, wrapped or not, and any error httperr maps (fs.ErrNotExist, context.DeadlineExceeded,
//     StatusCode() int): huma would answer 500 "unexpected error occurred" for all of them, as it looks for
//     GetStatus() int, which [*httperr.Error] does not have. Headers from huma.ErrorWithHeaders are kept.
//   - huma's own errors keep their status: its 422 validation errors become a problem whose "errors" list
//     has one [httperr.Violation] per huma error detail (a body location "body.items[3].tags" as the pointer
//     "#/items/3/tags", "query.limit" and "path.id" as "parameter", "header.X-Id" as "header"; huma's echo
//     of the value is left out); its 400, 408 and 413 body errors send huma's message as the detail; its
//     5xx never do.
//   - A panic in an operation (or in huma middleware added after Install) becomes a 500 problem; huma has
//     no recovery of its own. A panic with [net/http.ErrAbortHandler] is re-panicked, as is a panic after
//     the response started, logged and turned into http.ErrAbortHandler.
//
// What it does not cover: the router's own 404 and 405 (no huma operation runs) and panics outside huma
// operations. For net/http-based routers wrap the router in httperrhttp.Middleware (package
// github.com/httperr/toolkit/adapters/nethttp), which turns the router's text answers into problems, keeping
// Allow:
//
//	http.ListenAndServe(addr, httperrhttp.Middleware(rd)(mux))
//
// A handler that returns huma's own errors (huma.Error404NotFound) still gets huma's body: that value is
// the application's choice, made through huma.NewError, which Install leaves alone.
//
// Install replaces huma's package variable [huma.NewErrorWithContext] once: huma hands the error value an
// operation returned to nothing else, and neither a huma.Transformer nor a middleware ever sees it. The
// replacement renders only for the requests of APIs that Install was called on, with that API's Renderer,
// and calls the function it replaced for all others, so several APIs with their own Renderers, and APIs
// without httperr, live in one program.
package httperrhuma
