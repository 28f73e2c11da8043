package report

import (
	"bytes"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/vocab"
)

// A chart sheet's chart is drawn from its table's cells. excelize makes
// the chart sheet and its parts; the chart's XML is ours (chartXML),
// because a chart that reads at a glance needs what excelize does not
// write: the values cached in the chart (viewers that draw from the cache
// show nothing without them), one colour per series and no rainbow of
// points, dark axis labels in the book's font, categories in the table's
// order and direction, and a page of its own, A4, filled. The
// workbook's zip writer puts these parts in place of excelize's
// (book.parts).

// chart is a bar or column chart of a table's cells: categories in one
// column, a series per column, over the same rows.
type chart struct {
	title      string
	horizontal bool // bars across, categories down the side; else columns
	stacked    bool
	values     bool   // each bar labelled with its value
	format     string // of the values: axis and labels
	cats       int    // the categories' column (0-based)
	first      int    // the rows (0-based) of the first and last category
	last       int
	series     []chartSeries
}

// chartSeries is a column of values; its name is the column's cell in
// the row above the first.
type chartSeries struct {
	col    int
	colour string
}

// seriesColours are the colours of series that are not grades: the
// Okabe–Ito palette, told apart by readers with any colour vision.
var seriesColours = []string{"0072B2", "E69F00", "009E73", "CC79A7", "56B4E9", "D55E00", "F0E442", "000000"}

// Chart text: dark, in the book's font, large enough to read on a page.
const (
	chartInk      = "262626" // labels and legend
	chartTitleInk = "1F3864"
	chartGrid     = "D9D9D9"
	chartAxis     = "7F7F7F"
)

// tableChart is a chart sheet drawn from a table's cells.
type tableChart struct {
	name  string
	chart chart
}

// excelizeChart is the chart excelize makes the chart sheet with; its
// XML is replaced by chartXML.
func (c chart) excelizeChart(sheet string) *excelize.Chart {
	typ := excelize.Col
	switch {
	case c.horizontal && c.stacked:
		typ = excelize.BarStacked
	case c.horizontal:
		typ = excelize.Bar
	case c.stacked:
		typ = excelize.ColStacked
	}
	ec := &excelize.Chart{Type: typ, Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: c.title}}}}
	for _, s := range c.series {
		ec.Series = append(ec.Series, excelize.ChartSeries{
			Name: rangeRef(sheet, s.col, c.first-1, c.first-1), Categories: rangeRef(sheet, c.cats, c.first, c.last),
			Values: rangeRef(sheet, s.col, c.first, c.last),
		})
	}
	return ec
}

// rangeRef is an absolute reference to the cells of a column from row to
// row (0-based); one cell when they are the same.
func rangeRef(sheet string, col, from, to int) string {
	c, _ := excelize.ColumnNumberToName(col + 1)
	ref := fmt.Sprintf("'%s'!$%s$%d", strings.ReplaceAll(sheet, "'", "''"), c, from+1)
	if to != from {
		ref += fmt.Sprintf(":$%s$%d", c, to+1)
	}
	return ref
}

