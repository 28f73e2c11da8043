package ingest

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"html"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/unicode"

	"github.com/iranict/rank/scoring"
)

// FuzzReadForms feeds arbitrary bytes to Read as a violations file under
// each name a kind's file may have: whatever its content makes it (a
// workbook, an .xls, an ods, HTML, UTF-16 or delimited text), it is read
// or refused with an error naming it, without a panic, and every row it
// reads is accounted for. The seeds are the files LibreOffice wrote.
func FuzzReadForms(f *testing.F) {
	for _, p := range []string{"xls/violations.xls", "ods/violations.ods", "semicolon/violations.csv", "unicode/violations.txt"} {
		b, err := os.ReadFile(filepath.Join(formsDir, p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, uint8(0))
	}
	f.Add([]byte("<html><table><tr><td>a<td>b<td>c</table><table><tr><th colspan=2>case_id<th rowspan=2>office_code</table>"), uint8(1))
	f.Add([]byte("\xfe\xff\x00c\x00a\x00s\x00e"), uint8(2))
	f.Add([]byte("<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"), uint8(1))
	// LibreOffice, which reads an Excel 2003 XML seed, is not run
	// thousands of times.
	findLibreOffice = func() (string, error) { return "", errNoLibreOffice }
	base := f.TempDir()
	for name, content := range baseExport {
		if err := os.WriteFile(filepath.Join(base, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, ext uint8) {
		target := filepath.Join(t.TempDir(), "violations"+tableExts[int(ext)%len(tableExts)])
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files := Files{Offices: filepath.Join(base, "offices.csv"), Declarations: filepath.Join(base, "declarations.csv"),
			Surveys: filepath.Join(base, "surveys.csv"), Violations: target}
		exp, err := Read(files, func(scoring.Survey) {})
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != filepath.Base(target) {
				t.Fatalf("error %v is not a *FileError for %s", err, filepath.Base(target))
			}
			return
		}
		st := exp.Stats[3]
		if int64(len(exp.Violations))+st.Errors != st.Rows {
			t.Errorf("violations %d + errors %d != rows %d", len(exp.Violations), st.Errors, st.Rows)
		}
	})
}

// fuzzRecords makes records of at least three cells each from fuzz data:
// cells parted by '|', rows by '\n'.
func fuzzRecords(data string, keep func(rune) bool) [][]string {
	var recs [][]string
	width := 0
	for _, line := range strings.Split(data, "\n") {
		cells := strings.Split(line, "|")
		for i, c := range cells {
			cells[i] = strings.Map(func(r rune) rune {
				if r == utf8.RuneError || !keep(r) {
					return -1
				}
				return r
			}, c)
		}
		if width == 0 {
			width = max(3, len(cells))
		}
		for len(cells) < width {
			cells = append(cells, "x")
		}
		recs = append(recs, cells[:width])
	}
	return recs
}

// readAll reads a table's records, trailing empty cells left out.
func readAll(t *testing.T, path string) ([][]string, error) {
	tb, err := openTable(path, "")
	if err != nil {
		return nil, err
	}
	defer tb.close()
	var recs [][]string
	for {
		rec, _, err := tb.next()
		if err == io.EOF {
			return recs, nil
		}
		if err != nil {
			return recs, err
		}
		rec = slices.Clone(rec)
		for len(rec) > 0 && rec[len(rec)-1] == "" {
			rec = rec[:len(rec)-1]
		}
		recs = append(recs, rec)
	}
}

func trimRecords(recs [][]string) [][]string {
	out := make([][]string, 0, len(recs))
	for _, r := range recs {
		r = slices.Clone(r)
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		if len(r) > 0 {
			out = append(out, r)
		}
	}
	return out
}

// FuzzDelimited: records written as delimited text by encoding/csv — with
// commas, semicolons or tabs, in UTF-8 with or without a BOM or in UTF-16
// either way round — read back as the same records: the delimiter and the
// encoding are found. Cells hold no delimiter (whose count would make the
// choice ambiguous) but anything else: quotes, line ends, Persian.
func FuzzDelimited(f *testing.F) {
	f.Add("response_id|office_code|response_date|score\n1|G-001|1404/02/01|5", uint8(0))
	f.Add("کد دفتر|نام|\"quoted\"\n۱|a\nb|c", uint8(7))
	f.Fuzz(func(t *testing.T, data string, form uint8) {
		recs := fuzzRecords(data, func(r rune) bool {
			return r != ',' && r != ';' && r != '\t' && r != '\r' && r != 0 && r != '\ufeff' && r != '\ufffd'
		})
		comma := []rune{',', ';', '\t'}[int(form)%3]
		var b bytes.Buffer
		w := csv.NewWriter(&b)
		w.Comma = comma
		if err := w.WriteAll(recs); err != nil {
			t.Skip()
		}
		text := b.Bytes()
		switch form / 3 % 4 {
		case 1:
			text = append([]byte("\ufeff"), text...)
		case 2:
			text, _ = unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(text)
		case 3:
			text, _ = unicode.UTF16(unicode.BigEndian, unicode.UseBOM).NewEncoder().Bytes(text)
		}
		path := filepath.Join(t.TempDir(), "t.csv")
		if err := os.WriteFile(path, text, 0o644); err != nil {
			t.Fatal(err)
		}
		want := trimRecords(recs)
		if isHTML(b.Bytes()) || len(want) == 0 {
			return // text that is a page of HTML
		}
		got, err := readAll(t, path)
		if err != nil {
			t.Fatalf("%v\n%q", err, text)
		}
		if got = trimRecords(got); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("read\n%q\nwant\n%q\nfrom %q", got, want, text)
		}
	})
}

