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

	"github.com/iranict/rank/internal/vocab"
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
	// printCols > 0: only the first printCols columns print (page.go); the
	// others are for the screen.
	printCols int
	// freezeCols columns stay in view as the sheet scrolls sideways.
	freezeCols int
	// heights of rows that are not one line high (wrapped headers, a
	// title), in points, by 0-based row.
	heights map[int]float64
	// widest overrides maxWidth: a column of the rules file's lines is as
	// wide as the longest.
	widest int
	// breaks are the rows (0-based) a new page starts at.
	breaks []int
	// designed: a summary, laid out for reading rather than filtering —
	// titles, sections, labels and numbers with thousands separators. It
	// is short, and written through excelize.
	designed bool
}

// graded is a grade as a cell, coloured by grade.
type graded int

// plain is a number drawn in the General format.
type plain float64

// cell is one cell of a table.
type cell struct {
	kind cellKind
	look look    // in a designed table
	s    string  // text; for other, the value as fmt prints it
	f    float64 // number, plain; whole numbers and grades too (exact to 2^53)
}

// look is how a cell is drawn beyond its kind: in a designed table (a
// summary) a title, a section's heading, or text that may run on into the
// empty cells beside it and so does not widen its column; in any table a
// line of code (the rules file), left to right from the left as in an
// editor.
type look uint8

const (
	plainLook look = iota
	titleLook
	sectionLook
	spillLook
	codeLook
)

// spills reports whether a look's text runs on beside its cell rather
// than widen its column.
func (l look) spills() bool { return l == titleLook || l == sectionLook || l == spillLook }

// styled is text drawn with a look.
func styled(l look, s string) cell { return cell{kind: textCell, look: l, s: s} }

type cellKind uint8

const (
	blankCell cellKind = iota
	textCell
	wrapCell // text wrapped within its column's width: a long reason
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
func wrapC(s string) cell    { return cell{kind: wrapCell, s: s} }
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
	f         *excelize.File
	decimals  int
	bold      int // header cells
	number    int // floats, with the decimals
	boldNum   int // floats in a bold (totals) row
	whole     int // whole numbers in a designed table: thousands separated
	boldWhole int // and in its bold (totals) rows
	textEnd   int // text among a designed table's numbers
	code      int // a line of code
	wrap      int // text wrapped within its column
	headStart int // a designed table's header over its labels
	headEnd   int // and over its numbers
	title     int // a designed table's title
	section   int // a section's heading in a designed table
	sheets    int
	grades    map[int]int                      // graded cells' styles by grade
	lang      vocab.Lang                       // of the tables' labels: English reads left to right
	head      runningHead                      // what the printed pages say they are about
	rows      map[string]func(io.Writer) error // marker row -> the sheet's rows (rowxml.go)
	cells     int                              // in the sheets written, to size the archive's buffer
	charts    int                              // chart sheets added
	// parts rewrite the archive's entries by name: the charts' (chart.go)
	parts map[string]func([]byte) ([]byte, error)
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
	b := &book{f: f, decimals: decimals, rows: map[string]func(io.Writer) error{}, parts: map[string]func([]byte) ([]byte, error){}}
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
		z.parts = b.parts
		return z
	})
	numFmt := "0"
	if decimals > 0 {
		numFmt += "." + string(bytes.Repeat([]byte("0"), decimals))
	}
	var err error
	// Headers and totals in bold on a pale blue.
	headFill := excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}
	headFont := font(true, "")
	// A header wraps, so that its column is as wide as its values, and
	// a white line parts it from the next. A table's stands centred; a
	// designed table's over its column's values: the labels' at their
	// start, the numbers' at their end.
	for _, h := range []struct {
		id    *int
		align string
	}{{&b.bold, "center"}, {&b.headStart, ""}, {&b.headEnd, "right"}} {
		if *h.id, err = f.NewStyle(&excelize.Style{
			Font:      headFont,
			Fill:      headFill,
			Border:    []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "right", Color: "FFFFFF", Style: 1}},
			Alignment: &excelize.Alignment{Horizontal: h.align, Vertical: "center", WrapText: true},
		}); err != nil {
			return nil, err
		}
	}
	// Numbers stand to the right, in either direction.
	right := &excelize.Alignment{Horizontal: "right"}
	if b.number, err = f.NewStyle(&excelize.Style{CustomNumFmt: &numFmt, Alignment: right}); err != nil {
		return nil, err
	}
	if b.boldNum, err = f.NewStyle(&excelize.Style{
		Font:         headFont,
		Fill:         headFill,
		CustomNumFmt: &numFmt,
		Alignment:    right,
	}); err != nil {
		return nil, err
	}
	if b.whole, err = f.NewStyle(&excelize.Style{NumFmt: 3, Alignment: right}); err != nil { // #,##0
		return nil, err
	}
	if b.boldWhole, err = f.NewStyle(&excelize.Style{
		Font:      headFont,
		Fill:      headFill,
		NumFmt:    3,
		Alignment: right,
	}); err != nil {
		return nil, err
	}
	if b.textEnd, err = f.NewStyle(&excelize.Style{Alignment: right}); err != nil {
		return nil, err
	}
	if b.wrap, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true}}); err != nil {
		return nil, err
	}
	if b.code, err = f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top", ReadingOrder: 1, WrapText: true}}); err != nil {
		return nil, err
	}
	if b.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14, Family: bookFont, Color: "1F3864"}}); err != nil {
		return nil, err
	}
	if b.section, err = f.NewStyle(&excelize.Style{
		Font:   &excelize.Font{Bold: true, Size: 12, Family: bookFont, Color: "1F3864"},
		Border: []excelize.Border{{Type: "bottom", Color: "8EA9DB", Style: 2}},
	}); err != nil {
		return nil, err
	}
	if err := f.SetDefaultFont(bookFont); err != nil {
		return nil, err
	}
	// Grades coloured as Excel's "good, neutral, bad" cell styles.
	b.grades = map[int]int{}
	for g, c := range [][2]string{{"C6EFCE", "006100"}, {"FFEB9C", "9C5700"}, {"FFC7CE", "9C0006"}} {
		if b.grades[g+1], err = f.NewStyle(&excelize.Style{
			Font:      font(true, c[1]),
			Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{c[0]}},
			Alignment: &excelize.Alignment{Horizontal: "center"},
		}); err != nil {
			return nil, err
		}
	}
	setCoreProps(f, "fa-IR")
	return b, nil
}

