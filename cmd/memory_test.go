package cmd

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestHeapLimit(t *testing.T) {
	for _, tc := range []struct {
		live uint64
		want int64
	}{
		{0, evaluateMemoryLimit},
		{60 << 20, evaluateMemoryLimit},
		{(evaluateMemoryLimit - heapMargin) / 2, evaluateMemoryLimit},
		{400 << 20, 800<<20 + heapMargin},
		{4 << 30, 8<<30 + heapMargin},
	} {
		if got := heapLimit(evaluateMemoryLimit, tc.live); got != tc.want {
			t.Errorf("live %d MiB: limit %d MiB, want %d MiB", tc.live>>20, got>>20, tc.want>>20)
		}
	}
}

// Once the live heap outgrows the limit, the next collection raises it to
// twice the live heap: the collector is not left to run without pause.
func TestHeapWatchAdapts(t *testing.T) {
	prev := debug.SetMemoryLimit(-1)
	w := &heapWatch{base: 1 << 20}
	defer func() {
		w.stop.Store(true)
		debug.SetMemoryLimit(prev)
	}()
	w.adapt()
	if got := debug.SetMemoryLimit(-1); got > 64<<20 {
		t.Fatalf("limit %d MiB with a small heap, want the small heap's", got>>20)
	}
	live := make([]byte, 48<<20)
	for i := range live {
		live[i] = 1
	}
	// The cleanup that adapts the limit runs after a collection, on a
	// goroutine of its own: wait for it (a few collections at most).
	limit := int64(0)
	for range 100 {
		runtime.GC()
		if limit = debug.SetMemoryLimit(-1); limit >= 96<<20 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	if limit < 96<<20 {
		t.Fatalf("limit %d MiB with 48 MiB live, want at least twice that", limit>>20)
	}
}
