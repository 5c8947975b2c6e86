//go:build !race

// The allocation pins build without the race detector only: under -race, sync.Pool drops items at random,
// so allocation counts are not stable. .ci/run runs them first, with go test -count=1 -run Allocs ./...

package toolkit_test

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

// TestAdapterAllocs pins the allocations of each adapter's error and success paths, beside the framework's
// native path (the benchmarks' handlers, bench_test.go), so that a regression fails .ci/run's
// `go test -run Allocs` (built without -race only, see above).
//
// The pins, per request: NotFound allocates the *Error (1; its detail is the resource name and a constant
// ending), the core nothing more; each With one more (the copy and its member together), Validation two (the
// Error and the copy of the violations); the wrapped 500's handler allocates two in fmt.Errorf, and the core
// one, the *Error that wraps it. ServeMux allocates its path match (1), httperrhttp.Middleware its writer (1, per request, so that a late
// write cannot reach another request) and, with a Renderer, the request copy that carries the Renderer in
// its context (1, so that handlers behind http.TimeoutHandler render with it); gin's c.Errors takes one *gin.Error
// per error; echo applies its middleware on every request, so Install's recovering middleware costs one
// closure even on success, as any echo v4 middleware (echo's own middleware.Recover too) does.
func TestAdapterAllocs(t *testing.T) {
	pins := []struct {
		path   string
		p      path
		fw     string
		pinned float64 // allocations through the adapter, at most
		extra  float64 // allocations beyond the native path's, at most (negative: fewer required)
	}{
		{"NotFound", notFoundPath, "nethttp", 4, 0},
		{"NotFound", notFoundPath, "echo", 2, -8},
		{"NotFound", notFoundPath, "gin", 2, -5},
		{"Conflict", conflictPath, "nethttp", 5, 1},
		{"Conflict", conflictPath, "echo", 3, -10},
		{"Conflict", conflictPath, "gin", 3, -8},
		{"Validation", validationPath, "nethttp", 5, 1},
		{"Validation", validationPath, "echo", 3, -31},
		{"Validation", validationPath, "gin", 3, -29},
		{"Internal", internalPath, "nethttp", 6, 0},
		{"Internal", internalPath, "echo", 4, -7},
		{"Internal", internalPath, "gin", 4, -8},
		{"NoContent", noContentPath, "nethttp", 3, 2},
		{"NoContent", noContentPath, "echo", 1, 1},
		{"NoContent", noContentPath, "gin", 0, 0},
	}
	for _, pin := range pins {
		t.Run(pin.path+"/"+pin.fw, func(t *testing.T) {
			var native, ours float64
			for _, c := range pin.p.handlers(quietRenderer()) {
				if c.fw != pin.fw {
					continue
				}
				w := &discardWriter{h: http.Header{}}
				r := httptest.NewRequest(http.MethodGet, benchTarget, nil)
				c.h.ServeHTTP(w, r)
				if w.status != pin.p.status {
					t.Fatalf("%s: status %d, want %d", c.impl, w.status, pin.p.status)
				}
				n := testing.AllocsPerRun(200, func() {
					clear(w.h)
					c.h.ServeHTTP(w, r)
				})
				if c.impl == "native" {
					native = n
				} else {
					ours = n
				}
			}
			if ours > pin.pinned {
				t.Errorf("adapter path allocates %v times per request, pinned at %v", ours, pin.pinned)
			}
			if ours > native+pin.extra {
				t.Errorf("adapter path allocates %v times per request, native path %v: at most %+v allowed", ours, native, pin.extra)
			}
		})
	}
}
