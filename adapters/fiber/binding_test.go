package httperrfiber_test

import (
	"net/http/httptest"
	"strconv"
	"testing"

	"github.com/gofiber/fiber/v3"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
)

// TestBindingLocations drives c.Bind().Query and c.Bind().Header as fiber users write them: a value that
// fails to convert is a 400 naming its parameter or header field, a missing required key a 422 naming it.
func TestBindingLocations(t *testing.T) {
	rd, _ := renderer()
	app := fiber.New(fiber.Config{ErrorHandler: httperrfiber.ErrorHandler(rd)})
	app.Use(httperrfiber.Middleware(rd))
	app.Get("/search", func(c fiber.Ctx) error {
		var q struct {
			Limit int    `query:"limit"`
			Name  string `query:"name,required"`
		}
		if err := c.Bind().Query(&q); err != nil {
			return err
		}
		var h struct {
			ID int `header:"X-Request-Id"`
		}
		if err := c.Bind().Header(&h); err != nil {
			return err
		}
		return c.SendStatus(fiber.StatusNoContent)
	})
	const (
		d400 = "The server cannot or will not process the request due to something that is perceived to be a client error."
		d422 = "The server understands the content type of the request and the content is syntactically correct, but the server was unable to process the contained instructions."
	)
	for _, tt := range []struct {
		name, target, header string
		status               int
		want                 string
	}{
		{"query value that does not convert", "/search?limit=abc&name=x", "", 400,
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + d400 + `","errors":[{"detail":"must be an integer","parameter":"limit"}]}` + "\n"},
		{"required query parameter missing", "/search?limit=1", "", 422,
			`{"type":"about:blank","title":"Unprocessable Content","status":422,"detail":"` + d422 + `","errors":[{"detail":"is required","parameter":"name"}]}` + "\n"},
		{"header value that does not convert", "/search?name=x", "zz", 400,
			`{"type":"about:blank","title":"Bad Request","status":400,"detail":"` + d400 + `","errors":[{"detail":"must be an integer","header":"X-Request-Id"}]}` + "\n"},
		{"all good", "/search?limit=2&name=x", "7", 204, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tt.target, nil)
			if tt.header != "" {
				r.Header.Set("X-Request-Id", tt.header)
			}
			res, err := app.Test(r)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body := make([]byte, 4096)
			n, _ := res.Body.Read(body)
			if res.StatusCode != tt.status || string(body[:n]) != tt.want {
				t.Errorf("got %d %s\nwant %d %s", res.StatusCode, body[:n], tt.status, tt.want)
			}
			if tt.status != 204 && res.Header.Get("Content-Length") != strconv.Itoa(len(tt.want)) {
				t.Errorf("Content-Length %q", res.Header.Get("Content-Length"))
			}
		})
	}
}
