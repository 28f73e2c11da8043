package report

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// table is one sheet's cells before they are streamed. Cells are added as
// a string, an int, an int64, a float64 (shown with the rules' decimals), a
// plain (a number with no fixed decimals), a graded or nil (blank), and
// kept typed (a cell), so that a sheet of 100,000 rows does not box every
// value.
type table struct {
	name    string
	rows    [][]cell
	headers map[int]bool // 0-based rows drawn bold
	// filter > 0: row 1 is the header; it is frozen and rows 1…filter carry
	// the AutoFilter (a totals row after them stays out of sorting). It is
	// also printed on every page.
	filter int
	// charts are drawn on chart sheets after the workbook's tables, from
	// this table's cells (the sheet's name is given to each).
	charts []tableChart
}

// tableChart is a chart sheet drawn from a table's cells.
type tableChart struct {
	name  string
	chart func(sheet string) *excelize.Chart
}

// graded is a grade as a cell, coloured by grade.
type graded int

// plain is a number drawn in the General format.
type plain float64

// cell is one cell of a table.
type cell struct {
	kind cellKind
	s    string  // text; for other, the value as fmt prints it
	f    float64 // number, plain; whole numbers and grades too (exact to 2^53)
}

type cellKind uint8

const (
	blankCell cellKind = iota
	textCell
	wholeCell
	numberCell // shown with the book's decimals
	plainCell
	gradedCell
	otherCell
)

// cellOf is the cell of a value added to a table.
func cellOf(v any) cell {
	switch x := v.(type) {
	case nil:
		return cell{}
	case string:
		return cell{kind: textCell, s: x}
	case int:
		return cell{kind: wholeCell, f: float64(x)}
	case int64:
		return cell{kind: wholeCell, f: float64(x)}
	case float64:
		return cell{kind: numberCell, f: x}
	case plain:
		return cell{kind: plainCell, f: float64(x)}
	case graded:
		return cell{kind: gradedCell, f: float64(x)}
	case cell:
		return x
	}
	return cell{kind: otherCell, s: fmt.Sprint(v)}
}

// Cells built without boxing, for the long sheets.
func textC(s string) cell    { return cell{kind: textCell, s: s} }
func numberC(f float64) cell { return cell{kind: numberCell, f: f} }
func wholeC(n int) cell      { return cell{kind: wholeCell, f: float64(n)} }
func gradeC(g int) cell      { return cell{kind: gradedCell, f: float64(g)} }

// blankZeroC is n, or a blank cell for 0.
func blankZeroC(n int) cell {
	if n == 0 {
		return cell{}
	}
	return wholeC(n)
}

func (t *table) add(cells ...any) {
	row := make([]cell, len(cells))
	for i, v := range cells {
		row[i] = cellOf(v)
	}
	t.rows = append(t.rows, row)
}

// addCells adds a row of cells as they are (the slice is kept).
func (t *table) addCells(row []cell) { t.rows = append(t.rows, row) }

func (t *table) header(cells ...any) {
	if t.headers == nil {
		t.headers = map[int]bool{}
	}
	t.headers[len(t.rows)] = true
	t.add(cells...)
}

func (t *table) blank() { t.rows = append(t.rows, nil) }

// Column widths, in Excel's character units.
const (
	minWidth = 6
	maxWidth = 60
)

// book builds one workbook.
type book struct {
	f        *excelize.File
	decimals int
	bold     int // header cells
	number   int // floats, with the decimals
	boldNum  int // floats in a bold (totals) row
	sheets   int
	grades   map[int]int                      // graded cells' styles by grade
	lang     string                           // "en": labels in English (english.go)
	rows     map[string]func(io.Writer) error // marker row -> the sheet's rows (rowxml.go)
	cells    int                              // in the sheets written, to size the archive's buffer
	// excelizeRows writes every row through excelize (tests compare).
	excelizeRows bool
}

// bookOption sets a book up as tests need it.
type bookOption func(*book)

// excelizeRows makes a book write every row through excelize, the
// reference the rows written by writeRows are held to.
func excelizeRows(b *book) { b.excelizeRows = true }

