package httperr_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"
	"time"

	"github.com/httperr/toolkit/httperr"
)

// ExampleEnrichTraceID puts the trace id of the request's traceparent field in every problem.
func ExampleEnrichTraceID() {
	rd := &httperr.Renderer{Enrich: httperr.EnrichTraceID, Logger: slog.New(slog.DiscardHandler)}

	r := httptest.NewRequest("GET", "/users/7", nil)
	r.Header.Set("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
	rec := httptest.NewRecorder()
	rd.Render(rec, r, httperr.NotFound("user"))
	fmt.Print(rec.Body.String())
	// Output:
	// {"type":"about:blank","title":"Not Found","status":404,"detail":"user not found","traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}
}

// ExampleError_WithRateLimit answers a request over its quota with the RateLimit draft's fields and problem
// type.
func ExampleError_WithRateLimit() {
	e := httperr.TooManyRequests(30 * time.Second).
		WithType("https://iana.org/assignments/http-problem-types#quota-exceeded").
		WithRateLimitPolicy(httperr.QuotaPolicy{Name: "daily", Quota: 1000, Window: 24 * time.Hour}).
		WithRateLimit(httperr.ServiceLimit{Policy: "daily", Remaining: 0, Reset: 30 * time.Second}).
		WithViolatedPolicies("daily")
	rec := httptest.NewRecorder()
	httperr.Render(rec, httptest.NewRequest("GET", "/", nil), e)
	fmt.Println(rec.Code, rec.Header().Get("Retry-After"))
	fmt.Println("RateLimit-Policy:", rec.Header().Get("RateLimit-Policy"))
	fmt.Println("RateLimit:", rec.Header().Get("RateLimit"))
	fmt.Print(rec.Body.String())
	// Output:
	// 429 30
	// RateLimit-Policy: "daily";q=1000;w=86400
	// RateLimit: "daily";r=0;t=30
	// {"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Too Many Requests","status":429,"detail":"The client has sent too many requests in a given amount of time.","violated-policies":["daily"]}
}
