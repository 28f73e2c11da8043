package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
)

// An OpenDocument spreadsheet (.ods), as LibreOffice saves: its first
// visible sheet (or the one --sheet names), read from content.xml as a
// stream, so that a sheet of a million
// survey rows takes no more memory than one of ten. A cell reads as the
// same cell of the sheet saved as .xlsx reads: a number as the number
// stored (office:value), a date or a time as Excel's serial day number
// (1900 system), a boolean as 1 or 0, and text as its paragraphs, one a
// line.

const odsMimetype = "application/vnd.oasis.opendocument.spreadsheet"

// maxRepeat bounds the rows or cells one element may repeat: a sheet's
// trailing blank rows are written as one row repeated a million times,
// which is passed over, but repeated content is expanded and must stay an
// export's size.
const maxRepeat = 1 << 20

type odsTable struct {
	z     *zip.ReadCloser
	rc    io.ReadCloser
	d     *xml.Decoder
	name  string // of the sheet
	inTab bool   // in the first sheet
	done  bool

	rec    []string
	row    int // rows of the sheet passed, repeated ones counted
	repeat int // times the last row read is still to be handed on
	last   []string
}

// openODS opens the sheet of an OpenDocument spreadsheet named sheet, or
// its first visible one. A sheet is hidden by its table style
// (table:display="false"), which the automatic styles before the body
// declare; the sheets before the one read are passed over.
func openODS(z *zip.ReadCloser, sheet string) (table, error) {
	var content *zip.File
	for _, f := range z.File {
		if f.Name == "content.xml" {
			content = f
		}
	}
	if content == nil {
		z.Close()
		return nil, errors.New("not a readable ODS workbook: it has no content.xml")
	}
	rc, err := content.Open()
	if err != nil {
		z.Close()
		return nil, fmt.Errorf("not a readable ODS workbook: %w", err)
	}
	d := xml.NewDecoder(&limitedReader{r: rc, n: unzipSizeLimit, what: "content.xml"})
	d.Strict = false
	t := &odsTable{z: z, rc: rc, d: d}
	hiddenStyles := map[string]bool{}
	var style string // the table style being declared
	var passed []sheetRef
	for !t.inTab {
		tok, err := d.RawToken()
		if err != nil {
			t.close()
			switch {
			case err == io.EOF && sheet != "":
				return nil, noSheet(passed, sheet)
			case err == io.EOF && len(passed) > 0:
				return nil, errors.New("every sheet of the workbook is hidden: show the one to read, or name it with --sheet")
			case err == io.EOF:
				return nil, errors.New("the workbook has no sheet")
			}
			return nil, fmt.Errorf("not a readable ODS workbook: %w", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		switch {
		case se.Name.Space == "style" && se.Name.Local == "style":
			style = ""
			if attrOf(se, "style", "family") == "table" {
				style = attrOf(se, "style", "name")
			}
		case se.Name.Space == "style" && se.Name.Local == "table-properties" && style != "":
			if attrOf(se, "table", "display") == "false" {
				hiddenStyles[style] = true
			}
		case se.Name.Space == "table" && se.Name.Local == "table":
			ref := sheetRef{attrOf(se, "table", "name"), hiddenStyles[attrOf(se, "table", "style-name")]}
			if sheet == "" && !ref.hidden || sheet != "" && sameSheet(ref.name, sheet) {
				t.inTab, t.name = true, ref.name
				continue
			}
			passed = append(passed, ref)
			if err := skipRaw(d); err != nil {
				t.close()
				return nil, fmt.Errorf("not a readable ODS workbook: sheet %s: %w", ref.name, err)
			}
		}
	}
	return t, nil
}

// skipRaw reads up to the end of the element whose start tag was read
// last, by raw tokens (Decoder.Skip needs the namespaces RawToken does not
// track).
func skipRaw(d *xml.Decoder) error {
	for depth := 1; depth > 0; {
		tok, err := d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return err
		}
		switch tok.(type) {
		case xml.StartElement:
			depth++
		case xml.EndElement:
			depth--
		}
	}
	return nil
}

// limitedReader ends a read past n bytes, or of a run of more than
// maxLineBytes without a tag, with an error: a part that unpacks to more,
// or a text or attribute that long, is not an export, and the XML decoder
// would hold it whole.
type limitedReader struct {
	r    io.Reader
	n    int64
	run  int // bytes since the last '<'
	what string
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, fmt.Errorf("%s unpacks to more than %d MiB: not an export", l.what, unzipSizeLimit>>20)
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	b := p[:n]
	for {
		i := bytes.IndexByte(b, '<')
		if i < 0 {
			l.run += len(b)
			break
		}
		l.run, b = 0, b[i+1:]
	}
	if l.run > maxLineBytes {
		return 0, fmt.Errorf("%s holds a text of more than %d MiB: not an export", l.what, maxLineBytes>>20)
	}
	return n, err
}

func attrOf(se xml.StartElement, space, local string) string {
	for _, a := range se.Attr {
		if a.Name.Local == local && a.Name.Space == space {
			return a.Value
		}
	}
	return ""
}

// repeatOf reads a number-rows-repeated or number-columns-repeated.
func repeatOf(se xml.StartElement, local string) int {
	v := attrOf(se, "table", local)
	if v == "" {
		return 1
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 1
	}
	return n
}

func (t *odsTable) next() ([]string, int, error) {
	for {
		if t.repeat > 0 {
			t.repeat--
			t.row++
			return t.last, t.row, nil
		}
		if t.done {
			return nil, 0, io.EOF
		}
		tok, err := t.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, 0, fmt.Errorf("sheet %s, after row %d: %w", t.name, t.row, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Local == "table-row" && tok.Name.Space == "table" {
				n := repeatOf(tok, "number-rows-repeated")
				rec, err := t.readRow()
				if err != nil {
					return nil, 0, err
				}
				if blankRecord(rec) {
					t.row += n // passed over, however many
					continue
				}
				if n > maxRepeat {
					return nil, 0, fmt.Errorf("sheet %s, row %d is repeated %d times: not an export", t.name, t.row+1, n)
				}
				t.last, t.repeat = rec, n
			}
		case xml.EndElement:
			if tok.Name.Local == "table" && tok.Name.Space == "table" {
				t.done = true
			}
		}
	}
}

// readRow reads a row's cells, up to its end tag. Blank cells are
// written out only when a cell with text follows them: a row's trailing
// blank columns (a thousand, repeated) cost nothing.
func (t *odsTable) readRow() ([]string, error) {
	rec := t.rec[:0]
	blanks := 0
	for {
		tok, err := t.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("sheet %s, row %d: %w", t.name, t.row+1, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if tok.Name.Space != "table" || tok.Name.Local != "table-cell" && tok.Name.Local != "covered-table-cell" {
				continue
			}
			n := min(repeatOf(tok, "number-columns-repeated"), maxCells+1)
			v, err := t.cellValue(tok)
			if err != nil {
				return nil, err
			}
			if v == "" {
				blanks = min(blanks+n, maxCells+1)
				continue
			}
			for ; blanks > 0 && len(rec) <= maxCells; blanks-- {
				rec = append(rec, "")
			}
			blanks = 0
			for k := 0; k < n && len(rec) <= maxCells; k++ {
				rec = append(rec, v)
			}
		case xml.EndElement:
			if tok.Name.Local == "table-row" && tok.Name.Space == "table" {
				t.rec = rec
				return rec, nil
			}
		}
	}
}

// cellValue reads a cell from its start tag up to its end tag.
func (t *odsTable) cellValue(se xml.StartElement) (string, error) {
	var v string
	switch attrOf(se, "office", "value-type") {
	case "float", "percentage", "currency":
		v = attrOf(se, "office", "value")
	case "date":
		v = odsDate(attrOf(se, "office", "date-value"))
	case "time":
		v = odsTime(attrOf(se, "office", "time-value"))
	case "boolean":
		v = "0"
		if attrOf(se, "office", "boolean-value") == "true" {
			v = "1"
		}
	default:
		v = attrOf(se, "office", "string-value")
	}
	text, err := t.cellText(se.Name.Local)
	if err != nil {
		return "", err
	}
	if v == "" {
		v = text
	}
	return v, nil
}

// cellText reads the text of a cell's paragraphs, one a line, up to the
// cell's end tag; comments (annotations) are not its text.
func (t *odsTable) cellText(end string) (string, error) {
	var b strings.Builder
	paras, inPara, depth, skip := 0, 0, 0, 0
	blank := true // at a paragraph's start, or after a blank
	for {
		tok, err := t.d.RawToken()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return "", fmt.Errorf("sheet %s, row %d: %w", t.name, t.row+1, err)
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			depth++
			switch {
			case skip > 0:
				skip++
			case tok.Name.Space == "office" && tok.Name.Local == "annotation":
				skip = 1
			case tok.Name.Space != "text":
			case tok.Name.Local == "p" || tok.Name.Local == "h":
				if paras > 0 {
					b.WriteByte('\n')
				}
				paras++
				inPara++
				blank = true
			case tok.Name.Local == "s":
				n := 1
				if c := attrOf(tok, "text", "c"); c != "" {
					n, _ = strconv.Atoi(c)
				}
				b.WriteString(strings.Repeat(" ", max(0, min(n, 1024))))
				blank = false
			case tok.Name.Local == "tab":
				b.WriteByte('\t')
				blank = false
			case tok.Name.Local == "line-break":
				b.WriteByte('\n')
				blank = true
			}
		case xml.EndElement:
			if depth == 0 && tok.Name.Local == end {
				return b.String(), nil
			}
			depth--
			switch {
			case skip > 0:
				skip--
			case tok.Name.Space == "text" && (tok.Name.Local == "p" || tok.Name.Local == "h"):
				inPara--
			}
		case xml.CharData:
			if skip == 0 && inPara > 0 {
				if b.Len()+len(tok) > maxLineBytes {
					return "", fmt.Errorf("sheet %s, row %d: a cell longer than %d MiB: not an export", t.name, t.row+1, maxLineBytes>>20)
				}
				// ODF's white space: a run of blanks in the XML is one
				// space, none at a paragraph's start; the spaces a
				// writer means are <text:s/> (LibreOffice writes
				// them so, and a single space as itself).
				for _, c := range tok {
					if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
						if !blank {
							b.WriteByte(' ')
						}
						blank = true
						continue
					}
					b.WriteByte(c)
					blank = false
				}
			}
		}
	}
}

