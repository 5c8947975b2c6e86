package main

import (
	"io"
	"net"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/gofiber/fiber/v3"

	"github.com/httperr/toolkit/examples/internal/transcript"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestReadme plays the README's curl lines against the server on a real listener, served by fiber itself:
// the same bytes as the net/http, echo and gin examples. fiber's 405 lists GET and the HEAD it adds for it.
func TestReadme(t *testing.T) {
	app := newServer(testkit.Quiet())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- app.Listener(ln, fiber.ListenConfig{DisableStartupMessage: true}) }()
	defer func() {
		if err := app.ShutdownWithTimeout(5 * time.Second); err != nil {
			t.Error(err)
		}
		if err := <-done; err != nil {
			t.Error(err)
		}
	}()
	transcript.CheckURL(t, "http://"+ln.Addr().String(), "GET, HEAD")
}

func TestUnknownUser(t *testing.T) {
	res, err := newServer(testkit.Quiet()).Test(httptest.NewRequest("GET", "/users/424242", nil))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	transcript.CheckUnknownUser(t, res.StatusCode, res.Header.Get("Content-Type"), string(body))
}
