//go:build unix

package toolkit_test

import "syscall"

// processCPU returns the CPU time the process has used, user and system, in nanoseconds (-bench.cpu).
func processCPU() int64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return ru.Utime.Nano() + ru.Stime.Nano()
}
