package scoring

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"
)

// sortedIndices and permute must give the order slices.SortStableFunc
// gives, ties kept in their original order.
func TestSortedIndicesLikeSlices(t *testing.T) {
	type item struct{ key, orig int }
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 200 {
		s := make([]item, n)
		for i := range s {
			s[i] = item{rng.IntN(1 + n/4), i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, func(a, b item) int { return a.key - b.key })
		ix := slices.Clone(s)
		permute(ix, sortedIndices(len(ix), func(i, j int32) int { return ix[i].key - ix[j].key }))
		if !slices.Equal(ix, want) {
			t.Fatalf("by indices, n=%d: %v, want %v", n, ix, want)
		}
	}
}

// groupedOrder gives the order of a stable sort by group, then compare.
func TestGroupedOrderLikeSlices(t *testing.T) {
	type item struct{ group, key, orig int }
	rng := rand.New(rand.NewPCG(7, 8))
	for n := range 200 {
		groups := 1 + n/5
		s := make([]item, n)
		for i := range s {
			s[i] = item{rng.IntN(groups), rng.IntN(3), i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, func(a, b item) int { return cmp.Or(a.group-b.group, a.key-b.key) })
		idx := groupedOrder(n, groups, func(i int32) int32 { return int32(s[i].group) }, func(i, j int32) int { return s[i].key - s[j].key })
		got := make([]item, n)
		for k, i := range idx {
			got[k] = s[i]
		}
		if !slices.Equal(got, want) {
			t.Fatalf("n=%d: %v, want %v", n, got, want)
		}
	}
}
