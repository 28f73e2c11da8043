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

// evaluateGCPercent lets the heap grow to five times what is live before
// a collection. Little is live while the surveys are read (30 MiB of
// tallies), but scoring and the workbooks allocate about 500 MB a run: at
// the default 100 the collector would run every few megabytes and take a
// tenth of the CPU. The memory limit above still bounds the heap.
const evaluateGCPercent = 400

// limitMemory sets the soft memory limit unless GOMEMLIMIT is set, and the
// collector's pace unless GOGC is set.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(evaluateMemoryLimit)
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(evaluateGCPercent)
	}
}
