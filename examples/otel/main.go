// Command otel serves a small API traced with OpenTelemetry, whose problems carry the trace id of the
// request's span as the "traceId" member, so that a client's report leads to the trace and its logs. A
// request with a W3C traceparent continues the caller's trace; one without starts a new trace.
//
//	go run ./examples/otel -addr 127.0.0.1:8080
//	curl -i -H 'traceparent: 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' 127.0.0.1:8080/users/42
//
// OpenTelemetry is a dependency of this example only: the httperr core does not import it. A service
// without OpenTelemetry takes the id from the traceparent field with httperr.EnrichTraceID instead. The
// module requires OpenTelemetry v1.46.0, the newest release that builds with the module's go line (1.25):
// v1.47.0 needs Go 1.26, and would move the whole module's go line there.
package main

import (
	"context"
	"errors"
	"flag"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"time"

	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/ratelimit"
)

// enrichTraceID is the Renderer's Enrich hook: the trace id of the span in the request's context, which
// traced started.
func enrichTraceID(r *http.Request, e *httperr.Error) *httperr.Error {
	sc := trace.SpanContextFromContext(r.Context())
	if !sc.HasTraceID() {
		return e
	}
	return e.With("traceId", sc.TraceID().String())
}

// traced starts a server span for each request, continuing the trace of its traceparent field, as
// otelhttp.NewHandler does; the handlers, and the Renderer, see the span in the request's context.
func traced(tp trace.TracerProvider, next http.Handler) http.Handler {
	tracer := tp.Tracer("github.com/httperr/toolkit/examples/otel")
	prop := propagation.TraceContext{}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx := prop.Extract(r.Context(), propagation.HeaderCarrier(r.Header))
		ctx, span := tracer.Start(ctx, r.Method+" "+r.URL.Path, trace.WithSpanKind(trace.SpanKindServer))
		defer span.End()
		next.ServeHTTP(w, r.WithContext(ctx))
	})
}

func newServer(tp trace.TracerProvider, rd *httperr.Renderer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		return httperr.NotFound("user")
	}))
	mux.Handle("GET /search", httperrhttp.HandlerFunc(func(http.ResponseWriter, *http.Request) error {
		policy, err := ratelimit.FormatPolicy(ratelimit.Policy{Name: "daily", Quota: 1000, Window: 24 * time.Hour})
		if err != nil {
			return err // a 500: the policy is the service's own mistake
		}
		limit, err := ratelimit.Format(ratelimit.Limit{Policy: "daily", Remaining: 0, Reset: 30 * time.Second})
		if err != nil {
			return err
		}
		return ratelimit.QuotaExceeded().New("").
			WithRetryAfter(30*time.Second).
			WithHeader("RateLimit-Policy", policy).
			WithHeader("RateLimit", limit).
			With(ratelimit.ViolatedPolicies, []string{"daily"})
	}))
	return traced(tp, httperrhttp.Middleware(rd)(mux))
}

func main() {
	addr := flag.String("addr", "127.0.0.1:8080", "address to listen on")
	flag.Parse()
	logger := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))

	// A real service gives the provider its exporter (sdktrace.WithBatcher); without one, spans get their ids
	// and go nowhere.
	tp := sdktrace.NewTracerProvider()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()

	srv := &http.Server{Addr: *addr, Handler: newServer(tp, &httperr.Renderer{Enrich: enrichTraceID, Logger: logger})}
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		srv.Shutdown(shutdown)
		tp.Shutdown(shutdown)
	}()
	logger.Info("listening", "addr", *addr)
	if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
		logger.Error("server stopped", "error", err)
		os.Exit(1)
	}
}
