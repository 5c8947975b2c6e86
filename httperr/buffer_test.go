package httperr

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestLargeBodyNotPooled checks that a 1 MiB problem leaves no trace in the next, small, one: its
// buffer is not reused with stale bytes, and Content-Length follows each body.
func TestLargeBodyNotPooled(t *testing.T) {
	rd := quiet(Renderer{})
	big := rd.Prepare(context.Background(), Conflict(strings.Repeat("x", 1<<20)), Request{Method: http.MethodGet})
	if len(big.Body) <= 1<<20 || big.Header().Get("Content-Length") != fmt.Sprint(len(big.Body)) {
		t.Fatalf("1 MiB problem: %d bytes, Content-Length %s", len(big.Body), big.Header().Get("Content-Length"))
	}
	small := rd.Prepare(context.Background(), NotFound("user"), Request{Method: http.MethodGet})
	const want = `{"type":"about:blank","title":"Not Found","status":404,"detail":"user not found"}` + "\n"
	if string(small.Body) != want || small.Header().Get("Content-Length") != fmt.Sprint(len(want)) {
		t.Errorf("next problem %q, Content-Length %s", small.Body, small.Header().Get("Content-Length"))
	}
}
