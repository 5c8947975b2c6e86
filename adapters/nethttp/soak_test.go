//go:build !race

// Built without the race detector only: the race detector slows this soak tenfold, and
// TestLateWritesStayInTheirRequest runs the same requests, fewer of them, under -race.

package httperrhttp_test

import "testing"

// TestLateWritesSoak is TestLateWritesStayInTheirRequest with ten times the requests: 2 x 20,000, a fifth of
// them with a handler's goroutine writing late (160,000 late-write rounds). Skipped under -short.
func TestLateWritesSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("a soak")
	}
	lateWritesBoth(t, 20000)
}
