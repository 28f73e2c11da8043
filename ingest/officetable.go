package ingest

import (
	"encoding/binary"
	"math/bits"

	"github.com/iranict/rank/scoring"
)

// officeTable finds the index of an office code given as bytes, for the
// fast survey reader: open addressing with codes of up to 12 bytes kept
// in 16-byte slots themselves, so a lookup reads one slot and compares two
// words. The table is at most a quarter full (2 MiB for 25,000 offices):
// a lookup seldom reads a second slot, which on the national folder pays
// more than a table half the size that fits the cache better. Longer
// codes go to a map.
type officeTable struct {
	slots []officeSlot
	shift uint
	long  map[string]int32
}

type officeSlot struct {
	w0   uint64
	w1   uint32
	meta uint32 // index<<4 | code length; 0 = empty
}

const maxInlineCode = 12

func newOfficeTable(codes []string) *officeTable {
	size := 1 << bits.Len(uint(4*len(codes)+1))
	t := &officeTable{slots: make([]officeSlot, size), shift: uint(64 - bits.TrailingZeros(uint(size))), long: map[string]int32{}}
	for i, c := range codes {
		if len(c) == 0 || len(c) > maxInlineCode || i >= 1<<27 {
			t.long[c] = int32(i)
			continue
		}
		w0, w1 := codeWords([]byte(c))
		for h := t.hash(w0, w1, len(c)); ; h = (h + 1) & uint64(size-1) {
			if t.slots[h].meta == 0 {
				t.slots[h] = officeSlot{w0: w0, w1: uint32(w1), meta: uint32(i)<<4 | uint32(len(c))}
				break
			}
		}
	}
	return t
}

func codeWords[T string | []byte](b T) (uint64, uint64) {
	var k [16]byte
	copy(k[:], b)
	return binary.LittleEndian.Uint64(k[:8]), binary.LittleEndian.Uint64(k[8:])
}

func (t *officeTable) hash(w0, w1 uint64, n int) uint64 {
	h := (w0 ^ bits.RotateLeft64(w1, 29) ^ uint64(n)) * 0x9e3779b97f4a7c15
	return h >> t.shift
}

// find returns the index of the office with code b.
func (t *officeTable) find(b []byte) (int32, bool) { return findCode(t, b) }

// findCode is find for a code given as bytes or as a string.
func findCode[T string | []byte](t *officeTable, b T) (int32, bool) {
	if len(b) == 0 || len(b) > maxInlineCode {
		i, ok := t.long[string(b)]
		return i, ok
	}
	w0, w1 := codeWords(b)
	mask := uint64(len(t.slots) - 1)
	for h := t.hash(w0, w1, len(b)); ; h = (h + 1) & mask {
		s := &t.slots[h]
		if s.meta == 0 {
			return 0, false
		}
		if s.w0 == w0 && s.w1 == uint32(w1) && s.meta&15 == uint32(len(b)) {
			return int32(s.meta >> 4), true
		}
	}
}

// registryIndex finds the registry's valid offices by code, for the files
// read after it: their codes in registry order, each one's province, and
// the table. A lookup reads one slot where a map of 25,000
// strings misses the cache two or three times.
type registryIndex struct {
	codes []string
	prov  []string
	table *officeTable
}

func newRegistryIndex(offices []scoring.Office) *registryIndex {
	x := &registryIndex{codes: make([]string, len(offices)), prov: make([]string, len(offices))}
	for i, o := range offices {
		x.codes[i], x.prov[i] = o.Code, o.Province.Slug
	}
	x.table = newOfficeTable(x.codes)
	return x
}
