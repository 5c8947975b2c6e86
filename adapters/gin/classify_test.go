package httperrgin

import (
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/gin-gonic/gin"
	"github.com/go-playground/validator/v10"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/errchain"
)

// asError has an As method, which only errors.As can follow.
type asError struct{}

func (asError) Error() string   { return "as" }
func (asError) As(any) bool     { return false }
func (asError) Unwrap() error   { return io.EOF }
func (e asError) Is(error) bool { return false }

// TestClassify checks classify's one walk against the two it stands for: no *gin.Error in the chain (as
// c.Error's errors.As needs), and plain (translate leaves the error as it is).
func TestClassify(t *testing.T) {
	noGinError := func(err error) bool {
		return errchain.Walk(err, func(err error) (bool, bool) {
			_, ok := err.(*gin.Error)
			return false, ok
		})
	}
	ge := &gin.Error{Err: errors.New("inner"), Type: gin.ErrorTypePrivate}
	for _, err := range []error{
		errors.New("plain"),
		fmt.Errorf("wrapped: %w", errors.New("plain")),
		httperr.NotFound("user"),
		httperr.BadGateway("").Wrap(errors.New("upstream")),
		httperr.BadGateway("").Wrap(ge),
		fmt.Errorf("x: %w", httperr.NotFound("user")),
		ge,
		fmt.Errorf("x: %w", ge),
		fmt.Errorf("x: %w", &gin.Error{Err: httperr.NotFound("user")}),
		validator.ValidationErrors{},
		fmt.Errorf("bind: %w", validator.ValidationErrors{}),
		io.EOF,
		fmt.Errorf("read: %w", io.ErrUnexpectedEOF),
		os.ErrNotExist,
		fmt.Errorf("open: %w", os.ErrNotExist),
		asError{},
		fmt.Errorf("x: %w", asError{}),
		errors.Join(errors.New("a"), errors.New("b")),
		fmt.Errorf("x: %w", errors.Join(httperr.NotFound("a"))),
	} {
		noGin, isPlain := classify(err)
		if want := noGinError(err); noGin != want {
			t.Errorf("classify(%v): noGin %t, want %t", err, noGin, want)
		}
		if want := plain(err); noGin && isPlain != want {
			t.Errorf("classify(%v): plain %t, want %t", err, isPlain, want)
		}
	}
}
