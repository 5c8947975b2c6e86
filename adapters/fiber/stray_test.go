package httperrfiber_test

import (
	"net/http"
	"testing"

	"github.com/gofiber/fiber/v3"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/internal/childtest"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestSubprocessStrayWriteDuringRender: a goroutine the handler started writes through fiber's Ctx
// (c.SendString) while the ErrorHandler answers the error the handler returned. fiber's documentation
// forbids it (a Ctx and the values it returns are valid only until the handler returns), fasthttp's Response
// is not safe for concurrent use, and fiber pools its Ctx, so no error handler survives it: the test runs
// the misuse in a child process with an ErrorHandler written in fiber's idiom that sends the same problem
// (c.Set, c.Status, c.Send), and in one with ours, and requires ours to fail in no way the misuse does not
// cause with fiber's own (childtest.CompareWithFramework).
func TestSubprocessStrayWriteDuringRender(t *testing.T) {
	mode := childtest.Mode(t)
	if mode == "" {
		childtest.CompareWithFramework(t, "fiber")
		return
	}
	quiet := testkit.Quiet()
	problem, answer := testkit.StrayProblem()
	cfg := fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(quiet)}
	if mode == "native" {
		cfg.ErrorHandler = func(c fiber.Ctx, err error) error { // fiber's own way to send the same response
			for k, v := range answer.Header() {
				c.Set(k, v[0])
			}
			return c.Status(answer.Code).Send(answer.Body.Bytes())
		}
	}
	app := fiber.New(cfg)
	app.Get("/", func(c fiber.Ctx) error {
		done := make(chan struct{})
		go func() { <-done; c.SendString("STRAY") }()
		defer close(done)
		return problem
	})
	testkit.StrayOutcomes(t, &http.Client{}, listen(t, app)+"/", answer)
}
