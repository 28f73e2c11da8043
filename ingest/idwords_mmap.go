//go:build unix

package ingest

import (
	"syscall"
	"unsafe"
)

// mmapFrom is the size from which the id words are mapped from the
// system rather than taken from the Go heap.
const mmapFrom = 1 << 20

// allocWords returns n zeroed words and what gives them back. A large
// arena is mapped outside the Go heap: it holds no pointers, the
// collector need not pace itself by it, only the pages written count
// (its size is a guess), and unmapping gives the memory back at once,
// before the workbooks are written. (Huge pages were tried: where memory
// is fragmented, their faults wait for the kernel to compact it, and cost
// far more than the many small faults they save.)
func allocWords(n int) ([]uint64, func()) {
	if n*8 < mmapFrom {
		return make([]uint64, n), nil
	}
	b, err := syscall.Mmap(-1, 0, n*8, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		return make([]uint64, n), nil
	}
	syscall.Madvise(b, 14 /* MADV_HUGEPAGE */)
	return unsafe.Slice((*uint64)(unsafe.Pointer(&b[0])), n), func() { syscall.Munmap(b) }
}
