package ginhold

import (
	"net/http"
	"reflect"
)

// Find returns the Writer that w is or wraps: directly, through Unwrap methods, or
// as an exported field of a wrapping struct (as gin-contrib's gzip writer embeds gin.ResponseWriter); nil
// when there is none.
func Find(w http.ResponseWriter) *Writer {
	for range 8 {
		switch x := w.(type) {
		case *Writer:
			return x
		case interface{ Unwrap() http.ResponseWriter }:
			w = x.Unwrap()
			continue
		}
		inner, ok := wrapped(w)
		if !ok {
			return nil
		}
		w = inner
	}
	return nil
}

// wrapped returns the first exported field of the struct w points to that holds a ResponseWriter.
//
// This reflection runs only when a middleware inside put a wrapper without Unwrap in c.Writer (gin-contrib's
// gzip). The simplest safe alternative, the Middleware marking the context with c.Set, costs every request
// a map: measured A/B in BenchmarkNotFound and BenchmarkConflict (fw=gin; figures in docs/performance.md),
// it allocated more and took longer. So the writer search stays.
func wrapped(w http.ResponseWriter) (http.ResponseWriter, bool) {
	v := reflect.ValueOf(w)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, false
	}
	v = v.Elem()
	for i := range v.NumField() {
		f := v.Field(i)
		if !f.CanInterface() || (f.Kind() != reflect.Interface && f.Kind() != reflect.Pointer) || f.IsNil() {
			continue
		}
		if inner, ok := f.Interface().(http.ResponseWriter); ok {
			return inner, true
		}
	}
	return nil, false
}
