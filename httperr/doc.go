// Package httperr is one error model for Go web services: typed HTTP errors that render as RFC 9457 problem
// documents (application/problem+json, or the application/problem+xml of its appendix B), with the right
// status, header fields and language, whichever framework serves them.
//
// A handler returns an error:
//
//	return httperr.NotFound("user") // 404, detail "user not found"
//
// and one adapter renders it: github.com/httperr/toolkit/adapters/nethttp for net/http (and the chi and
// gorilla/mux routers in front of it), .../adapters/echo for echo v4, .../adapters/echov5 for echo v5,
// .../adapters/gin for gin, .../adapters/fiber for fiber v3 (on fasthttp), .../adapters/huma for huma v2
// operations. Every adapter calls [Renderer.Render], or, off net/http, [Renderer.Prepare]: they answer the
// same bytes.
//
// # Errors
//
// [*Error] is immutable: the With methods ([Error.With], [Error.WithDetail], ...) and [Error.Wrap] return
// copies, so package-level errors are safe to share. There is one constructor per 4xx and 5xx status of
// net/http, each setting the header fields RFC 9110 requires of its status (Allow, Retry-After,
// Content-Range, ...), plus [New] and [Newf] for any status and [Validation] for the violations of RFC 9457
// section 3. [StatusOf] and [From] find the *Error in a chain as [errors.As] does, or map a foreign error:
// context deadlines, missing files, JSON syntax errors, [*http.MaxBytesError], an error with a StatusCode() or
// Violations() method, and more (the rule is in [From]'s documentation).
//
// # Rendering
//
// A [Renderer]'s zero value is ready; its fields add a type URI base, a mapping hook, an enrichment hook,
// a logger, languages. The body is encoded into a pooled buffer before anything is written, then written once
// with its Content-Length: never half a body. [Renderer.Prepare] is the step below Render: it runs the same
// hooks and logging and returns status, header fields and body without writing anything, for servers not
// built on net/http ([Response.Apply] sets the header fields on theirs) and for tests.
//
// # Guarantees
//
// These hold for every error given to Render or Prepare, whatever it is (nil, a typed nil, a foreign error,
// an error whose methods panic):
//
//   - The status sent is always within 400..599. A status outside that range given to [New] or [Newf] is a
//     programmer error: it is sent as 500 and the status asked for is logged.
//   - Rendering never mutates an error: not the *Error given, not one shared between goroutines, not the
//     values of its header fields (the response gets copies).
//   - The cause of a 5xx is never sent: not its text, not a detail derived from it. A plain
//     errors.New("db: password=...") becomes a 500 whose detail is the catalog's generic sentence; the cause
//     goes to the log. Only [Renderer.ExposeCause], for development, sends it, as the "cause" member.
//   - The detail the application gave to [New], [Newf] or a constructor is sent as given, 5xx included:
//     it is the application's own text for its client. Keep internal facts in the cause ([Error.Wrap], or
//     Newf's %w), never in the detail. The one exception protects the rule above: a 5xx built by Newf with
//     a %w operand has no detail, since its text holds the cause's.
//   - An error decoded from an upstream's response (by package httperrclient: see [Error.Remote]) is sent as
//     a 502 (504 for a remote 504) with nothing of the upstream's, unless [Error.PassThrough] says otherwise.
//   - A panic the adapters recover ([PanicError]) is a 500 whose Error record carries the panic value and its stack.
//
// # Beside this package
//
// Package [github.com/httperr/toolkit/httperrclient] is the client side: its FromResponse and Transport turn
// problem responses back into *Error values, so that StatusOf(err) == 404 holds on both sides of the wire,
// and its CheckRetry and Backoff are retry policies that read them. Package
// [github.com/httperr/toolkit/httperrdoc] documents problems: the JSON Schema of the documents, the
// components of an OpenAPI 3.1 document, and the pages served at problem type URIs. Package
// [github.com/httperr/toolkit/ratelimit] formats and parses the RateLimit and RateLimit-Policy header fields
// and declares the problem types of the RateLimit draft. All three use this package's public API, and
// httperrclient one internal function besides, which builds what it decodes, marked remote, with every value
// as it was read.
//
// # Language
//
// Titles, and details the code left empty, come from the status catalog in the language Accept-Language asks
// for: English (the default) and French are built in. A language is added with a [Catalog] in
// [Renderer.Languages]; statuses it does not list fall back to the built-in catalog of its language, if
// there is one, else to English:
//
//	rd := &httperr.Renderer{Languages: []httperr.Catalog{
//		httperr.English(), // the first is the default
//		httperr.French(),
//		{
//			Tag:          language.German, // golang.org/x/text/language; sent as Content-Language
//			Titles:       map[int]string{404: "Nicht gefunden", 409: "Konflikt"},
//			Descriptions: map[int]string{404: "Die angeforderte Ressource wurde nicht gefunden."},
//		},
//	}}
//
// A list of catalogs is prepared once, when a problem is first rendered with it, and remembers its answers
// by Accept-Language: a custom language costs what a built-in one does. A title set with [Error.WithTitle],
// and a detail the code gave, are sent as given in every language.
package httperr
