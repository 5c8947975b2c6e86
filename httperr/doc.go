// Package httperr is one error model for Go web services: typed HTTP errors that render as RFC 9457 problem
// documents (application/problem+json, or the application/problem+xml of its appendix B), with the right
// status, header fields and language, whichever framework serves them.
//
// A handler returns an error:
//
//	return httperr.NotFound("user") // 404, detail "user not found"
//
// and one adapter renders it: github.com/httperr/toolkit/adapters/nethttp for net/http,
// .../adapters/echo for echo v4, .../adapters/gin for gin. Every adapter calls [Renderer.Render], so the three
// answer the same bytes.
//
// # Errors
//
// [*Error] is immutable: the With methods return copies, so package-level errors are safe to share. There is
// one constructor per 4xx and 5xx status of net/http, each setting the header fields RFC 9110 requires of its
// status (Allow, Retry-After, Content-Range, ...), plus [New], [Newf] and [Validation] for RFC 9457 section 3
// violations. [StatusOf] and [From] find the *Error in a chain, or map a foreign error: context deadlines,
// missing files, JSON syntax errors, http.MaxBytesError, errors with a StatusCode method, and more.
//
// # Rendering
//
// A [Renderer]'s zero value is ready; its fields add a type URI base, a mapping hook, an enrichment hook,
// a logger, languages. The body is encoded into a pooled buffer before anything is written, then written once
// with its Content-Length: never half a body. Server errors never show their cause to the client; it goes to
// the log. [Renderer.Respond] is the step below Render, for servers not built on net/http.
//
// # Clients
//
// [FromResponse] and [Transport] turn problem responses back into *Error values, so that StatusOf(err) == 404
// holds on both sides of the wire. [ProblemSchema] gives the JSON Schema of the documents, for OpenAPI.
//
// # Language
//
// Titles, and details the code left empty, come from the status catalog in the language Accept-Language asks
// for: English (the default) and French are built in, more can be added with [Catalog].
package httperr
