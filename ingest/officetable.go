package ingest

import (
	"encoding/binary"
	"math/bits"
)

// officeTable finds the index of an office code given as bytes, for the
// fast survey reader: open addressing with codes of up to 16 bytes kept
// in the slots themselves, so a lookup reads one slot and compares two
// words. Longer codes go to a map.
type officeTable struct {
	slots []officeSlot
	shift uint
	long  map[string]int32
}

type officeSlot struct {
	w0, w1 uint64
	n      uint32 // code length; 0 = empty
	idx    int32
}

func newOfficeTable(codes []string) *officeTable {
	size := 1 << bits.Len(uint(4*len(codes)+1))
	t := &officeTable{slots: make([]officeSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size))), long: map[string]int32{}}
	for i, c := range codes {
		if len(c) == 0 || len(c) > 16 {
			t.long[c] = int32(i)
			continue
		}
		w0, w1 := codeWords([]byte(c))
		for h := t.hash(w0, w1, len(c)); ; h = (h + 1) & uint64(size-1) {
			if t.slots[h].n == 0 {
				t.slots[h] = officeSlot{w0: w0, w1: w1, n: uint32(len(c)), idx: int32(i)}
				break
			}
		}
	}
	return t
}

func codeWords(b []byte) (uint64, uint64) {
	var k [16]byte
	copy(k[:], b)
	return binary.LittleEndian.Uint64(k[:8]), binary.LittleEndian.Uint64(k[8:])
}

func (t *officeTable) hash(w0, w1 uint64, n int) uint64 {
	h := (w0 ^ bits.RotateLeft64(w1, 29) ^ uint64(n)) * 0x9e3779b97f4a7c15
	return h >> t.shift
}

// find returns the index of the office with code b.
func (t *officeTable) find(b []byte) (int32, bool) {
	if len(b) == 0 || len(b) > 16 {
		i, ok := t.long[string(b)]
		return i, ok
	}
	w0, w1 := codeWords(b)
	mask := uint64(len(t.slots) - 1)
	for h := t.hash(w0, w1, len(b)); ; h = (h + 1) & mask {
		s := &t.slots[h]
		if s.n == 0 {
			return 0, false
		}
		if s.w0 == w0 && s.w1 == w1 && s.n == uint32(len(b)) {
			return s.idx, true
		}
	}
}
