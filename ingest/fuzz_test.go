package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/iranict/rank/scoring"
)

// FuzzReadCSV feeds arbitrary bytes to Read as a surveys or declarations
// file: it must not panic, and every row it reads must be accounted for.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(baseExport["surveys.csv"]), false)
	f.Add([]byte(baseExport["declarations.csv"]), true)
	f.Add([]byte("response_id,office_code,response_date,score\n1,G-001,\"1404/02/01\n,5\n\"x\"y,\n"), false)
	f.Add([]byte("\ufeffشناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\r\n۱,G-001,۱۴۰۴/۰۲/۰۱,۵\r\n"), false)
	f.Add([]byte("\xd4\xe4\xc7\xd3\xe5 \xdf\xc7\xd3\xce,office_code\n"), true)
	f.Add([]byte("PK\x03\x04"), false)
	dir := f.TempDir()
	for name, content := range baseExport {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, declarations bool) {
		files := Files{
			Offices:      filepath.Join(dir, "offices.csv"),
			Declarations: filepath.Join(dir, "declarations.csv"),
			Surveys:      filepath.Join(dir, "surveys.csv"),
			Violations:   filepath.Join(dir, "violations.csv"),
		}
		target, index := filepath.Join(dir, "fuzz-surveys.csv"), 2
		files.Surveys = target
		if declarations {
			target, index = filepath.Join(dir, "fuzz-declarations.csv"), 1
			files.Declarations, files.Surveys = target, filepath.Join(dir, "surveys.csv")
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var surveys int64
		exp, err := Read(files, func(scoring.Survey) { surveys++ })
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != filepath.Base(target) {
				t.Fatalf("error %v is not a *FileError for %s", err, filepath.Base(target))
			}
			return
		}
		stat := exp.Stats[index]
		valid := surveys
		if declarations {
			valid = int64(len(exp.Declarations))
		}
		if valid+stat.Errors != stat.Rows {
			t.Errorf("valid %d + errors %d != rows %d", valid, stat.Errors, stat.Rows)
		}
		var byProvince int64
		for _, n := range stat.RowsByProvince {
			byProvince += n
		}
		if byProvince != stat.Rows {
			t.Errorf("rows by province %v do not add up to %d", stat.RowsByProvince, stat.Rows)
		}
		for _, p := range exp.Problems {
			if p.Row < 2 || p.Reason == "" {
				t.Errorf("problem %+v", p)
			}
		}
	})
}

// FuzzSurveysFastLikeSimple holds the fast survey reader to the simple
// path (encoding/csv, one row at a time): arbitrary bytes as surveys.csv,
// read in chunks of the given size with ids that share the given number of
// fingerprints (0: hashed as in a run), must give the same export,
// problems, accounting and counts, or the same error.
func FuzzSurveysFastLikeSimple(f *testing.F) {
	const header = "response_id,office_code,response_date,score\n"
	for _, seed := range []string{
		baseExport["surveys.csv"],
		header + "1,G-001,1404/02/01,5\n1,G-001,1404/02/01,5\nR-1,G-002,1404/2/2,4\n007,T-001,1404/02/01,3\n7,G-001,1404/02/01,9\nR-1,G-001,1404/02/01,1\n",
		header + "a1b2c3d4-0000-4000-8000-000000000001,G-001,1404/02/01,5\n\"2\",\"G-\n001\",1404/02/01,4\n\"3\"x,G-001,1404/02/01,5\n",
		"\ufeffشناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\r\n۱,G-001,۱۴۰۴/۰۲/۰۱,۵\r\n1,ك-9,1404/02/01,5\r\n",
		"score,note,office_code,response_id,response_date\n5,x,G-001,SRV-1,1404/02/01\n4,\"a, b\",G-002,SRV-1,1404/02/02\n3\n",
		"\xd4\xe4\xc7\xd3\xe5 \xdf\xc7\xd3\xce,office_code\n1,G-001,1404/02/01,5\n",
		header + "1,G-001,1404/02/01,5\r\r\n2,G-001\r,1404/02/02,4\n\r\n3,G-001,1404/02/02,4\r",
	} {
		f.Add([]byte(seed), uint16(0), uint8(0))
		f.Add([]byte(seed), uint16(7), uint8(2))
	}
	win, _ := charmap.Windows1256.NewEncoder().String("شناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\r\n1,G-001,1404/02/01,5\r\n2,ک-9,1404/02/01,5\r\n2,G-002,1404/02/40,4\r\n")
	f.Add([]byte(win), uint16(16), uint8(0))
	dir := f.TempDir()
	for name, content := range map[string]string{"offices.csv": fastOffices, "declarations.csv": baseExport["declarations.csv"], "violations.csv": baseExport["violations.csv"]} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	files := Files{Offices: filepath.Join(dir, "offices.csv"), Declarations: filepath.Join(dir, "declarations.csv"),
		Surveys: filepath.Join(dir, "surveys.csv"), Violations: filepath.Join(dir, "violations.csv")}
	f.Fuzz(func(t *testing.T, data []byte, chunk uint16, fingerprints uint8) {
		if err := os.WriteFile(files.Surveys, data, 0o644); err != nil {
			t.Fatal(err)
		}
		sameAsSimple(t, files, surveyOptions{chunkSize: int(chunk), fingerprints: int(fingerprints)}, readSimple(files))
	})
}

