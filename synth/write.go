package synth

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// fixedTime is the creation and modification time of every workbook, so
// that the same Config writes the same bytes.
const fixedTime = "2000-01-01T00:00:00Z"

// table writes one file of an export row by row, as CSV or XLSX.
type table interface {
	row(cells []string) error
	close() error
}

// fileName is the base name a kind is written under.
func (f Format) fileName(k Kinds) string {
	if f.XLSX.Has(k) {
		return k.String() + ".xlsx"
	}
	return k.String() + ".csv"
}

// header is the header row of kind k, English or Persian.
func (f Format) header(k Kinds, names []string) []string {
	if !f.PersianHeaders.Has(k) {
		return names
	}
	out := make([]string, len(names))
	for i, n := range names {
		if fa, ok := persianHeader(k, n); ok {
			out[i] = fa
		} else {
			out[i] = n
		}
	}
	return out
}

func (f Format) create(dir string, k Kinds, header []string) (table, error) {
	path := filepath.Join(dir, f.fileName(k))
	if f.XLSX.Has(k) {
		t := &xlsxTable{path: path, file: excelize.NewFile()}
		var err error
		if t.sw, err = t.file.NewStreamWriter("Sheet1"); err != nil {
			return nil, err
		}
		return t, t.row(header)
	}
	fh, err := os.Create(path)
	if err != nil {
		return nil, err
	}
	t := &csvTable{f: fh, w: bufio.NewWriterSize(fh, 1<<20), cp1256: f.Windows1256.Has(k), crlf: f.CRLF.Has(k)}
	if f.BOM.Has(k) && !t.cp1256 {
		t.w.WriteString("\ufeff")
	}
	return t, t.row(header)
}

type csvTable struct {
	f      *os.File
	w      *bufio.Writer
	buf    []byte
	cp1256 bool
	crlf   bool
}

func (t *csvTable) row(cells []string) error {
	b := t.buf[:0]
	for i, c := range cells {
		if i > 0 {
			b = append(b, ',')
		}
		if strings.ContainsAny(c, ",\"\r\n") {
			b = append(b, '"')
			b = append(b, strings.ReplaceAll(c, `"`, `""`)...)
			b = append(b, '"')
		} else {
			b = append(b, c...)
		}
	}
	t.buf = b
	return t.line(b)
}

// line writes one already joined line.
func (t *csvTable) line(b []byte) error {
	if t.cp1256 {
		b = encode1256(string(b))
	}
	t.w.Write(b)
	if t.crlf {
		t.w.WriteByte('\r')
	}
	return t.w.WriteByte('\n')
}

func (t *csvTable) close() error {
	err := t.w.Flush()
	if cerr := t.f.Close(); err == nil {
		err = cerr
	}
	return err
}

type xlsxTable struct {
	path string
	file *excelize.File
	sw   *excelize.StreamWriter
	n    int
	vals []any
}

func (t *xlsxTable) row(cells []string) error {
	t.n++
	if t.n > maxXLSXRows {
		return fmt.Errorf("%s: more rows than an Excel sheet holds", filepath.Base(t.path))
	}
	t.vals = t.vals[:0]
	for _, c := range cells {
		t.vals = append(t.vals, c)
	}
	cell, err := excelize.CoordinatesToCellName(1, t.n)
	if err != nil {
		return err
	}
	return t.sw.SetRow(cell, t.vals)
}

func (t *xlsxTable) close() error {
	if err := t.sw.Flush(); err != nil {
		return err
	}
	props := &excelize.DocProperties{Created: fixedTime, Modified: fixedTime, Creator: "rank synth", LastModifiedBy: "rank synth"}
	if err := t.file.SetDocProps(props); err != nil {
		return err
	}
	fh, err := os.Create(t.path)
	if err != nil {
		return err
	}
	_, err = t.file.WriteTo(fh)
	if cerr := fh.Close(); err == nil {
		err = cerr
	}
	if cerr := t.file.Close(); err == nil {
		err = cerr
	}
	return err
}

// writeRows writes a whole file.
func (f Format) writeRows(dir string, k Kinds, header []string, rows [][]string) error {
	t, err := f.create(dir, k, header)
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := t.row(r); err != nil {
			t.close()
			return err
		}
	}
	return t.close()
}
