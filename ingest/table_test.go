package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/iranict/rank/scoring"
	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

func encode1256(t *testing.T, s string) string {
	t.Helper()
	// Windows-1256 has the Arabic yeh, not the Persian one.
	b, err := charmap.Windows1256.NewEncoder().String(strings.ReplaceAll(s, "ی", "ي"))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestReadEncodings(t *testing.T) {
	persian := "استان,کد دفتر,نام دفتر,شهر,نوع منطقه,نوع دفتر,تاریخ صدور پروانه,کد ملی دارنده پروانه\n" +
		"گیلان,G-001,دفتر پیشخوان رشت,رشت,شهری,پیشخوان,1395/04/01,0013542419\n" +
		"تهران,T-001,دفتر تهران,تهران,شهری,پیشخوان,1395/04/01,0013542419\n"
	// An English header and ASCII rows well past the 64 KiB sample before
	// the first Persian text.
	var late strings.Builder
	late.WriteString("office_code,name,province,city,area_type,office_type,holder_national_id,license_date\n")
	for i := 0; late.Len() < 80<<10; i++ {
		late.WriteString(fmt.Sprintf("A-%06d%s,n,Alborz,Karaj,urban,pishkhan,0013542419,1395/04/01\n", i, strings.Repeat("x", 40)))
	}
	late.WriteString("G-001,دفتر پیشخوان رشت,گیلان,رشت,شهری,پیشخوان,0013542419,1395/04/01\n")
	tests := []struct {
		name, content string
	}{
		{"utf-8", persian},
		{"utf-8 with bom", "\ufeff" + persian},
		{"crlf", strings.ReplaceAll(persian, "\n", "\r\n")},
		{"windows-1256", encode1256(t, persian)},
		{"windows-1256 crlf", encode1256(t, strings.ReplaceAll(persian, "\n", "\r\n"))},
		{"windows-1256 late", encode1256(t, late.String())},
		{"utf-8 late", late.String()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp, _, err := readDir(t, writeExport(t, map[string]string{"offices.csv": tt.content}))
			if err != nil {
				t.Fatal(err)
			}
			var offices []scoring.Office
			for _, p := range exp.Problems {
				if p.File == "offices.csv" {
					t.Errorf("problem %v", p)
				}
			}
			for _, o := range exp.Offices {
				if o.Code == "G-001" {
					offices = append(offices, o)
				}
			}
			if len(offices) != 1 || offices[0].Name != "دفتر پیشخوان رشت" || offices[0].City != "رشت" || offices[0].Province.Slug != "gilan" {
				t.Errorf("G-001 = %+v", offices)
			}
		})
	}
}

func TestFind(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"Offices.CSV", "declarations.xlsx", "surveys.csv", "violations.csv", "notes.txt", "services.csv.bak"} {
		os.WriteFile(filepath.Join(dir, name), nil, 0o644)
	}
	os.Mkdir(filepath.Join(dir, "services.csv"), 0o755) // a folder is not a file
	got, err := Find(dir, Files{Violations: "/elsewhere/v.csv"})
	if err != nil {
		t.Fatal(err)
	}
	want := Files{
		Offices:      filepath.Join(dir, "Offices.CSV"),
		Declarations: filepath.Join(dir, "declarations.xlsx"),
		Surveys:      filepath.Join(dir, "surveys.csv"),
		Violations:   "/elsewhere/v.csv",
	}
	if got != want {
		t.Errorf("Find = %+v, want %+v", got, want)
	}

	os.WriteFile(filepath.Join(dir, "offices.xlsx"), nil, 0o644)
	if _, err := Find(dir, Files{}); err == nil || !strings.Contains(err.Error(), "2 offices files (Offices.CSV, offices.xlsx): keep one, or name it with --offices") {
		t.Errorf("two offices files: error = %v", err)
	}
	if _, err := Find(dir, Files{Offices: "o.csv"}); err != nil {
		t.Errorf("offices given: error = %v", err)
	}

	empty := t.TempDir()
	_, err = Find(empty, Files{Surveys: "s.csv"})
	if err == nil || err.Error() != empty+": no offices, declarations, violations file: want offices.csv, declarations.csv, violations.csv (or .tsv, .txt, .xlsx, .xls, .ods)" {
		t.Errorf("missing: error = %v", err)
	}
	if _, err := Find(filepath.Join(empty, "nope"), Files{}); err == nil {
		t.Error("missing folder: no error")
	}
}

