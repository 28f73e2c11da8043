package ingest

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"unicode/utf16"

	"github.com/richardlehane/mscfb"
)

// An Excel 97–2003 workbook (.xls): BIFF8 records in the Workbook stream
// of an OLE2 compound file (read by mscfb, which excelize uses for
// encrypted workbooks). Its first worksheet is read, and a cell reads as
// the same cell of the sheet saved as .xlsx reads: a number as the
// shortest decimal of the number stored (a date is a serial day number,
// as Excel keeps it), a formula as its cached result, a boolean as 1 or
// 0, an error as its code (#N/A), and text as it is. A sheet has at most
// 65,536 rows, so its cells are gathered whole before the first row is
// handed on: records may come in any order, and the memory stays bounded.

var ole2Magic = [8]byte{0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1}

// BIFF8 record types.
const (
	recFormula    = 0x0006
	recEOF        = 0x000a
	recDateMode   = 0x0022
	recFilePass   = 0x002f
	recContinue   = 0x003c
	recBoundSheet = 0x0085
	recMulRK      = 0x00bd
	recSST        = 0x00fc
	recLabelSST   = 0x00fd
	recRString    = 0x00d6
	recNumber     = 0x0203
	recLabel      = 0x0204
	recBoolErr    = 0x0205
	recString     = 0x0207
	recRK         = 0x027e
	recBOF        = 0x0809
)

type xlsCell struct {
	row, col uint16
	v        string
}

type xlsTable struct {
	name     string
	date1904 bool
	sst      []string
	cells    []xlsCell // by row, then column
	at       int
	rec      []string
}

// errOldXLS is an .xls workbook older than BIFF8 (Excel 5.0 or 95).
var errOldXLS = errors.New("an Excel 5.0/95 workbook, older than the Excel 97–2003 form rank reads")

// openXLS opens an Excel 97–2003 workbook; one of Excel 5.0 or 95 is read
// through LibreOffice where it is installed.
func openXLS(path, sheet string) (table, error) {
	t, err := readXLS(path, sheet)
	if errors.Is(err, errOldXLS) {
		if c, cerr := convertWithLibreOffice(path, sheet); cerr == nil {
			return c, nil
		} else if !errors.Is(cerr, errNoLibreOffice) {
			return nil, fmt.Errorf("%w, and LibreOffice could not convert it (%v): open it in Excel or LibreOffice and save it as .xlsx", err, cerr)
		}
		return nil, fmt.Errorf("%w: open it in Excel or LibreOffice and save it as .xlsx (or install LibreOffice, which rank then uses to read it)", err)
	}
	if err != nil {
		return nil, err
	}
	return t, nil
}

// readXLS reads the sheet named sheet, or the first visible one, of an
// Excel 97–2003 workbook.
func readXLS(path, sheet string) (*xlsTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	doc, err := mscfb.New(f)
	if err != nil {
		return nil, badXLS(err)
	}
	var book *mscfb.File
	for e, err := doc.Next(); err == nil; e, err = doc.Next() {
		switch {
		case strings.EqualFold(e.Name, "Workbook"):
			book = e
		case strings.EqualFold(e.Name, "Book") && book == nil:
			return nil, errOldXLS
		case e.Name == "EncryptedPackage":
			return nil, errors.New("a workbook locked with a password: open it, remove the password (File, Info, Protect Workbook) and save it again")
		}
	}
	if book == nil {
		return nil, errors.New("not an Excel workbook: an OLE2 file without a Workbook stream (a Word or other Office file named .xls?)")
	}
	r := &biffReader{r: bufio.NewReader(book), size: book.Size}
	t := &xlsTable{}
	sheetAt, err := t.readGlobals(r, sheet)
	if err != nil {
		return nil, err
	}
	if _, err := book.Seek(sheetAt, io.SeekStart); err != nil {
		return nil, badXLS(fmt.Errorf("sheet %s: %w", t.name, err))
	}
	r.r.Reset(book)
	r.at = sheetAt
	if err := t.readSheet(r); err != nil {
		return nil, badXLS(fmt.Errorf("sheet %s: %w", t.name, err))
	}
	slices.SortStableFunc(t.cells, func(a, b xlsCell) int {
		if a.row != b.row {
			return int(a.row) - int(b.row)
		}
		return int(a.col) - int(b.col)
	})
	return t, nil
}

// badXLS is an .xls workbook that is damaged or cut short.
func badXLS(err error) error {
	return fmt.Errorf("not a readable Excel 97–2003 workbook (.xls), damaged or cut short (%w): if Excel or LibreOffice opens it, save it as .xlsx", err)
}

// biffReader reads BIFF records.
type biffReader struct {
	r    *bufio.Reader
	at   int64 // offset of the next record in the stream
	size int64
	buf  []byte
}

