package httperrgin

// This file turns gin's binding errors into problems: validator.ValidationErrors into a 422 with one
// violation per field (httperrvalidator), pointing at the JSON member, query or path parameter or header
// field the field is bound from; a query, path, form or header value that failed to convert (gin returns
// strconv's error bare) into a 400 with a violation naming it.

import (
	"io"
	"iter"
	"net/http"
	"sync"

	"github.com/gin-gonic/gin"
	"github.com/gin-gonic/gin/binding"
	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
	"github.com/httperr/toolkit/internal/location"
)

// named holds the validator engines Install registered httperrvalidator.JSONName on, so that it is registered once.
var named sync.Map

// translate turns the gin binding errors the core does not know into problems; an error holding an
// *httperr.Error is left as it is, as the core would let that *Error win. It looks at err's chain once,
// through the core's bounded walk (internal/errchain), asking of each error what errors.As and errors.Is
// would: the first *httperr.Error, validator.ValidationErrors or binding.SliceValidationError, and io.EOF or
// io.ErrUnexpectedEOF (an empty or truncated body). An error that is none of these and would be a 500 is a
// 400, with a parameter or header violation, when it is a conversion error about a value of c's request
// (location.Conversion: ShouldBindQuery of ?limit=abc into an int); else it is left as it is.
func translate(c *gin.Context, err error) error {
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
		return httperr.Validation(httperrvalidator.Violations(ve)...).Wrap(err)
	case isSlice: // gin loses the indexes of the elements that failed
		return httperr.UnprocessableEntity("request body has invalid array elements").Wrap(err)
	case isEOF:
		return bodyError(io.EOF, err)
	case isUnexpectedEOF:
		return bodyError(io.ErrUnexpectedEOF, err)
	}
	if httperr.StatusOf(err) == http.StatusInternalServerError {
		if e := location.Conversion(err, c.Request, params(c.Params)); e != nil {
			return e
		}
	}
	return err
}

// params yields gin's path parameters as name, value.
func params(ps gin.Params) iter.Seq2[string, string] {
	return func(yield func(string, string) bool) {
		for _, p := range ps {
			if !yield(p.Key, p.Value) {
				return
			}
		}
	}
}

// bodyError returns [httperr.RequestBodyError]'s problem for sentinel, with err as its cause. Handing it err
// itself would let its errors.Is, which has no bound, loop on a cycle later in err's chain.
func bodyError(sentinel, err error) error {
	if e, ok := httperr.RequestBodyError(sentinel).(*httperr.Error); ok {
		return e.Wrap(err)
	}
	return err
}
