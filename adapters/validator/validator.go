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
// [httperr.Renderer.Map]. The violations keep the validator's order, and each points at the query or path
// parameter or the header field that [FieldName] named the field by, else at the field's JSON member (see
// pointer).
//
// Each violation carries a stable code, the failed tag, as the entry's "code" member
// ({"detail":"is required","pointer":"#/name","code":"required"}), and its detail is left to the Renderer,
// which writes it in the language of the problem, from the catalog that Accept-Language picked (see
// [httperr.Catalog]'s Violations: English and French are built in for the common tags; a tag without a text
// is "is invalid (tag)"). The same bytes on every stack: the gin, echo and fiber adapters use Map for the
// validator's errors, and a net/http service sets it as the Renderer's Map.
func Map(err error) *httperr.Error {
	ve, ok := errchain.As[validator.ValidationErrors](err) // errors.As, bounded against Unwrap cycles
	if !ok || len(ve) == 0 {
		return nil
	}
	vs := make([]httperr.Violation, len(ve))
	for i, fe := range ve {
		vs[i] = locate(fe)
		vs[i].Code, vs[i].Message, vs[i].Param = coded(fe)
	}
	return httperr.Validation(vs...).Wrap(err)
}

// locate returns the violation of fe, without its detail, where the field is: a header field or a parameter
// when [FieldName] named it so, else its JSON member.
func locate(fe validator.FieldError) httperr.Violation {
	switch name, kind := located(fe.Field()); kind {
	case headerPrefix:
		return httperr.Violation{Header: name}
	case parameterPrefix:
		return httperr.Violation{Parameter: name}
	}
	return httperr.Violation{Pointer: pointer(fe)}
}

// coded returns the code of fe, the key of its text (see [httperr.Catalog]'s Violations) and the parameter
// of the text: for a bound, the key says what is bounded, ".string" a length, ".items" a count, and ".one"
// a bound of 1; a bound or oneof without a parameter has the text of "invalid" ("is invalid (min)").
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
