// Package toolkit is the root of the httperr module, github.com/httperr/toolkit; it holds no code of its own.
// Import [github.com/httperr/toolkit/httperr] for the error value, its mapping of foreign errors and the
// Renderer that writes every error as an RFC 9457 problem document, and one adapter for your framework:
// [github.com/httperr/toolkit/adapters/nethttp] (package httperrhttp),
// [github.com/httperr/toolkit/adapters/echo] (package httperrecho, echo v4) or
// [github.com/httperr/toolkit/adapters/gin] (package httperrgin). The tests beside this file are the
// cross-framework conformance suite: the same scenarios through every adapter, answered byte for byte alike.
package toolkit