// TestReadXLSX reads workbooks the way Excel and exporting systems write
// them: shared strings, rich text, inline strings, numbers, date serials
// and a gap of empty rows.
func TestReadXLSX(t *testing.T) {
	dir := writeExport(t, map[string]string{"offices.csv": "", "surveys.csv": "", "declarations.csv": ""})

	// offices.xlsx: an ordinary workbook (shared strings), the data sheet
	// first and a second sheet that must be ignored.
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "دفاتر")
	f.NewSheet("other")
	f.SetSheetRow("other", "A1", &[]any{"nothing", "here"})
	set := func(cell string, v any) {
		t.Helper()
		if err := f.SetCellValue("دفاتر", cell, v); err != nil {
			t.Fatal(err)
		}
	}
	f.SetSheetRow("دفاتر", "A1", &[]any{"کد دفتر", "نام دفتر", "استان", "شهر", "نوع منطقه", "نوع دفتر", "کد ملی دارنده پروانه", "تاریخ صدور پروانه", "توضیحات"})
	f.SetSheetRow("دفاتر", "A2", &[]any{"G-001", "", "گیلان", "رشت", "شهری", "پیشخوان", 13542419, time.Date(2016, 6, 21, 0, 0, 0, 0, time.UTC)})
	if err := f.SetCellRichText("دفاتر", "B2", []excelize.RichTextRun{{Text: "دفتر "}, {Text: "پیشخوان", Font: &excelize.Font{Bold: true}}}); err != nil {
		t.Fatal(err)
	}
	set("A5", 1001) // a numeric office code, after two empty rows
	set("B5", "دفتر عددی")
	set("C5", "Tehran")
	set("D5", "تهران")
	set("E5", "urban")
	set("F5", "public_nongov")
	set("G5", "0013542419")
	set("H5", "1400/1/1")
	set("A6", "G-002")
	set("H6", 45737.0) // no date style: a bare serial still reads as a date
	if err := f.SaveAs(filepath.Join(dir, "offices.xlsx")); err != nil {
		t.Fatal(err)
	}

	// declarations.xlsx: numbers as numbers.
	f = excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"office_code", "period", "submitted_at", "area_m2", "staff_count", "location_class", "association_score", "review_status"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"G-001", "1404-H1", time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), 12.5, 3, "alley", 7.25, "confirmed"})
	f.SetSheetRow("Sheet1", "A3", &[]any{1001, "1404-H1", "1404/02/11", 40, 2.5, "alley", 0.1 + 0.2, "confirmed"})
	if err := f.SaveAs(filepath.Join(dir, "declarations.xlsx")); err != nil {
		t.Fatal(err)
	}

	// surveys.xlsx: streamed, so inline strings.
	f = excelize.NewFile()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"response_id", "office_code", "response_date", "score"})
	sw.SetRow("A2", []any{"r1", "G-001", "۱۴۰۴/۰۲/۰۱", 5})
	sw.SetRow("A3", []any{[]excelize.RichTextRun{{Text: "r"}, {Text: "2"}}, 1001, "1404/02/01", "4"})
	sw.SetRow("A4", []any{"r3", "G-001", "1404/02/01", 4.5})
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(filepath.Join(dir, "surveys.xlsx")); err != nil {
		t.Fatal(err)
	}

	exp, surveys, err := readDir(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`offices.xlsx:6:name: is required`,
		`offices.xlsx:6:province: is required`,
		`offices.xlsx:6:city: is required`,
		`offices.xlsx:6:area_type: is required`,
		`offices.xlsx:6:office_type: is required`,
		`warning offices.xlsx:6:holder_national_id: is missing`,
		`declarations.xlsx:3:staff_count: must be a whole number ≥ 1, got "2.5"`,
		`surveys.xlsx:4:score: must be a whole number from 1 to 5, got "4.5"`,
	}
	if got := problemStrings(exp.Problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if p := exp.Problems[0]; p.Sheet != "دفاتر" {
		t.Errorf("sheet = %q", p.Sheet)
	}
	if s := exp.Stats[0]; s.Rows != 3 || s.Errors != 1 || !slices.Equal(s.Ignored, []string{"توضیحات"}) {
		t.Errorf("offices stat = %+v", s)
	}
	if len(exp.Offices) != 2 {
		t.Fatalf("offices = %+v", exp.Offices)
	}
	o := exp.Offices[0]
	if o.Name != "دفتر پیشخوان" || o.HolderNationalID != "0013542419" || o.LicenseDate != (scoring.Date{Year: 1395, Month: 4, Day: 1}) || o.Row != 2 {
		t.Errorf("office = %+v", o)
	}
	if o := exp.Offices[1]; o.Code != "1001" || o.Row != 5 || o.HolderNationalID != "0013542419" {
		t.Errorf("office = %+v", o)
	}
	if len(exp.Declarations) != 1 {
		t.Fatalf("declarations = %+v", exp.Declarations)
	}
	d := exp.Declarations[0]
	if d.SubmittedAt != (scoring.Date{Year: 1404, Month: 2, Day: 11}) || d.AreaM2 != 12.5 || d.StaffCount != 3 || d.AssociationScore != 7.25 {
		t.Errorf("declaration = %+v", d)
	}
	wantSurveys := []scoring.Survey{
		{OfficeCode: "G-001", Date: scoring.Date{Year: 1404, Month: 2, Day: 1}, Score: 5},
		{OfficeCode: "1001", Date: scoring.Date{Year: 1404, Month: 2, Day: 1}, Score: 4},
	}
	if !slices.Equal(surveys, wantSurveys) {
		t.Errorf("surveys = %+v", surveys)
	}
}

func TestSniffer(t *testing.T) {
	// A UTF-8 character cut by the 64 KiB sample is not taken for 1256.
	s := strings.Repeat("a", sniffSize-1) + "ی" + strings.Repeat("b", 10)
	if !validUTF8([]byte(s)[:sniffSize], true) {
		t.Error("cut character taken for invalid")
	}
	if validUTF8([]byte("a\xe4b"), false) {
		t.Error("1256 byte taken for UTF-8")
	}
}
