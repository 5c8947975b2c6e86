package httperrvalidator

import (
	"reflect"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/go-playground/validator/v10"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
)

// Map returns the 422 Unprocessable Content problem for the [validator.ValidationErrors] in err's chain,
// wrapping err, with one violation per failed field; nil when the chain holds none, so that it can stand as
// [httperr.Renderer.Map]. The violations keep the validator's order.
func Map(err error) *httperr.Error {
	ve, ok := errchain.As[validator.ValidationErrors](err) // errors.As, bounded against Unwrap cycles
	if !ok || len(ve) == 0 {
		return nil
	}
	return httperr.Validation(Violations(ve)...).Wrap(err)
}

// Coded is [Map] with each violation's code and its detail in the client's language: the code is the failed
// tag, sent as the entry's "code" member ({"detail":"is required","pointer":"#/name","code":"required"}),
// and the detail is left to the Renderer, which writes it in the language of the problem, from the catalog
// that Accept-Language picked (see [httperr.Catalog]'s Violations: English and French are built in for the
// common tags, with the same English words as Map's). Set it as [httperr.Renderer.Map], on any stack: the
// gin, echo and fiber adapters keep the validator's error in the chain of the problem they make of it, and
// the Renderer's Map runs first.
//
//	rd := &httperr.Renderer{Map: httperrvalidator.Coded}
//
// Map, which the adapters use by default, sends the English details alone, as it always has.
func Coded(err error) *httperr.Error {
	ve, ok := errchain.As[validator.ValidationErrors](err)
	if !ok || len(ve) == 0 {
		return nil
	}
	vs := make([]httperr.Violation, len(ve))
	for i, fe := range ve {
		vs[i] = locate(fe, "")
		vs[i].Code, vs[i].Message, vs[i].Param = coded(fe)
	}
	return httperr.Validation(vs...).Wrap(err)
}

// Violations returns one violation per field error of ve, with a sentence for the failed tag (see
// sentence), pointing at the query or path parameter or the header field that [FieldName] named the field
// by, else at the field's JSON member (see pointer).
func Violations(ve validator.ValidationErrors) []httperr.Violation {
	vs := make([]httperr.Violation, len(ve))
	for i, fe := range ve {
		vs[i] = locate(fe, sentence(fe))
	}
	return vs
}

// locate returns the violation of fe with detail, where the field is: a header field or a parameter when
// [FieldName] named it so, else its JSON member.
func locate(fe validator.FieldError, detail string) httperr.Violation {
	switch name, kind := located(fe.Field()); kind {
	case headerPrefix:
		return httperr.Violation{Header: name, Detail: detail}
	case parameterPrefix:
		return httperr.Violation{Parameter: name, Detail: detail}
	}
	return httperr.Violation{Pointer: pointer(fe), Detail: detail}
}

// coded returns the code of fe, the key of its text (see [httperr.Catalog]'s Violations) and the parameter
// of the text: for a bound, the key says what is bounded, ".string" a length, ".items" a count, and ".one"
// a bound of 1; a bound or oneof without a parameter has the text of "invalid", as [sentence] says.
func coded(fe validator.FieldError) (code, key, param string) {
	tag, p := fe.Tag(), fe.Param()
	switch tag {
	case "oneof":
		if p == "" {
			return tag, "invalid", ""
		}
		return tag, "", strings.Join(strings.Fields(p), ", ")
	case "min", "max", "len", "gte", "lte", "gt", "lt":
		if p == "" {
			return tag, "invalid", ""
		}
		key = tag
		switch fe.Kind() {
		case reflect.String:
			key += ".string"
		case reflect.Slice, reflect.Array, reflect.Map:
			key += ".items"
		default:
			return tag, "", p
		}
		if p == "1" {
			key += ".one"
		}
		return tag, key, p
	}
	return tag, "", p
}

// The prefixes FieldName puts before the name of a field bound from a header field or a parameter.
const (
	headerPrefix    = "header:"
	parameterPrefix = "parameter:"
)

// located returns name without the prefix FieldName gave it, and that prefix, or "" for a JSON name.
func located(name string) (string, string) {
	for _, p := range [...]string{headerPrefix, parameterPrefix} {
		if rest, ok := strings.CutPrefix(name, p); ok && rest != "" {
			return rest, p
		}
	}
	return name, ""
}

