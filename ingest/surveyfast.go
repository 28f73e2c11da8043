package ingest

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"math/bits"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"golang.org/x/text/encoding/charmap"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// The fast survey reader. A surveys CSV file of millions of rows is cut
// into chunks at record boundaries, the chunks are checked on every core,
// and one goroutine takes their problems in file order. A row whose bytes
// are plain printable ASCII and whose cells pass at sight (an id without
// surrounding blanks, a registered office code, a Jalali date, a score
// 1–5) is counted straight away; any other row goes through the same
// cells check as Read (surveyCells), and a chunk with a quote in it is
// read with encoding/csv like the simple path. Record boundaries, blank
// lines and line numbers follow encoding/csv, and the encoding is decided
// as the simple path decides it (sniffer), so the result is the same in
// every respect.
//
// Each row's response id is kept as a 64-bit word of its hash
// (idwords.go), whatever the id looks like; once the file is read, the
// few ids whose hashes repeat are confirmed or not by their bytes, read
// again from the file (fastMerger.resolve). FuzzSurveysFastLikeSimple
// holds the reader to the simple path.

// surveyOptions are the fast reader's settings that tests change.
type surveyOptions struct {
	chunkSize int    // bytes a chunk holds at least; 0: fastChunkSize
	took      func() // told when the fast reader takes a file
	// fingerprints, when not 0, makes the ids share that many
	// fingerprints, so that nearly every row is a candidate repeat.
	fingerprints int
}

// fastChunkSize is how much of the file one chunk holds: a few chunks
// are in flight at a time, and 1 MiB keeps them in the cores' caches
// (4 MiB chunks took 14 MiB more memory and no less time).
const fastChunkSize = 1 << 20

// fastHeadSize bounds how far into the file the header is looked for;
// beyond it the simple path reads the file.
const fastHeadSize = 1 << 20

type fastChunk struct {
	seq    int
	off    int64 // in the file
	data   []byte
	line   int  // line the chunk starts on
	win    bool // Windows-1256
	quoted bool // holds a '"'
}

// fastResult is what the merger needs of a chunk: its problems, in file
// order.
type fastResult struct {
	ch    fastChunk
	probs []export.Problem
	err   error
	// Reading a chunk again for the rows whose id's fingerprint is in
	// want: found lists them.
	want  map[uint64]bool
	found []fastFound
}

// fastFound is a row whose id is a candidate repeat, as read again.
type fastFound struct {
	row      int
	id       string
	valid    bool
	office   int32 // with valid
	score    int
	in       bool
	province string
}

// fastAcc is what a worker counts: order does not matter for these.
type fastAcc struct {
	// Plain rows by office: [0] outside the period, [1…5] within it by
	// score. Rows name offices in no order: byte counters keep the array
	// small enough for the core's own cache (150 KiB for a national
	// registry); a full one is added to counts and rows.
	plain  [][6]uint8
	counts []scoring.SurveyCount // valid rows by office
	rows   []int64               // valid rows by office
	stat   export.FileStat       // rows with problems
	c      *rowCtx
	dates  dateMemo
	// The words of the response ids (idwords.go): of the rows that stand,
	// and of the rows in error, which claim none.
	ids     *idParts
	lookups []uint64
}

// dateMemo remembers what plainDate and the period made of the dates a
// worker has read: a half-year's responses carry a few hundred distinct
// dates, each read millions of times.
type dateMemo [1024]struct {
	key     [10]byte // the date as written, YYYY/MM/DD
	set, ok bool
	in      bool // within the period
}

// take reads a date as plainDate does and reports whether it is one and
// within p (a memo serves the same p throughout).
func (m *dateMemo) take(b []byte, p scoring.Period) (ok, in bool) {
	if len(b) != 10 {
		d, ok := plainDate(b)
		return ok, ok && p.Contains(d)
	}
	k := binary.LittleEndian.Uint64(b) ^ uint64(b[8])<<7 ^ uint64(b[9])<<13
	e := &m[(k*0x9e3779b97f4a7c15)>>54]
	if !e.set || string(e.key[:]) != string(b) {
		d, ok := plainDate(b)
		e.set, e.ok, e.in = true, ok, ok && p.Contains(d)
		copy(e.key[:], b)
	}
	return e.ok, e.in
}

