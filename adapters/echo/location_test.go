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

// listParams is bound by c.Bind from the path and the query, as echo's users tag it, and validated by
// c.Validate.
type listParams struct {
	Shelf int    `param:"shelf"`
	Limit int    `query:"limit" validate:"omitempty,max=100"`
	Sort  string `query:"sort" validate:"omitempty,oneof=name date"`
}

type traceHeader struct {
	RequestID string `header:"X-Request-Id" validate:"required,uuid"`
	Version   int    `header:"X-Api-Version"`
}

const (
	head400 = `{"type":"about:blank","title":"Bad Request","status":400,"detail":"The server cannot or will not process the request due to something that is perceived to be a client error.",`
	head422 = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",`
	goodID  = "6f1c2c1e-6a4e-4d3b-9c59-3f5b3f0c2a10"
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
		var p listParams
		if err := c.Bind(&p); err != nil {
			return err
		}
		if err := c.Validate(&p); err != nil {
			return err
		}
		var h traceHeader
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
	srv := locationServer(t)
	good := map[string]string{"X-Request-Id": goodID}
	tests := []struct {
		name, path string
		header     map[string]string
		status     int
		body       string
	}{
		{"query integer", "/shelves/1/items?limit=abc", good, 400,
			head400 + `"errors":[{"detail":"must be an integer","parameter":"limit"}]}` + "\n"},
		{"path integer", "/shelves/top/items", good, 400,
			head400 + `"errors":[{"detail":"must be an integer","parameter":"shelf"}]}` + "\n"},
		{"query validation", "/shelves/1/items?limit=500&sort=size", good, 422,
			head422 + `"errors":[{"detail":"must be at most 100","parameter":"limit","code":"max"},` +
				`{"detail":"must be one of name, date","parameter":"sort","code":"oneof"}]}` + "\n"},
		{"header missing", "/shelves/1/items", nil, 422,
			head422 + `"errors":[{"detail":"is required","header":"X-Request-Id","code":"required"}]}` + "\n"},
		{"header integer", "/shelves/1/items", map[string]string{"X-Request-Id": goodID, "X-Api-Version": "two"}, 400,
			head400 + `"errors":[{"detail":"must be an integer","header":"X-Api-Version"}]}` + "\n"},
		{"value binder integer", "/page?page=two", nil, 400,
			head400 + `"errors":[{"detail":"must be an integer","parameter":"page"}]}` + "\n"},
		{"value binder required", "/page", nil, 400,
			head400 + `"errors":[{"detail":"is required","parameter":"page"}]}` + "\n"},
		{"good", "/shelves/1/items?limit=5", good, 200, `{"limit":5}` + "\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := testkit.Get(t, srv.Client(), srv.URL+tt.path, tt.header)
			testkit.CheckFields(t, res, body, tt.status, nil, tt.body)
		})
	}
}
