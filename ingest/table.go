package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
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
	// decimalComma reports whether the file writes decimals with a comma
	// (9,5): text separated by semicolons, as Excel saves CSV where the
	// comma is the decimal separator.
	decimalComma() bool
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

// openTable opens a table file of any form the exports come in. The
// content decides first: a ZIP archive is an xlsx or ods workbook (by its
// parts), an OLE2 compound file an Excel 97–2003 workbook, a page of HTML
// (what web systems save as .xls) its first table of data, and anything
// else delimited text, UTF-8, UTF-16 or Windows-1256, by commas,
// semicolons or tabs. The extension decides second: what a file named
// .xlsx or .ods holds must be a workbook, and a .tsv or .txt file leans
// to tabs where its first lines do not tell. A workbook is read from the
// sheet named sheet, or from its first visible sheet when sheet is "".
func openTable(path, sheet string) (table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	head := make([]byte, 8)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.EOF && err != io.ErrUnexpectedEOF {
		f.Close()
		return nil, err
	}
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		f.Close()
		return openZipped(path, ext, sheet)
	case bytes.HasPrefix(head, ole2Magic[:4]):
		f.Close()
		return openXLS(path, sheet)
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, err
	}
	t, err := openText(f, path, sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	return t, nil
}

// openZipped opens a ZIP archive as the workbook its parts make it: an
// OpenDocument spreadsheet by its mimetype, otherwise an xlsx workbook.
func openZipped(path, ext, sheet string) (table, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		switch ext {
		case ".xlsx":
			return openWorkbook(path, sheet) // excelize says what is wrong with it
		case ".ods":
			return nil, fmt.Errorf("not a readable ODS workbook: %w", err)
		}
		return nil, fmt.Errorf("starts as a workbook (a ZIP archive) but does not open as one: %w: save it again as .xlsx or CSV", err)
	}
	mime := zipMimetype(&z.Reader)
	switch {
	case mime == odsMimetype:
		return openODS(z, sheet)
	case strings.HasPrefix(mime, "application/vnd.oasis.opendocument."):
		z.Close()
		return nil, fmt.Errorf("an OpenDocument file of another kind (%s), not a spreadsheet: save the sheet as .ods, .xlsx or CSV", mime)
	}
	z.Close()
	return openWorkbook(path, sheet)
}

// zipMimetype is what an archive's mimetype part says it is, or "".
func zipMimetype(z *zip.Reader) string {
	for _, f := range z.File {
		if f.Name != "mimetype" {
			continue
		}
		r, err := f.Open()
		if err != nil {
			return ""
		}
		defer r.Close()
		b, _ := io.ReadAll(io.LimitReader(r, 128))
		return strings.TrimSpace(string(b))
	}
	return ""
}

type xlsxTable struct {
	f        *excelize.File
	rows     *excelize.Rows
	name     string
	n        int
	date1904 bool
}

// openXLSX opens a workbook's sheet named sheet, or its first visible
// one, with excelize.
func openXLSX(path, sheet string) (*xlsxTable, error) {
	f, err := excelize.OpenFile(path, excelize.Options{UnzipSizeLimit: unzipSizeLimit, UnzipXMLSizeLimit: unzipXMLSizeLimit})
	if err != nil {
		return nil, fmt.Errorf("not a readable XLSX workbook: %w", err)
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return nil, errors.New("the workbook has no sheet")
	}
	refs := make([]sheetRef, len(sheets))
	for i, name := range sheets {
		visible, _ := f.GetSheetVisible(name)
		refs[i] = sheetRef{name, !visible}
	}
	i, err := pickSheet(refs, sheet)
	if err != nil {
		f.Close()
		return nil, err
	}
	name := sheets[i]
	rows, err := f.Rows(name)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("sheet %s: %w", name, err)
	}
	t := &xlsxTable{f: f, rows: rows, name: name}
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
func (t *xlsxTable) decimalComma() bool     { return false }

func (t *xlsxTable) close() error {
	t.rows.Close()
	return t.f.Close()
}
