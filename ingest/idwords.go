package ingest

import (
	"cmp"
	"encoding/binary"
	"math/bits"
	"math/rand/v2"
	"runtime"
	"slices"
	"sync"
)

// The response ids of a surveys file, for the fast reader's repeat check.
// Each id is kept as one 64-bit word whatever it looks like (numbers in
// sequence or not, UUIDs, prefixed codes): its hash's top 48 bits, the
// fingerprint, over the 16 bits of the chunk of the file its row is in.
// Each worker puts the words of the rows it checks in partitions by their
// fingerprints' top bits; once the file is read, each partition (tens of
// thousands of words) is gone through on its own, in the core's cache,
// and the fingerprints found more than once are the candidate repeats.
// The reader confirms them by reading again the chunks that hold them and
// comparing the ids themselves (fastMerger.resolve), so the check is
// exact; with 48-bit fingerprints a pair of different ids looks alike in
// about one file of ten million rows in six (n²/2⁴⁹), at the cost of two
// chunks read again.
//
// This costs eight bytes an id, written once in order and read once: a
// hash table of all the ids would take more room, and a cache miss an id.

// idSeqBits are the low bits of a word that name its row's chunk; chunks
// from idSeqMax on share the last value.
const (
	idSeqBits = 16
	idSeqMax  = 1<<idSeqBits - 1
)

// fingerprint is what is compared of a hash or a word.
func fingerprint(h uint64) uint64 { return h >> idSeqBits }

// idWord is the word of an id with hash h on a row of chunk seq.
func idWord(h uint64, seq int) uint64 { return h&^idSeqMax | uint64(min(seq, idSeqMax)) }

// wordSeq is the chunk a word names; idSeqMax means that one or a later one.
func wordSeq(w uint64) int { return int(w & idSeqMax) }

// idHasher hashes the response ids of one file.
type idHasher struct {
	seed uint64 // random: a file cannot be made to collide on purpose
	// fingerprints, when not 0, is how many fingerprints there are:
	// tests make it small, so that ids share them.
	fingerprints uint64
}

func newIDHasher(fingerprints int) idHasher {
	seed := rand.Uint64()
	return idHasher{seed: seed ^ wymix(seed^wyp0, wyp1), fingerprints: uint64(fingerprints)}
}

// The constants of wyhash (Wang Yi's, in the public domain), which hash
// follows: fast on short keys, and it passes SMHasher.
const (
	wyp0 = 0x2d358dccaa6c78a5
	wyp1 = 0x8bb84b93962eacc9
)

func wymix(a, b uint64) uint64 {
	hi, lo := bits.Mul64(a, b)
	return hi ^ lo
}

// hash hashes an id (normalised, as the simple path compares them). Its
// fingerprint is never 0.
func (h idHasher) hash(key []byte) uint64 {
	n := len(key)
	seed := h.seed
	var a, b uint64
	switch {
	case n > 16:
		p := key
		for ; len(p) > 16; p = p[16:] {
			seed = wymix(binary.LittleEndian.Uint64(p)^wyp1, binary.LittleEndian.Uint64(p[8:])^seed)
		}
		// The last 16 bytes, which may overlap those taken above.
		last := key[n-16:]
		a, b = binary.LittleEndian.Uint64(last), binary.LittleEndian.Uint64(last[8:])
	case n >= 4:
		k := n >> 3 << 2 // 4 from 8 bytes on
		a = uint64(binary.LittleEndian.Uint32(key))<<32 | uint64(binary.LittleEndian.Uint32(key[k:]))
		b = uint64(binary.LittleEndian.Uint32(key[n-4:]))<<32 | uint64(binary.LittleEndian.Uint32(key[n-4-k:]))
	case n > 0:
		a = uint64(key[0])<<16 | uint64(key[n>>1])<<8 | uint64(key[n-1])
	}
	hi, lo := bits.Mul64(a^wyp1, b^seed)
	x := wymix(hi^wyp0^uint64(n), lo^wyp1)
	if h.fingerprints != 0 {
		return (fingerprint(x)%h.fingerprints+1)<<idSeqBits | x&idSeqMax
	}
	if fingerprint(x) == 0 {
		x |= 1 << idSeqBits
	}
	return x
}

// idArena hands out the blocks that the partitions fill, from large
// mapped arenas, so that the memory used is the words written and little
// more, however far off the guess of the file's rows. Each worker fills
// partitions of its own (idParts).
type idArena struct {
	mu      sync.Mutex
	rest    []uint64 // what is left of the last arena
	next    int      // words of the next arena
	release []func()
	pbits   int // a word's partition is pbits of its top 12
}

// partOf is a word's partition, before the mask: its top 12 bits, which
// the tables that go through a partition (fingerprints) do not use.
func partOf(w uint64) uint64 { return w >> 52 }

// idBlock is the words of a block: 4 KiB.
const idBlock = 512

// newIDArena makes an arena for about n ids, in partitions of up to
// about 64K words, which a core goes through in its cache.
func newIDArena(n int) *idArena {
	n = max(n, 1)
	pbits := min(bits.Len(uint(n/65536)), 10)
	return &idArena{pbits: pbits, next: n + n/4 + 2*idBlock<<pbits}
}

