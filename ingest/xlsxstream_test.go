package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"hash/crc32"
	"maps"
	"os"
	"path/filepath"
	"reflect"
	"slices"
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
	return writeParts(t, workbookParts(sheet, sst, workbookPr))
}

// writeParts writes a zip of the given parts.
func writeParts(t *testing.T, parts map[string]string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "book.xlsx")
	if err := os.WriteFile(path, zipParts(parts), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// zipParts is a zip of the given parts, in the order of their names.
func zipParts(parts map[string]string) []byte {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, name := range slices.Sorted(maps.Keys(parts)) {
		w, err := z.Create(name)
		if err != nil {
			panic(err)
		}
		w.Write([]byte(parts[name]))
	}
	if err := z.Close(); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// workbookParts are the parts of a workbook of one sheet.
func workbookParts(sheet, sst, workbookPr string) map[string]string {
	return map[string]string{
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
// both ways, and a whole export with every file a workbook through Read:
// the rows planted in error are found.
func TestXLSXStreamSynth(t *testing.T) {
	cfg := synth.Gilan()
	cfg.Period = fastPeriod
	cfg.TotalSurveys = 3000
	cfg.Format.XLSX = synth.AllKinds
	dir := t.TempDir()
	plan, err := synth.Generate(dir, cfg)
	if err != nil {
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
	exp, err := Read(files, func(scoring.Survey) {})
	if err != nil {
		t.Fatal(err)
	}
	planted := 0
	for _, fp := range plan.Files {
		planted += len(fp.Errors)
	}
	errors := 0
	for _, p := range exp.Problems {
		if !p.Warning {
			errors++
		}
	}
	if planted == 0 || errors != planted {
		t.Fatalf("%d problems, %d planted:\n%s", errors, planted, strings.Join(problemStrings(exp.Problems), "\n"))
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

// The streaming reader leaves to excelize the packages it does not read,
// saying why; excelize reads them, or says what is wrong.
func TestXLSXStreamLeaves(t *testing.T) {
	const sheet = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>7</v></c></row>`
	const sst = `<si><t>office_code</t></si>`
	moved := workbookParts(sheet, sst, "")
	moved["xl/book.xml"], moved["xl/_rels/book.xml.rels"] = moved["xl/workbook.xml"], moved["xl/_rels/workbook.xml.rels"]
	delete(moved, "xl/workbook.xml")
	delete(moved, "xl/_rels/workbook.xml.rels")
	moved["_rels/.rels"] = strings.Replace(moved["_rels/.rels"], `Target="xl/workbook.xml"`, `Target="/xl/book.xml"`, 1)
	strict := workbookParts(sheet, sst, "")
	for name, body := range strict {
		body = strings.ReplaceAll(body, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships")
		strict[name] = strings.ReplaceAll(body, "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
	}
	latin := workbookParts(sheet, sst, "")
	latin["xl/workbook.xml"] = strings.Replace(latin["xl/workbook.xml"], `encoding="UTF-8"`, `encoding="windows-1252"`, 1)
	noRels := workbookParts(sheet, sst, "")
	delete(noRels, "_rels/.rels")
	noSheet := workbookParts(sheet, sst, "")
	delete(noSheet, "xl/worksheets/sheet1.xml")
	text := filepath.Join(t.TempDir(), "text.xlsx")
	if err := os.WriteFile(text, []byte("plain text"), 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name    string
		path    string
		why     string // in the reason
		records bool   // excelize reads it
	}{
		{"workbook part moved", writeParts(t, moved), `the workbook part is "xl/book.xml"`, true},
		{"strict namespaces", writeParts(t, strict), `the sheet's part "xl" is not in the package`, true},
		{"another character set", writeParts(t, latin), "xl/workbook.xml: xml: encoding", true},
		{"no package relationships", writeParts(t, noRels), "_rels/.rels: missing", false},
		{"sheet part missing", writeParts(t, noSheet), `"xl/worksheets/sheet1.xml" is not in the package`, false},
		{"not a zip", text, "not a zip archive", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := openXLSXStream(tc.path, "")
			var left *leftToExcelize
			if s != nil || !errors.As(err, &left) || !strings.Contains(left.why, tc.why) {
				t.Fatalf("got %v, want it left to excelize: %s", err, tc.why)
			}
			tb, err := openWorkbook(tc.path, "")
			if _, isX := tb.(*xlsxTable); err == nil && !isX {
				t.Fatalf("opened by %T, not excelize", tb)
			}
			if (err == nil) != tc.records {
				t.Fatalf("excelize: %v", err)
			}
			if err == nil {
				if got := records(t, tb); len(got) != 2 || got[0] != `1 ["office_code" "7"]` {
					t.Fatalf("records %q", got)
				}
			}
		})
	}
}

// A workbook that is broken is an error, not left to excelize.
func TestXLSXStreamErrors(t *testing.T) {
	// A workbook with part name stored as given.
	raw := func(name string, method uint16, data []byte, size uint64) string {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		for _, n := range slices.Sorted(maps.Keys(workbookParts("", "", ""))) {
			if n == name {
				continue
			}
			w, _ := z.Create(n)
			w.Write([]byte(workbookParts("", "", "")[n]))
		}
		w, err := z.CreateRaw(&zip.FileHeader{Name: name, Method: method, CRC32: crc32.ChecksumIEEE(data),
			CompressedSize64: uint64(len(data)), UncompressedSize64: size})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
		z.Close()
		path := filepath.Join(t.TempDir(), "book.xlsx")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	cases := []struct {
		name, path, want string
	}{
		{"declares more than the limit", raw("xl/sharedStrings.xml", zip.Store, []byte("<sst/>"), unzipSizeLimit+1), "unpacks to more than 1024 MiB"},
		{"shared strings damaged", raw("xl/sharedStrings.xml", zip.Deflate, []byte("not deflate data"), 100), "xl/sharedStrings.xml: flate: corrupt input"},
		{"sheet compressed by an unknown method", raw("xl/worksheets/sheet1.xml", 99, []byte("<worksheet/>"), 12), "xl/worksheets/sheet1.xml: zip: unsupported compression algorithm"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s, err := openXLSXStream(tc.path, "")
			var left *leftToExcelize
			if s != nil || err == nil || errors.As(err, &left) || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("got %v, want an error: %s", err, tc.want)
			}
			if _, xerr := openXLSX(tc.path, ""); xerr == nil {
				t.Fatalf("excelize reads it: the streaming reader should not refuse it")
			}
		})
	}
}
