// Package field is the syntax of header fields (RFC 9110 section 5) and of Retry-After values (RFC 9110
// section 10.2.3) that the core and the client side share: the one check used wherever a field name or value
// is set from outside, by WithHeader, by the Renderer's Challenge, or by a decoded response, and the one
// reading of Retry-After, by httperr's Error.RetryAfter and by httperrclient's retry policy.
package field