// next reads a record; its data is valid until the next call.
func (b *biffReader) next() (typ uint16, data []byte, err error) {
	var h [4]byte
	if _, err := io.ReadFull(b.r, h[:]); err != nil {
		if err == io.EOF {
			return 0, nil, io.ErrUnexpectedEOF
		}
		return 0, nil, err
	}
	typ = binary.LittleEndian.Uint16(h[:])
	n := int(binary.LittleEndian.Uint16(h[2:]))
	if cap(b.buf) < n {
		b.buf = make([]byte, n)
	}
	data = b.buf[:n]
	if _, err := io.ReadFull(b.r, data); err != nil {
		return 0, nil, io.ErrUnexpectedEOF
	}
	b.at += 4 + int64(n)
	return typ, data, nil
}

// peek reads the type of the next record without reading it.
func (b *biffReader) peek() uint16 {
	h, err := b.r.Peek(2)
	if err != nil {
		return 0
	}
	return binary.LittleEndian.Uint16(h)
}

// readGlobals reads the workbook's globals: its version, date system,
// shared strings and where the worksheet to read starts: the one named
// sheet, or the first visible one.
func (t *xlsTable) readGlobals(r *biffReader, sheet string) (int64, error) {
	bad := func(err error) (int64, error) { return 0, badXLS(err) }
	typ, data, err := r.next()
	if err != nil {
		return bad(err)
	}
	if typ != recBOF || len(data) < 4 {
		return bad(errors.New("its Workbook stream does not start with a BOF record"))
	}
	if v := binary.LittleEndian.Uint16(data); v != 0x0600 {
		return 0, errOldXLS
	}
	var sheets []sheetRef
	var starts []int64
	var sst [][]byte // the SST record and its CONTINUE records
	inSST := false
	for {
		typ, data, err := r.next()
		if err != nil {
			return bad(err)
		}
		if inSST && typ == recContinue {
			sst = append(sst, slices.Clone(data))
			continue
		}
		inSST = false
		switch typ {
		case recFilePass:
			return 0, errors.New("a workbook locked with a password: open it, remove the password and save it again")
		case recDateMode:
			t.date1904 = len(data) >= 2 && data[0] == 1
		case recBoundSheet:
			// A worksheet (type 0; not a chart or a macro sheet), hidden
			// when its state is 1 (hidden) or 2 (very hidden).
			if len(data) >= 8 && data[5] == 0 {
				starts = append(starts, int64(binary.LittleEndian.Uint32(data)))
				sheets = append(sheets, sheetRef{shortString(data[6:]), data[4]&3 != 0})
			}
		case recSST:
			sst, inSST = [][]byte{slices.Clone(data)}, true
		case recEOF:
			if len(sheets) == 0 {
				return 0, errors.New("the workbook has no sheet")
			}
			i, err := pickSheet(sheets, sheet)
			if err != nil {
				return 0, err
			}
			sheetAt := starts[i]
			t.name = sheets[i].name
			if sheetAt >= r.size {
				return bad(fmt.Errorf("sheet %s starts past the end of the stream", t.name))
			}
			strs, err := readSST(sst)
			if err != nil {
				return bad(err)
			}
			t.sst = strs
			return sheetAt, nil
		}
	}
}

