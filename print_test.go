package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/cmd"
	"github.com/iranict/rank/internal/printsize"
	"github.com/iranict/rank/report"
)

// TestPrintedTypeSize prints every sheet of every kind of workbook rank
// writes — a province's and the country's, in Persian and in English, a
// region's and the whole country's in one, an index's (agencies, HDI),
// compare.xlsx and the init templates — each sheet alone, with
// LibreOffice, and measures the PDF: every sheet on A4, a chart sheet on
// one landscape page, an empty template on one page, and no word on any
// page smaller than 8 pt. Skipped where soffice, pdftotext or a Tahoma
// font is missing, but not under CI (.ci/run installs them): without
// Tahoma, LibreOffice lays the columns out in a wider substitute and the
// type on paper is not what Excel prints.
func TestPrintedTypeSize(t *testing.T) {
	if testing.Short() {
		t.Skip("prints some sixty sheets with LibreOffice")
	}
	if err := printsize.Tools(); err != nil {
		missingReader(t, "LibreOffice or pdftotext", err)
	}
	if err := printsize.Font("Tahoma"); err != nil {
		missingReader(t, "Tahoma", err)
	}
	dir, books := everyKind(t)
	var paths []string
	for _, b := range books {
		paths = append(paths, filepath.Join(dir, b.path))
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	sheets, err := printsize.Measure(out("measure"), paths...)
	if err != nil {
		t.Fatal(err)
	}
	var report strings.Builder
	for _, s := range sheets {
		name := strings.TrimPrefix(s.Book, dir+"/") + " " + s.Name
		fmt.Fprintf(&report, "%-40s %3d pages  %4.0f×%-4.0f  %4.1f pt\n", name, s.Pages, s.Width, s.Height, s.MinPt)
		switch {
		case s.Pages == 0:
			t.Errorf("%s prints nothing", name)
		case !s.A4():
			t.Errorf("%s prints on %.0f×%.0f pt, not A4", name, s.Width, s.Height)
		case s.Words > 0 && s.MinPt < 8:
			t.Errorf("%s prints words at %.1f pt (median %.1f), under 8 pt", name, s.MinPt, s.MedianPt)
		}
		chart := strings.Contains(s.Name, "نمودار") || strings.Contains(s.Name, "chart")
		if chart && (s.Pages != 1 || !s.Landscape()) {
			t.Errorf("%s: a chart sheet on %d pages, landscape %v; want one landscape page", name, s.Pages, s.Landscape())
		}
		if strings.HasPrefix(name, "init/") && s.Pages != 1 {
			t.Errorf("%s: an empty template on %d pages, want one", name, s.Pages)
		}
	}
	t.Logf("as printed:\n%s", report.String())
}

// book is a workbook everyKind writes, and what its printed pages say
// it is about.
type book struct {
	path            string
	subject, period string
	english         bool
}

// everyKind writes every kind of workbook rank writes into a temporary
// folder: a province's and the country's in Persian and in English, a
// region's and the whole country's in one, the agencies' and HDI index
// rankings, compare.xlsx and two init templates.
func everyKind(t *testing.T) (string, []book) {
	t.Helper()
	dir := t.TempDir()
	run := func(args ...string) {
		t.Helper()
		if code := cmd.Main(args, &cmd.IO{Out: io.Discard, Err: io.Discard}, methods); code != 0 {
			t.Fatalf("rank %v: exit %d", args, code)
		}
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	rules, err := os.ReadFile("rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	grouped := func(name, reports string) string {
		path := out(name + ".yaml")
		if err := os.WriteFile(path, append(rules, []byte("\nregions: {north: [gilan]}\nreports: "+reports+"\n")...), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", out("fa"), "--csv", "-q")
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", out("en"), "--csv", "--lang", "en", "-q")
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", out("region"), "--rules", grouped("region", "{group_by: region}"), "-q")
	run("evaluate", "testdata/gilan", "--period", "1400-H1", "--out", out("all"), "--rules", grouped("all", "{group_by: none}"), "--lang", "en", "-q")
	run("evaluate", "testdata/agencies", "--rules", "agencies", "--period", "1404-H1", "--out", out("agencies"), "-q")
	run("evaluate", "testdata/hdi", "--rules", "testdata/hdi/hdi.yaml", "--out", out("hdi"), "--lang", "en", "-q")
	run("compare", out("fa"), out("en"), "--out", out("compare"))
	run("init", out("init"))
	return dir, []book{
		{"fa/gilan.xlsx", "گیلان", "1400-H1", false},
		{"fa/national.xlsx", "کل کشور", "1400-H1", false},
		{"en/gilan.xlsx", "Gilan", "1400-H1", true},
		{"en/national.xlsx", "Whole country", "1400-H1", true},
		{"region/north.xlsx", "north", "1400-H1", false},
		{"all/all.xlsx", "Whole country", "1400-H1", true},
		{"agencies/ranking.xlsx", "پایش کیفیت خدمات الکترونیکی", "1404-H1", false},
		{"hdi/ranking.xlsx", "Human Development Index", "", true},
		{"compare/compare.xlsx", "مقایسه دو دوره", "", false},
		{"init/offices.xlsx", "الگوی فایل دفاتر", "", false},
		{"init/surveys.xlsx", "الگوی فایل نظرسنجی‌ها", "", false},
	}
}

// TestPageSetup holds every sheet of every kind of workbook to its page
// setup, as written in the XML: A4 (paperSize 9), a way up, a page wide
// and as many long as it takes; a header naming the book's subject, its
// period and the sheet (&A), a footer with the page of the pages, both
// in the book's language; a table's header row on every page; and a
// ranking's printed list, its first columns up to the service quota.
func TestPageSetup(t *testing.T) {
	dir, books := everyKind(t)
	for _, b := range books {
		path := filepath.Join(dir, b.path)
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		names := f.GetDefinedName()
		defined := func(name, sheet string) string {
			for _, dn := range names {
				if dn.Name == name && dn.Scope == sheet {
					return dn.RefersTo
				}
			}
			return ""
		}
		page, of := "Page", " of "
		if !b.english {
			page, of = "صفحه", " از "
		}
		for _, sheet := range f.GetSheetList() {
			name := b.path + " " + sheet
			if strings.Contains(strings.ToLower(sheet), "chart") || strings.Contains(sheet, "نمودار") {
				continue // a chart sheet: report's TestCharts reads its page
			}
			layout, err := f.GetPageLayout(sheet)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			if layout.Size == nil || *layout.Size != 9 {
				t.Errorf("%s: paper size %v, want 9 (A4)", name, layout.Size)
			}
			if layout.Orientation == nil || (*layout.Orientation != "portrait" && *layout.Orientation != "landscape") {
				t.Errorf("%s: orientation %v", name, layout.Orientation)
			}
			if layout.FitToWidth == nil || *layout.FitToWidth != 1 || layout.FitToHeight == nil || *layout.FitToHeight != 0 {
				t.Errorf("%s: fit to %v wide, %v tall; want 1 wide, 0 (any) tall", name, layout.FitToWidth, layout.FitToHeight)
			}
			if props, err := f.GetSheetProps(sheet); err != nil || props.FitToPage == nil || !*props.FitToPage {
				t.Errorf("%s: not fitted to its page (%v)", name, err)
			}
			hf, err := f.GetHeaderFooter(sheet)
			if err != nil || hf == nil {
				t.Fatalf("%s: no header or footer (%v)", name, err)
			}
			for _, want := range []string{b.subject, b.period, "&A"} {
				if !strings.Contains(hf.OddHeader, want) {
					t.Errorf("%s: header %q lacks %q", name, hf.OddHeader, want)
				}
			}
			if !strings.Contains(hf.OddFooter, page) || !strings.Contains(hf.OddFooter, "&P"+of+"&N") {
				t.Errorf("%s: footer %q, want %q … &P%s&N", name, hf.OddFooter, page, of)
			}
			if defined("_xlnm._FilterDatabase", sheet) != "" || strings.HasPrefix(b.path, "init/") {
				if titles := defined("_xlnm.Print_Titles", sheet); !strings.HasSuffix(titles, "!$1:$1") {
					t.Errorf("%s: a table whose header row does not print on every page (%q)", name, titles)
				}
			}
			if (sheet == report.SheetRanking || sheet == "Ranking") && !strings.HasPrefix(b.path, "agencies/") && !strings.HasPrefix(b.path, "hdi/") {
				rows, _ := f.GetRows(sheet)
				area := defined("_xlnm.Print_Area", sheet)
				if len(rows) == 0 {
					t.Errorf("%s: empty", name)
					continue
				}
				last := 0
				for c, h := range rows[0] {
					if h == "سهمیه خدمات" || h == "Service quota" {
						last = c + 1
					}
				}
				col, _ := excelize.ColumnNumberToName(last)
				if want := "$A$1:$" + col + "$" + strconv.Itoa(len(rows)); last == 0 || !strings.HasSuffix(area, want) {
					t.Errorf("%s: print area %q, want …%s (up to the service quota)", name, area, want)
				}
			}
		}
		f.Close()
	}
}
