package scoring

import (
	"cmp"
	"slices"
)

// permute puts s[idx[k]] at k, moving each element once.
func permute[T any](s []T, idx []int32) {
	sorted := make([]T, len(s))
	for k, i := range idx {
		sorted[k] = s[i]
	}
	copy(s, sorted)
}

// sortedIndices is 0…n-1 sorted by compare, ties kept in order. With
// permute it sorts a slice stably, as slices.SortStableFunc does, moving
// each element once: for slices of large structs (an office's result),
// much cheaper than the stable sort's many moves.
func sortedIndices(n int, compare func(i, j int32) int) []int32 {
	idx := make([]int32, n)
	for i := range idx {
		idx[i] = int32(i)
	}
	slices.SortFunc(idx, tiesByIndex(compare))
	return idx
}

// tiesByIndex is compare with ties broken by index: sorting indices with
// it gives a stable sort's order.
func tiesByIndex(compare func(i, j int32) int) func(i, j int32) int {
	return func(i, j int32) int {
		if c := compare(i, j); c != 0 {
			return c
		}
		return cmp.Compare(i, j)
	}
}
