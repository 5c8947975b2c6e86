package httperrfiber_test

import (
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gofiber/fiber/v3"

	httperrfiber "github.com/httperr/toolkit/adapters/fiber"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/childtest"
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
	quiet := &httperr.Renderer{Logger: slog.New(slog.DiscardHandler)}
	problem := httperr.NotFound("x")
	for i := range 64 {
		problem = problem.WithHeader("X-Field-"+strconv.Itoa(i), "value "+strconv.Itoa(i))
	}
	answer := httptest.NewRecorder()
	quiet.Render(answer, httptest.NewRequest(http.MethodGet, "/", nil), problem)
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
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) //nolint:errcheck // ends with Shutdown
	defer app.Shutdown()                                                 //nolint:errcheck // the test is over
	url := "http://" + ln.Addr().String() + "/"

	var exact, stray, other, next atomic.Int64
	var clients sync.WaitGroup
	client := &http.Client{}
	for range 4 {
		clients.Go(func() {
			for next.Add(1) <= 1000 {
				res, err := client.Get(url)
				if err != nil {
					other.Add(1)
					continue
				}
				body, _ := io.ReadAll(res.Body)
				res.Body.Close()
				switch {
				case res.StatusCode == answer.Code && string(body) == answer.Body.String() &&
					res.Header.Get("Content-Type") == answer.Header().Get("Content-Type"):
					exact.Add(1)
				case res.StatusCode == http.StatusOK && string(body) == "STRAY":
					stray.Add(1)
				default:
					other.Add(1)
				}
			}
		})
	}
	clients.Wait()
	t.Logf("outcomes: %d the error's answer, %d the stray write alone, %d anything else", exact.Load(), stray.Load(), other.Load())
}