// block hands out a block.
func (a *idArena) block() *[idBlock]uint64 {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.rest) < idBlock {
		// The file held more ids than guessed: another arena, half
		// as large again as the last.
		words, release := allocWords(max(a.next, idBlock))
		a.rest, a.next = words, a.next/2
		if release != nil {
			a.release = append(a.release, release)
		}
	}
	b := (*[idBlock]uint64)(a.rest[:idBlock])
	a.rest = a.rest[idBlock:]
	return b
}

// free gives the arenas' memory back.
func (a *idArena) free() {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, r := range a.release {
		r()
	}
	a.release, a.rest = nil, nil
}

// idParts is one worker's words, by partition: each a list of blocks.
type idParts struct {
	arena *idArena
	mask  uint64 // a word's partition is partOf(word) & mask
	heads []idHead
	full  [][]*[idBlock]uint64
}

// idHead is the block a partition is filling.
type idHead struct {
	block *[idBlock]uint64
	n     uint32 // words in it; idBlock when it wants a new one
}

func (a *idArena) parts() *idParts {
	np := 1 << a.pbits
	s := &idParts{arena: a, mask: uint64(np - 1), heads: make([]idHead, np), full: make([][]*[idBlock]uint64, np)}
	for p := range s.heads {
		s.heads[p].n = idBlock
	}
	return s
}

// add adds word w.
func (s *idParts) add(w uint64) {
	h := &s.heads[partOf(w)&s.mask]
	if h.n >= idBlock {
		s.newBlock(h)
	}
	h.block[h.n] = w
	h.n++
}

// newBlock files a partition's full block and gives it a new one.
func (s *idParts) newBlock(h *idHead) {
	if h.block != nil {
		p := partOf(h.block[0]) & s.mask
		s.full[p] = append(s.full[p], h.block)
	}
	h.block, h.n = s.arena.block(), 0
}

// appendPart appends the words of partition p.
func (s *idParts) appendPart(words []uint64, p int) []uint64 {
	for _, b := range s.full[p] {
		words = append(words, b[:]...)
	}
	if h := s.heads[p]; h.block != nil {
		words = append(words, h.block[:h.n]...)
	}
	return words
}

// repeated goes through the partitions of the workers' parts on every
// core, and calls found for each fingerprint that more than one word has,
// with those words; and for each word of lookups (ids of rows in error,
// which claim none) whose fingerprint a word of the parts has, with that
// word and those. Calls come from one goroutine at a time.
func (a *idArena) repeated(parts []*idParts, lookups []uint64, found func(words []uint64)) {
	np := 1 << a.pbits
	byPart := make([][]uint64, np)
	for _, w := range lookups {
		p := partOf(w) & uint64(np-1)
		byPart[p] = append(byPart[p], w)
	}
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int, np)
	for p := range np {
		next <- p
	}
	close(next)
	for range min(runtime.GOMAXPROCS(0), np) {
		wg.Go(func() {
			var words []uint64
			var scan partitionScan
			for p := range next {
				words = words[:0]
				for _, s := range parts {
					words = s.appendPart(words, p)
				}
				sel := scan.repeated(words, byPart[p])
				for i := 0; i < len(sel); {
					j := i + 1
					for j < len(sel) && fingerprint(sel[j]) == fingerprint(sel[i]) {
						j++
					}
					if j-i > 1 {
						mu.Lock()
						found(sel[i:j])
						mu.Unlock()
					}
					i = j
				}
			}
		})
	}
	wg.Wait()
}

// partitionScan finds the repeated fingerprints of a partition with a
// table in the core's cache; its buffers serve partition after partition.
type partitionScan struct {
	table, sel []uint64
}

// Marks on a fingerprint in the table (fingerprints have 48 bits).
const (
	seenTwice  = 1 << 63
	seenLooked = 1 << 62
)

// repeated returns, ordered by fingerprint, the words whose fingerprint
// more than one word has, and the lookups whose fingerprint a word has
// with those words.
func (ps *partitionScan) repeated(words, lookups []uint64) []uint64 {
	size := 16
	for size < 2*len(words) {
		size *= 2
	}
	t := slices.Grow(ps.table[:0], size)[:size]
	clear(t)
	ps.table = t
	mask := uint64(size - 1)
	// slot finds f's slot: the one holding it, or the empty one where it
	// would go.
	slot := func(f uint64) *uint64 {
		for i := f & mask; ; i = (i + 1) & mask {
			if x := t[i]; x == 0 || x&^(seenTwice|seenLooked) == f {
				return &t[i]
			}
		}
	}
	marked := false
	for _, w := range words {
		f := fingerprint(w)
		x := slot(f)
		switch {
		case *x == 0:
			*x = f
		case *x&seenTwice == 0:
			*x |= seenTwice
			marked = true
		}
	}
	sel := ps.sel[:0]
	for _, w := range lookups {
		if x := slot(fingerprint(w)); *x != 0 {
			*x |= seenLooked
			sel = append(sel, w)
			marked = true
		}
	}
	if !marked {
		return nil
	}
	for _, w := range words {
		if *slot(fingerprint(w))&(seenTwice|seenLooked) != 0 {
			sel = append(sel, w)
		}
	}
	slices.SortFunc(sel, func(a, b uint64) int { return cmp.Compare(fingerprint(a), fingerprint(b)) })
	ps.sel = sel
	return sel
}
