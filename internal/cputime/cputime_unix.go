//go:build unix

// Package cputime gives the process's CPU time, for benchmarks: on a
// machine shared with other work, CPU time per operation says more than
// wall time.
package cputime

import (
	"syscall"
	"time"
)

// Process is the process's user and system CPU time so far, all threads.
func Process() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