// width is how many characters a cell shows, for the column widths;
// scratch is reused so numbers are measured without allocating.
func (b *book) width(c cell, scratch *[]byte) int {
	switch c.kind {
	case blankCell:
		return 0
	case textCell, wrapCell:
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
		if c.look == codeLook && !bold {
			return excelize.Cell{StyleID: b.code, Value: c.s}
		}
		v = c.s
	case wrapCell:
		if c.s == "" {
			return nil
		}
		if !bold {
			return excelize.Cell{StyleID: b.wrap, Value: c.s}
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

// designedValue is value for a designed table: looks, whole numbers with
// thousands separators, and text after the labels' column aligned with
// the numbers.
func (b *book) designedValue(t *table, v cell, col int, bold bool) any {
	if !t.designed {
		return b.value(v, bold)
	}
	switch {
	case v.kind == textCell && v.look == plainLook && !bold && col > 0 && v.s != "":
		// Text among the numbers ends where they do, clear of the
		// number before it in a book in English (a right-to-left book
		// aligns so throughout; the style is the same in both, so that
		// the two books are alike).
		return excelize.Cell{StyleID: b.textEnd, Value: v.s}
	case v.look == titleLook:
		return excelize.Cell{StyleID: b.title, Value: v.s}
	case v.look == sectionLook:
		return excelize.Cell{StyleID: b.section, Value: v.s}
	case v.kind == wholeCell && bold:
		return excelize.Cell{StyleID: b.boldWhole, Value: int64(v.f)}
	case v.kind == wholeCell:
		return excelize.Cell{StyleID: b.whole, Value: int64(v.f)}
	case v.kind == textCell && bold && v.s != "":
		if col == 0 {
			return excelize.Cell{StyleID: b.headStart, Value: v.s}
		}
		return excelize.Cell{StyleID: b.headEnd, Value: v.s}
	}
	return b.value(v, bold)
}

// headerLines is how many lines a table's header may wrap to, so that a
// column is as wide as its values rather than its header.
const headerLines = 3

// columnWidths fits each column to its widest value: a header's text
// wraps (to at most headerLines lines, never within a word), and keeps
// room for the filter button.
func (b *book) columnWidths(t *table) []float64 {
	var widths []int
	var scratch []byte
	extra := headerExtra(t)
	for i, row := range t.rows {
		b.cells += len(row)
		header := t.headers[i] && !totals(row)
		for c, v := range row {
			for len(widths) <= c {
				widths = append(widths, 0)
			}
			// Text shows at most as many characters as it has bytes:
			// no need to count the runes of one that cannot widen the
			// column (most of a 100,000-row sheet's cells).
			if v.kind == textCell && (v.look.spills() || !header && len(v.s) <= widths[c]) {
				continue
			}
			w := 0
			if header && v.kind == textCell {
				w = wrappedWidth(v.s) + extra
			} else {
				w = b.width(v, &scratch)
			}
			widths[c] = max(widths[c], w)
		}
	}
	widest := maxWidth
	if t.widest > 0 {
		widest = t.widest
	}
	out := make([]float64, len(widths))
	for c, w := range widths {
		out[c] = float64(min(max(w+cellPadding, minWidth), widest))
	}
	fitPrinted(t, out)
	return out
}

// fitPrinted narrows the widest of the printed columns, a character at a
// time, until they print at printedPt or more on a landscape page: values
// longer than their column are cut off on paper, but the page stays
// legible. A header keeps the width it wraps in.
func fitPrinted(t *table, widths []float64) {
	printed := widths
	if t.printCols > 0 && t.printCols < len(widths) {
		printed = widths[:t.printCols]
	}
	least := make([]float64, len(printed))
	for i := range t.headers {
		for c, v := range t.rows[i] {
			if c < len(least) && v.kind == textCell {
				least[c] = max(least[c], float64(wrappedWidth(v.s)+headerExtra(t)+cellPadding))
			}
		}
	}
	for printedWidth(printed) > printableLandscape*defaultPt/printedPt {
		widest := -1
		for c, w := range printed {
			if w > max(least[c], minWidth) && (widest < 0 || w > printed[widest]) {
				widest = c
			}
		}
		if widest < 0 {
			return
		}
		printed[widest]--
	}
}

// totals reports whether a bold row holds numbers: a totals row, whose
// text does not wrap like a header's.
func totals(row []cell) bool {
	for _, c := range row {
		switch c.kind {
		case wholeCell, numberCell, plainCell, gradedCell:
			return true
		}
	}
	return false
}

// cellPadding is the room a column leaves around its widest value, in
// characters.
const cellPadding = 2

// headerExtra is the room a header cell takes beyond its text: the bold
// type's, and the filter button's when the table has one.
func headerExtra(t *table) int {
	if t.filter > 0 {
		return 2
	}
	return 1
}

// wrappedWidth is the least width, in characters, in which text wraps to
// at most headerLines lines.
func wrappedWidth(s string) int {
	w := 0
	for _, word := range strings.Fields(s) {
		w = max(w, runeCount(word))
	}
	for wrappedLines(s, w) > headerLines {
		w++
	}
	return w
}

// lineHeight is the height of a line of the default font (Tahoma 11) in
// points, as office suites space wrapped lines: the tallest of them, for
// LibreOffice's Persian in a substitute for Tahoma (Noto Sans Arabic
// stands taller than Tahoma).
const lineHeight = 17

// linesHeight is the height of a row of lines of the default font.
func linesHeight(lines int) float64 { return float64(lines*lineHeight + 4) }

// rowHeights are the heights of the rows that are not one line of the
// default font high: header rows whose text wraps in columns of these
// widths, titles and sections' headings. Office suites keep a row one
// line high unless told.
func rowHeights(t *table, widths []float64) map[int]float64 {
	hs := map[int]float64{}
	room := cellPadding + headerExtra(t)
	for i := range t.headers {
		if totals(t.rows[i]) {
			continue
		}
		lines := 1
		for c, v := range t.rows[i] {
			if v.kind == textCell {
				lines = max(lines, wrappedLines(v.s, int(widths[c])-room))
			}
		}
		if lines > 1 {
			hs[i] = linesHeight(lines)
		}
	}
	for i, row := range t.rows {
		if len(row) == 0 {
			continue
		}
		switch row[0].look {
		case titleLook:
			hs[i] = 27
		case sectionLook:
			hs[i] = 24
		case codeLook:
			if n := wrappedLines(row[0].s, int(widths[0])-cellPadding); n > 1 {
				hs[i] = linesHeight(n)
			}
		}
	}
	if len(hs) == 0 {
		return nil
	}
	return hs
}

// wrappedLines is how many lines text wraps to in a width of characters.
func wrappedLines(s string, width int) int {
	lines, used := 1, 0
	for _, w := range strings.Fields(s) {
		n := runeCount(w)
		switch {
		case used == 0:
			used = n
		case used+1+n <= width:
			used += 1 + n
		default:
			lines++
			used = n
		}
	}
	return lines
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
	widths := b.columnWidths(t)
	t.heights = rowHeights(t, widths)
	wrapped := wrapHeights(t, widths)
	for i, h := range wrapped {
		if t.heights == nil {
			t.heights = map[int]float64{}
		}
		t.heights[i] = max(t.heights[i], h)
	}
	for i, h := range t.heights {
		// A cell of a whole page's text is cut at the tallest row the
		// format allows, rather than failing the book.
		t.heights[i] = min(h, maxRowHeight)
	}
	if err := b.setPage(t, widths); err != nil {
		return err
	}
	// The used range goes out before the rows (the stream writer writes
	// it as it starts): readers that size a sheet by it (openpyxl's
	// read-only mode, in2csv, Power Query) would otherwise see column A.
	// Codes of digits are text on purpose (a province's 01 stays 01):
	// Excel is told so, and marks none with its green triangle.
	ext := extentOf(t)
	if err := b.f.SetSheetDimension(name, ext.dimension); err != nil {
		return err
	}
	if ext.numericText != "" {
		if err := b.f.AddIgnoredErrors(name, ext.numericText, excelize.IgnoredErrorsNumberStoredAsText); err != nil {
			return err
		}
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// The view, widths and panes go out with the first row: set them first.
	rtl := b.lang != vocab.English // Persian reads right to left; a book in English left to right
	if err := b.f.SetSheetView(name, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
		return err
	}
	// excelize puts each new column before the ones it has; Excel wants
	// them ascending, so they are set from the last.
	for c := len(widths) - 1; c >= 0; c-- {
		if err := sw.SetColWidth(c+1, c+1, widths[c]); err != nil {
			return err
		}
	}
	if t.filter > 0 {
		panes := &excelize.Panes{
			Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft",
			Selection: []excelize.Selection{{SQRef: "A2", ActiveCell: "A2", Pane: "bottomLeft"}},
		}
		if t.freezeCols > 0 {
			corner, _ := excelize.CoordinatesToCellName(t.freezeCols+1, 2)
			panes.XSplit, panes.TopLeftCell, panes.ActivePane = t.freezeCols, corner, "bottomRight"
			panes.Selection = []excelize.Selection{{SQRef: corner, ActiveCell: corner, Pane: "bottomRight"}}
		}
		if err := sw.SetPanes(panes); err != nil {
			return err
		}
	}
	if len(t.rows) > 0 && !b.excelizeRows && !t.designed && renderable(t) {
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
		for c, v := range row {
			cells = append(cells, b.designedValue(t, v, c, t.headers[i]))
		}
		// A section's heading is underlined across the table.
		if t.designed && len(row) > 0 && row[0].look == sectionLook {
			for len(cells) < len(widths) {
				cells = append(cells, excelize.Cell{StyleID: b.section})
			}
		}
		ref, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := sw.SetRow(ref, cells, excelize.RowOpts{Height: t.heights[i]}); err != nil {
			return err
		}
	}
	for _, r := range t.breaks {
		if err := b.f.InsertPageBreak(name, "A"+strconv.Itoa(r+1)); err != nil {
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

// maxRowHeight is the tallest a row may be, in points (Excel's limit).
const maxRowHeight = 409

// wrapHeights gives the rows whose wrapped cells need more than one line
// their height, in points, by the columns' widths (in characters): office
// suites do not all fit a row to its wrapped text when they open a book,
// and a reason cut at its first line hides what it says.
func wrapHeights(t *table, widths []float64) (hs map[int]float64) {
	for i, row := range t.rows {
		lines := 1
		for c, v := range row {
			if v.kind != wrapCell || c >= len(widths) {
				continue
			}
			// A character is taken as wide as a digit: Persian letters
			// are narrower, so a line holds at least this many.
			per := max(int(widths[c])-cellPadding-1, 1)
			lines = max(lines, (runeCount(v.s)+per-1)/per)
		}
		if lines > 1 {
			if hs == nil {
				hs = map[int]float64{}
			}
			hs[i] = linesHeight(lines)
		}
	}
	return hs
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
	rows    map[string]func(io.Writer) error        // marker row -> writes the rows, for worksheets
	parts   map[string]func([]byte) ([]byte, error) // entry -> its content rewritten
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
		if rewrite := z.parts[n]; rewrite != nil {
			var err error
			if data, err = rewrite(data); err != nil {
				return err
			}
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
