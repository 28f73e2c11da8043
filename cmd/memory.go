package cmd

import (
	"os"
	"runtime/debug"
)

// evaluateMemoryLimit is the heap size past which the runtime collects
// garbage harder. A national evaluation keeps about 100 MiB live (survey
// chunks in flight, then the workbooks being written); without a limit the
// collector lets the heap grow to twice that between collections.
const evaluateMemoryLimit = 150 << 20

// limitMemory sets the soft memory limit unless GOMEMLIMIT is set.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(evaluateMemoryLimit)
	}
}
