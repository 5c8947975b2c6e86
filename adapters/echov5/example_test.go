package httperrechov5_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"

	"github.com/labstack/echo/v5"

	httperrechov5 "github.com/httperr/toolkit/adapters/echov5"
	"github.com/httperr/toolkit/httperr"
)

func ExampleInstall() {
	e := echo.New()
	httperrechov5.Install(e, &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)})
	e.GET("/users/:id", func(c *echo.Context) error { return httperr.NotFound("user") })

	for _, target := range []string{"/users/42", "/nope"} {
		w := httptest.NewRecorder()
		e.ServeHTTP(w, httptest.NewRequest("GET", target, nil))
		fmt.Println(w.Code, w.Header().Get("Content-Type"))
		fmt.Print(w.Body)
	}
	// Output:
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}
}