// odsDate is an ISO date or date and time as Excel's serial day number
// in the 1900 system; text that is not one stays as it is.
func odsDate(s string) string {
	var tm time.Time
	var err error
	for _, layout := range []string{"2006-01-02T15:04:05.999999999", "2006-01-02", "2006-01-02T15:04:05.999999999Z07:00"} {
		if tm, err = time.Parse(layout, s); err == nil {
			break
		}
	}
	if err != nil {
		return s
	}
	return formatSerial(excelSerial(tm))
}

// excelSerial is a time as Excel counts days: from 1899-12-30, but with
// the 29th of February 1900 that Excel takes to have been, so that days
// of January and February 1900 are one fewer. Days before 1900, which
// Excel does not have, count back from 1899-12-30 as LibreOffice writes
// them in an xlsx workbook (negative: not a date to rank's checks either).
func excelSerial(tm time.Time) float64 {
	y, m, d := tm.Date()
	days := float64(daysFromCivil(y, int(m), d) - daysFromCivil(1899, 12, 30))
	if days >= 1 && days < 61 {
		days--
	}
	h, mi, s := tm.Clock()
	return days + (float64(h)*3600+float64(mi)*60+float64(s)+float64(tm.Nanosecond())/1e9)/86400
}

// daysFromCivil counts the days of the proleptic Gregorian calendar.
func daysFromCivil(y, m, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe
}

