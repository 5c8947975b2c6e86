package httperr

// Violation is one entry of the "errors" extension member of a validation problem, shaped as in RFC 9457
// section 3: Detail says what is wrong, and one of Pointer, Parameter and Header says where.
//
//	{"detail":"must be a positive integer","pointer":"#/age"}  the request body (RFC 9457 section 3)
//	{"detail":"must be an integer","parameter":"limit"}        a query or path parameter
//	{"detail":"is required","header":"X-Request-Id"}           a request header field
//
// A JSON Pointer addresses the body only: RFC 6901 has no syntax for the URI's query or the header section,
// and "#/limit" would point at a body member that does not exist. The "parameter" and "header" members are
// those of the SmartBear problem registry's ErrorDetail schema (problems-registry.smartbear.com), which
// other API guidelines follow; a client that knows only RFC 9457's example ignores them as it ignores any
// extension member, and finds the location by the member's name, with no prefix to parse (huma's
// "query.limit").
//
// The entry's members are written in this order: detail, then each of pointer, parameter and header that is
// set (pointer alone, as "", when none is), then Extensions, optional further members, sorted by name. An
// Extensions key named detail, pointer, parameter or header is left out: the fields say those.
type Violation struct {
	// Pointer is a JSON Pointer (RFC 6901) in URI fragment form, such as "#/age", to the offending member of
	// the request body; [Pointer] builds one.
	Pointer string
	// Detail says what is wrong, in a few words: "must be a positive integer".
	Detail string
	// Parameter names the offending query parameter (?limit=abc) or path parameter (the {id} of a route),
	// as the client sends it. The location says which: an API names a query parameter and a path parameter
	// alike, as OpenAPI's Parameter Object does.
	Parameter string
	// Header names the offending request header field, as the service documents it: "X-Request-Id".
	Header string
	// Extensions are optional further members of the entry ("code", "min").
	Extensions map[string]any
}

// ParameterViolation returns a violation of the query or path parameter name (RFC 3986 section 3.4 for
// the query; the route's own variables for the path), rendered as {"detail":detail,"parameter":name}:
//
//	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
//	if err != nil {
//		return httperr.BadRequest("").WithErrors(httperr.ParameterViolation("limit", "must be an integer"))
//	}
func ParameterViolation(name, detail string) Violation {
	return Violation{Parameter: name, Detail: detail}
}

// HeaderViolation returns a violation of the request header field name (RFC 9110 section 5), rendered as
// {"detail":detail,"header":name}: httperr.HeaderViolation("X-Request-Id", "is required").
func HeaderViolation(name, detail string) Violation {
	return Violation{Header: name, Detail: detail}
}

// violationMember reports whether name is one of the members a Violation's fields write.
func violationMember(name string) bool {
	switch name {
	case "detail", "pointer", "parameter", "header":
		return true
	}
	return false
}
