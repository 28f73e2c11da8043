package ingest

import (
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"testing"
)

// repeated reports every fingerprint that more than one word has, or a word
// and a lookup, with all the words and lookups that have it.
func TestRepeatedWords(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, n := range []int{10, 5000, 200000} {
		arena := newIDArena(n / 2)
		parts := []*idParts{arena.parts(), arena.parts()}
		held := map[uint64][]uint64{}
		var fps []uint64
		for i := range n {
			var h uint64
			if len(fps) > 0 && rng.IntN(50) == 0 {
				h = fps[rng.IntN(len(fps))]<<idSeqBits | rng.Uint64()&idSeqMax
			} else {
				h = rng.Uint64() | 1<<idSeqBits
				fps = append(fps, fingerprint(h))
			}
			w := idWord(h, i/100)
			parts[rng.IntN(2)].add(w)
			held[fingerprint(w)] = append(held[fingerprint(w)], w)
		}
		var lookups []uint64
		looked := map[uint64][]uint64{}
		for range 100 {
			w := rng.Uint64() | 1<<idSeqBits
			if rng.IntN(2) == 0 {
				w = fps[rng.IntN(len(fps))]<<idSeqBits | 7
			}
			lookups = append(lookups, w)
			looked[fingerprint(w)] = append(looked[fingerprint(w)], w)
		}
		want := map[string]bool{}
		for f, ws := range held {
			if len(ws) > 1 || len(looked[f]) > 0 {
				want[key(append(ws, looked[f]...))] = true
			}
		}
		got := map[string]bool{}
		arena.repeated(parts, lookups, func(words []uint64) { got[key(words)] = true })
		arena.free()
		if !maps.Equal(got, want) {
			t.Fatalf("n=%d: %d groups found, want %d", n, len(got), len(want))
		}
	}
}

// key names a group of words whatever their order.
func key(words []uint64) string {
	s := slices.Clone(words)
	slices.Sort(s)
	return fmt.Sprint(s)
}

// Equal ids hash alike, however long; different ids of every shape do not
// share fingerprints (among 300,000, a chance of about 1 in 10,000 with a
// good hash); no fingerprint is 0.
func TestIDHash(t *testing.T) {
	h := newIDHasher(0)
	seen := map[uint64]string{}
	rng := rand.New(rand.NewPCG(7, 8))
	add := func(id string) {
		x := h.hash([]byte(id))
		if x != h.hash([]byte(id)) {
			t.Fatalf("%q hashes two ways", id)
		}
		if fingerprint(x) == 0 {
			t.Fatalf("%q: fingerprint 0", id)
		}
		if other, ok := seen[fingerprint(x)]; ok && other != id {
			t.Fatalf("%q and %q share a fingerprint", id, other)
		}
		seen[fingerprint(x)] = id
	}
	for n := range 50 {
		b := make([]byte, n)
		for i := range b {
			b[i] = 'a' + byte(rng.IntN(26))
		}
		add(string(b))
		for i := range b {
			c := slices.Clone(b)
			c[i] ^= 1
			add(string(c))
		}
	}
	for i := range 100000 {
		add(fmt.Sprint(i))
		add(fmt.Sprintf("SRV-1404-%09d", i))
		add(fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", rng.Uint32(), rng.IntN(1<<16), rng.IntN(1<<12), rng.IntN(1<<12), rng.Uint64()>>16))
	}
}