type fastSurveys struct {
	r         *reader
	f         *os.File
	file      string
	chunkSize int
	cols      []column
	pos       []int
	nf        int // fields a row needs to have all columns
	period    scoring.Period
	index     map[string]int32 // office code -> index
	table     *officeTable
	codes     []string
	prov      []string // province of each office
	ignored   []string
	hash      idHasher
	rows      int         // the file's rows, as guessed from its first MiB
	bufs      chan []byte // chunk buffers to use again
}

// readSurveysFast reads a surveys CSV file into tally. It returns false,
// having read nothing, for a file it leaves to the simple path: a
// workbook, or a file whose header is not plainly found in its first MiB
// (the simple path then reports what is wrong with it).
func (r *reader) readSurveysFast(path string, tally *scoring.SurveyTally) (bool, error) {
	if !strings.EqualFold(filepath.Ext(path), ".csv") {
		return false, nil
	}
	f, err := os.Open(path)
	if err != nil {
		return false, nil
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return false, nil
	}
	size := st.Size()
	head := make([]byte, min(size, fastHeadSize))
	if _, err := io.ReadFull(f, head); err != nil {
		return false, nil
	}
	s := &fastSurveys{r: r, f: f, file: filepath.Base(path), cols: r.surveyCols, period: tally.Period(), hash: newIDHasher(r.fast.fingerprints), chunkSize: r.fast.chunkSize}
	if s.chunkSize <= 0 {
		s.chunkSize = fastChunkSize
	}
	// The file as the simple path's decode takes it: one it refuses (a
	// workbook, a NUL byte in its first 64 KiB) or reads otherwise than
	// as UTF-8 after a byte order mark or as sniffed UTF-8 or
	// Windows-1256, is left to it.
	var enc encState
	start := 0
	sniffed := head[:min(len(head), sniffSize)] // what openText looks at
	bom, ok := plainCSV(sniffed, int64(len(sniffed)) == size, strings.ToLower(filepath.Ext(path)))
	if !ok {
		return false, nil
	}
	if bom {
		start, enc.decided = 3, true
	}
	cr := csv.NewReader(bytes.NewReader(head[start:]))
	cr.FieldsPerRecord = -1
	h := newHeaderSearch(s.cols)
	for s.pos == nil {
		rec, err := cr.Read()
		if err != nil {
			return false, nil
		}
		end := int64(start) + cr.InputOffset()
		if end == int64(len(head)) && int64(len(head)) < size {
			return false, nil // the header may go on
		}
		if !enc.decided {
			if i := indexNonASCII(head[start:end]); i >= 0 {
				if err := enc.decide(f, int64(start+i)); err != nil {
					return false, nil
				}
			}
		}
		if enc.win {
			for i := range rec {
				rec[i] = decode1256(rec[i])
			}
		}
		if blankRecord(rec) {
			continue
		}
		// Rows above the header (a title) are passed over as the simple
		// path passes them; a file without one is left to it to report.
		pos, ignored, ok := h.try(rec, 0)
		if !ok {
			if h.exhausted() {
				return false, nil
			}
			continue
		}
		s.pos, s.ignored = pos, ignored
		start = int(end)
	}
	for _, p := range s.pos {
		s.nf = max(s.nf, p+1)
	}
	s.codes, s.prov, s.table = r.index.codes, r.index.prov, r.index.table
	s.index = make(map[string]int32, len(s.codes))
	for i, code := range s.codes {
		s.index[code] = int32(i)
	}
	line := 1 + bytes.Count(head[:start], []byte{'\n'})
	// The ids' words are laid out for the rows the file holds if its
	// lines are as long as those of its first MiB.
	sample := head[start:]
	s.rows = int(size-int64(start)) / max(len(sample)/max(bytes.Count(sample, []byte{'\n'}), 1), 1)
	if r.fast.took != nil {
		r.fast.took()
	}
	return true, s.run(int64(start), line, enc, tally)
}

// encState is the encoding of the file as the sniffer decides it: UTF-8
// after a byte order mark, otherwise by the 64 KiB from the first
// non-ASCII byte on.
type encState struct {
	decided, win bool
}

func (e *encState) decide(f *os.File, at int64) error {
	buf := make([]byte, sniffSize)
	n, err := f.ReadAt(buf, at)
	if err != nil && err != io.EOF {
		return err
	}
	e.decided = true
	e.win = !validUTF8(buf[:n], n == sniffSize)
	return nil
}

