package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/vocab"
)

// How a sheet prints. Every sheet goes on A4, one page wide, portrait when
// its printed columns fit a portrait page at nearly full size and landscape
// otherwise; a table's header row is repeated on every page, and every
// page says what it is — the book's subject and period, the sheet's name —
// and which page of how many. The type on paper stays at 8 pt or more
// because the printed columns are kept to what fits (a ranking prints its
// list, not its breakdown: table.printCols); TestPrintedTypeSize measures
// it in LibreOffice's PDF.

// paperA4 is A4 in SpreadsheetML's paperSize codes.
const paperA4 = 9

// Page margins, in inches: narrow sides, so that a landscape page holds a
// ranking's list at full size; room above and below for the running head
// and the page number.
const (
	marginSide   = 0.4
	marginTop    = 0.65
	marginBottom = 0.6
	marginHeader = 0.25
	marginFooter = 0.25
)

// A4 is 595 × 842 pt; what the margins leave of its width, in points.
const (
	printablePortrait  = 595 - 2*72*marginSide
	printableLandscape = 842 - 2*72*marginSide
)

// portraitScale is the least scale at which a sheet still prints
// portrait: below it, landscape gives larger type.
const portraitScale = 0.95

// columnPoints is the printed width of a column width in characters, at
// full size: Excel takes a character for the widest digit of the default
// font (8 px for Tahoma 11) and adds 5 px of padding; a pixel is 3/4 pt.
func columnPoints(width float64) float64 { return (width*8 + 5) * 0.75 }

// landscape reports whether columns of these widths print landscape.
func landscape(widths []float64) bool {
	return printedWidth(widths) > printablePortrait/portraitScale
}

// printedWidth is the width columns print at full size, in points.
func printedWidth(widths []float64) float64 {
	total := 0.0
	for _, w := range widths {
		total += columnPoints(w)
	}
	return total
}

// defaultPt is the size of the workbooks' type, Tahoma 11; printedPt the
// least a sheet's columns are allowed to shrink it to when the page is
// fitted to their width. LibreOffice prints a few per cent smaller than
// this reckoning (its scale is a whole percentage, its Tahoma a
// substitute): 8.5 keeps the type on paper above 8 pt.
const (
	defaultPt = 11
	printedPt = 8.5
)

// runningHead is what every printed page of a workbook says it is about:
// its subject (a province, a region, the country, the agencies) and its
// period; either may be empty.
type runningHead struct{ subject, period string }

// header is the text of the pages' header: the subject and the period
// where a line starts (the right in Persian), the sheet's name (&A) where
// it ends, in the workbook's font so that Persian has its glyphs in Excel
// too. Persian runs right to left in an embedding, with the period, in
// Latin letters and digits, isolated in it: LibreOffice lays a header out
// left to right, and "1400-H1" would come apart around the words.
func (h runningHead) header(lang vocab.Lang) string {
	var parts []string
	if h.subject != "" {
		parts = append(parts, headerText(h.subject))
	}
	if h.period != "" {
		parts = append(parts, labels.In(lang, "period")+" "+lri+headerText(h.period)+pdi)
	}
	start, end := "&L", "&R"
	text := strings.Join(parts, " · ")
	if lang != vocab.English {
		start, end = "&R", "&L"
		text = rle + text + pdf
	}
	if text == "" {
		return end + headerFont + "&A"
	}
	return start + `&"Tahoma,Bold"&11 ` + text + end + headerFont + "&A"
}

// footer is the page number: "page 2 of 7" (of the pages printed, which
// run on from sheet to sheet when a whole workbook prints).
func (h runningHead) footer(lang vocab.Lang) string {
	return "&C" + headerFont + labels.In(lang, "page_of", "&P", "&N")
}

// headerFont is the font of the header's and footer's plain text: 11 pt,
// which a page scaled to fit its width to no less than 75 % (page.go)
// keeps above 8 pt.
const headerFont = `&"Tahoma,Regular"&11 `

// Unicode's directional formatting characters.
const (
	rle = "\u202b" // right-to-left embedding
	pdf = "\u202c" // pop directional formatting
	lri = "\u2066" // left-to-right isolate
	pdi = "\u2069" // pop directional isolate
)

// headerText escapes the header and footer codes' ampersand.
func headerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// setPage sets how a table's sheet prints: widths are its columns', in
// characters.
func (b *book) setPage(t *table, widths []float64) error {
	p := sheetPage{head: b.head, lang: b.lang, widths: widths}
	if t.filter > 0 {
		p.titleRows = 1
	}
	if t.printCols > 0 && t.printCols < len(widths) && len(t.rows) > 0 {
		p.widths = widths[:t.printCols]
		last, _ := excelize.ColumnNumberToName(t.printCols)
		p.area = fmt.Sprintf("$A$1:$%s$%d", last, len(t.rows))
	}
	return p.set(b.f, t.name)
}

// sheetPage is how a sheet prints.
type sheetPage struct {
	head      runningHead
	lang      vocab.Lang
	widths    []float64 // of the printed columns, in characters
	titleRows int       // repeated atop every page
	area      string    // the cells printed ($A$1:$J$735); "" for all
}

// set sets the page of a worksheet: A4, portrait or landscape by the
// printed columns' width, a page wide and as many long as it takes, the
// margins, header and footer, titles and print area.
func (p sheetPage) set(f *excelize.File, sheet string) error {
	orientation := "portrait"
	if landscape(p.widths) {
		orientation = "landscape"
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	size, wide, tall := paperA4, 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{
		Size: &size, Orientation: &orientation, FitToWidth: &wide, FitToHeight: &tall,
	}); err != nil {
		return err
	}
	side, top, bottom, header, footer := marginSide, marginTop, marginBottom, marginHeader, marginFooter
	if err := f.SetPageMargins(sheet, &excelize.PageLayoutMarginsOptions{
		Left: &side, Right: &side, Top: &top, Bottom: &bottom, Header: &header, Footer: &footer,
	}); err != nil {
		return err
	}
	if err := f.SetHeaderFooter(sheet, &excelize.HeaderFooterOptions{
		OddHeader: p.head.header(p.lang), OddFooter: p.head.footer(p.lang),
	}); err != nil {
		return err
	}
	quoted := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!"
	if p.titleRows > 0 {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: fmt.Sprintf("%s$1:$%d", quoted, p.titleRows), Scope: sheet}); err != nil {
			return err
		}
	}
	if p.area != "" {
		if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Area", RefersTo: quoted + p.area, Scope: sheet}); err != nil {
			return err
		}
	}
	return nil
}

// alignStart aligns a book's cells where its reading starts: the right in
// Persian, the left in English. Left to their General alignment, text
// goes where its own script starts — Latin codes, file names and dates to
// a cell's left, Persian names and cities to its right — and runs into
// the next column's number or text ("735offices.xlsx"). The book's default
// format (cellXfs 0, which every cell without a style takes) carries it,
// so the rows of a long sheet need no style of their own; numbers have
// styles that align them to the right.
func (b *book) alignStart() error {
	start := "right"
	if b.lang == vocab.English {
		start = "left"
	}
	id, err := b.f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Horizontal: start}})
	if err != nil {
		return err
	}
	xfs := b.f.Styles.CellXfs.Xf
	xfs[0].Alignment, xfs[0].ApplyAlignment = xfs[id].Alignment, xfs[id].ApplyAlignment
	// LibreOffice takes a cell without a style to have the Normal cell
	// style's format (cellStyleXfs 0), Excel cellXfs 0: both say so.
	b.f.Styles.CellStyleXfs.Xf[0].Alignment = xfs[id].Alignment
	return nil
}
