package ratelimit_test

import (
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/httperr/toolkit/httperr"
	"github.com/httperr/toolkit/ratelimit"
)

// Example answers a request over its quota with the RateLimit draft's fields and problem type.
func Example() {
	policy, err := ratelimit.FormatPolicy(ratelimit.Policy{Name: "daily", Quota: 1000, Window: 24 * time.Hour})
	if err != nil {
		panic(err) // a Name that is not printable ASCII, a negative Quota, ...
	}
	limit, err := ratelimit.Format(ratelimit.Limit{Policy: "daily", Remaining: 0, Reset: 30 * time.Second})
	if err != nil {
		panic(err)
	}
	e := ratelimit.QuotaExceeded().New("").
		WithRetryAfter(30*time.Second).
		WithHeader("RateLimit-Policy", policy).
		WithHeader("RateLimit", limit).
		With(ratelimit.ViolatedPolicies, []string{"daily"})
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
	// {"type":"https://iana.org/assignments/http-problem-types#quota-exceeded","title":"Request cannot be satisfied as assigned quota has been exceeded","status":429,"detail":"The client exceeded a quota that the server assigned to it; the RateLimit and RateLimit-Policy fields say which, and when it resets.","violated-policies":["daily"]}
}
