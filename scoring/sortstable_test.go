package scoring

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// sortStableBy must give the order slices.SortStableFunc gives, ties kept in
// their original order.
func TestSortStableByLikeSlices(t *testing.T) {
	type item struct{ key, orig int }
	rng := rand.New(rand.NewPCG(3, 4))
	for n := range 200 {
		s := make([]item, n)
		for i := range s {
			s[i] = item{rng.IntN(1 + n/4), i}
		}
		want := slices.Clone(s)
		slices.SortStableFunc(want, func(a, b item) int { return a.key - b.key })
		by := slices.Clone(s)
		sortStableBy(by, func(x *item) int { return x.key }, func(a, b *int) int { return *a - *b })
		if !slices.Equal(by, want) {
			t.Fatalf("by key, n=%d: %v, want %v", n, by, want)
		}
		ix := slices.Clone(s)
		sortStableIndices(ix, func(a, b *item) int { return a.key - b.key })
		if !slices.Equal(ix, want) {
			t.Fatalf("by indices, n=%d: %v, want %v", n, ix, want)
		}
	}
}
