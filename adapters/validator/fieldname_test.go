package httperrvalidator_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
)

func TestFieldName(t *testing.T) {
	type s struct {
		JSON     string `json:"email,omitempty" header:"X-Email" form:"mail"`
		Skipped  string `json:"-" form:"skipped"`
		Header   string `header:"X-Request-Id"`
		URI      string `uri:"id"`
		Param    string `param:"shelf"`
		Query    string `query:"limit"`
		Form     string `form:"page_size,default=10"`
		Dash     string `form:"-"`
		Untagged string
	}
	want := map[string]string{
		"JSON": "email", "Skipped": "", "Header": "header:X-Request-Id", "URI": "parameter:id",
		"Param": "parameter:shelf", "Query": "parameter:limit", "Form": "parameter:page_size", "Dash": "", "Untagged": "",
	}
	typ := reflect.TypeFor[s]()
	for i := range typ.NumField() {
		f := typ.Field(i)
		t.Run(f.Name, func(t *testing.T) {
			if got := httperrvalidator.FieldName(f); got != want[f.Name] {
				t.Errorf("FieldName(%s) = %q, want %q", f.Name, got, want[f.Name])
			}
		})
	}
}

// Fields bound from the query, the path and the header fields get violations that name them; fields bound
// from the body, nested in such a struct, keep their pointers.
func TestMapLocations(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	type filter struct {
		Color string `json:"color" validate:"required"`
	}
	type request struct {
		Limit     int    `form:"limit" validate:"max=100"`
		Shelf     int    `uri:"shelf" validate:"min=1"`
		RequestID string `header:"X-Request-Id" validate:"required"`
		Filter    filter `form:"filter"`
		Name      string `validate:"required"`
	}
	err := v.Struct(request{Limit: 500})
	got := httperrvalidator.Map(err).Violations()
	want := []httperr.Violation{
		{Parameter: "limit", Code: "max", Param: "100"},
		{Parameter: "shelf", Code: "min", Param: "1"},
		{Header: "X-Request-Id", Code: "required"},
		{Pointer: "#/filter/color", Code: "required"},
		{Pointer: "#/name", Code: "required"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Violations =\n%#v\nwant\n%#v", got, want)
	}
	rec := httptest.NewRecorder()
	(&httperr.Renderer{Map: httperrvalidator.Map}).Render(rec, httptest.NewRequest(http.MethodGet, "/", nil), err)
	const body = `{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions.",` +
		`"errors":[{"detail":"must be at most 100","parameter":"limit","code":"max"},{"detail":"must be at least 1","parameter":"shelf","code":"min"},` +
		`{"detail":"is required","header":"X-Request-Id","code":"required"},{"detail":"is required","pointer":"#/filter/color","code":"required"},{"detail":"is required","pointer":"#/name","code":"required"}]}` + "\n"
	if rec.Code != 422 || rec.Body.String() != body {
		t.Errorf("got %d\n%s\nwant 422\n%s", rec.Code, rec.Body, body)
	}
}
