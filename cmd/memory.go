package cmd

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// evaluateGCPercent lets the heap grow to five times what is live before
// a collection. Little is live while the surveys are read (30 MiB of
// tallies; the response ids are kept outside the Go heap), but scoring
// and the workbooks allocate about 500 MB a run: at the default 100 the
// collector would run every few megabytes.
const evaluateGCPercent = 400

// evaluateMemoryLimit bounds the heap that GOGC 400 would let grow to five
// times the live heap: a national evaluation keeps 60-100 MiB live.
const evaluateMemoryLimit = 150 << 20

// heapMargin is room above twice the live heap for what the runtime keeps
// outside it (stacks, its own structures).
const heapMargin = 16 << 20

// heapLimit is the soft memory limit for a live heap of live bytes:
// evaluateMemoryLimit, or, for a run that keeps more live (a file of
// millions of rows in error, say), room for that heap to double before
// the next collection. A fixed limit below what is live would have the
// collector run without pause; with this one it never runs more often
// than with no setting at all (GOGC 100: at twice the live heap).
func heapLimit(base int64, live uint64) int64 {
	return max(base, 2*int64(live)+heapMargin)
}

// limitMemory paces the collector unless GOGC is set, and keeps the soft
// memory limit at heapLimit of the live heap, as measured after each
// collection, unless GOMEMLIMIT is set.
func limitMemory() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(evaluateGCPercent)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		startWatch.Do(func() {
			(&heapWatch{base: evaluateMemoryLimit, set: setMemoryLimit}).adapt()
		})
	}
}

var startWatch sync.Once

func setMemoryLimit(limit int64) { debug.SetMemoryLimit(limit) }

// heapWatch keeps the soft memory limit at heapLimit(base, live heap),
// through set: debug.SetMemoryLimit in a run, a recorder in the tests
// (the process's own limit is shared by every test of the package, and
// an evaluation run in-process starts a watch of its own on it).
type heapWatch struct {
	base    int64
	set     func(limit int64)
	mu      sync.Mutex // held while setting, so that nothing is set once stopped
	stopped bool
}

// stop ends the watch: once it returns, nothing more is set.
func (w *heapWatch) stop() {
	w.mu.Lock()
	w.stopped = true
	w.mu.Unlock()
}

// adapt sets the limit for the heap live now, and again after every
// collection until stopped.
func (w *heapWatch) adapt() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return
	}
	w.set(heapLimit(w.base, liveHeap()))
	// The cleanup of an object nothing holds runs after the next
	// collection.
	runtime.AddCleanup(new(gcSentinel), (*heapWatch).adapt, w)
}

// gcSentinel is allocated on its own, not by the tiny allocator (objects
// under 16 bytes without pointers), which would tie its cleanup to its
// neighbours'.
type gcSentinel struct{ _ [32]byte }

// liveHeap is the heap found live by the last collection.
func liveHeap() uint64 {
	sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(sample)
	return sample[0].Value.Uint64()
}