// indexNonASCII is the index of the first byte ≥ 0x80 in b, or -1.
func indexNonASCII(b []byte) int {
	const hi = 0x8080808080808080
	i := 0
	// An ASCII file is scanned whole, chunk by chunk: 32 bytes at a time.
	for ; i+32 <= len(b); i += 32 {
		w := binary.LittleEndian.Uint64(b[i:]) | binary.LittleEndian.Uint64(b[i+8:]) |
			binary.LittleEndian.Uint64(b[i+16:]) | binary.LittleEndian.Uint64(b[i+24:])
		if w&hi != 0 {
			break
		}
	}
	for ; i+8 <= len(b); i += 8 {
		if binary.LittleEndian.Uint64(b[i:])&hi != 0 {
			break
		}
	}
	for ; i < len(b); i++ {
		if b[i] >= 0x80 {
			return i
		}
	}
	return -1
}

func decode1256(s string) string {
	if indexNonASCII([]byte(s)) < 0 {
		return s
	}
	b, _ := charmap.Windows1256.NewDecoder().Bytes([]byte(s))
	return string(b)
}

// run reads the records from offset start, which begins on line line.
func (s *fastSurveys) run(start int64, line int, enc encState, tally *scoring.SurveyTally) error {
	workers := max(runtime.GOMAXPROCS(0), 1)
	slots := make(chan struct{}, workers+2)
	s.bufs = make(chan []byte, workers+3)
	chunks := make(chan fastChunk, workers)
	results := make(chan *fastResult, 2*workers+2)
	stop := make(chan struct{})
	var splitErr error
	go func() {
		defer close(chunks)
		splitErr = s.split(start, line, enc, slots, chunks, stop)
	}()
	accs := make([]*fastAcc, workers)
	arena := newIDArena(s.rows)
	defer arena.free()
	var wg sync.WaitGroup
	for w := range accs {
		accs[w] = s.newAcc()
		accs[w].ids = arena.parts()
		wg.Add(1)
		go func(a *fastAcc) {
			defer wg.Done()
			for ch := range chunks {
				results <- s.work(ch, a, nil)
			}
		}(accs[w])
	}
	go func() {
		wg.Wait()
		close(results)
	}()

	m := s.newMerger()
	waiting := map[int]*fastResult{}
	next := 0
	var err error
	for res := range results {
		waiting[res.ch.seq] = res
		for res := waiting[next]; res != nil; res = waiting[next] {
			delete(waiting, next)
			next++
			if err == nil && res.err != nil {
				err = res.err
				close(stop)
			}
			if err == nil {
				m.take(res)
			}
			s.recycle(res)
			<-slots
		}
	}
	if err == nil {
		err = splitErr
	}
	if err != nil {
		return &FileError{s.file, err}
	}
	if err := m.resolve(arena, accs); err != nil {
		return &FileError{s.file, err}
	}
	s.finish(m, accs, tally)
	return nil
}