// FuzzHTMLCells: cells written as an HTML table, escaped, read back as
// a browser shows them: blanks collapsed to one space, none at the ends.
func FuzzHTMLCells(f *testing.F) {
	f.Add("office_code|name|city\nG-001|دفتر  &  <رشت>|\tRasht ")
	f.Fuzz(func(t *testing.T, data string) {
		recs := fuzzRecords(data, func(r rune) bool { return r != 0 && r != '\ufeff' && r != '\r' && r != '\f' })
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><meta charset=utf-8><table>")
		for _, rec := range recs {
			b.WriteString("<tr>")
			for _, c := range rec {
				b.WriteString("<td>" + html.EscapeString(c) + "</td>")
			}
			b.WriteString("</tr>")
		}
		b.WriteString("</table>")
		path := filepath.Join(t.TempDir(), "t.xls")
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
		want := make([][]string, len(recs))
		wide := false
		for i, rec := range recs {
			want[i] = make([]string, len(rec))
			filled := 0
			for j, c := range rec {
				want[i][j] = strings.Join(strings.FieldsFunc(c, func(r rune) bool { return strings.ContainsRune(" \t\n\f\r", r) }), " ")
				if !blankCell(want[i][j]) {
					filled++
				}
			}
			wide = wide || filled >= wideRow
		}
		got, err := readAll(t, path)
		if !wide {
			if err == nil {
				t.Errorf("a table without a row of %d cells read as %q", wideRow, got)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		if got, want := trimRecords(got), trimRecords(want); !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("read\n%q\nwant\n%q", got, want)
		}
	})
}

// FuzzODS: a sheet of text and numbers saved as .ods reads as the same
// sheet saved as .xlsx by excelize reads: the differential test of the
// ods reader against the xlsx one. The ods is written as LibreOffice
// writes it (spaces after the first as <text:s/>, lines as paragraphs,
// equal neighbours as repeated cells).
func FuzzODS(f *testing.F) {
	f.Add("office_code|area|note\nG-001|45.5|  two  spaces\nG-002|-1e-7|a\nb", 4.5)
	f.Fuzz(func(t *testing.T, data string, x float64) {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return
		}
		recs := fuzzRecords(data, func(r rune) bool {
			return r >= 0x20 && r != 0x7f && r != '\ufeff' && r != '\ufffe' && r != '\uffff' || r == '\n' || r == '\t'
		})
		recs = append(recs, []string{strconv.FormatFloat(x, 'g', -1, 64), "x", "y"})
		dir := t.TempDir()
		xlsx, ods := filepath.Join(dir, "t.xlsx"), filepath.Join(dir, "t.ods")
		wb := excelize.NewFile()
		for i, rec := range recs {
			for j, c := range rec {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
				if n, ok := plainNumber(c); ok {
					wb.SetCellFloat("Sheet1", ref, n, -1, 64)
				} else {
					wb.SetCellStr("Sheet1", ref, c)
				}
			}
		}
		if err := wb.SaveAs(xlsx); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(ods, writeODS(recs), 0o644); err != nil {
			t.Fatal(err)
		}
		want, err := readAll(t, xlsx)
		if err != nil {
			t.Fatal(err)
		}
		got, err := readAll(t, ods)
		if err != nil {
			t.Fatal(err)
		}
		got, want = trimRecords(got), trimRecords(want)
		same := slices.EqualFunc(got, want, func(g, w []string) bool {
			return slices.EqualFunc(g, w, func(a, b string) bool {
				x, errx := strconv.ParseFloat(a, 64)
				y, erry := strconv.ParseFloat(b, 64)
				// excelize writes a number to Excel's 15 significant
				// digits; the ods holds it whole.
				return a == b || errx == nil && erry == nil && (x == y || math.Abs(x-y) <= 1e-14*math.Abs(y))
			})
		})
		if !same {
			t.Errorf("ods read\n%q\nxlsx read\n%q", got, want)
		}
	})
}

// plainNumber is a cell a spreadsheet takes for a number.
func plainNumber(s string) (float64, bool) {
	if !decimal(s) {
		return 0, false
	}
	x, err := strconv.ParseFloat(s, 64)
	return x, err == nil && !math.IsInf(x, 0)
}

