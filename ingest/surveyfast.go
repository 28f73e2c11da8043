package ingest

import (
	"bytes"
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
	"sync/atomic"

	"golang.org/x/text/encoding/charmap"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// The fast survey reader. A surveys CSV file of millions of rows is cut
// into chunks at record boundaries, the chunks are checked on every core,
// and one goroutine takes their results in file order to find repeated
// response ids and list the problems. A row whose bytes are plain
// printable ASCII and whose cells pass at sight (a canonical numeric id,
// a registered office code, a Jalali date, a score 1–5) is counted
// straight away; any other row goes through the same cells check as Read
// (surveyCells), and a chunk with a quote in it is read with encoding/csv
// like the simple path. Record boundaries, blank lines and line numbers
// follow encoding/csv, and the encoding is decided as the simple path
// decides it (sniffer), so the result is the same in every respect.

// fastChunkSize is how much of the file one chunk holds (tests make it
// small).
var fastChunkSize = 4 << 20

// fastFiles counts the files the fast reader took, for tests.
var fastFiles atomic.Int64

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

// fastEvent is one record of a chunk, in file order.
type fastEvent struct {
	id     uint64 // numeric id, with evNum
	row    int
	office int32 // with evValid
	score  uint8
	flags  uint8
}

const (
	evValid = 1 << iota // the row stands (no error)
	evIn                // within the period
	evNum               // id is numeric (in id)
	evStr               // id is text (next in strs)
	evProbs             // has problems (next in bad)
	// evRun is a run of plain rows: ids id, id+1, …, on rows row, row+1,
	// …; office holds how many, and each one's office, score and period
	// are packed in the result's plain, in order (see packPlain).
	evRun
)

// packPlain packs what the merger needs of a plain row, should its id
// turn out to repeat: its office, score and whether it is in the period.
func packPlain(office int32, score uint8, in bool) uint32 {
	p := uint32(office)<<4 | uint32(score)<<1
	if in {
		p |= 1
	}
	return p
}

// unpackPlain is the event of the k-th row of run e, with packed p.
func unpackPlain(e fastEvent, k int, p uint32) fastEvent {
	u := fastEvent{id: e.id + uint64(k), row: e.row + k, office: int32(p >> 4), score: uint8(p >> 1 & 7), flags: evValid | evNum}
	if p&1 != 0 {
		u.flags |= evIn
	}
	return u
}

type fastBad struct {
	end      int // problems of the row end here in probs
	province string
}

type fastResult struct {
	ch    fastChunk
	ev    []fastEvent
	plain []uint32 // the rows of runs, packed
	strs  []string
	bad   []fastBad
	probs []export.Problem
	err   error
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
	r       *reader
	f       *os.File
	file    string
	cols    []column
	pos     []int
	nf      int // fields a row needs to have all columns
	period  scoring.Period
	index   map[string]int32 // office code -> index
	table   *officeTable
	codes   []string
	prov    []string // province of each office
	ignored []string
	bufs    chan []byte      // chunk buffers to use again
	evs     chan []fastEvent // event buffers to use again
	plains  chan []uint32    // and buffers of runs' rows
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
	s := &fastSurveys{r: r, f: f, file: filepath.Base(path), cols: r.surveyCols, period: tally.Period()}
	var enc encState
	start := 0
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		start, enc.decided = 3, true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return false, nil
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
	fastFiles.Add(1)
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
	s.evs = make(chan []fastEvent, workers+3)
	s.plains = make(chan []uint32, workers+3)
	chunks := make(chan fastChunk, workers)
	results := make(chan *fastResult, 2*workers+2)
	stop := make(chan struct{})
	var splitErr error
	go func() {
		defer close(chunks)
		splitErr = s.split(start, line, enc, slots, chunks, stop)
	}()
	accs := make([]*fastAcc, workers)
	var wg sync.WaitGroup
	for w := range accs {
		accs[w] = s.newAcc()
		wg.Add(1)
		go func(a *fastAcc) {
			defer wg.Done()
			for ch := range chunks {
				results <- s.work(ch, a)
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
	if err := m.resolve(); err != nil {
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
	return make([]byte, 0, max(fastChunkSize, n))
}

// recycle gives back a result's buffers once it has been taken.
func (s *fastSurveys) recycle(res *fastResult) {
	select {
	case s.bufs <- res.ch.data[:0]:
	default:
	}
	select {
	case s.evs <- res.ev[:0]:
	default:
	}
	select {
	case s.plains <- res.plain[:0]:
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

// work checks the records of one chunk, counting into a.
func (s *fastSurveys) work(ch fastChunk, a *fastAcc) *fastResult {
	res := &fastResult{ch: ch}
	select {
	case res.ev = <-s.evs:
	default:
		res.ev = make([]fastEvent, 0, 1024)
	}
	select {
	case res.plain = <-s.plains:
	default:
		res.plain = make([]uint32, 0, len(ch.data)/24)
	}
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
	id, ok := plainID(cell(0))
	if !ok {
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
	if office >= 1<<27 { // too many offices to pack: an event of its own
		e := fastEvent{id: id, row: row, office: office, score: uint8(score), flags: evValid | evNum}
		if in {
			e.flags |= evIn
		}
		res.ev = append(res.ev, e)
		return true
	}
	// Exports number their responses in sequence: a row that goes on
	// the run before it costs four bytes, not an event.
	if n := len(res.ev); n > 0 && res.ev[n-1].flags == evRun && res.ev[n-1].office < math.MaxInt32 &&
		id == res.ev[n-1].id+uint64(res.ev[n-1].office) && row == res.ev[n-1].row+int(res.ev[n-1].office) {
		res.ev[n-1].office++
	} else {
		res.ev = append(res.ev, fastEvent{id: id, row: row, office: 1, flags: evRun})
	}
	res.plain = append(res.plain, packPlain(office, uint8(score), in))
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

// plainID reads a canonical decimal id as numericID does.
func plainID(b []byte) (uint64, bool) {
	if len(b) == 0 || len(b) > 19 || b[0] == '0' && len(b) > 1 {
		return 0, false
	}
	var n uint64
	for _, c := range b {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint64(c-'0')
	}
	return n, true
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
	e := fastEvent{row: c.row}
	if id != "" {
		if n, ok := numericID(id); ok {
			e.id, e.flags = n, evNum
		} else {
			e.flags = evStr
			res.strs = append(res.strs, strings.Clone(id))
		}
	}
	if !c.bad {
		office := s.index[sv.OfficeCode]
		e.flags |= evValid
		e.office = int32(office)
		e.score = uint8(sv.Score)
		cnt := &a.counts[office]
		if s.period.Contains(sv.Date) {
			e.flags |= evIn
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
	if len(c.problems) > 0 {
		e.flags |= evProbs
		for _, p := range c.problems {
			p.Province = c.province
			if p.Warning {
				a.stat.Warnings++
			}
			res.probs = append(res.probs, p)
		}
		res.bad = append(res.bad, fastBad{end: len(res.probs), province: c.province})
	}
	res.ev = append(res.ev, e)
}

// fastMerger takes the chunks' results in file order: it finds repeated
// response ids, undoes the counts of repeats that had passed in their
// chunk, and lists the problems.
type fastMerger struct {
	s      *fastSurveys
	nums   numSet
	strs   map[string]int
	adj    []scoring.SurveyCount // counts of repeats, taken off at the end
	stat   export.FileStat       // repeats that had passed
	chunks []fastSpan
	pend   []fastPending
}

// fastSpan is a chunk as read, with the range of the numeric ids it
// claimed, to find again where an id was first claimed.
type fastSpan struct {
	ch      fastChunk // without its data
	n       int       // bytes
	lo, hi  uint64
	claimed bool
}

// claim widens the span's range of ids to hold lo…hi.
func (s *fastSpan) claim(lo, hi uint64) {
	if !s.claimed {
		s.lo, s.hi, s.claimed = lo, hi, true
	}
	s.lo, s.hi = min(s.lo, lo), max(s.hi, hi)
}

// fastPending is a repeat whose first row is still to be found.
type fastPending struct {
	prob int // in Problems
	id   uint64
}

func (s *fastSurveys) newMerger() *fastMerger {
	return &fastMerger{
		s:    s,
		strs: map[string]int{},
		adj:  make([]scoring.SurveyCount, len(s.codes)),
		stat: export.FileStat{ErrorsByProvince: map[string]int64{}},
	}
}

func (m *fastMerger) take(res *fastResult) {
	s := m.s
	probs := &s.r.exp.Problems
	span := fastSpan{ch: res.ch, n: len(res.ch.data)}
	span.ch.data = nil
	strs, bad, from := res.strs, res.bad, 0
	plain := res.plain
	for _, e := range res.ev {
		if e.flags == evRun {
			// Ids none of which has been seen are claimed at once;
			// otherwise the run's rows are taken one by one.
			n := int(e.office)
			rows := plain[:n]
			plain = plain[n:]
			if !m.nums.anyIn(e.id, n) {
				m.nums.addRange(e.id, n)
				span.claim(e.id, e.id+uint64(n-1))
				continue
			}
			for k, p := range rows {
				m.one(unpackPlain(e, k, p), s.prov[int32(p>>4)], "", &span)
			}
			continue
		}
		province := ""
		if e.flags&evProbs != 0 {
			b := bad[0]
			bad = bad[1:]
			*probs = append(*probs, res.probs[from:b.end]...)
			from = b.end
			province = b.province
		}
		if e.flags&evValid != 0 {
			province = s.prov[e.office]
		}
		var str string
		if e.flags&evStr != 0 {
			str, strs = strs[0], strs[1:]
		}
		m.one(e, province, str, &span)
	}
	m.chunks = append(m.chunks, span)
}

// one takes an event that is not a run: its id is claimed, or found to
// repeat one claimed before. str is its id when it is text.
func (m *fastMerger) one(e fastEvent, province, str string, span *fastSpan) {
	s := m.s
	probs := &s.r.exp.Problems
	if e.flags&(evNum|evStr) == 0 {
		return
	}
	first, seen, pending := 0, false, false
	if e.flags&evNum != 0 {
		if e.flags&evValid != 0 {
			seen = m.nums.add(e.id)
			if !seen {
				span.claim(e.id, e.id)
			}
		} else {
			seen = m.nums.has(e.id)
		}
		pending = seen
	} else {
		first, seen = m.strs[str]
		if !seen && e.flags&evValid != 0 {
			m.strs[str] = e.row
		}
	}
	if !seen {
		return
	}
	p := export.Problem{Kind: scoring.KindSurveys, File: s.file, Row: e.row, Column: s.cols[0].Name, Province: province}
	if pending {
		m.pend = append(m.pend, fastPending{prob: len(*probs), id: e.id})
	} else {
		p.Because(repeated(s.cols[0], first))
	}
	*probs = append(*probs, p)
	if e.flags&evValid != 0 {
		// It had passed in its chunk: it is in error after all.
		c := &m.adj[e.office]
		if e.flags&evIn != 0 {
			c.Sum += int64(e.score)
			c.Count++
			c.ByScore[e.score]++
		} else {
			c.Outside++
		}
		m.stat.Errors++
		m.stat.ErrorsByProvince[province]++
	}
}

// resolve finds the row each pending repeat's id was first claimed on, by
// reading again the chunks whose range of ids holds it.
func (m *fastMerger) resolve() error {
	if len(m.pend) == 0 {
		return nil
	}
	s := m.s
	first := map[uint64]int{}
	ids := make([]uint64, 0, len(m.pend))
	for _, p := range m.pend {
		if _, ok := first[p.id]; !ok {
			first[p.id] = 0
			ids = append(ids, p.id)
		}
	}
	slices.Sort(ids)
	left := len(ids)
	a := s.newAcc()
	for _, span := range m.chunks {
		if left == 0 {
			break
		}
		i, _ := slices.BinarySearch(ids, span.lo)
		if !span.claimed || i == len(ids) || ids[i] > span.hi {
			continue
		}
		ch := span.ch
		ch.data = make([]byte, span.n)
		if _, err := s.f.ReadAt(ch.data, ch.off); err != nil && err != io.EOF {
			return err
		}
		res := s.work(ch, a)
		if res.err != nil {
			return res.err
		}
		for _, e := range res.ev {
			if e.flags == evRun {
				// The pending ids within the run's.
				lo, hi := e.id, e.id+uint64(e.office)
				for k, _ := slices.BinarySearch(ids, lo); k < len(ids) && ids[k] < hi; k++ {
					if first[ids[k]] == 0 {
						first[ids[k]] = e.row + int(ids[k]-lo)
						left--
					}
				}
				continue
			}
			if e.flags&(evValid|evNum) != evValid|evNum {
				continue
			}
			if row, ok := first[e.id]; ok && row == 0 {
				first[e.id] = e.row
				left--
			}
		}
	}
	probs := s.r.exp.Problems
	for _, p := range m.pend {
		probs[p.prob].Because(repeated(s.cols[0], first[p.id]))
	}
	return nil
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