// chartXML is the chart's part, its values cached from t's cells. In a
// right-to-left book the categories run from the right, as the table's
// columns do, and a horizontal chart's bars grow leftwards from names on
// the right.
func (c chart) chartXML(t *table, lang vocab.Lang) []byte {
	rtl := lang != vocab.English
	code := map[vocab.Lang]string{vocab.Persian: "fa-IR", vocab.English: "en-US"}[lang]
	var b bytes.Buffer
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n")
	b.WriteString(`<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`)
	fmt.Fprintf(&b, `<c:date1904 val="0"/><c:lang val="%s"/><c:roundedCorners val="0"/><c:chart>`, code)
	fmt.Fprintf(&b, `<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr>%s</a:pPr><a:r>%s<a:t>%s</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/></c:title>`,
		runProps("defRPr", 1600, true, chartTitleInk, ""), runProps("rPr", 1600, true, chartTitleInk, code), xmlText(c.title))
	b.WriteString(`<c:autoTitleDeleted val="0"/><c:plotArea>`)
	b.WriteString(c.layout(rtl))
	b.WriteString(`<c:barChart>`)
	dir, grouping := "col", "clustered"
	if c.horizontal {
		dir = "bar"
	}
	if c.stacked {
		grouping = "stacked"
	}
	fmt.Fprintf(&b, `<c:barDir val="%s"/><c:grouping val="%s"/><c:varyColors val="0"/>`, dir, grouping)
	format := c.format
	if format == "" {
		format = "General"
	}
	for i, s := range c.series {
		fmt.Fprintf(&b, `<c:ser><c:idx val="%d"/><c:order val="%d"/>`, i, i)
		name := t.text(c.first-1, s.col)
		fmt.Fprintf(&b, `<c:tx><c:strRef><c:f>%s</c:f><c:strCache><c:ptCount val="1"/><c:pt idx="0"><c:v>%s</c:v></c:pt></c:strCache></c:strRef></c:tx>`,
			xmlText(rangeRef(t.name, s.col, c.first-1, c.first-1)), xmlText(name))
		fmt.Fprintf(&b, `<c:spPr><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr><c:invertIfNegative val="0"/>`, s.colour)
		if c.values {
			fmt.Fprintf(&b, `<c:dLbls><c:numFmt formatCode="%s" sourceLinked="0"/><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>%s<c:dLblPos val="outEnd"/><c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/><c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>`,
				xmlText(format), textProps(1000, false, chartInk, code))
		}
		n := c.last - c.first + 1
		fmt.Fprintf(&b, `<c:cat><c:strRef><c:f>%s</c:f><c:strCache><c:ptCount val="%d"/>`, xmlText(rangeRef(t.name, c.cats, c.first, c.last)), n)
		for r := c.first; r <= c.last; r++ {
			fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, r-c.first, xmlText(t.text(r, c.cats)))
		}
		fmt.Fprintf(&b, `</c:strCache></c:strRef></c:cat><c:val><c:numRef><c:f>%s</c:f><c:numCache><c:formatCode>%s</c:formatCode><c:ptCount val="%d"/>`,
			xmlText(rangeRef(t.name, s.col, c.first, c.last)), xmlText(format), n)
		for r := c.first; r <= c.last; r++ {
			if v, ok := t.number(r, s.col); ok {
				fmt.Fprintf(&b, `<c:pt idx="%d"><c:v>%s</c:v></c:pt>`, r-c.first, strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
		b.WriteString(`</c:numCache></c:numRef></c:val></c:ser>`)
	}
	gap := 60
	if c.horizontal {
		gap = 40
	}
	fmt.Fprintf(&b, `<c:gapWidth val="%d"/>`, gap)
	if c.stacked {
		b.WriteString(`<c:overlap val="100"/>`)
	}
	b.WriteString(`<c:axId val="500000001"/><c:axId val="500000002"/></c:barChart>`)

	// The category axis: its first category where reading starts — the
	// top of a horizontal chart, the right of a column chart in a
	// right-to-left book; the value axis stays at the bottom or at the
	// side the categories start from.
	catOrder, catPos, valPos, valOrder, crosses := "minMax", "b", "l", "minMax", "autoZero"
	switch {
	case c.horizontal:
		catOrder, catPos, valPos, crosses = "maxMin", "l", "b", "max"
		if rtl {
			catPos, valOrder = "r", "maxMin"
		}
	case rtl:
		catOrder, valPos = "maxMin", "r"
	}
	fmt.Fprintf(&b, `<c:catAx><c:axId val="500000001"/><c:scaling><c:orientation val="%s"/></c:scaling><c:delete val="0"/><c:axPos val="%s"/>`, catOrder, catPos)
	b.WriteString(`<c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`)
	// Every category named: a horizontal chart of many (the 31
	// provinces) in smaller type, still 9 pt, so that the names do not
	// overlap and the suites do not skip every other.
	catSize := 1000
	if c.horizontal && c.last-c.first >= 20 {
		catSize = 900
	}
	fmt.Fprintf(&b, `<c:spPr><a:ln w="9525"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:ln></c:spPr>%s`, chartAxis, textProps(catSize, false, chartInk, code))
	b.WriteString(`<c:crossAx val="500000002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:tickLblSkip val="1"/><c:noMultiLvlLbl val="0"/></c:catAx>`)
	fmt.Fprintf(&b, `<c:valAx><c:axId val="500000002"/><c:scaling><c:orientation val="%s"/></c:scaling><c:delete val="0"/><c:axPos val="%s"/>`, valOrder, valPos)
	fmt.Fprintf(&b, `<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="%s"/></a:solidFill></a:ln></c:spPr></c:majorGridlines>`, chartGrid)
	fmt.Fprintf(&b, `<c:numFmt formatCode="%s" sourceLinked="0"/><c:majorTickMark val="none"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>`, xmlText(format))
	fmt.Fprintf(&b, `<c:spPr><a:ln><a:noFill/></a:ln></c:spPr>%s<c:crossAx val="500000001"/><c:crosses val="%s"/><c:crossBetween val="between"/></c:valAx>`, textProps(1000, false, chartInk, code), crosses)
	b.WriteString(`<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr></c:plotArea>`)
	if len(c.series) > 1 {
		// Below the plot; beside the title when the plot takes the
		// page's height.
		pos := "b"
		if c.many() {
			pos = "tr"
		}
		fmt.Fprintf(&b, `<c:legend><c:legendPos val="%s"/><c:overlay val="0"/>%s</c:legend>`, pos, textProps(1100, false, chartInk, code))
	}
	b.WriteString(`<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>`)
	b.WriteString(`<c:spPr><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill><a:ln><a:noFill/></a:ln></c:spPr>`)
	b.WriteString(textProps(1000, false, chartInk, code))
	fmt.Fprintf(&b, `<c:printSettings><c:headerFooter/><c:pageMargins b="%g" l="%g" r="%g" t="%g" header="%g" footer="%g"/><c:pageSetup paperSize="%d" orientation="%s"/></c:printSettings>`,
		marginBottom, marginSide, marginSide, marginTop, marginHeader, marginFooter, paperA4, c.orientation())
	b.WriteString(`</c:chartSpace>`)
	return b.Bytes()
}

// runProps are DrawingML run properties: size in hundredths of a point,
// the ink, and Tahoma for Latin and complex scripts alike.
func runProps(elem string, size int, bold bool, ink, lang string) string {
	attrs := fmt.Sprintf(` sz="%d" b="%d"`, size, boolBit(bold))
	if lang != "" {
		attrs = fmt.Sprintf(` lang="%s"`, lang) + attrs
	}
	return fmt.Sprintf(`<a:%s%s><a:solidFill><a:srgbClr val="%s"/></a:solidFill><a:latin typeface="Tahoma"/><a:cs typeface="Tahoma"/></a:%s>`, elem, attrs, ink, elem)
}

// textProps are a chart element's text properties.
func textProps(size int, bold bool, ink, lang string) string {
	return fmt.Sprintf(`<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr>%s</a:pPr><a:endParaRPr lang="%s"/></a:p></c:txPr>`, runProps("defRPr", size, bold, ink, ""), lang)
}

func boolBit(b bool) int {
	if b {
		return 1
	}
	return 0
}

// xmlText escapes text for XML.
func xmlText(s string) string {
	var b strings.Builder
	xmlEscape(&b, s)
	return b.String()
}

func xmlEscape(b *strings.Builder, s string) {
	for _, r := range s {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '"':
			b.WriteString("&quot;")
		case '\'':
			b.WriteString("&apos;")
		default:
			b.WriteRune(r)
		}
	}
}

// text is a cell of the table as a chart shows it: text as it is, a
// number as its row shows it.
func (t *table) text(row, col int) string {
	if row < 0 || row >= len(t.rows) || col >= len(t.rows[row]) {
		return ""
	}
	c := t.rows[row][col]
	switch c.kind {
	case blankCell:
		return ""
	case textCell, otherCell:
		return c.s
	}
	return strconv.FormatFloat(c.f, 'f', -1, 64)
}

// number is a cell's number, if it holds one.
func (t *table) number(row, col int) (float64, bool) {
	if row < 0 || row >= len(t.rows) || col >= len(t.rows[row]) {
		return 0, false
	}
	switch c := t.rows[row][col]; c.kind {
	case wholeCell, numberCell, plainCell, gradedCell:
		if math.IsNaN(c.f) || math.IsInf(c.f, 0) {
			return 0, false
		}
		return c.f, true
	}
	return 0, false
}

// A chart sheet fills an A4 page within the margins: the drawing's
// extent, in EMU (36,000 a millimetre). Excel sizes a chart sheet's chart
// to its page itself; LibreOffice takes this extent.
const (
	chartLong  = 270 * 36000
	chartShort = 176 * 36000
	// upright, the page's height less the header and footer's
	chartTall   = 250 * 36000
	chartNarrow = 185 * 36000
)

// many reports whether a chart has bars across for so many categories
// (the provinces) that the page's height is just enough to name each on
// its line.
func (c chart) many() bool { return c.horizontal && c.last-c.first+1 > 12 }

// layout places the plot: by the suites' own reckoning, but for many
// categories as high as the page allows, the names beside it where
// reading starts; left to themselves, the suites leave room enough for
// every other name only.
func (c chart) layout(rtl bool) string {
	if !c.many() {
		return `<c:layout/>`
	}
	x := 0.17
	if rtl {
		x = 0.03
	}
	return fmt.Sprintf(`<c:layout><c:manualLayout><c:layoutTarget val="inner"/><c:xMode val="edge"/><c:yMode val="edge"/><c:x val="%g"/><c:y val="0.09"/><c:w val="0.8"/><c:h val="0.85"/></c:manualLayout></c:layout>`, x)
}

// orientation is the way up of a chart's page: landscape, but portrait
// for bars across of many categories (the provinces), which need the
// page's height to be named each on its line.
func (c chart) orientation() string {
	return "landscape"
}

// extent is the drawing's width and height.
func (c chart) extent() (int, int) {
	if c.orientation() == "portrait" {
		return chartNarrow, chartTall
	}
	return chartLong, chartShort
}

// excelize's chart sheet drawing's extent, which chartDrawing replaces.
var excelizeChartExtent = []byte(`<xdr:ext cx="9280533" cy="6051719">`)

// addChart adds c as the chart sheet name, drawn from t, and registers
// the parts that replace excelize's.
func (b *book) addChart(name string, t *table, c chart) error {
	if err := b.f.AddChartSheet(name, c.excelizeChart(t.name)); err != nil {
		return err
	}
	b.charts++
	id := 0
	for i, n := range b.f.GetSheetMap() {
		if n == name {
			id = i
		}
	}
	b.parts[fmt.Sprintf("xl/charts/chart%d.xml", b.charts)] = func([]byte) ([]byte, error) {
		return c.chartXML(t, b.lang), nil
	}
	b.parts[fmt.Sprintf("xl/drawings/drawing%d.xml", b.charts)] = func(data []byte) ([]byte, error) {
		if !bytes.Contains(data, excelizeChartExtent) {
			return nil, fmt.Errorf("chart sheet %s: no drawing extent to set", name)
		}
		w, h := c.extent()
		return bytes.Replace(data, excelizeChartExtent, []byte(fmt.Sprintf(`<xdr:ext cx="%d" cy="%d">`, w, h)), 1), nil
	}
	b.parts[fmt.Sprintf("xl/chartsheets/sheet%d.xml", id)] = func(data []byte) ([]byte, error) {
		i := bytes.Index(data, []byte("<drawing "))
		if i < 0 {
			return nil, fmt.Errorf("chart sheet %s: no drawing", name)
		}
		return append(append(append([]byte{}, data[:i]...), b.chartPage(c.orientation())...), data[i:]...), nil
	}
	return nil
}

// chartPage is a chart sheet's page setup: A4, the book's margins,
// header and footer.
func (b *book) chartPage(orientation string) string {
	var s strings.Builder
	fmt.Fprintf(&s, `<pageMargins left="%g" right="%g" top="%g" bottom="%g" header="%g" footer="%g"/>`,
		marginSide, marginSide, marginTop, marginBottom, marginHeader, marginFooter)
	fmt.Fprintf(&s, `<pageSetup paperSize="%d" orientation="%s"/>`, paperA4, orientation)
	s.WriteString(`<headerFooter><oddHeader>`)
	xmlEscape(&s, b.head.header(b.lang))
	s.WriteString(`</oddHeader><oddFooter>`)
	xmlEscape(&s, b.head.footer(b.lang))
	s.WriteString(`</oddFooter></headerFooter>`)
	return s.String()
}
