package cmd

import (
	"runtime"
	"sync/atomic"
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

// The watch follows the live heap after each collection, up as it grows,
// and stops setting anything once stopped. What it sets is recorded, not
// applied: the process's limit is shared with the package's other tests.
func TestHeapWatchAdapts(t *testing.T) {
	var limit atomic.Int64
	var sets atomic.Int64
	w := &heapWatch{base: 1 << 20, set: func(l int64) { limit.Store(l); sets.Add(1) }}
	defer w.stop()

	runtime.GC()
	small := liveHeap()
	w.adapt()
	// A collection may come between the two readings; 8 MiB is room
	// for what this test allocates in the meantime.
	if got, want := limit.Load(), heapLimit(w.base, small); got < want-8<<20 || got > want+8<<20 {
		t.Fatalf("limit %d MiB with %d MiB live, want %d MiB", got>>20, small>>20, want>>20)
	}

	live := make([]byte, 64<<20)
	for i := range live {
		live[i] = 1
	}
	// The cleanup that adapts the limit runs after a collection, on a
	// goroutine of its own: wait for it (a few collections at most).
	want := heapLimit(w.base, small+64<<20) - 8<<20
	for range 100 {
		runtime.GC()
		if limit.Load() >= want {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	runtime.KeepAlive(live)
	if got := limit.Load(); got < want {
		t.Fatalf("limit %d MiB with %d MiB more live, want at least %d MiB", got>>20, len(live)>>20, want>>20)
	}

	w.stop()
	n := sets.Load()
	for range 3 {
		runtime.GC()
		time.Sleep(20 * time.Millisecond)
	}
	if got := sets.Load(); got != n {
		t.Errorf("%d limits set after the watch stopped", got-n)
	}
}
