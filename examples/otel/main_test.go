package main

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/httperr/toolkit/httperrtest"
	"github.com/httperr/toolkit/internal/testkit"
	"github.com/httperr/toolkit/ratelimit"
)

// TestTraceIDInProblems runs the example on a loopback server with an in-memory span exporter: each
// problem's traceId is the trace id of the request's span, the caller's when it sent a traceparent.
func TestTraceIDInProblems(t *testing.T) {
	spans := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(spans))
	defer tp.Shutdown(t.Context())
	rd := testkit.Quiet()
	rd.Enrich = enrichTraceID
	srv := httptest.NewServer(newServer(tp, rd))
	defer srv.Close()

	tests := []struct {
		name        string
		path        string
		traceparent string
		want        httperrtest.Problem
	}{
		{"404, continued trace", "/users/42", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
			httperrtest.Problem{Status: 404, Detail: "user not found", Members: map[string]any{"traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}}},
		{"404, new trace", "/users/42", "", httperrtest.Problem{Status: 404, Detail: "user not found"}},
		{"429 quota exceeded", "/search", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			httperrtest.Problem{Status: 429, Type: ratelimit.QuotaExceeded().URI(),
				Members: map[string]any{"traceId": "0af7651916cd43dd8448eb211c80319c", "violated-policies": []string{"daily"}},
				Header:  http.Header{"Retry-After": {"30"}, "RateLimit-Policy": {`"daily";q=1000;w=86400`}, "RateLimit": {`"daily";r=0;t=30`}}}},
		{"router's 404", "/nowhere", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
			httperrtest.Problem{Status: 404, Members: map[string]any{"traceId": "0af7651916cd43dd8448eb211c80319c"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			spans.Reset()
			req, _ := http.NewRequestWithContext(t.Context(), "GET", srv.URL+tt.path, nil)
			if tt.traceparent != "" {
				req.Header.Set("traceparent", tt.traceparent)
			}
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			if !httperrtest.AssertResponse(t, res, tt.want) {
				return
			}
			var doc struct {
				TraceID string `json:"traceId"`
			}
			body, _ := io.ReadAll(res.Body)
			if err := json.Unmarshal(body, &doc); err != nil {
				t.Fatal(err)
			}
			ended := spans.GetSpans()
			for i := 0; len(ended) == 0 && i < 200; i++ { // the span ends after the response is written
				time.Sleep(10 * time.Millisecond)
				ended = spans.GetSpans()
			}
			if len(ended) != 1 {
				t.Fatalf("%d spans ended, want 1", len(ended))
			}
			if got := ended[0].SpanContext.TraceID().String(); doc.TraceID != got {
				t.Fatalf("traceId %q, the span's trace id %q", doc.TraceID, got)
			}
		})
	}
}
