package ingest

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// Limits on what a workbook may unpack to, so a hostile or broken file
// cannot exhaust memory.
const (
	unzipSizeLimit    = 1 << 30
	unzipXMLSizeLimit = 256 << 20
)

// sniffSize is how much of a CSV file decides its encoding.
const sniffSize = 64 << 10

// Limits on a row of an export, far above any real one: a file past them
// is refused whole, before it can exhaust memory.
const (
	maxLineBytes = 1 << 20 // a CSV line
	maxCells     = 1024    // cells in a row
)

// A table is a file of either format as a header and numbered records.
type table interface {
	// next returns the next record and the 1-based line or row it starts
	// on, io.EOF at the end, or a *csv.ParseError for a malformed record
	// that the table can read past. The record is valid until the next call.
	next() (rec []string, row int, err error)
	sheet() string
	// dateSystem is the calendar the file's serial date numbers count
	// from: noSerialDates for text files, whose dates are written out;
	// excel1900 or excel1904 for workbooks.
	dateSystem() dateSystem
	close() error
}

// dateSystem says how a file writes dates that are not text.
type dateSystem uint8

const (
	noSerialDates dateSystem = iota // a number in a date column is an error
	excel1900                       // Excel's serial days from 1899-12-30
	excel1904                       // from 1904-01-01 (old Mac workbooks)
)

// excelDates is the date system of a workbook by its date1904 flag.
func excelDates(date1904 bool) dateSystem {
	if date1904 {
		return excel1904
	}
	return excel1900
}

// openTable opens a CSV or XLSX file, chosen by its extension.
func openTable(path string) (table, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return openCSV(path)
	case ".xlsx":
		return openWorkbook(path)
	}
	return nil, errors.New("not a CSV or XLSX file (want .csv or .xlsx)")
}

type csvTable struct {
	f *os.File
	r *csv.Reader
}

func openCSV(path string) (*csvTable, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	r, err := decode(bufio.NewReaderSize(f, sniffSize))
	if err != nil {
		f.Close()
		return nil, err
	}
	cr := csv.NewReader(&guard{r: r, line: 1})
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	return &csvTable{f: f, r: cr}, nil
}

// decode detects the encoding of a CSV file: UTF-8 when it starts with a
// byte order mark, otherwise UTF-8 or Windows-1256 as the first 64 KiB
// from the first non-ASCII byte on are valid UTF-8 or not (an export
// whose first rows are all ASCII decides later). Workbooks mistaken for
// CSV are refused.
func decode(br *bufio.Reader) (io.Reader, error) {
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, err
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		br.Discard(3)
		return br, nil
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return nil, errors.New("this is a workbook, not CSV: rename it to .xlsx")
	case bytes.HasPrefix(head, []byte("\xd0\xcf\x11\xe0")):
		return nil, errors.New("this is an old Excel .xls workbook: save it as .xlsx or CSV")
	case bytes.HasPrefix(head, []byte("\xff\xfe")), bytes.HasPrefix(head, []byte("\xfe\xff")):
		return nil, errors.New("this is UTF-16 text: save it as CSV UTF-8 (Excel: Save As, CSV UTF-8)")
	}
	if i := bytes.IndexByte(head, 0); i >= 0 {
		return nil, fmt.Errorf("not a text file: a NUL byte at offset %d (a binary file named .csv?)", i)
	}
	return &sniffer{br: br}, nil
}

// guard stops a CSV file that is not an export: a line longer than
// maxLineBytes, or a NUL byte, ends the read with an error naming the line.
type guard struct {
	r    io.Reader
	line int // the line being read, from 1
	run  int // bytes since its start
}

