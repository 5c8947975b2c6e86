// Package location turns the errors of the gin and echo binders about query parameters, path parameters and
// header fields into [httperr.Violation] values that name them (their Parameter or Header). It is shared by
// the adapters, which each know their own path parameters, and
// is internal: a net/http handler builds its violations itself. [Pointer] reads the body paths that huma's
// errors give as JSON Pointers.
package location

import (
	"iter"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
)

// Detail says in a few English words what a value that failed to convert should have been, from the first
// *strconv.NumError or *time.ParseError of err's chain: "must be an integer", "must be a number", "must be a
// boolean", "is out of range", "must be a time"; "has an invalid value" when the chain holds neither.
func Detail(err error) string {
	_, detail, _ := failure(err)
	return detail
}

// Conversion returns the 400 Bad Request problem, wrapping err, for a value of the request that failed to
// convert: the first *strconv.NumError or *time.ParseError of err's chain, whose text is the value that
// failed, looked for among r's query parameters, the path parameters path yields (name, value), the form body
// when it has been parsed (r.PostForm, r.MultipartForm) and r's header fields. gin's binders return such
// errors bare, and echo v4's with the binder's message alone: neither says where the value came from.
//
// When the value is under one name, the problem has a violation naming it (a value under one name in both
// the query and the path or form body is that parameter); under several, none, as there is no telling which
// failed. When it is nowhere in the request, Conversion returns nil: the application converted something
// else, and the error is not blamed on the client.
func Conversion(err error, r *http.Request, path iter.Seq2[string, string]) *httperr.Error {
	text, detail, ok := failure(err)
	if !ok || text == "" || r == nil {
		return nil
	}
	var (
		name     string
		isHeader bool
		found    int // distinct locations holding text, up to 2
	)
	note := func(n string, header bool) {
		if found == 0 || n != name || header != isHeader {
			found++
			name, isHeader = n, header
		}
	}
	values := func(m map[string][]string, header bool) {
		for k, vs := range m {
			for _, v := range vs {
				if v == text {
					note(k, header)
					break
				}
			}
		}
	}
	if r.URL != nil {
		values(r.URL.Query(), false)
	}
	if path != nil {
		for k, v := range path {
			if v == text {
				note(k, false)
			}
		}
	}
	values(r.PostForm, false)
	if r.MultipartForm != nil {
		values(r.MultipartForm.Value, false)
	}
	values(r.Header, true)
	switch {
	case found == 0:
		return nil
	case found > 1:
		return httperr.BadRequest("").Wrap(err)
	case isHeader:
		return httperr.BadRequest("").WithErrors(httperr.Violation{Header: name, Detail: detail}).Wrap(err)
	}
	return httperr.BadRequest("").WithErrors(httperr.Violation{Parameter: name, Detail: detail}).Wrap(err)
}

// failure returns the text that failed to convert and the words for what it should have been, from the
// first *strconv.NumError or *time.ParseError of err's chain, and whether there is one.
func failure(err error) (text, detail string, ok bool) {
	detail = "has an invalid value"
	ok = errchain.Walk(err, func(x error) bool {
		if ne, isNum := errchain.At[*strconv.NumError](x); isNum && ne != nil {
			text = ne.Num
			switch {
			case errchain.Is(ne.Err, strconv.ErrRange):
				detail = "is out of range"
			case ne.Func == "ParseBool":
				detail = "must be a boolean"
			case ne.Func == "ParseFloat" || ne.Func == "ParseComplex":
				detail = "must be a number"
			default: // ParseInt, ParseUint, Atoi
				detail = "must be an integer"
			}
			return true
		}
		if pe, isTime := errchain.At[*time.ParseError](x); isTime && pe != nil {
			text, detail = pe.Value, "must be a time"
			return true
		}
		return false
	})
	return text, detail, ok
}

// KindDetail says in the same words as Detail what a value that failed to convert to t should have been:
// for binders whose errors name the type wanted rather than the conversion that failed (fiber's).
func KindDetail(t reflect.Type) string {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		t = t.Elem()
	}
	if t == nil {
		return "has an invalid value"
	}
	switch t.Kind() {
	case reflect.Bool:
		return "must be a boolean"
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return "must be an integer"
	case reflect.Float32, reflect.Float64:
		return "must be a number"
	}
	if t == reflect.TypeFor[time.Time]() {
		return "must be a time"
	}
	return "has an invalid value"
}

// Pointer turns a path in dot-and-bracket notation, ".items[3].tags" (what follows "body" in huma's error
// locations), into a JSON Pointer, "#/items/3/tags"; "" is the whole document, "#".
func Pointer(path string) string {
	var tokens []string
	for path != "" {
		var token string
		if path[0] == '[' {
			token, path, _ = strings.Cut(path[1:], "]")
		} else {
			path = strings.TrimPrefix(path, ".")
			end := strings.IndexAny(path, ".[")
			if end < 0 {
				end = len(path)
			}
			token, path = path[:end], path[end:]
		}
		tokens = append(tokens, token)
	}
	return httperr.Pointer(tokens...)
}
