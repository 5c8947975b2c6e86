package httperrfiber_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"

	"github.com/gofiber/fiber/v3"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
)

func ExampleErrorHandler() {
	rd := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	app.Use(httperrfiber.Middleware(rd))
	app.Get("/users/:id", func(fiber.Ctx) error { return httperr.NotFound("user") })

	for _, target := range []string{"/users/42", "/nope"} {
		res, err := app.Test(httptest.NewRequest("GET", target, nil))
		if err != nil {
			panic(err)
		}
		body, _ := io.ReadAll(res.Body)
		fmt.Println(res.StatusCode, res.Header.Get("Content-Type"))
		fmt.Print(string(body))
	}
	// Output:
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}
	// 404 application/problem+json
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"The server did not find a current representation for the target resource."}
}
