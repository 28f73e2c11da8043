package ingest

import "slices"

// numSet is a set of numeric ids, kept in blocks of 65536 consecutive
// ids: a sorted array of the low 16 bits while a block holds few ids, a
// bitmap of 8 KiB once it holds many. Exports number their responses
// mostly in sequence, so ten million ids take about 1.2 MiB where a map
// would take hundreds.
type numSet struct {
	blocks map[uint64]*numBlock
	lastHi uint64
	last   *numBlock
	n      int
}

type numBlock struct {
	small []uint16      // sorted, while bits is nil
	bits  *[1024]uint64 // once the block holds bitmapFrom ids
}

// bitmapFrom is the size at which an array block (2 bytes an id) turns
// into a bitmap (8 KiB).
const bitmapFrom = 4096

func (s *numSet) block(hi uint64, create bool) *numBlock {
	if s.last != nil && s.lastHi == hi {
		return s.last
	}
	b := s.blocks[hi]
	if b == nil {
		if !create {
			return nil
		}
		if s.blocks == nil {
			s.blocks = map[uint64]*numBlock{}
		}
		b = &numBlock{}
		s.blocks[hi] = b
	}
	s.lastHi, s.last = hi, b
	return b
}

func (s *numSet) has(x uint64) bool {
	b := s.block(x>>16, false)
	if b == nil {
		return false
	}
	lo := uint16(x)
	if b.bits != nil {
		return b.bits[lo>>6]&(1<<(lo&63)) != 0
	}
	i, ok := search16(b.small, lo)
	_ = i
	return ok
}

// add puts x in the set and reports whether it was already there.
func (s *numSet) add(x uint64) bool {
	b := s.block(x>>16, true)
	lo := uint16(x)
	if b.bits != nil {
		w, m := &b.bits[lo>>6], uint64(1)<<(lo&63)
		if *w&m != 0 {
			return true
		}
		*w |= m
		s.n++
		return false
	}
	i, ok := search16(b.small, lo)
	if ok {
		return true
	}
	s.n++
	if len(b.small) < bitmapFrom {
		b.small = append(b.small, 0)
		copy(b.small[i+1:], b.small[i:])
		b.small[i] = lo
		return false
	}
	b.bits = new([1024]uint64)
	for _, v := range b.small {
		b.bits[v>>6] |= 1 << (v & 63)
	}
	b.bits[lo>>6] |= 1 << (lo & 63)
	b.small = nil
	return false
}

// search16 finds v in the sorted a, or where it would go.
func search16(a []uint16, v uint16) (int, bool) {
	// Ids mostly come in order: try the end first.
	if n := len(a); n == 0 || a[n-1] < v {
		return n, false
	}
	lo, hi := 0, len(a)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if a[m] < v {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(a) && a[lo] == v
}

// anyIn reports whether any of lo, lo+1, …, lo+n-1 is in the set.
func (s *numSet) anyIn(lo uint64, n int) bool {
	for n > 0 {
		// The part of the range within lo's block.
		k := min(n, 1<<16-int(uint16(lo)))
		if b := s.block(lo>>16, false); b != nil && b.anyIn(uint16(lo), k) {
			return true
		}
		lo += uint64(k)
		n -= k
	}
	return false
}

// addRange puts lo, lo+1, …, lo+n-1 in the set; none of them may be in it
// (anyIn).
func (s *numSet) addRange(lo uint64, n int) {
	for n > 0 {
		k := min(n, 1<<16-int(uint16(lo)))
		s.block(lo>>16, true).addRange(uint16(lo), k)
		s.n += k
		lo += uint64(k)
		n -= k
	}
}

// anyIn reports whether any of k values from lo is in the block.
func (b *numBlock) anyIn(lo uint16, k int) bool {
	hi := int(lo) + k // exclusive
	if b.bits == nil {
		i, found := search16(b.small, lo)
		return found || i < len(b.small) && int(b.small[i]) < hi
	}
	for v := int(lo); v < hi; {
		w := b.bits[v>>6] >> (v & 63)
		if bits := min(64-v&63, hi-v); w&(1<<bits-1) != 0 {
			return true
		} else {
			v += bits
		}
	}
	return false
}

// addRange puts k values from lo, none of them in the block, in it.
func (b *numBlock) addRange(lo uint16, k int) {
	if b.bits == nil && len(b.small)+k < bitmapFrom {
		i, _ := search16(b.small, lo)
		b.small = slices.Insert(b.small, i, make([]uint16, k)...)
		for j := range k {
			b.small[i+j] = lo + uint16(j)
		}
		return
	}
	if b.bits == nil {
		b.bits = new([1024]uint64)
		for _, v := range b.small {
			b.bits[v>>6] |= 1 << (v & 63)
		}
		b.small = nil
	}
	hi := int(lo) + k
	for v := int(lo); v < hi; {
		bits := min(64-v&63, hi-v)
		b.bits[v>>6] |= (1<<bits - 1) << (v & 63)
		v += bits
	}
}
