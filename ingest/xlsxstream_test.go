package ingest

import (
	"archive/zip"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/iranict/rank/scoring"
	"github.com/iranict/rank/synth"
	"github.com/xuri/excelize/v2"
)

// The streaming workbook reader must give the records excelize's row
// iterator gives, row numbers and errors included.

// records reads every record of a table.
func records(t *testing.T, tb table) []string {
	t.Helper()
	defer tb.close()
	var out []string
	for range 1 << 20 {
		rec, row, err := tb.next()
		if err != nil {
			out = append(out, "error: "+err.Error())
			if err.Error() == "EOF" || strings.Contains(err.Error(), "max") {
				return out
			}
			return out
		}
		out = append(out, fmt.Sprintf("%d %q", row, rec))
	}
	t.Fatal("no end")
	return nil
}

// sameRecords compares the streaming reader with excelize on a workbook.
func sameRecords(t *testing.T, path string) []string {
	t.Helper()
	s, err := openXLSXStream(path, "")
	if err != nil || s == nil {
		t.Fatalf("streaming reader left %s: %v", path, err)
	}
	x, err := openXLSX(path, "")
	if err != nil {
		t.Fatal(err)
	}
	if s.name != x.name || s.date1904 != x.date1904 {
		t.Fatalf("sheet %q date1904 %v, excelize %q %v", s.name, s.date1904, x.name, x.date1904)
	}
	got, want := records(t, s), records(t, x)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("records\n%s\nexcelize\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	return got
}

// writeWorkbook writes a workbook of one sheet from its XML parts.
func writeWorkbook(t *testing.T, sheet, sst, workbookPr string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	z := zip.NewWriter(f)
	parts := map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">` + workbookPr + `<sheets><sheet name="پاسخ‌ها &amp; more" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/></Relationships>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D9"/><sheetData>` + sheet + `</sheetData></worksheet>`,
		"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`,
	}
	for name, body := range parts {
		w, err := z.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestXLSXStreamLikeExcelize(t *testing.T) {
	const sst = `<si><t>response_id</t></si><si><t xml:space="preserve"> office_code </t></si>` +
		`<si><r><rPr><b/></rPr><t>response</t></r><r><t>_date</t></r></si>` +
		`<si><t>sco</t><r><t>re</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>` +
		`<si><t>G-001</t></si><si><t>line_x000D_end &amp; &lt;tag&gt; &#1662;</t></si><si/><si><t/></si>` +
		"<si><t>crlf\r\nand\rcr</t></si><si><t><![CDATA[<raw> & \r\n]]></t></si><si><t>_x005F_x0041_</t></si>"
	cases := map[string]string{
		"shared strings": `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>` +
			`<row r="2"><c r="A2"><v>1001</v></c><c r="B2" t="s"><v>4</v></c><c r="C2" t="s"><v> 5 </v></c><c r="D2" t="s"><v>6</v></c></row>` +
			`<row r="3"><c r="A3" t="s"><v>7</v></c><c r="B3" t="s"><v>8</v></c><c r="C3" t="s"><v>9</v></c><c r="D3" t="s"><v>10</v></c></row>` +
			`<row r="4"><c r="A4" t="s"><v>99</v></c><c r="B4" t="s"><v>x</v></c><c r="C4" t="s"/><c r="D4" t="s"><v></v></c></row>`,
		"gaps and trailing empties": `<row r="2"><c r="B2"><v>1</v></c><c r="D2"><v></v></c></row><row r="5" spans="1:4"><c r="A5"><v>2</v></c><c r="C5" s="3"/></row>` +
			`<row r="6"/><row r="9"><c r="D9"><v>4.5E-3</v></c></row>`,
		"no references": `<row><c><v>1</v></c><c t="str"><v>x</v></c><c/><c><v>3</v></c></row><row><c><v>a</v></c></row><row r="7"><c><v>7</v></c></row><row><c r="C8"><v>8</v></c><c><v>9</v></c></row>`,
		"types": `<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="str"><f>A1&amp;"x"</f><v>1x</v></c><c r="D1" t="inlineStr"><is><t>inline</t><r><t> run</t></r></is></c></row>` +
			`<row r="2"><c r="A2" t="d"><v>2024-01-02T00:00:00Z</v></c><c r="B2"><f>1+1</f></c><c r="C2" t="inlineStr"><v>v only</v></c><c r="D2" t="n"><v>  7 </v></c></row>` +
			`<row r="3"><c r="A3"><f t="shared" si="0"/></c></row>`,
		"prefixed":                         `<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row><x:row r="2"><x:c r="B2"><x:v>5</x:v></x:c></x:row>`,
		"entities and comments":            `<!-- a comment --><row r="1"><c r="A1" t="str"><v>a &amp; b &#x41;&#66;</v></c><c r="B1" t="str"><v><![CDATA[x<y]]></v></c><c r="C1" t="inlineStr"><is><t>t1</t></is></c></row>`,
		"lower case and dollar references": `<row r="1"><c r="b1"><v>1</v></c><c r="$C$1"><v>2</v></c></row>`,
		"bad reference":                    `<row r="1"><c r="A1"><v>1</v></c><c r="1A"><v>2</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>`,
		"bad row number":                   `<row r="1"><c r="A1"><v>1</v></c></row><row r="x"><c r="A2"><v>3</v></c></row>`,
		"row beyond the sheet":             `<row r="1"><c r="A1"><v>1</v></c></row><row r="1048577"><c r="A2"><v>3</v></c></row>`,
		"empty":                            ``,
		"huge cell":                        `<row r="1"><c r="A1" t="inlineStr"><is><t>` + strings.Repeat("ب", 300000) + `</t></is></c><c r="B1"><v>1</v></c></row>`,
	}
	for name, sheet := range cases {
		t.Run(name, func(t *testing.T) {
			sameRecords(t, writeWorkbook(t, sheet, sst, ""))
		})
	}
	t.Run("date1904", func(t *testing.T) {
		sameRecords(t, writeWorkbook(t, `<row r="1"><c r="A1"><v>1</v></c></row>`, sst, `<workbookPr date1904="1"/>`))
	})
}

// TestXLSXStreamSynth reads generated workbooks (written by excelize)
// both ways, and a whole export with every file a workbook through Read.
func TestXLSXStreamSynth(t *testing.T) {
	cfg := synth.Gilan()
	cfg.Period = fastPeriod
	cfg.TotalSurveys = 3000
	cfg.Format.XLSX = synth.AllKinds
	dir := t.TempDir()
	if _, err := synth.Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join(dir, "*.xlsx"))
	if len(names) != 5 {
		t.Fatalf("%d workbooks written, want 5", len(names))
	}
	for _, n := range names {
		sameRecords(t, n)
	}
	files, err := Find(dir, Files{})
	if err != nil {
		t.Fatal(err)
	}
	read := func() (*Export, map[string]scoring.SurveyCount) {
		tally := scoring.NewSurveyTally(fastPeriod)
		exp, err := Read(files, tally.Add)
		if err != nil {
			t.Fatal(err)
		}
		return exp, tallyMap(tally)
	}
	got, gotTally := read()
	xlsxStreaming = false
	want, wantTally := read()
	xlsxStreaming = true
	if !reflect.DeepEqual(got, want) || !reflect.DeepEqual(gotTally, wantTally) {
		t.Fatalf("streaming reader:\n%s\nexcelize:\n%s", strings.Join(problemStrings(got.Problems), "\n"), strings.Join(problemStrings(want.Problems), "\n"))
	}
	if len(want.Problems) == 0 {
		t.Fatal("want the planted rows in error")
	}
}

func TestXLSXStreamTooLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bomb.xlsx")
	f := excelize.NewFile()
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	zc, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zc.Close()
	if err := checkWorkbookSize(&zc.Reader); err != nil {
		t.Fatalf("a small workbook: %v", err)
	}
	zc.File[0].UncompressedSize64 = unzipSizeLimit + 1
	if err := checkWorkbookSize(&zc.Reader); err == nil {
		t.Fatal("a workbook declaring more than the limit passed")
	}
}