// formatSerial writes a serial day number as an xlsx workbook holds it.
func formatSerial(x float64) string { return formatNumber(x) }

// formatNumber writes a number read from a binary workbook as the text an
// xlsx workbook holds: the shortest decimal that reads back as the same
// number, without an exponent in the range exports use.
func formatNumber(x float64) string {
	if a := math.Abs(x); a != 0 && (a < 1e-9 || a >= 1e21) {
		return strconv.FormatFloat(x, 'E', -1, 64)
	}
	return strconv.FormatFloat(x, 'f', -1, 64)
}

// odsTime is an ISO duration (PT14H30M00S) as a fraction of a day.
func odsTime(s string) string {
	rest, ok := strings.CutPrefix(s, "PT")
	if !ok {
		return s
	}
	var secs float64
	for _, unit := range []struct {
		mark byte
		secs float64
	}{{'H', 3600}, {'M', 60}, {'S', 1}} {
		i := strings.IndexByte(rest, unit.mark)
		if i < 0 {
			continue
		}
		n, err := strconv.ParseFloat(rest[:i], 64)
		if err != nil {
			return s
		}
		secs += n * unit.secs
		rest = rest[i+1:]
	}
	if rest != "" {
		return s
	}
	return formatNumber(secs / 86400)
}

func (t *odsTable) sheet() string          { return t.name }
func (t *odsTable) dateSystem() dateSystem { return excel1900 }
func (t *odsTable) decimalComma() bool     { return false }

func (t *odsTable) close() error {
	t.rc.Close()
	return t.z.Close()
}
