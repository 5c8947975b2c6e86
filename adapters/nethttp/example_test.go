package httperrhttp_test

import (
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
)

func ExampleMiddleware() {
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return httperr.NotFound("user")
	}))
	h := httperrhttp.Middleware(&httperr.Renderer{Logger: slog.New(slog.DiscardHandler)})(mux)

	for _, target := range []string{"/users/42", "/nope"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Header().Get("Content-Type"))
		fmt.Print(w.Body)
	}
	// Output:
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}
}

func ExampleHandlerFunc() {
	h := httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		return httperr.Conflict("email is already registered").With("email", "ada@example.com")
	})
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest("POST", "/users", nil))
	fmt.Println(w.Code)
	fmt.Print(w.Body)
	// Output:
	// 409
	// {"type":"about:blank","title":"Conflict","status":409,"detail":"email is already registered","email":"ada@example.com"}
}