// split cuts the file into chunks that begin and end on record
// boundaries.
func (s *fastSurveys) split(off int64, line int, enc encState, slots chan struct{}, out chan<- fastChunk, stop chan struct{}) error {
	if _, err := s.f.Seek(off, io.SeekStart); err != nil {
		return err
	}
	buf := s.buffer(0)
	seq := 0
	for {
		n, err := io.ReadFull(s.f, buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		eof := err == io.EOF || err == io.ErrUnexpectedEOF
		if err != nil && !eof {
			return err
		}
		cut := len(buf)
		quoted := true // unless found otherwise below
		if !eof {
			cut = bytes.LastIndexByte(buf, '\n') + 1
			if quoted = cut > 0 && bytes.IndexByte(buf[:cut], '"') >= 0; quoted {
				cut = csvBoundary(buf[:cut])
			}
			if cut == 0 { // one record larger than the buffer
				if len(buf) > maxLineBytes {
					return fmt.Errorf("line %d is longer than %d MiB: not an export row", line, maxLineBytes>>20)
				}
				buf = append(make([]byte, 0, 2*cap(buf)), buf...)
				continue
			}
		}
		if cut > 0 {
			ch := fastChunk{seq: seq, off: off, data: buf[:cut], line: line}
			if !enc.decided {
				if i := indexNonASCII(ch.data); i >= 0 {
					if err := enc.decide(s.f, off+int64(i)); err != nil {
						return err
					}
				}
			}
			ch.win = enc.win
			ch.quoted = quoted && bytes.IndexByte(ch.data, '"') >= 0
			line += bytes.Count(ch.data, []byte{'\n'})
			off += int64(cut)
			seq++
			select {
			case slots <- struct{}{}:
			case <-stop:
				return nil
			}
			out <- ch
		}
		if eof {
			return nil
		}
		rest := buf[cut:]
		buf = append(s.buffer(2*len(rest)), rest...)
	}
}

// buffer is a chunk buffer of at least n bytes, a used one if there is
// one: the few buffers in flight are used again, so that memory stays
// flat however long the file.
func (s *fastSurveys) buffer(n int) []byte {
	select {
	case b := <-s.bufs:
		if cap(b) >= n {
			return b[:0]
		}
	default:
	}
	return make([]byte, 0, max(s.chunkSize, n))
}

// recycle gives back a result's chunk buffer once it has been taken.
func (s *fastSurveys) recycle(res *fastResult) {
	select {
	case s.bufs <- res.ch.data[:0]:
	default:
	}
}

// csvBoundary is the end of the last record of b that encoding/csv ends
// before the end of b: the last record read is left out, as with more
// data it might have gone on.
func csvBoundary(b []byte) int {
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	prev, last := 0, 0
	for {
		if _, err := cr.Read(); err == io.EOF {
			return prev
		}
		prev, last = last, int(cr.InputOffset())
	}
}

func (s *fastSurveys) newAcc() *fastAcc {
	return &fastAcc{
		plain:  make([][6]uint8, len(s.codes)),
		counts: make([]scoring.SurveyCount, len(s.codes)),
		rows:   make([]int64, len(s.codes)),
		stat:   export.FileStat{RowsByProvince: map[string]int64{}, ErrorsByProvince: map[string]int64{}},
		c:      &rowCtx{kind: scoring.KindSurveys, file: s.file, cols: s.cols, pos: s.pos},
	}
}

// work checks the records of one chunk, counting into a. With want, it
// also lists the rows whose id's fingerprint is in it.
func (s *fastSurveys) work(ch fastChunk, a *fastAcc, want map[uint64]bool) *fastResult {
	res := &fastResult{ch: ch, want: want}
	if ch.quoted {
		s.workCSV(ch, a, res)
		return res
	}
	var fields [16]int // field starts, then the end of the last one
	var rec []string
	data, line := ch.data, ch.line
	for len(data) > 0 {
		row := line
		line++
		var l []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			l, data = data[:i], data[i+1:]
		} else {
			l, data = data, nil
		}
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if len(l) == 0 {
			continue // encoding/csv skips empty lines
		}
		if len(l) > maxLineBytes {
			res.err = fmt.Errorf("line %d is longer than %d MiB: not an export row", row, maxLineBytes>>20)
			return res
		}
		if s.nf < len(fields) && s.plain(l, a, res, row, &fields) {
			continue
		}
		// The general path: the record as encoding/csv makes it of an
		// unquoted line, decoded.
		rec = rec[:0]
		text := string(l)
		if ch.win {
			text = decode1256(text)
		}
		for {
			i := strings.IndexByte(text, ',')
			if i < 0 {
				rec = append(rec, text)
				break
			}
			rec = append(rec, text[:i])
			text = text[i+1:]
		}
		s.general(rec, row, a, res)
	}
	return res
}

