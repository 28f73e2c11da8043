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

// A table is a file of either format as a header and numbered records.
type table interface {
	// next returns the next record and the 1-based line or row it starts
	// on, io.EOF at the end, or a *csv.ParseError for a malformed record
	// that the table can read past. The record is valid until the next call.
	next() (rec []string, row int, err error)
	sheet() string
	isXLSX() bool
	close() error
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
	cr := csv.NewReader(r)
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
	}
	return &sniffer{br: br}, nil
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

func (t *csvTable) sheet() string { return "" }
func (t *csvTable) isXLSX() bool  { return false }
func (t *csvTable) close() error  { return t.f.Close() }

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
	if err != nil {
		return nil, 0, fmt.Errorf("sheet %s, row %d: %w", t.name, t.n, err)
	}
	return rec, t.n, nil
}

func (t *xlsxTable) sheet() string { return t.name }
func (t *xlsxTable) isXLSX() bool  { return true }

func (t *xlsxTable) close() error {
	t.rows.Close()
	return t.f.Close()
}
