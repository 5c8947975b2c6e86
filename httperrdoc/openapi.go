package httperrdoc

import (
	"strconv"
	"strings"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
)

// Components returns, as JSON, the components object of an OpenAPI 3.1 document
// (https://spec.openapis.org/oas/v3.1.0#components-object) for the problems a service can send, for merging
// into that service's own document:
//
//   - schemas: "Problem", the schema of every problem ([Schema]), and one per declared type, named as its
//     response, which adds the type's URI, status and members to Problem ([typeSchema]);
//   - responses: one per status of statuses, named as its English title in CamelCase ("NotFound",
//     "UnprocessableContent"), and one per declared type, named after the last segment or fragment of its
//     URI in CamelCase ("QuotaExceeded"), with a digit added when the name is taken. Each has the
//     application/problem+json and application/problem+xml forms, Content-Language, and the header fields
//     the status goes with (Allow for 405, Retry-After for 429 and 503, WWW-Authenticate for 401, ...).
//
// A nil statuses means every 4xx and 5xx status of the catalog. Operations then refer to the responses,
// as [Responses] writes their entries:
//
//	"404": {"$ref": "#/components/responses/NotFound"}
//
// Statuses outside 400..599 are skipped.
func Components(statuses []int, types ...httperr.ProblemType) []byte {
	if statuses == nil {
		for code := 400; code <= 599; code++ {
			if registered(code) {
				statuses = append(statuses, code)
			}
		}
	}
	schemas := map[string]any{"Problem": problem()}
	responses := map[string]any{}
	taken := func(name string) string {
		if _, ok := responses[name]; !ok {
			return name
		}
		for i := 2; ; i++ {
			if n := name + strconv.Itoa(i); responses[n] == nil {
				return n
			}
		}
	}
	for _, code := range statuses {
		if code < 400 || code > 599 {
			continue
		}
		responses[taken(camelCase(httperr.English().Title(code)))] = openAPIResponse(httperr.English().Title(code)+": "+httperr.English().Description(code), code, statusSchema(code))
	}
	for _, t := range types {
		name := taken(camelCase(typeName(t.URI())))
		schemas[name] = typeComponent(t)
		responses[name] = openAPIResponse(t.Title(language.English), t.Status(), map[string]any{"$ref": "#/components/schemas/" + name})
	}
	return mustMarshal(map[string]any{"schemas": schemas, "responses": responses})
}

// statusSchema is the schema of the plain problems of a status: Problem's, with that status.
func statusSchema(code int) map[string]any {
	return map[string]any{"allOf": []any{
		map[string]any{"$ref": "#/components/schemas/Problem"},
		map[string]any{"properties": map[string]any{"status": map[string]any{"const": code}}},
	}}
}

// typeComponent is the schema of the problems of a declared type under components/schemas: Problem's, with
// the type's own part.
func typeComponent(t httperr.ProblemType) map[string]any {
	own := ownSchema(t)
	own["title"], own["description"] = t.Title(language.English), t.Description(language.English)
	return map[string]any{"allOf": []any{map[string]any{"$ref": "#/components/schemas/Problem"}, own}}
}

// registered reports whether code has its own entry in the status catalog: a code the catalog lacks gets
// its class's name as its title (see [httperr.Class.String]).
func registered(code int) bool {
	return httperr.English().Title(code) != httperr.ClassOf(code).String()
}

// openAPIResponse is the response object of a problem of the given status and schema.
func openAPIResponse(description string, status int, schema any) map[string]any {
	headers := map[string]any{
		"Content-Language": map[string]any{"description": "The language of the title and detail.", "schema": map[string]any{"type": "string"}},
	}
	field := func(name, desc string) {
		headers[name] = map[string]any{"description": desc, "schema": map[string]any{"type": "string"}}
	}
	switch status {
	case 401:
		field("WWW-Authenticate", "The authentication challenge (RFC 9110 section 11.6.1).")
	case 405:
		field("Allow", "The methods the target resource supports (RFC 9110 section 10.2.1).")
	case 407:
		field("Proxy-Authenticate", "The proxy's authentication challenge (RFC 9110 section 11.7.1).")
	case 416:
		field("Content-Range", "The size of the representation, as bytes */size (RFC 9110 section 14.4).")
	case 426:
		field("Upgrade", "The protocols to upgrade to (RFC 9110 section 7.8).")
	case 429, 503:
		field("Retry-After", "How long to wait before retrying, in seconds or as an HTTP-date (RFC 9110 section 10.2.3).")
	}
	return map[string]any{
		"description": description,
		"headers":     headers,
		"content": map[string]any{
			"application/problem+json": map[string]any{"schema": schema},
			"application/problem+xml":  map[string]any{"schema": schema},
		},
	}
}

// typeName returns the last segment or fragment of a type URI: "quota-exceeded" for
// "https://iana.org/assignments/http-problem-types#quota-exceeded".
func typeName(uri string) string {
	uri = strings.TrimRight(uri, "/#")
	if i := strings.LastIndexAny(uri, "/#:"); i >= 0 {
		uri = uri[i+1:]
	}
	if uri == "" {
		return "Problem type"
	}
	return uri
}

// camelCase joins the ASCII letters and digits of s in CamelCase: "I'm a teapot" is "ImATeapot",
// "quota-exceeded" "QuotaExceeded". The result matches OpenAPI's component name pattern ^[a-zA-Z0-9._-]+$.
func camelCase(s string) string {
	var b strings.Builder
	up := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z':
			if up {
				c -= 'a' - 'A'
			}
		case 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case c == '\'':
			continue
		default:
			up = true
			continue
		}
		b.WriteByte(c)
		up = false
	}
	if b.Len() == 0 {
		return "ProblemType"
	}
	return b.String()
}