// FieldName is a tag name function for [validator.Validate.RegisterTagNameFunc] that names fields as the
// request names them, so that violations point where the client must look (see [httperr.Violation]):
//
//   - a json tag names a body member: violations carry a pointer, "#/email";
//   - else a header tag (gin's and echo's header binding) names a header field: the field's name is
//     "header:X-Request-Id" and its violations carry "header":"X-Request-Id";
//   - else a uri (gin's path parameters), param (echo's), query (echo's) or form tag (gin's query and form
//     binding, echo's form binding) names a parameter: "parameter:limit", and "parameter":"limit". A
//     urlencoded form body counts as parameters too: its name=value pairs are the query's syntax, and a JSON
//     Pointer to them would point into a document that is not there;
//   - else the Go name is kept.
//
// The prefixes show in the validator's own messages (Field, Namespace, Error): "Field validation for
// 'parameter:limit' failed on the 'max' tag". A field with a json tag and a form tag (a struct bound from
// both a JSON body and a query) is named by its json tag.
func FieldName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" {
		if name == "-" {
			return ""
		}
		return name
	}
	if name, _, _ := strings.Cut(f.Tag.Get("header"), ","); name != "" && name != "-" {
		return headerPrefix + name
	}
	for _, tag := range [...]string{"uri", "param", "query", "form"} {
		if name, _, _ := strings.Cut(f.Tag.Get(tag), ","); name != "" && name != "-" {
			return parameterPrefix + name
		}
	}
	return ""
}

// pointer returns the JSON Pointer (RFC 6901, in the URI fragment form of [httperr.Pointer]) to the field of
// fe: its namespace without the top-level type, each name as the tag name function gave it, or, where it
// gave none, the Go field name with its first letter lower-cased. Slice and map indexes become tokens of
// their own: Items[0].Name is #/items/0/name.
func pointer(fe validator.FieldError) string {
	if fe.StructNamespace() == "" { // a single variable (Validate.Var): the pointer is the whole document
		return "#"
	}
	names := strings.Split(fe.Namespace(), ".")
	fields := strings.Split(fe.StructNamespace(), ".")
	if len(names) != len(fields) { // a tag name with a dot: trust the Go names
		names = fields
	}
	// A named struct's namespace starts with its type name, the same in both; an anonymous struct's does not.
	if len(names) > 1 && names[0] == fields[0] {
		names, fields = names[1:], fields[1:]
	}
	tokens := make([]string, 0, len(names))
	for i, name := range names {
		name, _ = located(name) // a struct bound from a query may hold one bound from the body
		name, index, _ := strings.Cut(name, "[")
		field, _, _ := strings.Cut(fields[i], "[")
		if name == field && name != "" {
			r, n := utf8.DecodeRuneInString(name)
			name = string(unicode.ToLower(r)) + name[n:]
		}
		tokens = append(tokens, name)
		for index != "" { // "0]" or "0][1]" or "key]"
			var key string
			key, index, _ = strings.Cut(index, "]")
			index = strings.TrimPrefix(index, "[")
			tokens = append(tokens, key)
		}
	}
	return httperr.Pointer(tokens...)
}

// sentence says in a few English words what fe's validation tag wants: "is required", "must be an email
// address", "must be at least 3 characters long", and "is invalid (tag)" for tags it has no words for.
func sentence(fe validator.FieldError) string {
	p := fe.Param()
	switch tag := fe.Tag(); {
	case tag == "required":
		return "is required"
	case tag == "email":
		return "must be an email address"
	case tag == "oneof" && p != "":
		return "must be one of " + strings.Join(strings.Fields(p), ", ")
	case (tag == "min" || tag == "gte") && p != "":
		return bound(fe.Kind(), "at least ", p)
	case (tag == "max" || tag == "lte") && p != "":
		return bound(fe.Kind(), "at most ", p)
	case tag == "len" && p != "":
		return bound(fe.Kind(), "exactly ", p)
	default:
		return "is invalid (" + tag + ")"
	}
}

// bound phrases a limit on a value of kind k: a length for strings, a count for collections.
func bound(k reflect.Kind, limit, p string) string {
	plural := "s"
	if p == "1" {
		plural = ""
	}
	switch k {
	case reflect.String:
		return "must be " + limit + p + " character" + plural + " long"
	case reflect.Slice, reflect.Array, reflect.Map:
		return "must have " + limit + p + " item" + plural
	}
	if limit == "exactly " {
		return "must be " + p
	}
	return "must be " + limit + p
}
