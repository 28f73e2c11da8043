package scoring

import (
	"cmp"
	"slices"
)

// sortStableIndices sorts s stably by compare, as slices.SortStableFunc
// does, moving each element once: for slices of large structs (an
// office's result), sorting their indices is much cheaper than the
// stable sort's many moves.
func sortStableIndices[T any](s []T, compare func(a, b *T) int) {
	idx := sortedIndices(len(s), func(i, j int32) int { return compare(&s[i], &s[j]) })
	sorted := make([]T, len(s))
	for k, i := range idx {
		sorted[k] = s[i]
	}
	copy(s, sorted)
}

// sortedIndices is 0…n-1 sorted by compare, ties kept in order.
func sortedIndices(n int, compare func(i, j int32) int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, func(i, j int32) int {
		if c := compare(i, j); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	})
	return idx
}
