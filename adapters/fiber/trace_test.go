package httperrfiber_test

import (
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v3"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
)

// TestEnrichTraceID: httperr.EnrichTraceID reads the request's traceparent on fiber too, as on net/http.
func TestEnrichTraceID(t *testing.T) {
	rd, _ := renderer()
	rd.Enrich = httperr.EnrichTraceID
	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	app.Get("/users/:id", func(fiber.Ctx) error { return httperr.NotFound("user") })
	r := httptest.NewRequest("GET", "/users/42", nil)
	r.Header.Set("Traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	res, err := app.Test(r)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	want := `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}` + "\n"
	if res.StatusCode != 404 || string(body) != want {
		t.Errorf("got %d %s\nwant %s", res.StatusCode, body, want)
	}
}
