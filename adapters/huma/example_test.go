package httperrhuma_test

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	"github.com/danielgtaylor/huma/v2"
	"github.com/danielgtaylor/huma/v2/adapters/humago"

	httperrhuma "github.com/httperr/toolkit/adapters/huma"
	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

func ExampleInstall() {
	rd := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
	mux := http.NewServeMux()
	api := humago.New(mux, huma.DefaultConfig("Users", "1.0.0"))
	httperrhuma.Install(api, rd)
	huma.Get(api, "/users/{id}", func(_ context.Context, in *struct {
		ID string `path:"id"`
	}) (*struct{ Body string }, error) {
		return nil, fmt.Errorf("load %s: %w", in.ID, httperr.NotFound("user"))
	})
	handler := httperrhttp.Middleware(rd)(mux) // the router's own 404 and 405

	for _, target := range []string{"/users/42", "/nope"} {
		w := httptest.NewRecorder()
		handler.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Header().Get("Content-Type"))
		fmt.Print(w.Body)
	}
	// Output:
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}
}
