package scoring

import (
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
