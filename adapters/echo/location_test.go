package httperrecho_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v4"

	httperrecho "github.com/httperr/toolkit/adapters/echo"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/internal/testkit"
)

// locationServer is an echo v4 service on a loopback server binding the path, the query and the header
// fields with echo's binders and validating with go-playground/validator named by FieldName.
func locationServer(t *testing.T) *httptest.Server {
	t.Helper()
	e := echo.New()
	httperrecho.Install(e, nil)
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	e.Validator = structValidator{v: v}
	e.GET("/shelves/:shelf/items", func(c echo.Context) error {
		var p testkit.ShelfParams
		if err := c.Bind(&p); err != nil {
			return err
		}
		if err := c.Validate(&p); err != nil {
			return err
		}
		var h testkit.TraceFields
		if err := (&echo.DefaultBinder{}).BindHeaders(c, &h); err != nil {
			return err
		}
		if err := c.Validate(&h); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int{"limit": p.Limit})
	})
	e.GET("/page", func(c echo.Context) error {
		var page int
		if err := echo.QueryParamsBinder(c).MustInt("page", &page).BindError(); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int{"page": page})
	})
	srv := httptest.NewServer(e)
	t.Cleanup(srv.Close)
	return srv
}

func TestBindingLocations(t *testing.T) {
	testkit.RunGets(t, locationServer(t), append(testkit.EchoLocations(""),
		testkit.GetCase{Name: "value binder integer", Path: "/page?page=two", Status: 400,
			Body: testkit.ErrorsProblem(400, `[{"detail":"must be an integer","parameter":"page"}]`)}))
}
