package report

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/gocarina/gocsv"
	"github.com/xuri/excelize/v2"
)

// TestProblemsReports: validate --out's problems.xlsx has a summary, a
// sheet per province with problems (by the province's code) and one of
// the problems of no province, in the reports' language and direction;
// problems.csv has every problem in its fixed columns, and reads back.
func TestProblemsReports(t *testing.T) {
	run := testRun(t)
	ps := run.problems()
	for _, tt := range []struct {
		lang   string
		sheets []string
		rtl    bool
		rows   []ProblemRow
	}{
		{"fa", []string{"خلاصه", "گیلان", "بدون استان"}, true, []ProblemRow{
			{Province: "gilan", ProvinceName: "گیلان", Kind: "surveys", File: "surveys.csv", Row: 24, Column: "score", Severity: "error",
				Reason: "باید عدد صحیحی از 1 تا 5 باشد؛ مقدار واردشده: «6»"},
			{Kind: "declarations", File: "declarations.csv", Row: 7, Column: "office_code", Severity: "error", Reason: "«ZZ9» در فهرست دفاتر نیست"},
		}},
		{"en", []string{"Summary", "Gilan", "No province"}, false, []ProblemRow{
			{Province: "gilan", ProvinceName: "Gilan", Kind: "surveys", File: "surveys.csv", Row: 24, Column: "score", Severity: "error",
				Reason: `must be a whole number from 1 to 5, got "6"`},
			{Kind: "declarations", File: "declarations.csv", Row: 7, Column: "office_code", Severity: "error", Reason: `"ZZ9" is not in the registry`},
		}},
	} {
		t.Run(tt.lang, func(t *testing.T) {
			dir := t.TempDir()
			written, err := ProblemsReports(dir, run.Validation(), ps, tt.lang)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(written, []string{ProblemsWorkbook, ProblemsCSV}) {
				t.Errorf("written %v", written)
			}
			b, err := os.ReadFile(filepath.Join(dir, ProblemsCSV))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.HasPrefix(b, []byte("\ufeffprovince,province_name,kind,file,sheet,row,column,severity,reason\n")) {
				t.Errorf("problems.csv starts %q", b[:min(len(b), 80)])
			}
			var rows []ProblemRow
			if err := gocsv.UnmarshalBytes(bytes.TrimPrefix(b, []byte("\ufeff")), &rows); err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(rows, tt.rows) {
				t.Errorf("problems.csv:\n%+v\nwant\n%+v", rows, tt.rows)
			}

			f, err := excelize.OpenFile(filepath.Join(dir, ProblemsWorkbook))
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if got := f.GetSheetList(); !reflect.DeepEqual(got, tt.sheets) {
				t.Fatalf("sheets %q, want %q", got, tt.sheets)
			}
			for _, s := range tt.sheets {
				v, _ := f.GetSheetView(s, 0)
				if v.RightToLeft == nil || *v.RightToLeft != tt.rtl {
					t.Errorf("%s: right to left %v, want %v", s, v.RightToLeft, tt.rtl)
				}
			}
			got, _ := f.GetRows(tt.sheets[1])
			if len(got) != 2 || got[1][2] != "24" || got[1][4] != tt.rows[0].Reason {
				t.Errorf("%s sheet %q", tt.sheets[1], got)
			}
			summary, _ := f.GetRows(tt.sheets[0])
			last := summary[len(summary)-1]
			if last[0] != tt.sheets[2] || last[1] != "1" || last[2] != "0" {
				t.Errorf("summary %q: want the province counts last", summary)
			}
		})
	}

	// No problems at all: the summary says so, and problems.csv has its
	// header alone.
	dir := t.TempDir()
	if _, err := ProblemsReports(dir, run.Validation(), nil, "en"); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, ProblemsCSV))
	if string(b) != "\ufeffprovince,province_name,kind,file,sheet,row,column,severity,reason\n" {
		t.Errorf("problems.csv without problems: %q", b)
	}
	summary, _ := DumpSheet(filepath.Join(dir, ProblemsWorkbook), "Summary")
	if !bytes.Contains([]byte(summary), []byte("No problems: every row can be used")) {
		t.Errorf("summary without problems:\n%s", summary)
	}
}
