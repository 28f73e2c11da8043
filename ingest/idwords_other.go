//go:build !unix

package ingest

// allocWords returns n zeroed words from the Go heap; the collector frees
// them once the set is dropped.
func allocWords(n int) ([]uint64, func()) { return make([]uint64, n), nil }