func (g *guard) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	b := p[:n]
	for len(b) > 0 {
		nl := bytes.IndexByte(b, '\n')
		seg := b
		if nl >= 0 {
			seg = b[:nl]
		}
		if i := bytes.IndexByte(seg, 0); i >= 0 {
			return 0, fmt.Errorf("line %d: a NUL byte: not a text export (a binary file, or one damaged in transfer)", g.line)
		}
		g.run += len(seg)
		if g.run > maxLineBytes {
			return 0, fmt.Errorf("line %d is longer than %d MiB: not an export row", g.line, maxLineBytes>>20)
		}
		if nl < 0 {
			break
		}
		g.line, g.run = g.line+1, 0
		b = b[nl+1:]
	}
	return n, err
}

// sniffer passes ASCII through until the first other byte, where it
// decides the encoding of the rest.
type sniffer struct {
	br *bufio.Reader
	r  io.Reader // once decided
}

func (s *sniffer) Read(p []byte) (int, error) {
	if s.r != nil {
		return s.r.Read(p)
	}
	n := s.br.Buffered()
	if n == 0 {
		if _, err := s.br.Peek(1); err != nil {
			return 0, err
		}
		n = s.br.Buffered()
	}
	buf, _ := s.br.Peek(min(n, len(p)))
	i := 0
	for i < len(buf) && buf[i] < utf8.RuneSelf {
		i++
	}
	if i > 0 {
		copy(p, buf[:i])
		s.br.Discard(i)
		return i, nil
	}
	head, err := s.br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return 0, err
	}
	if validUTF8(head, len(head) == sniffSize) {
		s.r = s.br
	} else {
		s.r = charmap.Windows1256.NewDecoder().Reader(s.br)
	}
	return s.r.Read(p)
}

// validUTF8 reports whether a sample is UTF-8; a character cut at the end
// of a partial sample is not held against it.
func validUTF8(b []byte, partial bool) bool {
	if partial {
		for i := 1; i <= utf8.UTFMax && i <= len(b); i++ {
			if utf8.RuneStart(b[len(b)-i]) {
				if !utf8.FullRune(b[len(b)-i:]) {
					b = b[:len(b)-i]
				}
				break
			}
		}
	}
	return utf8.Valid(b)
}

func (t *csvTable) next() ([]string, int, error) {
	rec, err := t.r.Read()
	if err != nil {
		return nil, 0, err
	}
	line, _ := t.r.FieldPos(0)
	return rec, line, nil
}

func (t *csvTable) sheet() string          { return "" }
func (t *csvTable) dateSystem() dateSystem { return noSerialDates }
func (t *csvTable) close() error           { return t.f.Close() }

type xlsxTable struct {
	f        *excelize.File
	rows     *excelize.Rows
	name     string
	n        int
	date1904 bool
}

func openXLSX(path string) (*xlsxTable, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit})
	if err != nil {
		return nil, fmt.Errorf("not a readable XLSX workbook: %w", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errors.New("the workbook has no sheet")
	}
	rows, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("sheet %s: %w", sheets[0], err)
	}
	t := &xlsxTable{f: f, rows: rows, name: sheets[0]}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		t.date1904 = *props.Date1904
	}
	return t, nil
}

func (t *xlsxTable) next() ([]string, int, error) {
	if !t.rows.Next() {
		if err := t.rows.Error(); err != nil {
			return nil, 0, fmt.Errorf("sheet %s: %w", t.name, err)
		}
		return nil, 0, io.EOF
	}
	t.n++
	rec, err := t.rows.Columns(excelize.Options{RawCellValue: true})
	if err == nil && len(rec) > maxCells {
		return nil, 0, fmt.Errorf("sheet %s, row %d has %d cells; an export has at most %d columns", t.name, t.n, len(rec), maxCells)
	}
	if err != nil {
		return nil, 0, fmt.Errorf("sheet %s, row %d: %w", t.name, t.n, err)
	}
	return rec, t.n, nil
}

func (t *xlsxTable) sheet() string          { return t.name }
func (t *xlsxTable) dateSystem() dateSystem { return excelDates(t.date1904) }

func (t *xlsxTable) close() error {
	t.rows.Close()
	return t.f.Close()
}