// FuzzReadXLSX feeds arbitrary bytes to the workbook readers as an
// offices.xlsx: the streaming reader and excelize must refuse or read it
// without a panic, every row accounted for, an error naming the file.
func FuzzReadXLSX(f *testing.F) {
	for _, seed := range xlsxSeeds(f) {
		f.Add(seed)
	}
	dir := f.TempDir()
	for name, content := range baseExport {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		target := filepath.Join(dir, "offices.xlsx")
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
		files := Files{Offices: target, Declarations: filepath.Join(dir, "declarations.csv"),
			Surveys: filepath.Join(dir, "surveys.csv"), Violations: filepath.Join(dir, "violations.csv")}
		exp, err := Read(files, func(scoring.Survey) {})
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error %v is not a *FileError", err)
			}
			return
		}
		if st := exp.Stats[0]; int64(len(exp.Offices))+st.Errors != st.Rows {
			t.Errorf("offices %d + errors %d != rows %d", len(exp.Offices), st.Errors, st.Rows)
		}
	})
}

// FuzzXLSXStreamLikeExcelize holds the streaming workbook reader to
// excelize's row iterator: a workbook whose sheet and shared strings are
// arbitrary well-formed XML must give the same records (row numbers,
// cells) from both, and an error at the same record; a workbook the
// streaming reader leaves to excelize is excelize's alone. Error texts may
// differ: each reader words its own.
//
// XML that is not well-formed is left out, a difference documented in
// xlsxstream.go: excelize's iterator stops at the first syntax error as if
// the sheet ended there, without an error; the streaming reader reads on.
func FuzzXLSXStreamLikeExcelize(f *testing.F) {
	const sst = `<si><t>response_id</t></si><si><t xml:space="preserve"> x </t></si><si><r><t>a</t></r><r><t>b</t></r></si><si><t>_x0041_ &amp; &#1662;</t></si>`
	for _, sheet := range []string{
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="D1" t="s"><v>3</v></c></row><row r="3"><c r="A3"><v>1404</v></c><c r="C3" t="inlineStr"><is><t>i</t></is></c></row>`,
		`<row><c><v>1</v></c><c t="str"><v>x</v></c><c/><c><v>3</v></c></row><row><c r="C2"><f>1+1</f></c><c t="b"><v>1</v></c></row>`,
		`<x:row r="2"><x:c r="B2" t="s"><x:v>2</x:v></x:c></x:row><!-- c --><row r="4"><c r="A4" t="str"><v><![CDATA[a<b]]></v></c></row>`,
		`<row r="1"><c r="A1"><v>1</v></c><c r="1A"><v>2</v></c></row><row r="x"><c r="A2"><v>3</v></c></row><row r="1048577"/>`,
		`<row r="1"><c r="b1" t="inlineStr"><is><t>crlf` + "\r\n" + `x</t><r><t>y</t></r></is></c><c r="$C$1" t="e"><v>#N/A</v></c></row>`,
	} {
		f.Add(sheet, sst, false)
	}
	f.Add(`<row r="1"><c r="A1"><v>45738</v></c></row>`, "", true)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, sheet, sst string, date1904 bool) {
		parts := workbookParts(sheet, sst, "")
		if !wellFormed(parts["xl/worksheets/sheet1.xml"]) || !wellFormed(parts["xl/sharedStrings.xml"]) {
			return
		}
		pr := ""
		if date1904 {
			pr = `<workbookPr date1904="1"/>`
		}
		path := filepath.Join(dir, "book.xlsx")
		if err := os.WriteFile(path, zipParts(workbookParts(sheet, sst, pr)), 0o644); err != nil {
			t.Fatal(err)
		}
		s, serr := openXLSXStream(path, "")
		var left *leftToExcelize
		if errors.As(serr, &left) {
			return
		}
		x, xerr := openXLSX(path, "")
		switch {
		case serr != nil && xerr != nil:
			return
		case serr != nil:
			want := allRecords(x)
			if !strings.HasPrefix(want[len(want)-1], "error") {
				t.Fatalf("the streaming reader refused it (%v); excelize read\n%s", serr, strings.Join(want, "\n"))
			}
			return
		case xerr != nil:
			s.close()
			t.Fatalf("excelize refused it (%v); the streaming reader opened it", xerr)
		}
		if s.name != x.name || s.date1904 != x.date1904 {
			t.Fatalf("sheet %q, date1904 %v; excelize %q, %v", s.name, s.date1904, x.name, x.date1904)
		}
		got, want := allRecords(s), allRecords(x)
		if !slices.Equal(got, want) {
			t.Fatalf("records\n%s\nexcelize's\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

// wellFormed reports whether encoding/xml reads doc to its end.
func wellFormed(doc string) bool {
	d := xml.NewDecoder(strings.NewReader(doc))
	for {
		if _, err := d.Token(); err != nil {
			return err == io.EOF
		}
	}
}

// allRecords reads a table to its end: each record as its row and cells,
// and at the end "error" if it stopped on one rather than at io.EOF.
func allRecords(tb table) []string {
	defer tb.close()
	var out []string
	for {
		rec, row, err := tb.next()
		if err == io.EOF {
			return append(out, "end")
		}
		if err != nil {
			return append(out, "error")
		}
		out = append(out, fmt.Sprintf("%d %q", row, rec))
	}
}

// xlsxSeeds are small workbooks: the base registry as a sheet, and some
// broken on purpose.
func xlsxSeeds(f *testing.F) [][]byte {
	wb := excelize.NewFile()
	for i, line := range strings.Split(strings.TrimSpace(baseExport["offices.csv"]), "\n") {
		for j, cell := range strings.Split(line, ",") {
			ref, _ := excelize.CoordinatesToCellName(j+1, i+1)
			wb.SetCellValue("Sheet1", ref, cell)
		}
	}
	wb.SetCellValue("Sheet1", "H5", 45738) // a date as Excel's serial number
	var buf bytes.Buffer
	if _, err := wb.WriteTo(&buf); err != nil {
		f.Fatal(err)
	}
	good := buf.Bytes()
	cut := append([]byte{}, good[:len(good)/2]...)
	return [][]byte{good, cut, []byte("PK\x03\x04"), {}}
}

// FuzzParseNationalID: an accepted national code is ten digits whose check
// digit holds, and is accepted again as written.
func FuzzParseNationalID(f *testing.F) {
	for _, s := range []string{"0013542419", "۰۰۱۳۵۴۲۴۱۹", "001-354241-9", "1111111111", "12345", "", "٠٠١٣٥٤٢٤١٩"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := ParseNationalID(s)
		if err != nil {
			return
		}
		if len(id) != 10 || strings.Trim(id, "0123456789") != "" {
			t.Fatalf("ParseNationalID(%q) = %q", s, id)
		}
		sum := 0
		for i := 0; i < 9; i++ {
			sum += int(id[i]-'0') * (10 - i)
		}
		check, r := int(id[9]-'0'), sum%11
		if !(r < 2 && check == r || r >= 2 && check == 11-r) {
			t.Errorf("ParseNationalID(%q) = %q: the check digit does not hold", s, id)
		}
		if again, err := ParseNationalID(id); err != nil || again != id {
			t.Errorf("%q read again: %q, %v", id, again, err)
		}
	})
}

// FuzzParseDateTime: a date and time accepted is a real day, and its date
// reads as ParseDate reads it.
func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"1404/03/15 14:30", "۱۴۰۴/۰۳/۱۵ ۱۴:۳۰", "1404-3-15T23:59:59", "1404/03/15 24:00", "1404/03/15", " :"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDateTime(s)
		if err != nil {
			return
		}
		if !d.Valid() {
			t.Errorf("ParseDateTime(%q) = %v, not a valid day", s, d)
		}
	})
}
