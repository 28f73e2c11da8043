package report

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/export"
)

// TestErrorsSheetWrapped: a long reason wraps within its column, and its
// row is as tall as its lines, so that office suites that do not fit rows
// when they open a book show it whole; a short one keeps the row's height.
func TestErrorsSheetWrapped(t *testing.T) {
	run := testRun(t)
	violation := export.Violations.Column("violation_type")
	run.Problems = append(run.Problems, because(export.Problem{Kind: "violations", File: "violations.csv", Row: 9, Column: violation.Name, Province: "gilan"},
		export.Msg("got", violation.Breaks(), "رشوه")))
	for _, lang := range []string{"fa", "en"} {
		run.Lang = lang
		f := gilanBook(t, run)
		sheet := f.GetSheetList()[3]
		for _, tc := range []struct {
			row       int
			contains  string
			multiline bool
		}{
			{2, "6", false},
			{3, "رشوه", true},
		} {
			ref := "E" + string(rune('0'+tc.row))
			v, _ := f.GetCellValue(sheet, ref)
			if !strings.Contains(v, tc.contains) {
				t.Errorf("%s %s: %q, want the reason quoting %q", lang, ref, v, tc.contains)
			}
			if (lang == "fa") != strings.Contains(v, "باید") {
				t.Errorf("%s %s: %q is not in the book's language", lang, ref, v)
			}
			id, _ := f.GetCellStyle(sheet, ref)
			style, err := f.GetStyle(id)
			if err != nil || style.Alignment == nil || !style.Alignment.WrapText {
				t.Errorf("%s %s: not wrapped (style %d)", lang, ref, id)
			}
			h, _ := f.GetRowHeight(sheet, tc.row)
			if tc.multiline != (h > lineHeight) {
				t.Errorf("%s row %d: height %v for %q", lang, tc.row, h, v)
			}
		}
		width, _ := f.GetColWidth(sheet, "E")
		if width > maxWidth {
			t.Errorf("%s: the reasons' column is %v wide, past %d", lang, width, maxWidth)
		}
		f.Close()
	}
}

// gilanBook writes the run's workbooks and opens Gilan's.
func gilanBook(t *testing.T, run Run) *excelize.File {
	t.Helper()
	dir := t.TempDir()
	if _, err := Workbooks(dir, run); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenFile(filepath.Join(dir, "gilan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestWrapHeights(t *testing.T) {
	for _, tc := range []struct {
		name  string
		cell  cell
		width float64
		want  float64 // 0: the row's default
	}{
		{"short", wrapC("short"), 22, 0},
		{"exactly a line", wrapC(strings.Repeat("x", 19)), 22, 0},
		{"a character over", wrapC(strings.Repeat("x", 20)), 22, linesHeight(2)},
		{"four lines of Persian", wrapC(strings.Repeat("ب", 59)), 22, linesHeight(4)},
		{"plain text does not wrap", textC(strings.Repeat("x", 200)), 22, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tab := &table{}
			tab.addCells([]cell{textC("a"), tc.cell})
			hs := wrapHeights(tab, []float64{8, tc.width})
			if got := hs[0]; got != tc.want {
				t.Errorf("height %v, want %v", got, tc.want)
			}
		})
	}
}
