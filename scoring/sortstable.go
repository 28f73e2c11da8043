package scoring

import (
	"cmp"
	"slices"
)

// sortStableBy sorts s as slices.SortStableFunc would with a comparison of
// key(a) and key(b), but moves each element once: the keys are taken into
// a compact slice, which is sorted (ties by index, so the order is the
// same), and s is permuted. For large elements, such as the 100,000
// rulings of a national evaluation, this is several times faster than
// the merge moves of an in-place stable sort.
func sortStableBy[T, K any](s []T, key func(*T) K, compare func(a, b *K) int) {
	type item struct {
		k K
		i int32
	}
	items := make([]item, len(s))
	for i := range s {
		items[i] = item{key(&s[i]), int32(i)}
	}
	slices.SortFunc(items, func(a, b item) int {
		return cmp.Or(compare(&a.k, &b.k), cmp.Compare(a.i, b.i))
	})
	sorted := make([]T, len(s))
	for k, it := range items {
		sorted[k] = s[it.i]
	}
	copy(s, sorted)
}
