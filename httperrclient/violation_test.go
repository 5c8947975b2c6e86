package httperrclient_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"

	"github.com/go-playground/validator/v10"

	httperrvalidator "github.com/httperr/toolkit/adapters/validator"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/httperrclient"
)

// locatedViolations points at the body, a query parameter and a header, with an extension member each.
var locatedViolations = []httperr.Violation{
	{Pointer: "#/age", Detail: "must be a positive integer"},
	httperr.Violation{Parameter: "limit", Detail: "must be an integer"},
	httperr.Violation{Header: "X-Request-Id", Detail: "is required"},
	{Parameter: "id", Detail: "must be a UUID", Extensions: map[string]any{"code": "uuid", "parameter": "ignored", "header": "ignored", "pointer": "ignored", "detail": "ignored"}},
	{Detail: "the query is empty"},
	{Pointer: "#/a", Parameter: "a", Header: "A", Detail: "three places"},
}

func locatedProblem() *httperr.Error {
	return httperr.BadRequest("limit and X-Request-Id are wrong").WithErrors(locatedViolations...)
}

// The located violations come back from a real server as they were sent, in both media types.
func TestViolationLocationsRoundTrip(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		httperr.Render(w, r, locatedProblem())
	}))
	defer srv.Close()
	want := []httperr.Violation{
		{Pointer: "#/age", Detail: "must be a positive integer"},
		{Parameter: "limit", Detail: "must be an integer"},
		{Header: "X-Request-Id", Detail: "is required"},
		{Parameter: "id", Detail: "must be a UUID", Code: "uuid"},
		{Detail: "the query is empty"},
		{Pointer: "#/a", Parameter: "a", Header: "A", Detail: "three places"},
	}
	for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
		t.Run(accept, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodGet, srv.URL+"/items?limit=abc", nil)
			req.Header.Set("Accept", accept)
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			e, ok := httperrclient.FromResponse(res).(*httperr.Error)
			if !ok || e.Status() != 400 {
				t.Fatalf("FromResponse = %v", e)
			}
			if got := e.Violations(); !reflect.DeepEqual(got, want) {
				t.Errorf("Violations() =\n%#v\nwant\n%#v", got, want)
			}
		})
	}
}

// A decoded entry with a location member of another type than string is not a violation: the list stays
// as it was sent, as a wrong "pointer" always made it.
func TestViolationLocationWrongType(t *testing.T) {
	for _, entry := range []string{`{"detail":"d","parameter":5}`, `{"detail":"d","header":["X"]}`, `{"code":"c"}`} {
		t.Run(entry, func(t *testing.T) {
			rec := httptest.NewRecorder()
			rec.Header().Set("Content-Type", "application/problem+json")
			rec.WriteHeader(400)
			rec.WriteString(`{"type":"about:blank","title":"x","status":400,"errors":[` + entry + `]}`)
			e := httperrclient.FromResponse(rec.Result()).(*httperr.Error)
			if vs := e.Violations(); vs != nil {
				t.Errorf("Violations() = %#v, want nil", vs)
			}
			if v, ok := e.Extension("errors"); !ok || reflect.TypeOf(v) != reflect.TypeFor[[]any]() {
				t.Errorf("errors member = %#v", v)
			}
		})
	}
}

// The violations of httperrvalidator.Map, rendered for a French client, come back with their codes and
// their French details, in both media types.
func TestViolationCodesRoundTrip(t *testing.T) {
	v := validator.New()
	v.RegisterTagNameFunc(httperrvalidator.FieldName)
	rd := &httperr.Renderer{Map: httperrvalidator.Map}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rd.Render(w, r, v.Struct(struct {
			Login   string `json:"login" validate:"min=3"`
			Request string `header:"X-Request-Id" validate:"required"`
		}{Login: "ab"}))
	}))
	defer srv.Close()
	want := []httperr.Violation{
		{Pointer: "#/login", Detail: "doit contenir au moins 3 caractères", Code: "min"},
		{Header: "X-Request-Id", Detail: "est obligatoire", Code: "required"},
	}
	for _, accept := range []string{"application/problem+json", "application/problem+xml"} {
		t.Run(accept, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPost, srv.URL+"/accounts", nil)
			req.Header.Set("Accept", accept)
			req.Header.Set("Accept-Language", "fr")
			res, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			e, ok := httperrclient.FromResponse(res).(*httperr.Error)
			if !ok || e.Status() != 422 || e.Title() != "Contenu non traitable" {
				t.Fatalf("FromResponse = %v", e)
			}
			if got := e.Violations(); !reflect.DeepEqual(got, want) {
				t.Errorf("Violations() =\n%#v\nwant\n%#v", got, want)
			}
		})
	}
}