func newBook(decimals int, opts ...bookOption) (*book, error) {
	f := excelize.NewFile()
	b := &book{f: f, decimals: decimals, rows: map[string]func(io.Writer) error{}}
	for _, o := range opts {
		o(b)
	}
	// The archive's entries are written in a fixed order so that the same
	// evaluation gives byte-identical workbooks (excelize ranges over a map
	// of streamed sheets); sheets' rows rendered by rowsXML go in there.
	f.SetZipWriter(func(w io.Writer) excelize.ZipWriter {
		if buf, ok := w.(*bytes.Buffer); ok {
			// excelize writes the archive into a buffer it lets grow
			// from nothing: about 8 compressed bytes a cell.
			buf.Grow(16<<10 + 8*b.cells)
		}
		z := newSortedZip(w)
		z.rows = b.rows
		return z
	})
	numFmt := "0"
	if decimals > 0 {
		numFmt += "." + string(bytes.Repeat([]byte("0"), decimals))
	}
	var err error
	if b.bold, err = f.NewStyle(&excelize.Style{
		Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
	}); err != nil {
		return nil, err
	}
	if b.number, err = f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt}); err != nil {
		return nil, err
	}
	if b.boldNum, err = f.NewStyle(&excelize.Style{
		Font:         &excelize.Font{Bold: true},
		Fill:         excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}},
		CustomNumFmt: &numFmt,
	}); err != nil {
		return nil, err
	}
	// A font that renders Persian well and is on every office machine.
	if err := f.SetDefaultFont("Tahoma"); err != nil {
		return nil, err
	}
	// Grades coloured as Excel's "good, neutral, bad" cell styles.
	b.grades = map[int]int{}
	for g, c := range [][2]string{{"C6EFCE", "006100"}, {"FFEB9C", "9C5700"}, {"FFC7CE", "9C0006"}} {
		if b.grades[g+1], err = f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Color: c[1], Bold: true},
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		}); err != nil {
			return nil, err
		}
	}
	fixed := "2000-01-01T00:00:00Z"
	if err := f.SetDocProps(&excelize.DocProperties{
		Creator: "rank", LastModifiedBy: "rank", Created: fixed, Modified: fixed, Language: "fa-IR",
	}); err != nil {
		return nil, err
	}
	return b, nil
}

// width is how many characters a cell shows, for the column widths;
// scratch is reused so numbers are measured without allocating.
func (b *book) width(c cell, scratch *[]byte) int {
	switch c.kind {
	case blankCell:
		return 0
	case textCell:
		return runeCount(c.s)
	case wholeCell, gradedCell:
		*scratch = strconv.AppendInt((*scratch)[:0], int64(c.f), 10)
	case numberCell:
		*scratch = strconv.AppendFloat((*scratch)[:0], c.f, 'f', b.decimals, 64)
	case plainCell:
		*scratch = strconv.AppendFloat((*scratch)[:0], c.f, 'f', -1, 64)
	default:
		return runeCount(c.s)
	}
	return len(*scratch)
}

// runeCount is utf8.RuneCountInString, Persian letters taken without
// decoding calls (runeAt).
func runeCount(s string) int {
	n := 0
	for i := 0; i < len(s); n++ {
		_, w := runeAt(s, i)
		i += w
	}
	return n
}

// value is the value excelize's stream writer takes for a cell.
func (b *book) value(c cell, bold bool) any {
	var v any
	switch c.kind {
	case blankCell:
		return nil
	case textCell:
		if c.s == "" {
			return nil
		}
		v = c.s
	case numberCell:
		if math.IsNaN(c.f) || math.IsInf(c.f, 0) {
			return nil
		}
		if bold {
			return excelize.Cell{StyleID: b.boldNum, Value: c.f}
		}
		return excelize.Cell{StyleID: b.number, Value: c.f}
	case plainCell:
		v = c.f
	case wholeCell:
		v = int64(c.f)
	case gradedCell:
		if s, ok := b.grades[int(c.f)]; ok && !bold {
			return excelize.Cell{StyleID: s, Value: int(c.f)}
		}
		v = int(c.f)
	default:
		v = c.s
	}
	if bold {
		return excelize.Cell{StyleID: b.bold, Value: v}
	}
	return v
}

