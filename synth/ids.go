package synth

import (
	"fmt"
	"math/bits"
	"strconv"
)

// IDShape is how the survey responses are numbered. Survey systems number
// them in many ways; the reader's duplicate check must cost the same for
// every one (the benchmark measures each).
type IDShape uint8

// The response id shapes. Every shape gives n distinct ids for n rows, by
// construction: the k-th id is a one-to-one function of k.
const (
	Sequential   IDShape = iota // 1000001, 1000002, … in file order
	Shuffled                    // the same numbers in a random order
	UUID                        // random version-4 UUIDs, 8-4-4-4-12 hex digits
	RandomNumber                // random numbers below 2^62, written in decimal
	Prefixed                    // SRV-1404-000000001: a prefix, the year and a zero-padded sequence
	Hex                         // 32 random hex digits
)

var idShapeNames = []string{"sequential", "shuffled", "uuid", "random", "prefixed", "hex"}

func (s IDShape) String() string {
	if int(s) < len(idShapeNames) {
		return idShapeNames[s]
	}
	return fmt.Sprintf("IDShape(%d)", uint8(s))
}

// ParseIDShape reads a shape by its name: sequential, shuffled, uuid,
// random, prefixed or hex.
func ParseIDShape(name string) (IDShape, error) {
	for i, n := range idShapeNames {
		if n == name {
			return IDShape(i), nil
		}
	}
	return 0, fmt.Errorf("unknown id shape %q: want one of %v", name, idShapeNames)
}

// firstID is the first sequential response id.
const firstID = 1000001

// surveyIDs makes the ids of a file of n responses: next appends the k-th
// (k = 0, 1, …) to a line. Random shapes draw from a seed of their own,
// so the rest of the file is the same whatever the shape.
type surveyIDs struct {
	shape IDShape
	year  int
	n     uint64
	key   uint64
	// shuffled: a permutation of [0, 2^bits) walked until it lands below n
	bits uint
}

func newSurveyIDs(shape IDShape, n int64, seed uint64, year int) *surveyIDs {
	ids := &surveyIDs{shape: shape, year: year, n: uint64(max(n, 1)), key: mix64(seed ^ 0x69647368617065)}
	ids.bits = uint(max(bits.Len64(ids.n-1), 2))
	if ids.bits%2 == 1 {
		ids.bits++ // the Feistel network's halves are equal
	}
	return ids
}

// appendID appends the k-th id.
func (s *surveyIDs) appendID(b []byte, k uint64) []byte {
	switch s.shape {
	case Shuffled:
		return strconv.AppendUint(b, firstID+s.permute(k), 10)
	case UUID:
		hi, lo := mix64(k^s.key), mix62(k^s.key>>2)
		hi = hi&^(0xf<<12) | 4<<12 // version 4
		lo |= 2 << 62              // the variant; the 62 bits below it are unique
		b = appendHex(b, hi>>32, 8)
		b = append(b, '-')
		b = appendHex(b, hi>>16&0xffff, 4)
		b = append(b, '-')
		b = appendHex(b, hi&0xffff, 4)
		b = append(b, '-')
		b = appendHex(b, lo>>48, 4)
		b = append(b, '-')
		return appendHex(b, lo&(1<<48-1), 12)
	case RandomNumber:
		return strconv.AppendUint(b, mix62(k^s.key), 10)
	case Prefixed:
		b = append(b, "SRV-"...)
		b = strconv.AppendInt(b, int64(s.year), 10)
		b = append(b, '-')
		d := strconv.AppendUint(nil, k+1, 10)
		for range 9 - len(d) {
			b = append(b, '0')
		}
		return append(b, d...)
	case Hex:
		b = appendHex(b, mix64(k^s.key), 16)
		return appendHex(b, mix62(k^s.key>>2), 16)
	}
	return strconv.AppendUint(b, firstID+k, 10)
}

func appendHex(b []byte, x uint64, digits int) []byte {
	const hex = "0123456789abcdef"
	for i := digits - 1; i >= 0; i-- {
		b = append(b, hex[x>>(4*i)&0xf])
	}
	return b
}

// permute is a permutation of [0, n): a four-round Feistel network over
// [0, 2^bits), walked again from any value at or past n until it falls
// below n (cycle walking). It needs no table, so 30 million ids are
// shuffled in no memory.
func (s *surveyIDs) permute(k uint64) uint64 {
	half := s.bits / 2
	mask := uint64(1)<<half - 1
	for {
		l, r := k>>half, k&mask
		for round := range uint64(4) {
			l, r = r, l^(mix64(r^s.key+round)&mask)
		}
		k = l<<half | r
		if k < s.n {
			return k
		}
	}
}

// mix64 is a one-to-one mixing of 64-bit numbers (SplitMix64's finaliser).
func mix64(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	return x ^ x>>31
}

// mix62 is a one-to-one mixing of numbers below 2^62: each step (an odd
// multiple, a shift folded in) is one-to-one modulo 2^62.
func mix62(x uint64) uint64 {
	const m = 1<<62 - 1
	x &= m
	x = x * 0xbf58476d1ce4e5b9 & m
	x ^= x >> 29
	x = x * 0x94d049bb133111eb & m
	return x ^ x>>31
}
