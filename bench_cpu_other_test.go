//go:build !unix

package toolkit_test

// processCPU reports no CPU time where getrusage is missing: -bench.cpu then reports 0.
func processCPU() int64 { return 0 }