// readSheet reads the cells of the sheet whose BOF r is at.
func (t *xlsTable) readSheet(r *biffReader) error {
	typ, _, err := r.next()
	if err != nil {
		return err
	}
	if typ != recBOF {
		return errors.New("its records do not start with a BOF record")
	}
	depth := 1 // an embedded chart's records nest in BOF … EOF
	short := errors.New("a record shorter than its kind")
	for depth > 0 {
		typ, data, err := r.next()
		if err != nil {
			return err
		}
		if typ != recBOF && typ != recEOF && depth > 1 {
			continue
		}
		if len(data) < 6 && (typ == recLabelSST || typ == recLabel || typ == recRString || typ == recNumber ||
			typ == recRK || typ == recMulRK || typ == recBoolErr || typ == recFormula) {
			return short
		}
		switch typ {
		case recBOF:
			depth++
		case recEOF:
			depth--
		case recLabelSST:
			if len(data) < 10 {
				return short
			}
			i := binary.LittleEndian.Uint32(data[6:])
			if int(i) >= len(t.sst) {
				return fmt.Errorf("row %d: a shared string %d of %d", cellRow(data), i, len(t.sst))
			}
			t.add(data, t.sst[i])
		case recLabel, recRString:
			s, _, ok := unicodeString(data[6:])
			if !ok {
				return short
			}
			t.add(data, s)
		case recNumber:
			if len(data) < 14 {
				return short
			}
			t.add(data, formatNumber(math.Float64frombits(binary.LittleEndian.Uint64(data[6:]))))
		case recRK:
			if len(data) < 10 {
				return short
			}
			t.add(data, formatNumber(rkNumber(binary.LittleEndian.Uint32(data[6:]))))
		case recMulRK:
			row := binary.LittleEndian.Uint16(data)
			col := binary.LittleEndian.Uint16(data[2:])
			for p := 4; p+6 <= len(data)-2; p += 6 {
				t.cells = append(t.cells, xlsCell{row, col, formatNumber(rkNumber(binary.LittleEndian.Uint32(data[p+2:])))})
				col++
			}
		case recBoolErr:
			if len(data) < 8 {
				return short
			}
			t.add(data, boolErr(data[6], data[7] == 1))
		case recFormula:
			if len(data) < 14 {
				return short
			}
			res := data[6:14]
			if res[6] != 0xff || res[7] != 0xff {
				t.add(data, formatNumber(math.Float64frombits(binary.LittleEndian.Uint64(res))))
				break
			}
			switch res[0] {
			case 0: // text, in the STRING record that follows
				row, col := binary.LittleEndian.Uint16(data), binary.LittleEndian.Uint16(data[2:])
				for r.peek() == recShrFmla || r.peek() == recArray || r.peek() == recTable {
					if _, _, err := r.next(); err != nil {
						return err
					}
				}
				if r.peek() != recString {
					break
				}
				_, sdata, err := r.next()
				if err != nil {
					return err
				}
				s, _, ok := unicodeString(sdata)
				if !ok {
					return short
				}
				t.cells = append(t.cells, xlsCell{row, col, s})
			case 1:
				t.add(data, boolErr(res[2], false))
			case 2:
				t.add(data, boolErr(res[2], true))
			}
		}
	}
	return nil
}

// More records that may stand between a FORMULA and its STRING.
const (
	recShrFmla = 0x04bc
	recArray   = 0x0221
	recTable   = 0x0236
)

func cellRow(data []byte) int { return int(binary.LittleEndian.Uint16(data)) + 1 }

// add adds the cell a record of row, column, XF … names.
func (t *xlsTable) add(data []byte, v string) {
	t.cells = append(t.cells, xlsCell{binary.LittleEndian.Uint16(data), binary.LittleEndian.Uint16(data[2:]), v})
}

// rkNumber reads an RK number: a 30-bit integer or the top of a double,
// perhaps a hundredth of it.
func rkNumber(rk uint32) float64 {
	var x float64
	if rk&2 != 0 {
		x = float64(int32(rk) >> 2)
	} else {
		x = math.Float64frombits(uint64(rk&^3) << 32)
	}
	if rk&1 != 0 {
		x /= 100
	}
	return x
}

// boolErr is a boolean as xlsx keeps it (1 or 0), or an error's code.
func boolErr(v byte, isErr bool) string {
	if !isErr {
		if v != 0 {
			return "1"
		}
		return "0"
	}
	switch v {
	case 0x00:
		return "#NULL!"
	case 0x07:
		return "#DIV/0!"
	case 0x0f:
		return "#VALUE!"
	case 0x17:
		return "#REF!"
	case 0x1d:
		return "#NAME?"
	case 0x24:
		return "#NUM!"
	case 0x2a:
		return "#N/A"
	}
	return "#N/A"
}

// shortString reads a ShortXLUnicodeString: an 8-bit count of characters,
// a flags byte, the characters.
func shortString(b []byte) string {
	if len(b) < 2 {
		return ""
	}
	n, high := int(b[0]), b[1]&1 != 0
	return decodeChars(b[2:], n, high)
}

// unicodeString reads an XLUnicodeString: a 16-bit count of characters,
// a flags byte, the characters; it returns the bytes read.
func unicodeString(b []byte) (string, int, bool) {
	if len(b) < 3 {
		return "", 0, false
	}
	n, high := int(binary.LittleEndian.Uint16(b)), b[2]&1 != 0
	size := n
	if high {
		size *= 2
	}
	if len(b) < 3+size {
		return "", 0, false
	}
	return decodeChars(b[3:], n, high), 3 + size, true
}

// decodeChars reads n characters: UTF-16LE, or one byte each (the low
// byte of a character below U+0100) when not high.
func decodeChars(b []byte, n int, high bool) string {
	if !high {
		n = min(n, len(b))
		var s strings.Builder
		for _, c := range b[:n] {
			s.WriteRune(rune(c))
		}
		return s.String()
	}
	n = min(n, len(b)/2)
	u := make([]uint16, n)
	for i := range u {
		u[i] = binary.LittleEndian.Uint16(b[2*i:])
	}
	return string(utf16.Decode(u))
}

