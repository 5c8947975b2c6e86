package httperr_test

import (
	"context"
	"fmt"
	"net/http"

	"golang.org/x/text/language"

	"github.com/httperr/toolkit/httperr"
)

// A language is added with a Catalog in Renderer.Languages, as the package documentation shows: the German
// catalog gives 404 its title and detail, a status it does not list falls back to English, and a client that
// asks for no German gets the default, the first catalog.
func ExampleCatalog() {
	rd := &httperr.Renderer{Languages: []httperr.Catalog{
		httperr.English(), // the first is the default
		httperr.French(),
		{
			Tag:          language.German,
			Titles:       map[int]string{404: "Nicht gefunden", 409: "Konflikt"},
			Descriptions: map[int]string{404: "Die angeforderte Ressource wurde nicht gefunden."},
		},
	}}
	for _, tc := range []struct {
		err            *httperr.Error
		acceptLanguage string
	}{
		{httperr.NotFound(""), "de-AT, en;q=0.5"},
		{httperr.Gone(""), "de"},
		{httperr.NotFound(""), "ja"},
	} {
		res := rd.Prepare(context.Background(), tc.err, httperr.Request{Method: http.MethodGet, AcceptLanguage: tc.acceptLanguage})
		fmt.Println(res.Header().Get("Content-Language"))
		fmt.Print(string(res.Body))
	}
	// Output:
	// de
	// {"type":"about:blank","title":"Nicht gefunden","status":404,"detail":"Die angeforderte Ressource wurde nicht gefunden."}
	// de
	// {"type":"about:blank","title":"Gone","status":410,"detail":"The target resource is no longer available, and this condition is likely to be permanent."}
	// en
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}
}