// writeODS writes records as LibreOffice writes a sheet.
func writeODS(recs [][]string) []byte {
	var b bytes.Buffer
	z := zip.NewWriter(&b)
	m, _ := z.CreateHeader(&zip.FileHeader{Name: "mimetype", Method: zip.Store})
	io.WriteString(m, odsMimetype)
	c, _ := z.Create("content.xml")
	io.WriteString(c, odsHead)
	for _, rec := range recs {
		io.WriteString(c, "<table:table-row>")
		for j := 0; j < len(rec); {
			n := 1
			for j+n < len(rec) && rec[j+n] == rec[j] {
				n++
			}
			rep := ""
			if n > 1 {
				rep = fmt.Sprintf(` table:number-columns-repeated="%d"`, n)
			}
			v := rec[j]
			switch x, ok := plainNumber(v); {
			case v == "":
				fmt.Fprintf(c, `<table:table-cell%s/>`, rep)
			case ok:
				fmt.Fprintf(c, `<table:table-cell%s office:value-type="float" office:value="%s"><text:p>%s</text:p></table:table-cell>`, rep, strconv.FormatFloat(x, 'g', -1, 64), v)
			default:
				fmt.Fprintf(c, `<table:table-cell%s office:value-type="string">`, rep)
				for _, line := range strings.Split(v, "\n") {
					io.WriteString(c, "<text:p>"+odsText(line)+"</text:p>")
				}
				io.WriteString(c, "</table:table-cell>")
			}
			j += n
		}
		io.WriteString(c, "</table:table-row>")
	}
	io.WriteString(c, odsTail)
	z.Close()
	return b.Bytes()
}

// odsText escapes a line as LibreOffice writes it: a space that starts
// the line or follows another as <text:s/>, a tab as <text:tab/>.
func odsText(s string) string {
	var b strings.Builder
	prevSpace := true
	for _, r := range s {
		switch {
		case r == ' ' && prevSpace:
			b.WriteString("<text:s/>")
		case r == '\t':
			b.WriteString("<text:tab/>")
			prevSpace = false
			continue
		default:
			var e bytes.Buffer
			xmlEscape(&e, string(r))
			b.Write(e.Bytes())
		}
		prevSpace = r == ' '
	}
	return b.String()
}

func xmlEscape(w *bytes.Buffer, s string) {
	for _, r := range s {
		switch r {
		case '&':
			w.WriteString("&amp;")
		case '<':
			w.WriteString("&lt;")
		case '>':
			w.WriteString("&gt;")
		case '"':
			w.WriteString("&quot;")
		default:
			w.WriteRune(r)
		}
	}
}

// FuzzXLS: an .xls workbook LibreOffice wrote, damaged anywhere, is read
// or refused without a panic; the records it yields have at most 256
// cells (BIFF8's columns).
func FuzzXLS(f *testing.F) {
	for _, p := range []string{"xls/violations.xls", "xls/services.xls"} {
		b, err := os.ReadFile(filepath.Join(formsDir, p))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b, 0, byte(0))
	}
	f.Fuzz(func(t *testing.T, data []byte, at int, b byte) {
		if len(data) > 0 {
			data = slices.Clone(data)
			data[uint(at)%uint(len(data))] ^= b
		}
		path := filepath.Join(t.TempDir(), "t.xls")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		recs, _ := readAll(t, path)
		for _, r := range recs {
			if len(r) > 256 {
				t.Errorf("a record of %d cells", len(r))
			}
		}
	})
}

// TestLibreOfficeForms: the forms rank reads only through LibreOffice —
// an Excel 2003 XML spreadsheet, as some systems export as .xls — read
// where it is installed, and refused naming the remedy where it is not.
func TestLibreOfficeForms(t *testing.T) {
	const xml = `<?xml version="1.0"?>
<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">
<Worksheet ss:Name="services"><Table>
<Row><Cell><Data ss:Type="String">province</Data></Cell><Cell><Data ss:Type="String">city</Data></Cell><Cell><Data ss:Type="String">area_type</Data></Cell><Cell><Data ss:Type="String">available_services</Data></Cell></Row>
<Row><Cell><Data ss:Type="String">گیلان</Data></Cell><Cell><Data ss:Type="String">رشت</Data></Cell><Cell><Data ss:Type="String">شهری</Data></Cell><Cell><Data ss:Type="Number">117</Data></Cell></Row>
</Table></Worksheet></Workbook>
`
	path := filepath.Join(t.TempDir(), "services.xls")
	if err := os.WriteFile(path, []byte(xml), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := findLibreOffice(); err == nil && !testing.Short() {
		got, err := readAll(t, path)
		if err != nil {
			t.Fatal(err)
		}
		want := [][]string{{"province", "city", "area_type", "available_services"}, {"گیلان", "رشت", "شهری", "117"}}
		if !slices.EqualFunc(trimRecords(got), want, slices.Equal) {
			t.Errorf("read %q, want %q", got, want)
		}
	}
	saved := findLibreOffice
	defer func() { findLibreOffice = saved }()
	findLibreOffice = func() (string, error) { return "", errNoLibreOffice }
	if _, err := openTable(path, ""); err == nil || !strings.Contains(err.Error(), "save it as .xlsx") {
		t.Errorf("without LibreOffice: error %v", err)
	}
}
