package ingest

import (
	"math/rand/v2"
	"testing"
)

// The set answers as a map of the same ids would, for single ids and
// ranges, across blocks and as blocks turn from arrays into bitmaps.
func TestNumSetLikeMap(t *testing.T) {
	// The ids just outside a range, in an array block and in a bitmap.
	var edge numSet
	edge.add(10)
	edge.add(4)
	edge.addRange(1<<16+100, bitmapFrom) // a bitmap
	for _, c := range []struct {
		lo   uint64
		n    int
		want bool
	}{{5, 5, false}, {5, 6, true}, {3, 1, false}, {4, 1, true}, {1<<16 + 90, 10, false}, {1<<16 + 90, 11, true},
		{1<<16 + 100 + bitmapFrom, 50, false}, {1<<16 + 99 + bitmapFrom, 1, true}} {
		if got := edge.anyIn(c.lo, c.n); got != c.want {
			t.Errorf("anyIn(%d, %d) = %v, want %v", c.lo, c.n, got, c.want)
		}
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for round := range 40 {
		var s numSet
		m := map[uint64]bool{}
		base := uint64(rng.IntN(3)) << 16 // ranges across block edges too
		for range 400 {
			lo := base + uint64(rng.IntN(3<<16))
			n := 1 + rng.IntN([]int{3, 300, 9000}[rng.IntN(3)])
			any := false
			for k := range n {
				any = any || m[lo+uint64(k)]
			}
			if got := s.anyIn(lo, n); got != any {
				t.Fatalf("round %d: anyIn(%d, %d) = %v, want %v", round, lo, n, got, any)
			}
			switch {
			case !any && rng.IntN(2) == 0:
				s.addRange(lo, n)
				for k := range n {
					m[lo+uint64(k)] = true
				}
			default:
				x := lo + uint64(rng.IntN(n))
				if got := s.add(x); got != m[x] {
					t.Fatalf("round %d: add(%d) = %v, want %v", round, x, got, m[x])
				}
				m[x] = true
			}
		}
		for range 2000 {
			x := base + uint64(rng.IntN(3<<16))
			if s.has(x) != m[x] {
				t.Fatalf("round %d: has(%d) = %v, want %v", round, x, s.has(x), m[x])
			}
		}
		if s.n != len(m) {
			t.Fatalf("round %d: %d ids, want %d", round, s.n, len(m))
		}
	}
}
