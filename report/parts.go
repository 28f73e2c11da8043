package report

import (
	"encoding/xml"
	"strings"

	"github.com/xuri/excelize/v2"
)

// The workbooks' font. Tahoma has Persian glyphs and is on every Windows
// machine; LibreOffice on Linux, which has no Tahoma, draws it in the
// sans-serif font fontconfig gives for it (DejaVu Sans, with Persian
// glyphs, which LibreOffice depends on). Every font of a book names it
// and its size: a font without them (bold headers, grade cells) is drawn
// by LibreOffice in its serif fallback.
const (
	bookFont     = "Tahoma"
	bookFontSize = 11
)

// font is the book's font, bold or in a colour ("" for the default):
// a cell without a font of its own has the default font, which names it
// (SetDefaultFont).
func font(bold bool, color string) *excelize.Font {
	return &excelize.Font{Family: bookFont, Size: bookFontSize, Bold: bold, Color: color}
}

// fixedTime is the created and modified time of every workbook, so that
// the same evaluation gives byte-identical files.
const fixedTime = "2000-01-01T00:00:00Z"

// setCoreProps writes docProps/core.xml with each element in its
// namespace's usual prefix, as ECMA-376 Part 2 shows it (cp:, dc:,
// dcterms:). excelize writes lastModifiedBy in the default namespace,
// which the XML allows but exceljs refuses. language is the document's
// language (fa-IR, en-US), which office suites take for the spelling
// check.
func setCoreProps(f *excelize.File, language string) {
	var b strings.Builder
	b.WriteString(xml.Header)
	b.WriteString(`<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
		` xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"` +
		` xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">`)
	b.WriteString(`<dc:creator>rank</dc:creator><cp:lastModifiedBy>rank</cp:lastModifiedBy><dc:language>`)
	_ = xml.EscapeText(&b, []byte(language))
	b.WriteString(`</dc:language>`)
	b.WriteString(`<dcterms:created xsi:type="dcterms:W3CDTF">` + fixedTime + `</dcterms:created>`)
	b.WriteString(`<dcterms:modified xsi:type="dcterms:W3CDTF">` + fixedTime + `</dcterms:modified>`)
	b.WriteString(`</cp:coreProperties>`)
	f.Pkg.Store("docProps/core.xml", []byte(b.String()))
}
