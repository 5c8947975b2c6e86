package httperr_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/httperr/toolkit/httperr"
)

// TestPrepareEnrichSeesRequestHeader: the request Enrich gets under Prepare carries Request.Header, so
// EnrichTraceID works off net/http too.
func TestPrepareEnrichSeesRequestHeader(t *testing.T) {
	rd := &httperr.Renderer{Enrich: httperr.EnrichTraceID}
	res := rd.Prepare(context.Background(), httperr.NotFound("user"), httperr.Request{
		Method: http.MethodGet, Path: "/users/42",
		Header: http.Header{"Traceparent": {"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}},
	})
	if !strings.Contains(string(res.Body), `"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"`) {
		t.Errorf("body %s: no traceId", res.Body)
	}
}
