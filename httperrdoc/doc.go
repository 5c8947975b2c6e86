// Package httperrdoc documents the problems of package httperr: the JSON Schema of the problem documents
// ([Schema]), the components of an OpenAPI 3.1 document for
// the problem responses a service sends ([Components]) and each operation's entries that refer to them
// ([Responses]), and the pages served at the URIs of problem types ([Handler]), as RFC 9457 section 3.1.1
// wants of a type URI. It reads the core's public API, and shares the core's rules of negotiation (Accept
// qualities, the choice of a type's text by language) through an internal package rather than a copy:
// what it documents is what an [httperr.Renderer] sends.
package httperrdoc
