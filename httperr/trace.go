package httperr

import "net/http"

// This file puts the request's trace id in problems, from the W3C traceparent header field, with the
// standard library only. A service traced with OpenTelemetry takes the id from its span instead: see
// examples/otel.

// traceIDMember is the extension member that carries the trace id of the request a problem answers: the 32
// lowercase hex digits of a W3C trace-id. The name is ASP.NET Core's (its problems carry "traceId") and
// OTLP/JSON's, so that clients and log pipelines that know either find it; the value is the trace-id alone,
// not the whole traceparent, so that it matches what tracing backends index.
const traceIDMember = "traceId"

// traceID returns the trace-id of the W3C Trace Context traceparent field of h (https://www.w3.org/TR/trace-
// context/, section 3.2), and whether there is a valid one. The field is read strictly, as the
// specification asks: exactly one field line; version two lowercase hex digits other than "ff"; for version
// 00 exactly "00-" trace-id "-" parent-id "-" flags, 55 characters; for a later version the same prefix,
// then nothing or "-" and more; trace-id 32 and parent-id 16 lowercase hex digits, neither all zeros; flags 2
// lowercase hex digits. Anything else is no trace id: a new trace would start there.
func traceID(h http.Header) (string, bool) {
	values := h["Traceparent"]
	if len(values) != 1 {
		return "", false
	}
	v := values[0]
	if len(v) < 55 || v[2] != '-' || v[35] != '-' || v[52] != '-' {
		return "", false
	}
	version, traceID, parentID, flags := v[:2], v[3:35], v[36:52], v[53:55]
	switch {
	case !lowerHex(version) || version == "ff":
		return "", false
	case version == "00" && len(v) != 55:
		return "", false
	case len(v) > 55 && v[55] != '-':
		return "", false
	case !lowerHex(traceID) || allZeros(traceID) || !lowerHex(parentID) || allZeros(parentID) || !lowerHex(flags):
		return "", false
	}
	return traceID, true
}

func lowerHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

func allZeros(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != '0' {
			return false
		}
	}
	return true
}

// EnrichTraceID is a [Renderer.Enrich] hook that adds the "traceId" member to every problem whose
// request carries a valid W3C traceparent field, so that a client's report can be found in the
// traces and logs:
//
//	rd := &httperr.Renderer{Enrich: httperr.EnrichTraceID}
//
// A problem that has the member already keeps its own; without a valid traceparent the problem is left as
// it is. [Renderer.Prepare] builds its request from a [Request], which has no traceparent: there, take the
// trace id from the span in the context, as examples/otel does. To combine it with an Enrich of your own,
// call it from there: e = httperr.EnrichTraceID(r, e).
func EnrichTraceID(r *http.Request, e *Error) *Error {
	if r == nil {
		return e
	}
	id, ok := traceID(r.Header)
	if !ok {
		return e
	}
	if _, has := e.Extension(traceIDMember); has {
		return e
	}
	return e.With(traceIDMember, id)
}
