// Command nethttp serves the example users API with net/http's ServeMux and the httperrhttp adapter.
//
//	go run ./examples/nethttp -addr 127.0.0.1:8080
//	curl -i localhost:8080/users/42
package main

import (
	"flag"
	"log/slog"
	"net/http"
	"os"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/examples/internal/users"
	"github.com/httperr/toolkit/httperr"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))
	rd := &httperr.Renderer{Logger: logger}

	logger.Info("listening", "addr", *addr, "framework", "net/http")
	if err := http.ListenAndServe(*addr, Handler(rd)); err != nil {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}

// Handler returns the users API on a ServeMux, wrapped in the httperr middleware.
func Handler(rd *httperr.Renderer) http.Handler {
	mux := http.NewServeMux()
	for _, rt := range users.New().Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, httperrhttp.HandlerFunc(rt.Handler))
	}
	return httperrhttp.Middleware(rd)(mux)
}