// readSST reads the shared strings, whose records (SST, then CONTINUE)
// may part a string anywhere: within its characters a new record starts
// with a flags byte that says how the rest are written.
func readSST(segs [][]byte) ([]string, error) {
	if len(segs) == 0 {
		return nil, nil
	}
	if len(segs[0]) < 8 {
		return nil, errors.New("a shared strings table too short")
	}
	r := &sstReader{segs: segs, pos: 8}
	count := int(binary.LittleEndian.Uint32(segs[0][4:]))
	total := 0
	for _, s := range segs {
		total += len(s)
	}
	strs := make([]string, 0, min(count, total/3))
	for len(strs) < count {
		hdr, ok := r.bytes(3)
		if !ok {
			break // fewer than said: the strings there are
		}
		n, flags := int(binary.LittleEndian.Uint16(hdr)), hdr[2]
		var runs, ext int
		if flags&0x08 != 0 {
			b, ok := r.bytes(2)
			if !ok {
				return nil, errors.New("a shared string cut short")
			}
			runs = int(binary.LittleEndian.Uint16(b))
		}
		if flags&0x04 != 0 {
			b, ok := r.bytes(4)
			if !ok {
				return nil, errors.New("a shared string cut short")
			}
			ext = int(binary.LittleEndian.Uint32(b))
		}
		s, ok := r.chars(n, flags&1 != 0)
		if !ok {
			return nil, errors.New("a shared string cut short")
		}
		if !r.skip(4*runs + ext) {
			return nil, errors.New("a shared string cut short")
		}
		strs = append(strs, s)
	}
	return strs, nil
}

type sstReader struct {
	segs [][]byte
	seg  int
	pos  int
	tmp  []byte
}

// bytes reads n bytes, across records.
func (r *sstReader) bytes(n int) ([]byte, bool) {
	r.tmp = r.tmp[:0]
	for n > 0 {
		if r.seg >= len(r.segs) {
			return nil, false
		}
		s := r.segs[r.seg]
		k := min(n, len(s)-r.pos)
		r.tmp = append(r.tmp, s[r.pos:r.pos+k]...)
		r.pos += k
		n -= k
		if r.pos == len(s) && n > 0 {
			r.seg, r.pos = r.seg+1, 0
		}
	}
	return r.tmp, true
}

func (r *sstReader) skip(n int) bool {
	for n > 0 {
		if r.seg >= len(r.segs) {
			return false
		}
		k := min(n, len(r.segs[r.seg])-r.pos)
		r.pos += k
		n -= k
		if r.pos == len(r.segs[r.seg]) && n > 0 {
			r.seg, r.pos = r.seg+1, 0
		}
	}
	return true
}

// chars reads n characters; where a record ends within them, the next
// starts with the flags byte for the rest.
func (r *sstReader) chars(n int, high bool) (string, bool) {
	var u []uint16
	for n > 0 {
		if r.seg >= len(r.segs) {
			return "", false
		}
		s := r.segs[r.seg]
		if r.pos == len(s) {
			r.seg++
			if r.seg >= len(r.segs) || len(r.segs[r.seg]) == 0 {
				return "", false
			}
			high, r.pos = r.segs[r.seg][0]&1 != 0, 1
			continue
		}
		if high {
			k := min(n, (len(s)-r.pos)/2)
			if k == 0 { // half a character: not a table Excel writes
				return "", false
			}
			for i := 0; i < k; i++ {
				u = append(u, binary.LittleEndian.Uint16(s[r.pos+2*i:]))
			}
			r.pos += 2 * k
			n -= k
		} else {
			k := min(n, len(s)-r.pos)
			for _, c := range s[r.pos : r.pos+k] {
				u = append(u, uint16(c))
			}
			r.pos += k
			n -= k
		}
	}
	return string(utf16.Decode(u)), true
}

func (t *xlsTable) next() ([]string, int, error) {
	if t.at >= len(t.cells) {
		return nil, 0, io.EOF
	}
	row := t.cells[t.at].row
	rec := t.rec[:0]
	for ; t.at < len(t.cells) && t.cells[t.at].row == row; t.at++ {
		c := t.cells[t.at]
		for len(rec) < int(c.col) {
			rec = append(rec, "")
		}
		if len(rec) == int(c.col) {
			rec = append(rec, c.v)
		} else {
			rec[c.col] = c.v // a cell written twice: the later stands
		}
	}
	t.rec = rec
	return rec, int(row) + 1, nil
}

func (t *xlsTable) sheet() string          { return t.name }
func (t *xlsTable) dateSystem() dateSystem { return excelDates(t.date1904) }
func (t *xlsTable) decimalComma() bool     { return false }
func (t *xlsTable) close() error           { return nil }
