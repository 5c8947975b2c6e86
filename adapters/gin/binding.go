package httperrgin

// This file turns gin's binding errors into problems: validator.ValidationErrors into a 422 with one
// violation per field, pointing at the JSON member the field decodes from.

import (
	"io"
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
)

// named holds the validator engines Install registered jsonName on, so that it is registered once.
var named sync.Map

func jsonName(f reflect.StructField) string {
	name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
	if name == "-" {
		return ""
	}
	return name
}

// translate turns the gin binding errors the core does not know into problems; an error holding an
// *httperr.Error is left as it is, as the core would let that *Error win. It looks at err's chain once,
// through the core's bounded walk (internal/errchain), asking of each error what errors.As and errors.Is
// would: the first *httperr.Error, validator.ValidationErrors or binding.SliceValidationError, and io.EOF or
// io.ErrUnexpectedEOF (an empty or truncated body).
func translate(err error) error {
	if _, ok := err.(*httperr.Error); ok { // the common case, without the walk
		return err
	}
	var (
		ve                     validator.ValidationErrors
		isVE, isSlice          bool
		isEOF, isUnexpectedEOF bool
	)
	if errchain.Walk(err, func(x error) bool {
		if _, ok := errchain.At[*httperr.Error](x); ok {
			return true
		}
		if !isVE {
			ve, isVE = errchain.At[validator.ValidationErrors](x)
		}
		if !isSlice {
			_, isSlice = errchain.At[binding.SliceValidationError](x)
		}
		isEOF = isEOF || errchain.IsAt(x, io.EOF)
		isUnexpectedEOF = isUnexpectedEOF || errchain.IsAt(x, io.ErrUnexpectedEOF)
		return false
	}) {
		return err
	}
	switch {
	case isVE:
		vs := make([]httperr.Violation, len(ve))
		for i, fe := range ve {
			vs[i] = httperr.Violation{Pointer: pointer(fe), Detail: sentence(fe)}
		}
		return httperr.Validation(vs...).Wrap(err)
	case isSlice: // gin loses the indexes of the elements that failed
		return httperr.UnprocessableEntity("request body has invalid array elements").Wrap(err)
	case isEOF:
		return bodyError(io.EOF, err)
	case isUnexpectedEOF:
		return bodyError(io.ErrUnexpectedEOF, err)
	}
	return err
}

// bodyError returns [httperr.RequestBodyError]'s problem for sentinel, with err as its cause. Handing it err
// itself would let its errors.Is, which has no bound, loop on a cycle later in err's chain.
func bodyError(sentinel, err error) error {
	if e, ok := httperr.RequestBodyError(sentinel).(*httperr.Error); ok {
		return e.Wrap(err)
	}
	return err
}

// pointer returns the JSON Pointer to the field of fe: its namespace without the top-level type, each name as
// the tag name function gave it, or, where it gave none, the Go field name with its first letter lower-cased.
func pointer(fe validator.FieldError) string {
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
		name, index, _ := strings.Cut(name, "[")
		field, _, _ := strings.Cut(fields[i], "[")
		if name == field {
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

// sentence says in a few English words what fe's validation tag wants.
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