// plain takes a line of printable ASCII whose cells all pass at sight, and
// reports whether it did.
func (s *fastSurveys) plain(l []byte, a *fastAcc, res *fastResult, row int, fields *[16]int) bool {
	nf := 1
	fields[0] = 0
	i := 0
	// Eight bytes at a time: any byte outside 0x20…0x7e leaves the line
	// to the general path; the commas' places are the zero bytes of
	// w ^ ",,,,,,,,".
	const lo, hi, low7 = 0x0101010101010101, 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
	for ; i+8 <= len(l); i += 8 {
		w := binary.LittleEndian.Uint64(l[i:])
		if ((w-0x20*lo)&^w|(w+lo)|w)&hi != 0 {
			return false
		}
		z := w ^ (',' * lo)
		for m := ^(((z & low7) + low7) | z | low7); m != 0 && nf <= s.nf; m &= m - 1 {
			fields[nf] = i + bits.TrailingZeros64(m)>>3 + 1
			nf++
		}
	}
	for ; i < len(l); i++ {
		b := l[i]
		if b < 0x20 || b > 0x7e {
			return false
		}
		if b == ',' && nf < s.nf+1 {
			fields[nf] = i + 1
			nf++
		}
	}
	if nf < s.nf {
		return false
	}
	cell := func(k int) []byte {
		j := s.pos[k]
		end := len(l)
		if j+1 < nf {
			end = fields[j+1] - 1
		}
		return l[fields[j]:end]
	}
	// An id of printable ASCII that does not start or end with a blank
	// is as Normalize leaves it.
	id := cell(0)
	if len(id) == 0 || id[0] == ' ' || id[len(id)-1] == ' ' {
		return false
	}
	office, ok := s.table.find(cell(1))
	if !ok {
		return false
	}
	ok, in := a.dates.take(cell(2), s.period)
	if !ok {
		return false
	}
	sc := cell(3)
	if len(sc) != 1 || sc[0] < '1' || sc[0] > '5' {
		return false
	}
	score := int(sc[0] - '0')
	k := 0 // outside the period
	if in {
		k = score
	}
	if c := &a.plain[office][k]; *c < math.MaxUint8 {
		*c++
	} else {
		a.add(office, k, math.MaxUint8+1)
		*c = 0
	}
	h := s.hash.hash(id)
	if res.want != nil {
		if res.want[fingerprint(h)] {
			res.found = append(res.found, fastFound{row: row, id: string(id), valid: true, office: office, score: score, in: in, province: s.prov[office]})
		}
	} else {
		// a.ids.add, by hand: the call does not inline.
		w := idWord(h, res.ch.seq)
		b := &a.ids.heads[partOf(w)&a.ids.mask]
		if b.n >= idBlock {
			a.ids.newBlock(b)
		}
		b.block[b.n] = w
		b.n++
	}
	return true
}

// flush adds the plain rows' counts to counts and rows.
func (a *fastAcc) flush() {
	for i := range a.plain {
		for k, n := range a.plain[i] {
			a.add(int32(i), k, int64(n))
		}
		a.plain[i] = [6]uint8{}
	}
}

// add adds n plain rows of an office to counts and rows: k = 0 outside
// the period, 1…5 within it by score.
func (a *fastAcc) add(office int32, k int, n int64) {
	c := &a.counts[office]
	if k == 0 {
		c.Outside += n
	} else {
		c.ByScore[k] += n
		c.Count += n
		c.Sum += int64(k) * n
	}
	a.rows[office] += n
}

// plainDate reads a date of ASCII digits as ParseDate does, and only when
// ParseDate would take it.
func plainDate(s []byte) (scoring.Date, bool) {
	if len(s) == 10 && s[4] == '/' && s[7] == '/' {
		// YYYY/MM/DD, the common case.
		y := int(s[0]-'0')*1000 + int(s[1]-'0')*100 + int(s[2]-'0')*10 + int(s[3]-'0')
		m := int(s[5]-'0')*10 + int(s[6]-'0')
		dd := int(s[8]-'0')*10 + int(s[9]-'0')
		if allDigits(s[0:4]) && allDigits(s[5:7]) && allDigits(s[8:10]) {
			d := scoring.Date{Year: y, Month: m, Day: dd}
			ok := d.Year >= minYear && d.Year <= maxYear && d.Month >= 1 && d.Month <= 12 && d.Valid()
			return d, ok
		}
		return scoring.Date{}, false
	}
	d, ok := splitDate(s)
	if !ok || d.Year < minYear || d.Year > maxYear || d.Month < 1 || d.Month > 12 || !d.Valid() {
		return scoring.Date{}, false
	}
	return d, true
}

