package httperrechov5_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/go-playground/validator/v10"
	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/internal/testkit"
)

// locationServer is an echo v5 service on a loopback server that binds the path, the query and the header
// fields with echo's binders and its generic parameter functions, validating with go-playground/validator
// named by FieldName.
func locationServer(t *testing.T) *httptest.Server {
	t.Helper()
	e := echo.New()
	httperrechov5.Install(e, nil)
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	e.Validator = structValidator{v}
	e.GET("/shelves/:shelf/items", func(c *echo.Context) error {
		var p testkit.ShelfParams
		if err := c.Bind(&p); err != nil {
			return err
		}
		if err := c.Validate(&p); err != nil {
			return err
		}
		var h testkit.TraceFields
		if err := echo.BindHeaders(c, &h); err != nil {
			return err
		}
		if err := c.Validate(&h); err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int{"limit": p.Limit})
	})
	e.GET("/books/:id", func(c *echo.Context) error {
		id, err := echo.PathParam[int](c, "id")
		if err != nil {
			return err
		}
		return c.JSON(http.StatusOK, map[string]int{"id": id})
	})
	e.GET("/page", func(c *echo.Context) error {
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
	testkit.RunGets(t, locationServer(t), append(testkit.EchoLocations("c.Bind "),
		testkit.GetCase{Name: "PathParam BindingError", Path: "/books/abc", Status: 400,
			Body: testkit.ErrorsProblem(400, `[{"detail":"must be an integer","parameter":"id"}]`)},
		testkit.GetCase{Name: "PathParam out of range", Path: "/books/99999999999999999999", Status: 400,
			Body: testkit.ErrorsProblem(400, `[{"detail":"is out of range","parameter":"id"}]`)}))
}
