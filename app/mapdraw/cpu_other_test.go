//go:build !unix

package mapdraw

import "time"

// cpuTime is not measured on this system; benchmarks then report 0.
func cpuTime() time.Duration { return 0 }