func allDigits(b []byte) bool {
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// workCSV reads a chunk with a quote in it as the simple path does.
func (s *fastSurveys) workCSV(ch fastChunk, a *fastAcc, res *fastResult) {
	data := ch.data
	if ch.win {
		data, _ = charmap.Windows1256.NewDecoder().Bytes(data)
	}
	cr := csv.NewReader(&guard{r: bytes.NewReader(data), line: ch.line})
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	shift := ch.line - 1
	for {
		rec, err := cr.Read()
		var perr *csv.ParseError
		switch {
		case err == io.EOF:
			return
		case errors.As(err, &perr):
			c := a.c
			c.start(nil, perr.StartLine+shift)
			c.problem("", malformedCSV(perr, shift), false)
			s.note(c, "", scoring.Survey{}, a, res)
		case err != nil:
			res.err = err
			return
		case blankRecord(rec):
		default:
			line, _ := cr.FieldPos(0)
			s.general(rec, line+shift, a, res)
		}
	}
}

// general checks a record with the simple path's checks.
func (s *fastSurveys) general(rec []string, row int, a *fastAcc, res *fastResult) {
	if len(rec) > maxCells {
		if res.err == nil {
			res.err = fmt.Errorf("row %d has %d cells; an export has at most %d columns", row, len(rec), maxCells)
		}
		return
	}
	for _, cell := range rec {
		if strings.IndexByte(cell, 0) >= 0 {
			if res.err == nil {
				res.err = fmt.Errorf("line %d: a NUL byte: not a text export (a binary file, or one damaged in transfer)", row)
			}
			return
		}
	}
	if blankRecord(rec) {
		return
	}
	c := a.c
	c.start(rec, row)
	id, sv := s.r.surveyCells(c)
	s.note(c, id, sv, a, res)
}

// note records a row checked by the general path.
func (s *fastSurveys) note(c *rowCtx, id string, sv scoring.Survey, a *fastAcc, res *fastResult) {
	in := s.period.Contains(sv.Date)
	var office int32
	if !c.bad {
		office = s.index[sv.OfficeCode]
		cnt := &a.counts[office]
		if in {
			cnt.Sum += int64(sv.Score)
			cnt.Count++
			if sv.Score >= 0 && sv.Score < len(cnt.ByScore) {
				cnt.ByScore[sv.Score]++
			}
		} else {
			cnt.Outside++
		}
		a.rows[office]++
	} else {
		a.stat.Rows++
		a.stat.RowsByProvince[c.province]++
		a.stat.Errors++
		a.stat.ErrorsByProvince[c.province]++
	}
	if id != "" {
		h := s.hash.hash([]byte(id))
		switch {
		case res.want != nil:
			if res.want[fingerprint(h)] {
				res.found = append(res.found, fastFound{row: c.row, id: strings.Clone(id), valid: !c.bad, office: office, score: sv.Score, in: in, province: c.province})
			}
		case !c.bad:
			a.ids.add(idWord(h, res.ch.seq))
		default:
			// A row in error claims no id, but it repeats one claimed
			// before it all the same.
			a.lookups = append(a.lookups, idWord(h, res.ch.seq))
		}
	}
	for _, p := range c.problems {
		p.Province = c.province
		if p.Warning {
			a.stat.Warnings++
		}
		res.probs = append(res.probs, p)
	}
}

// fastMerger takes the chunks' results in file order: it lists the
// problems, and then finds the repeated response ids among the words the
// workers kept (resolve).
type fastMerger struct {
	s      *fastSurveys
	adj    []scoring.SurveyCount // counts of repeats, taken off at the end
	stat   export.FileStat       // repeats that had passed
	chunks []fastSpan            // by seq
}

// fastSpan is a chunk as read, to read it again.
type fastSpan struct {
	ch fastChunk // without its data
	n  int       // bytes
}

func (s *fastSurveys) newMerger() *fastMerger {
	return &fastMerger{
		s:    s,
		adj:  make([]scoring.SurveyCount, len(s.codes)),
		stat: export.FileStat{ErrorsByProvince: map[string]int64{}},
	}
}

func (m *fastMerger) take(res *fastResult) {
	span := fastSpan{ch: res.ch, n: len(res.ch.data)}
	span.ch.data = nil
	m.chunks = append(m.chunks, span)
	m.s.r.exp.Problems = append(m.s.r.exp.Problems, res.probs...)
}

// resolve finds the repeated response ids. It reads again the chunks that
// hold the fingerprints found more than once, and goes through the rows
// with those fingerprints in file order, comparing the ids themselves as
// the simple path does: the first row that stands claims its id, and a
// later row with it is a repeat. A repeat's problem names the row of the
// claim, and a repeat that had passed in its chunk is taken off the
// counts.
func (m *fastMerger) resolve(arena *idArena, accs []*fastAcc) error {
	s := m.s
	want := map[uint64]bool{}
	again := make([]bool, len(m.chunks))
	fromMax := false // words of chunk idSeqMax or a later one
	var parts []*idParts
	var lookups []uint64
	for _, a := range accs {
		parts, lookups = append(parts, a.ids), append(lookups, a.lookups...)
	}
	arena.repeated(parts, lookups, func(words []uint64) {
		want[fingerprint(words[0])] = true
		for _, w := range words {
			if q := wordSeq(w); q < idSeqMax {
				again[q] = true
			} else {
				fromMax = true
			}
		}
	})
	arena.free()
	if len(want) == 0 {
		return nil
	}
	for seq := idSeqMax; fromMax && seq < len(again); seq++ {
		again[seq] = true
	}
	var repeats []export.Problem
	claimed := map[string]int{}
	a := s.newAcc()
	for seq, span := range m.chunks {
		if !again[seq] {
			continue
		}
		ch := span.ch
		ch.data = make([]byte, span.n)
		if _, err := s.f.ReadAt(ch.data, ch.off); err != nil && err != io.EOF {
			return err
		}
		res := s.work(ch, a, want)
		s.recycle(res)
		if res.err != nil {
			return res.err
		}
		for _, f := range res.found {
			if first, ok := claimed[f.id]; ok {
				repeats = append(repeats, m.repeat(f, first))
			} else if f.valid {
				claimed[f.id] = f.row
			}
		}
	}
	// Each repeat's problem goes after the other problems of its row, as
	// the simple path lists them.
	probs := s.r.exp.Problems
	if len(probs) == 0 {
		s.r.exp.Problems = repeats
		return nil
	}
	out := make([]export.Problem, 0, len(probs)+len(repeats))
	for _, p := range repeats {
		i, _ := slices.BinarySearchFunc(probs, p.Row+1, func(q export.Problem, row int) int { return cmp.Compare(q.Row, row) })
		out = append(append(out, probs[:i]...), p)
		probs = probs[i:]
	}
	s.r.exp.Problems = append(out, probs...)
	return nil
}

// repeat is the problem of row f, which repeats the id of row first.
func (m *fastMerger) repeat(f fastFound, first int) export.Problem {
	s := m.s
	p := export.Problem{Kind: scoring.KindSurveys, File: s.file, Row: f.row, Column: s.cols[0].Name, Province: f.province}
	p.Because(repeated(s.cols[0], first))
	if f.valid {
		// It had passed in its chunk: it is in error after all.
		c := &m.adj[f.office]
		if f.in {
			c.Sum += int64(f.score)
			c.Count++
			c.ByScore[f.score]++
		} else {
			c.Outside++
		}
		m.stat.Errors++
		m.stat.ErrorsByProvince[f.province]++
	}
	return p
}

// finish adds the counts up into the tally and the file's accounting.
func (s *fastSurveys) finish(m *fastMerger, accs []*fastAcc, tally *scoring.SurveyTally) {
	stat := export.FileStat{Kind: scoring.KindSurveys, File: s.file, RowsByProvince: map[string]int64{}, ErrorsByProvince: map[string]int64{}, Ignored: s.ignored}
	for _, a := range accs {
		a.flush()
	}
	for i, code := range s.codes {
		var total scoring.SurveyCount
		var rows int64
		for _, a := range accs {
			c := a.counts[i]
			total.Sum += c.Sum
			total.Count += c.Count
			total.Outside += c.Outside
			for k, n := range c.ByScore {
				total.ByScore[k] += n
			}
			rows += a.rows[i]
		}
		d := m.adj[i]
		total.Sum -= d.Sum
		total.Count -= d.Count
		total.Outside -= d.Outside
		for k, n := range d.ByScore {
			total.ByScore[k] -= n
		}
		tally.AddCount(code, total)
		if rows > 0 {
			stat.Rows += rows
			stat.RowsByProvince[s.prov[i]] += rows
		}
	}
	for _, a := range accs {
		stat.Rows += a.stat.Rows
		stat.Errors += a.stat.Errors
		stat.Warnings += a.stat.Warnings
		for p, n := range a.stat.RowsByProvince {
			stat.RowsByProvince[p] += n
		}
		for p, n := range a.stat.ErrorsByProvince {
			stat.ErrorsByProvince[p] += n
		}
	}
	stat.Errors += m.stat.Errors
	for p, n := range m.stat.ErrorsByProvince {
		stat.ErrorsByProvince[p] += n
	}
	s.r.exp.Stats = append(s.r.exp.Stats, stat)
}
