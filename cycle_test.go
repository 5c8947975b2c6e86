// An error whose Unwrap chain cycles, through every stack of the conformance suite (ServeMux, chi,
// gorilla/mux, echo v4, gin, echo v5, fiber). The other checks run through every stack are panics_test.go
// (panics and panicking hooks), load_test.go (a bounded load burst) and secrets_test.go (secrets), on the
// loopback servers of loopback_test.go.
package toolkit_test

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/httperr/toolkit/internal/testkit"
)

// TestUnwrapCycleThroughAdapters checks that an error whose Unwrap chain cycles back on itself is answered,
// as a 500, by every adapter, returned or panicked, before and after the response started, instead of
// hanging the handler.
func TestUnwrapCycleThroughAdapters(t *testing.T) {
	for _, fw := range frameworks {
		for _, mode := range []string{"returned", "returned late", "panicked"} {
			late := mode == "returned late"
			t.Run(fw.name+"/"+mode, func(t *testing.T) {
				var logs testkit.LogBuffer
				rd := testkit.LogJSON(&logs)
				h := fw.serve(rd, route{Method: "GET", Pattern: "/loop", Handler: func(w http.ResponseWriter, _ *http.Request) error {
					if late {
						w.WriteHeader(http.StatusOK)
						io.WriteString(w, "partial answer")
					}
					if mode == "panicked" {
						panic(fmt.Errorf("outer: %w", &testkit.LoopError{}))
					}
					return fmt.Errorf("outer: %w", &testkit.LoopError{})
				}})
				done := make(chan answer, 1)
				go func() { done <- serve(h, "GET", "/loop", "", nil) }()
				select {
				case got := <-done:
					if !late && (got.status != 500 || got.body != body500) {
						t.Errorf("got %d %s", got.status, got.body)
					}
					if late && (got.status != 200 || got.body != "partial answer") {
						t.Errorf("got %d %s", got.status, got.body)
					}
					if !strings.Contains(logs.String(), `"level":"ERROR"`) || !strings.Contains(logs.String(), "outer: loop") {
						t.Errorf("log:\n%s", logs.String())
					}
				case <-time.After(10 * time.Second):
					t.Fatal("the adapter did not return: an Unwrap cycle is followed without end")
				}
			})
		}
	}
}
