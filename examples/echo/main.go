// Command echo serves the example users API with echo v4 and the httperrecho adapter.
//
//	go run ./examples/echo -addr 127.0.0.1:8080
//	curl -i localhost:8080/users/42
//
// The three example servers mount the same handlers (internal/users) and answer the same bytes.
package main

import (
	"flag"
	"log/slog"
	"net/http"
	"os"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/internal/mount"
	"github.com/httperr/toolkit/internal/users"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rd := &httperr.Renderer{Logger: logger}

	logger.Info("listening", "addr", *addr, "framework", "echo")
	if err := http.ListenAndServe(*addr, mount.Echo(rd, users.New().Routes()...)); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
