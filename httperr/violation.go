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
// A violation can carry a Code, a stable machine-readable name for what is wrong ("required", "min"), sent
// as the entry's "code" member, that clients tell violations apart by whatever the language of the detail.
// A violation with a Code and no Detail has its detail written in the language the problem is rendered in:
// the text of its Message (else its Code) in the [Catalog] that the client's Accept-Language picked, from the
// catalog's Violations, else the built-in English and French texts (see [Catalog]), with Param put in for
// {param}:
//
//	httperr.Violation{Pointer: "#/name", Code: "min", Message: "min.string", Param: "3"}
//	{"detail":"must be at least 3 characters long","pointer":"#/name","code":"min"}       in English
//	{"detail":"doit contenir au moins 3 caractères","pointer":"#/name","code":"min"}     in French
//
// A Detail the application set is sent as it is, in every language.
//
// The entry's members are written in this order: detail, then each of pointer, parameter and header that is
// set (pointer alone, as "", when none is), then code when set, then Extensions, optional further members,
// sorted by name. An Extensions key named detail, pointer, parameter or header is left out: the fields say
// those; so is one named code when Code is set.
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
	// Code is a stable machine-readable name for what is wrong, "required" or "min", sent as the "code"
	// member; "" leaves it out.
	Code string
	// Message is the key of the text that gives the detail when Detail is empty: a key of
	// [Catalog.Violations] or of the built-in texts, "min.string"; "" means Code. It is not sent.
	Message string
	// Param is put in the text for {param}: the 3 of a minimum of 3. It is not sent.
	Param string
	// Extensions are optional further members of the entry ("min").
	Extensions map[string]any
}

// violationMember reports whether name is one of the members a Violation's fields write.
func violationMember(name string) bool {
	switch name {
	case "detail", "pointer", "parameter", "header":
		return true
	}
	return false
}