// write streams t into a new sheet: right to left, fitted column widths,
// and for a table its header frozen and filtered.
func (b *book) write(t *table) error {
	name := t.name
	if b.sheets == 0 {
		if err := b.f.SetSheetName("Sheet1", name); err != nil {
			return err
		}
	} else if _, err := b.f.NewSheet(name); err != nil {
		return err
	}
	b.sheets++
	// Printed landscape, a page wide, the header row on every page.
	fit := true
	if err := b.f.SetSheetProps(name, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	landscape, wide, tall := "landscape", 1, 0
	if err := b.f.SetPageLayout(name, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &wide, FitToHeight: &tall}); err != nil {
		return err
	}
	if t.filter > 0 {
		if err := b.f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: "'" + name + "'!$1:$1", Scope: name}); err != nil {
			return err
		}
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// The view, widths and panes go out with the first row: set them first.
	rtl := b.lang != "en" // Persian reads right to left; a book in English left to right
	if err := b.f.SetSheetView(name, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
		return err
	}
	var widths []int
	var scratch []byte
	for i, row := range t.rows {
		b.cells += len(row)
		extra := 0
		if t.headers[i] {
			extra = 2 // bold, and room for the filter button
		}
		for c, v := range row {
			for len(widths) <= c {
				widths = append(widths, 0)
			}
			// Text shows at most as many characters as it has bytes:
			// no need to count the runes of one that cannot widen the
			// column (most of a 100,000-row sheet's cells).
			if v.kind == textCell && len(v.s)+extra <= widths[c] {
				continue
			}
			widths[c] = max(widths[c], b.width(v, &scratch)+extra)
		}
	}
	// excelize puts each new column before the ones it has; Excel wants
	// them ascending, so they are set from the last.
	for c := len(widths) - 1; c >= 0; c-- {
		w := float64(min(max(widths[c]+2, minWidth), maxWidth))
		if err := sw.SetColWidth(c+1, c+1, w); err != nil {
			return err
		}
	}
	if t.filter > 0 {
		if err := sw.SetPanes(&excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}); err != nil {
			return err
		}
	}
	if len(t.rows) > 0 && !b.excelizeRows && renderable(t) {
		marker := fmt.Sprintf("rank:rows:%d", b.sheets)
		if err := sw.SetRow("A1", []any{marker}); err != nil {
			return err
		}
		rows := t
		b.rows[`<row r="1"><c r="A1" t="inlineStr"><is><t>`+marker+`</t></is></c></row>`] = func(w io.Writer) error {
			out := rowWriter(w)
			defer rowWriters.Put(out)
			return b.writeRows(out, rows)
		}
		t = &table{name: t.name, filter: t.filter}
	}
	cells := make([]any, 0, len(widths))
	for i, row := range t.rows {
		cells = cells[:0]
		for _, v := range row {
			cells = append(cells, b.value(v, t.headers[i]))
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, cells); err != nil {
			return err
		}
	}
	if t.filter > 0 && len(widths) > 0 {
		last, _ := excelize.CoordinatesToCellName(len(widths), t.filter)
		if err := b.f.AutoFilter(name, "A1:"+last, nil); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// save writes the workbook to path and flushes it to disk.
func (b *book) save(path string) (err error) {
	defer func() {
		if cerr := b.f.Close(); err == nil {
			err = cerr
		}
	}()
	buf, err := b.f.WriteToBuffer()
	if err != nil {
		return err
	}
	return WriteFile(path, buf.Bytes())
}

// sortedZip collects a workbook's entries and writes them in a fixed
// order — [Content_Types].xml first, then by name — each compressed as it
// goes into the archive by one of a few shared flate writers.
type sortedZip struct {
	w       *zip.Writer
	entries map[string]*bytes.Buffer
	rows    map[string]func(io.Writer) error // marker row -> writes the rows, for worksheets
}

// rowWriters are the buffers the rows of a sheet are written through, one
// per sheet being written at a time: 165 sheets a national run.
var rowWriters = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 64<<10) }}

