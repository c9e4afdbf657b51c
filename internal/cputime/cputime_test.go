package cputime

import (
	"runtime"
	"testing"
)

// Work makes the process's CPU time grow.
func TestProcessGrows(t *testing.T) {
	if runtime.GOOS == "windows" || runtime.GOOS == "plan9" {
		t.Skip("not measured here")
	}
	before := Process()
	x := 0
	for i := 0; i < 200_000_000; i++ {
		x ^= i
	}
	after := Process()
	if after <= before || before <= 0 {
		t.Errorf("CPU time %v then %v (%d)", before, after, x)
	}
}
