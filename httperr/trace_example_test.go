package httperr_test

import (
	"fmt"
	"log/slog"
	"net/http/httptest"

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