func rowWriter(w io.Writer) *bufio.Writer {
	out := rowWriters.Get().(*bufio.Writer)
	out.Reset(w)
	return out
}

// flateWriters are the flate writers not in use (a sync.Pool would lose
// them at every collection): a workbook uses one at a time.
var flateWriters = make(chan *flate.Writer, 8)

// pooledFlate is a flate writer that goes back to the pool when closed.
type pooledFlate struct{ *flate.Writer }

func (p pooledFlate) Close() error {
	err := p.Writer.Close()
	select {
	case flateWriters <- p.Writer:
	default:
	}
	return err
}

func newSortedZip(w io.Writer) *sortedZip {
	zw := zip.NewWriter(w)
	zw.RegisterCompressor(zip.Deflate, func(out io.Writer) (io.WriteCloser, error) {
		select {
		case fw := <-flateWriters:
			fw.Reset(out)
			return pooledFlate{fw}, nil
		default:
		}
		fw, err := flate.NewWriter(out, flate.BestSpeed)
		return pooledFlate{fw}, err
	})
	return &sortedZip{w: zw, entries: map[string]*bytes.Buffer{}}
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	if _, dup := z.entries[name]; dup {
		return nil, fmt.Errorf("xlsx: duplicate entry %s", name)
	}
	e := &bytes.Buffer{}
	z.entries[name] = e
	return e, nil
}

const contentTypes = "[Content_Types].xml"

// sortedDefaults puts the <Default> elements of [Content_Types].xml in
// order: excelize adds the image types a chart may use from a map, so in a
// different order each run.
func sortedDefaults(data []byte) []byte {
	const open, end = "<Default ", "</Default>"
	i := bytes.Index(data, []byte(open))
	if i < 0 {
		return data
	}
	j := i
	var elems []string
	for bytes.HasPrefix(data[j:], []byte(open)) {
		k := bytes.Index(data[j:], []byte(end))
		if k < 0 {
			return data
		}
		elems = append(elems, string(data[j:j+k+len(end)]))
		j += k + len(end)
	}
	sort.Strings(elems)
	out := append([]byte{}, data[:i]...)
	out = append(out, strings.Join(elems, "")...)
	return append(out, data[j:]...)
}

func (z *sortedZip) AddFS(fs.FS) error { return fmt.Errorf("xlsx: AddFS is not supported") }

func (z *sortedZip) Close() error {
	names := make([]string, 0, len(z.entries))
	for n := range z.entries {
		names = append(names, n)
	}
	sort.Slice(names, func(i, j int) bool {
		ci, cj := names[i] == contentTypes, names[j] == contentTypes
		if ci != cj {
			return ci
		}
		return names[i] < names[j]
	})
	for _, n := range names {
		data := z.entries[n].Bytes()
		if n == contentTypes {
			data = sortedDefaults(data)
		}
		w, err := z.w.CreateHeader(&zip.FileHeader{Name: n, Method: zip.Deflate})
		if err != nil {
			return err
		}
		// A worksheet's rows go in at its marker row (rowxml.go).
		if len(z.rows) > 0 && strings.HasPrefix(n, "xl/worksheets/") {
			for marker, rows := range z.rows {
				if i := bytes.Index(data, []byte(marker)); i >= 0 {
					if _, err := w.Write(data[:i]); err != nil {
						return err
					}
					if err := rows(w); err != nil {
						return err
					}
					data = data[i+len(marker):]
					delete(z.rows, marker)
					break
				}
			}
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
		delete(z.entries, n)
	}
	// A marker not found would leave its sheet holding the marker
	// instead of its rows: excelize must have written the row otherwise
	// than the marker expects.
	if len(z.rows) > 0 {
		return fmt.Errorf("xlsx: %d sheets' rows not written: no worksheet holds the row %s", len(z.rows), slices.Sorted(maps.Keys(z.rows))[0])
	}
	return z.w.Close()
}
