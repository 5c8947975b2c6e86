package httperrhttp_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	httperrhttp "github.com/httperr/toolkit/adapters/nethttp"
	"github.com/httperr/toolkit/internal/testkit"
)

// TestOtelhttp: otelhttp records the status of the response its own writer sees. Outside the Middleware,
// that is the problem's: a panic's 500, a middleware's text 429, a HandlerFunc's held http.NotFound. Inside,
// a panic goes through otelhttp before the Middleware recovers it, and its span gets no status code: the
// README's advice is to put otelhttp outside.
func TestOtelhttp(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /panic", func(http.ResponseWriter, *http.Request) { panic("boom") })
	mux.HandleFunc("GET /limited", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "slow down", http.StatusTooManyRequests)
	})
	mux.Handle("GET /held", httperrhttp.HandlerFunc(func(w http.ResponseWriter, r *http.Request) error {
		http.NotFound(w, r)
		return nil
	}))
	rd := testkit.Quiet()
	for _, tt := range []struct {
		name, path string
		stack      string // where otelhttp is: "outside" the Middleware, "inside" it, or "alone" without one
		status     int    // the status the client gets
		recorded   int64  // the span's http.response.status_code, 0 for none
		code       codes.Code
	}{
		{"outside: a panic's 500", "/panic", "outside", 500, 500, codes.Error},
		{"outside: a text 429", "/limited", "outside", 429, 429, codes.Unset},
		{"outside: a HandlerFunc's http.NotFound", "/held", "outside", 404, 404, codes.Unset},
		{"inside: a panic's span has no status code", "/panic", "inside", 500, 0, codes.Unset},
		{"no Middleware: a HandlerFunc's http.NotFound", "/held", "alone", 404, 404, codes.Unset},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sr := tracetest.NewSpanRecorder()
			tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(sr))
			defer tp.Shutdown(t.Context())
			h := otelhttp.NewHandler(httperrhttp.Middleware(rd)(mux), "api", otelhttp.WithTracerProvider(tp))
			switch tt.stack {
			case "inside":
				h = httperrhttp.Middleware(rd)(otelhttp.NewHandler(mux, "api", otelhttp.WithTracerProvider(tp)))
			case "alone": // the HandlerFunc's own writer finishes the answer it held
				h = otelhttp.NewHandler(mux, "api", otelhttp.WithTracerProvider(tp))
			}
			srv := httptest.NewServer(h)
			defer srv.Close()
			res, err := srv.Client().Get(srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.status || res.Header.Get("Content-Type") != "application/problem+json" {
				t.Errorf("client got %d %q, want %d application/problem+json", res.StatusCode, res.Header.Get("Content-Type"), tt.status)
			}
			var spans []sdktrace.ReadOnlySpan
			for deadline := time.Now().Add(5 * time.Second); len(spans) == 0 && time.Now().Before(deadline); {
				if spans = sr.Ended(); len(spans) == 0 {
					time.Sleep(time.Millisecond)
				}
			}
			if len(spans) != 1 {
				t.Fatalf("%d spans ended, want 1", len(spans))
			}
			var recorded int64
			for _, kv := range spans[0].Attributes() {
				if kv.Key == "http.response.status_code" {
					recorded = kv.Value.AsInt64()
				}
			}
			if recorded != tt.recorded || spans[0].Status().Code != tt.code {
				t.Errorf("span: http.response.status_code %d, status %v; want %d, %v", recorded, spans[0].Status().Code, tt.recorded, tt.code)
			}
		})
	}
}
