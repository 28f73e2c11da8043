package scoring

import (
	"cmp"
	"slices"
)

// sortStable sorts s as slices.SortStableFunc does, but moves each
// element once: it sorts indices (ties broken by index, so the order is
// the same) and then permutes. For large elements, such as the 100,000
// rulings of a national evaluation, this is several times faster than
// the merge moves of an in-place stable sort.
func sortStable[T any](s []T, compare func(a, b *T) int) {
	idx := make([]int32, len(s))
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		return cmp.Or(compare(&s[i], &s[j]), cmp.Compare(i, j))
	})
	sorted := make([]T, len(s))
	for k, i := range idx {
		sorted[k] = s[i]
	}
	copy(s, sorted)
}
