package httperrechov5_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
)

// docsValidator is the echo.Validator of echo's documentation: the validator's error text in a 400.
type docsValidator struct{ v *validator.Validate }

func (dv docsValidator) Validate(i any) error {
	if err := dv.v.Struct(i); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, err.Error())
	}
	return nil
}

// TestValidatorTextNotSent: with echo's documented validator, the 400 goes out without the validator's text,
// whose Go struct names are not meant for clients.
func TestValidatorTextNotSent(t *testing.T) {
	rd, _ := renderer()
	e := echo.New()
	httperrechov5.Install(e, rd)
	e.Validator = docsValidator{v: validator.New()}
	e.POST("/signup", func(c *echo.Context) error {
		var in struct {
			Name string `json:"name" validate:"required"`
		}
		if err := c.Bind(&in); err != nil {
			return err
		}
		return c.Validate(&in)
	})
	rec := serve(e, http.MethodPost, "/signup", `{}`, "Content-Type", "application/json")
	want := `{"type":"about:blank","title":"Bad Request","status":400,"detail":"The server cannot or will not process the request due to something that is perceived to be a client error."}` + "\n"
	if rec.Code != 400 || rec.Body.String() != want || strings.Contains(rec.Body.String(), "Key:") {
		t.Errorf("got %d %s\nwant %s", rec.Code, rec.Body, want)
	}
}
