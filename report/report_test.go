package report

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

func testRules(t *testing.T) *scoring.Rules {
	t.Helper()
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := scoring.ParseRules(data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// testRun is a small evaluation: Gilan with two participants and one
// office that did not take part, Tehran with one carried forward.
func testRun(t *testing.T) Run {
	t.Helper()
	rules := testRules(t)
	gilan, _ := scoring.ProvinceBySlug("gilan")
	tehran, _ := scoring.ProvinceBySlug("tehran")
	office := func(code, name string, p scoring.Province, city, area, typ string) scoring.Office {
		return scoring.Office{Code: code, Name: name, Province: p, City: city, AreaType: area, OfficeType: typ, HolderNationalID: "0013542419"}
	}
	res := &scoring.Result{
		Period:     scoring.Period{Year: 1404, Half: 1},
		Indicators: rules.Indicators,
		Grades:     rules.Grades,
		Offices: []scoring.OfficeResult{
			{Office: office("G1", "Rasht One", gilan, "Rasht", "urban", "pishkhan"), Status: scoring.Participating,
				ReviewStatus: "confirmed", Points: []float64{15, 15, 10, 33.25, 15, 8}, Positive: 96.25, Total: 96.25,
				Grade: 1, Rank: 1, QuotaPct: 100, Available: 20, Quota: 20, HasServices: true},
			{Office: office("G2", "=HYPERLINK(\"x\")", gilan, "Rasht", "urban", "pishkhan"), Status: scoring.Participating,
				ReviewStatus: "rejected", Points: []float64{0, 0, 0, 17.5, 6, 5}, Positive: 28.5, Penalty: 10, Total: 18.5,
				Grade: 3, Rank: 2, QuotaPct: 30, Available: 20, Quota: 6, HasServices: true},
			{Office: office("G3", "Lahijan, Village", gilan, "Lahijan", "rural", "rural_ict"), Status: scoring.NotParticipating,
				Absence: scoring.Absence{Why: scoring.InError, Rows: []int{4}}, Points: []float64{0, 0, 0, 0, 0, 0}, Grade: 3},
			{Office: office("T1", "تهران یک", tehran, "Tehran", "urban", "public_nongov"), Status: scoring.CarriedForward,
				ReviewStatus: "confirmed", Points: []float64{10, 8, 6, 17.5, 1.5, 7}, Positive: 50, Total: 50,
				Grade: 2, Rank: 1},
		},
		Provinces: []scoring.ProvinceResult{
			{Province: gilan, Counts: scoring.Counts{Offices: 3, Participants: 2, NotParticipating: 1,
				Grades: map[int]int{1: 1, 3: 1}, LowestWithAbsent: 2},
				ByArea: map[string]scoring.Counts{
					"urban": {Offices: 2, Participants: 2, Grades: map[int]int{1: 1, 3: 1}, LowestWithAbsent: 1},
					"rural": {Offices: 1, NotParticipating: 1, Grades: map[int]int{}, LowestWithAbsent: 1},
				}},
			{Province: tehran, Counts: scoring.Counts{Offices: 1, Participants: 1, CarriedForward: 1,
				Grades: map[int]int{2: 1}},
				ByArea: map[string]scoring.Counts{"urban": {Offices: 1, Participants: 1, CarriedForward: 1, Grades: map[int]int{2: 1}}}},
		},
		Penalties: []scoring.PenaltyResult{
			{Violation: scoring.Violation{CaseID: "V1", OfficeCode: "G2", Type: "overcharging",
				RulingDate: scoring.Date{Year: 1404, Month: 4, Day: 10}, Status: "final"},
				Province: gilan, Points: 10, Counted: true},
			{Violation: scoring.Violation{CaseID: "V4", OfficeCode: "G1", Type: "forgery",
				RulingDate: scoring.Date{Year: 1404, Month: 5, Day: 1}, Status: "appealed"},
				Province: gilan, Reason: "not_final"},
		},
		Usage: scoring.Usage{
			"offices":      {"gilan": {Used: 3}, "tehran": {Used: 1}},
			"declarations": {"gilan": {Used: 2}, "tehran": {Used: 1, Superseded: 1}},
			"surveys":      {"gilan": {Used: 20, OutsidePeriod: 1}},
			"violations":   {"gilan": {Used: 1, OutsidePeriod: 0}},
		},
	}
	return Run{
		Result:    res,
		Rules:     rules,
		RulesName: "default",
		RulesText: []byte("method: test\n# =cmd|x\n"),
		Inputs: []export.FileStat{
			{Kind: "offices", File: "offices.csv", Rows: 4, RowsByProvince: map[string]int64{"gilan": 3, "tehran": 1}},
			{Kind: "declarations", File: "declarations.csv", Rows: 5, Errors: 1,
				RowsByProvince: map[string]int64{"gilan": 2, "tehran": 2, "": 1}, ErrorsByProvince: map[string]int64{"": 1}},
			{Kind: "surveys", File: "surveys.csv", Rows: 22, Errors: 1,
				RowsByProvince: map[string]int64{"gilan": 22}, ErrorsByProvince: map[string]int64{"gilan": 1}},
			{Kind: "violations", File: "violations.csv", Rows: 2, RowsByProvince: map[string]int64{"gilan": 2}},
		},
		Problems: []export.Problem{
			because(export.Problem{Kind: "declarations", File: "declarations.csv", Row: 7, Column: "office_code"}, export.Msg("not_in_registry", "ZZ9")),
			because(export.Problem{Kind: "surveys", File: "surveys.csv", Row: 24, Column: "score", Province: "gilan"},
				export.Msg("got", export.Surveys.Column("score").Breaks(), "6")),
		},
	}
}

// because is p with its reason, as ingest gives it.
func because(p export.Problem, m export.Message) export.Problem {
	p.Because(m)
	return p
}

func TestWorkbooks(t *testing.T) {
	run := testRun(t)
	dir := t.TempDir()
	names, err := Workbooks(dir, run)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"gilan.xlsx", "tehran.xlsx", "national.xlsx"}; !reflect.DeepEqual(names, want) {
		t.Fatalf("written %v, want %v", names, want)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 3 {
		t.Errorf("%d files in the folder, want 3", len(entries))
	}

	gilan := filepath.Join(dir, "gilan.xlsx")
	sheets, err := SheetNames(gilan)
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{SheetSummary, SheetRanking, SheetPenalties, SheetErrors, SheetRules, SheetScoreChart}; !reflect.DeepEqual(sheets, want) {
		t.Errorf("sheets %q, want %q", sheets, want)
	}
	nat, _ := SheetNames(filepath.Join(dir, "national.xlsx"))
	if want := []string{SheetSummary, SheetProvinces, SheetInputs, SheetErrors, SheetRules, SheetGradeChart}; !reflect.DeepEqual(nat, want) {
		t.Errorf("national sheets %q, want %q", nat, want)
	}
	// Every workbook records the rules it was made with: name, SHA-256 of
	// the file and its text, a line a row, as text (no formula).
	for _, book := range []string{gilan, filepath.Join(dir, "national.xlsx")} {
		got, err := DumpSheet(book, SheetRules)
		if err != nil {
			t.Fatal(err)
		}
		want := "فایل روش\tdefault\nSHA-256\t44a16ed1bdf594e823286841b23a6f9fa27e22e65f30423a77ed49d3589d919f\n\nmethod: test\n# =cmd|x\n"
		if got != want {
			t.Errorf("%s rules sheet:\n%s\nwant\n%s", book, got, want)
		}
	}

	f, err := excelize.OpenFile(gilan)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, s := range sheets[:len(sheets)-1] { // the last is a chart sheet
		v, err := f.GetSheetView(s, 0)
		if err != nil {
			t.Fatal(err)
		}
		if v.RightToLeft == nil || !*v.RightToLeft {
			t.Errorf("sheet %s is not right to left", s)
		}
	}
	if font, _ := f.GetDefaultFont(); font != "Tahoma" {
		t.Errorf("default font %q, want Tahoma", font)
	}
	if props, err := f.GetDocProps(); err != nil || props.Language != "fa-IR" {
		t.Errorf("document language %+v, %v: want fa-IR", props, err)
	}
	// Printed landscape, a page wide, the header row on every page.
	layout, err := f.GetPageLayout(SheetRanking)
	if err != nil || layout.Orientation == nil || *layout.Orientation != "landscape" || layout.FitToWidth == nil || *layout.FitToWidth != 1 {
		t.Errorf("ranking page layout %+v, %v: want landscape, one page wide", layout, err)
	}
	titles := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == SheetRanking && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
			titles = true
		}
	}
	if !titles {
		t.Errorf("ranking: no repeated header row in %+v", f.GetDefinedName())
	}
	// Grades coloured: the grade cells of grades 1 and 3 have fills.
	for cell, colour := range map[string]string{"I2": "C6EFCE", "I3": "FFC7CE"} {
		id, _ := f.GetCellStyle(SheetRanking, cell)
		st, err := f.GetStyle(id)
		if err != nil || len(st.Fill.Color) == 0 || st.Fill.Color[0] != colour {
			t.Errorf("%s: style %+v, want fill %s", cell, st, colour)
		}
	}
	// The score distribution: participants in bands of ten points.
	summary, _ := DumpSheet(gilan, SheetSummary)
	if !strings.Contains(summary, "توزیع امتیاز کل\nبازه امتیاز\tدفاتر مشارکت‌کننده\n0–10\t0\n10–20\t1\n") || !strings.Contains(summary, "90–100\t1\n") {
		t.Errorf("summary without the score distribution:\n%s", summary)
	}
	panes, err := f.GetPanes(SheetRanking)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("ranking panes %+v, %v: want the header row frozen", panes, err)
	}

	// Numbers are numbers (no type attribute, or "n"); text is text.
	for cell, number := range map[string]bool{"A2": true, "B2": false, "C2": false, "F2": false, "G4": false, "H2": true, "I2": true, "K2": true, "L2": false, "U2": true} {
		typ, err := f.GetCellType(SheetRanking, cell)
		if err != nil {
			t.Fatal(err)
		}
		isNumber := typ == excelize.CellTypeUnset || typ == excelize.CellTypeNumber
		if isNumber != number {
			t.Errorf("%s: type %v, want a number: %v", cell, typ, number)
		}
	}
	raw, _ := f.GetCellValue(SheetRanking, "H2", excelize.Options{RawCellValue: true})
	if raw != "96.25" {
		t.Errorf("H2 raw %q, want 96.25", raw)
	}
	if shown, _ := f.GetCellValue(SheetRanking, "U2"); shown != "0.00" {
		t.Errorf("U2 shown %q, want 0.00", shown)
	}
	if af := autoFilter(t, gilan, SheetRanking); af != "A1:U4" {
		t.Errorf("ranking autofilter %q, want A1:U4", af)
	}

	got, err := DumpSheet(gilan, SheetRanking)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Join([]string{
		"جایگاه در استان\tکد دفتر\tنام دفتر\tشهر\tنوع منطقه\tوضعیت مشارکت\tدلیل عدم مشارکت\tامتیاز کل\tرتبه\tسهمیه خدمات\tسهمیه خدمات (٪)\tنوع دفتر\tکد ملی دارنده پروانه\tوضعیت بررسی\tفضای دفتر\tتعداد پرسنل\tموقعیت مکانی\tرضایت مردمی\tسابقه فعالیت\tامتیاز انجمن استانی\tکسر امتیاز",
		"1\tG1\tRasht One\tRasht\tشهری\tمشارکت\t\t96.25\t1\t20\t100\tدفتر پیشخوان خدمات دولت\t001****419\tتایید شده\t15.00\t15.00\t10.00\t33.25\t15.00\t8.00\t0.00",
		"2\tG2\t=HYPERLINK(\"x\")\tRasht\tشهری\tمشارکت\t\t18.50\t3\t6\t30\tدفتر پیشخوان خدمات دولت\t001****419\tرد شده\t0.00\t0.00\t0.00\t17.50\t6.00\t5.00\t10.00",
		"\tG3\tLahijan, Village\tLahijan\tروستایی\tعدم مشارکت\tخوداظهاری خطا دارد (ردیف 4)\t0.00\t3\t\t\tدفتر ICT روستایی\t001****419\t\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00",
	}, "\n") + "\n"
	if got != want {
		t.Errorf("ranking sheet:\n%s\nwant:\n%s", got, want)
	}

	got, _ = DumpSheet(gilan, SheetPenalties)
	want = "شماره پرونده\tکد دفتر\tنام دفتر\tنوع تخلف\tتاریخ رأی\tوضعیت رأی\tامتیاز کسر شده\tمحاسبه شده\tتوضیح\n" +
		"V1\tG2\t=HYPERLINK(\"x\")\tدریافت وجه مازاد\t1404/04/10\tقطعی\t10.00\tبله\n" +
		"V4\tG1\tRasht One\tجعل مدارک\t1404/05/01\tتجدیدنظر\t0.00\tخیر\tرأی غیرقطعی\n"
	if got != want {
		t.Errorf("penalties sheet:\n%s\nwant:\n%s", got, want)
	}

	got, _ = DumpSheet(gilan, SheetErrors)
	// In the book's language: the column by its Persian header, the
	// reason in Persian.
	want = "فایل\tبرگه\tردیف\tستون\tشرح\tنوع\n" +
		"surveys.csv\t\t24\tامتیاز\tباید عدد صحیحی از 1 تا 5 باشد؛ مقدار واردشده: «6»\tخطا\n"
	if got != want {
		t.Errorf("errors sheet:\n%s\nwant:\n%s", got, want)
	}

	got, _ = DumpSheet(gilan, "")
	for _, line := range []string{
		"استان\tگیلان\tGilan",
		"دوره\t1404-H1",
		"روش ارزیابی\tdefault\tروش پیش‌فرض رتبه‌بندی دفاتر",
		"تعداد دفاتر\t3",
		"دفاتر مشارکت‌کننده\t2",
		"رتبه یک (مشارکت‌کنندگان)\t1",
		"رتبه دو (مشارکت‌کنندگان)\t0",
		"رتبه سه با احتساب دفاتر بدون مشارکت\t2",
		"شهری\t2\t2\t0\t0\t1\t0\t1\t1",
		"روستایی\t1\t0\t0\t1\t0\t0\t0\t1",
		"ورودی\tردیف‌ها\tاستفاده‌شده\tخارج از دوره\tجایگزین‌شده\tخطا\tهشدار\tفایل",
		"نظرسنجی‌ها\t22\t20\t1\t0\t1\t0\tsurveys.csv",
		"خوداظهاری‌ها\t2\t2\t0\t0\t0\t0\tdeclarations.csv",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("summary lacks %q:\n%s", line, got)
		}
	}

	natPath := filepath.Join(dir, "national.xlsx")
	got, _ = DumpSheet(natPath, SheetProvinces)
	want = "کد\tاستان\tProvince\tدفاتر\tمشارکت\tانتقال از دوره قبل\tعدم مشارکت\tرتبه یک\tرتبه دو\tرتبه سه\tرتبه سه با عدم مشارکت\n" +
		"01\tگیلان\tGilan\t3\t2\t0\t1\t1\t0\t1\t2\n" +
		"23\tتهران\tTehran\t1\t1\t1\t0\t0\t1\t0\t0\n" +
		"\tجمع کل\t\t4\t3\t1\t1\t1\t1\t1\t2\n"
	if got != want {
		t.Errorf("provinces sheet:\n%s\nwant:\n%s", got, want)
	}
	got, _ = DumpSheet(natPath, SheetInputs)
	want = "ورودی\tردیف‌ها\tاستفاده‌شده\tخارج از دوره\tجایگزین‌شده\tخطا\tهشدار\tفایل\n" +
		"دفاتر\t4\t4\t0\t0\t0\t0\toffices.csv\n" +
		"خوداظهاری‌ها\t5\t3\t0\t1\t1\t0\tdeclarations.csv\n" +
		"نظرسنجی‌ها\t22\t20\t1\t0\t1\t0\tsurveys.csv\n" +
		"تخلفات\t2\t1\t0\t0\t0\t0\tviolations.csv\n"
	if got != want {
		t.Errorf("inputs sheet:\n%s\nwant:\n%s", got, want)
	}
	got, _ = DumpSheet(natPath, SheetErrors)
	if want := "declarations.csv\t\t7\tکد دفتر\t«ZZ9» در فهرست دفاتر نیست\tخطا\n"; !strings.HasSuffix(got, want) || strings.Count(got, "\n") != 2 {
		t.Errorf("national errors sheet:\n%s\nwant its one problem", got)
	}
	if _, err := DumpSheet(natPath, "nope"); err == nil {
		t.Error("DumpSheet of a missing sheet: no error")
	}
}

// TestWorkbooksDeterministic writes the workbooks twice: same bytes.
func TestWorkbooksDeterministic(t *testing.T) {
	run := testRun(t)
	a, b := t.TempDir(), t.TempDir()
	names, err := Workbooks(a, run)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Workbooks(b, run); err != nil {
		t.Fatal(err)
	}
	for _, n := range names {
		x, _ := os.ReadFile(filepath.Join(a, n))
		y, _ := os.ReadFile(filepath.Join(b, n))
		if len(x) == 0 || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs (%d and %d bytes)", n, len(x), len(y))
		}
	}
}

func TestCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := CSV(&buf, testRun(t)); err != nil {
		t.Fatal(err)
	}
	// A byte-order mark; an office not taking part (G3) has grade 3 and
	// no rank, as in the workbooks; the period closes every row.
	want := "\ufeff" + `office_code,name,province,city,area_type,office_type,holder_national_id,status,review_status,space,staff,location,satisfaction,history,association,penalty,total,grade,rank,service_quota_pct,service_quota,period,not_participating_reason
G1,Rasht One,gilan,Rasht,urban,pishkhan,001****419,participating,confirmed,15.00,15.00,10.00,33.25,15.00,8.00,0.00,96.25,1,1,100,20,1404-H1,
G2,"'=HYPERLINK(""x"")",gilan,Rasht,urban,pishkhan,001****419,participating,rejected,0.00,0.00,0.00,17.50,6.00,5.00,10.00,18.50,3,2,30,6,1404-H1,
G3,"Lahijan, Village",gilan,Lahijan,rural,rural_ict,001****419,not_participating,,0.00,0.00,0.00,0.00,0.00,0.00,0.00,0.00,3,,,,1404-H1,declaration_in_error (row 4)
T1,تهران یک,tehran,Tehran,urban,public_nongov,001****419,carried_forward,confirmed,10.00,8.00,6.00,17.50,1.50,7.00,0.00,50.00,2,1,,,1404-H1,
`
	if got := buf.String(); got != want {
		t.Errorf("ranking.csv:\n%s\nwant:\n%s", got, want)
	}
}

func TestNationalIDs(t *testing.T) {
	run := testRun(t)
	run.Problems = append(run.Problems, export.Problem{Kind: "offices", File: "offices.csv", Row: 3, Column: "holder_national_id",
		Reason: `has a wrong check digit, got "0013542418"`, Province: "gilan", Warning: true})
	dir := t.TempDir()
	if _, err := Workbooks(dir, run); err != nil {
		t.Fatal(err)
	}
	var csv, text bytes.Buffer
	if err := CSV(&csv, run); err != nil {
		t.Fatal(err)
	}
	if err := Text(&text, run); err != nil {
		t.Fatal(err)
	}
	ranking, _ := DumpSheet(filepath.Join(dir, "gilan.xlsx"), SheetRanking)
	errs, _ := DumpSheet(filepath.Join(dir, "gilan.xlsx"), SheetErrors)
	for name, out := range map[string]string{"csv": csv.String(), "text": text.String(), "ranking": ranking, "errors": errs} {
		if strings.Contains(out, "0013542419") || strings.Contains(out, "0013542418") {
			t.Errorf("%s shows a national code whole:\n%s", name, out)
		}
	}
	if !strings.Contains(ranking, "001****419") || !strings.Contains(errs, `got "001****418"`) {
		t.Errorf("masked codes missing:\n%s\n%s", ranking, errs)
	}

	run.ShowNationalIDs = true
	csv.Reset()
	if err := CSV(&csv, run); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(csv.String(), ",0013542419,") {
		t.Errorf("--show-national-ids: %s", csv.String())
	}
}

func TestMaskNationalID(t *testing.T) {
	for in, want := range map[string]string{"0013542419": "001****419", "": "", "12345": "*****", "1234567": "123*567"} {
		if got := MaskNationalID(in); got != want {
			t.Errorf("MaskNationalID(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSafeText(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "abc": "abc", "=1+2": "'=1+2", "+98": "'+98", "-5": "'-5", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "\rx": "'\rx", "\nx": "'\nx", "a=b": "a=b", "گیلان": "گیلان",
	} {
		if got := safeText(in); got != want {
			t.Errorf("safeText(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJSON(t *testing.T) {
	var buf bytes.Buffer
	if err := JSON(&buf, testRun(t), nil); err != nil {
		t.Fatal(err)
	}
	want := `{
  "period": "1404-H1",
  "rules": "default",
  "rules_sha256": "44a16ed1bdf594e823286841b23a6f9fa27e22e65f30423a77ed49d3589d919f",
  "provinces": [
    {
      "province": "gilan",
      "name": "گیلان",
      "offices": 3,
      "participants": 2,
      "carried_forward": 0,
      "not_participating": 1,
      "grades": {
        "1": 1,
        "2": 0,
        "3": 1
      }
    },
    {
      "province": "tehran",
      "name": "تهران",
      "offices": 1,
      "participants": 1,
      "carried_forward": 1,
      "not_participating": 0,
      "grades": {
        "1": 0,
        "2": 1,
        "3": 0
      }
    }
  ],
  "totals": {
    "offices": 4,
    "participants": 3,
    "carried_forward": 1,
    "not_participating": 1,
    "grades": {
      "1": 1,
      "2": 1,
      "3": 1
    }
  },
  "inputs": {
    "offices": {
      "file": "offices.csv",
      "rows": 4,
      "used": 4,
      "outside_period": 0,
      "superseded": 0,
      "errors": 0,
      "warnings": 0
    },
    "declarations": {
      "file": "declarations.csv",
      "rows": 5,
      "used": 3,
      "outside_period": 0,
      "superseded": 1,
      "errors": 1,
      "warnings": 0
    },
    "surveys": {
      "file": "surveys.csv",
      "rows": 22,
      "used": 20,
      "outside_period": 1,
      "superseded": 0,
      "errors": 1,
      "warnings": 0
    },
    "violations": {
      "file": "violations.csv",
      "rows": 2,
      "used": 1,
      "outside_period": 0,
      "superseded": 0,
      "errors": 0,
      "warnings": 0
    }
  },
  "problems": [
    {
      "file": "declarations.csv",
      "column": "office_code",
      "rule": "\"…\" is not in the registry",
      "count": 1,
      "first": [
        "declarations.csv:7:office_code: \"ZZ9\" is not in the registry"
      ]
    },
    {
      "file": "surveys.csv",
      "column": "score",
      "rule": "must be a whole number from 1 to 5, got \"…\"",
      "count": 1,
      "first": [
        "surveys.csv:24:score: must be a whole number from 1 to 5, got \"6\""
      ]
    }
  ],
  "quota_gap": {
    "offices": 2,
    "no_services_file": false,
    "areas": [
      {
        "province": "gilan",
        "city": "Lahijan",
        "area_type": "rural",
        "offices": 1
      },
      {
        "province": "tehran",
        "city": "Tehran",
        "area_type": "urban",
        "offices": 1
      }
    ],
    "message": "the services file has no row for 2 areas, so the service quota of 2 offices is left blank: Gilan, Lahijan, rural (1 office); Tehran, Tehran, urban (1 office)"
  },
  "reports": []
}
`
	if got := buf.String(); got != want {
		t.Errorf("JSON:\n%s\nwant:\n%s", got, want)
	}
	// The reports passed in are listed as they are.
	buf.Reset()
	if err := JSON(&buf, testRun(t), []string{"gilan.xlsx", "national.xlsx"}); err != nil {
		t.Fatal(err)
	}
	var v struct{ Reports []string }
	if err := json.Unmarshal(buf.Bytes(), &v); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(v.Reports, []string{"gilan.xlsx", "national.xlsx"}) {
		t.Errorf("reports %q", v.Reports)
	}
}

func TestText(t *testing.T) {
	run := testRun(t)
	var buf bytes.Buffer
	if err := Text(&buf, run); err != nil {
		t.Fatal(err)
	}
	got := buf.String()
	for _, s := range []string{
		"گیلان (Gilan) — 1404-H1\n",
		"offices 3 · participants 2 (carried forward 0) · grades 1 / 0 / 1 · not participating 1\n",
		"1     G1    Rasht One",
		"96.25  1",
		"not participating: 1\n",
		"تهران (Tehran) — 1404-H1\n",
		"all provinces (2) — offices 4 · participants 3 (carried forward 1) · grades 1 / 1 / 1 · not participating 1\n",
		"problems (2)\n",
		"surveys.csv:24:score: must be a whole number from 1 to 5, got \"6\"\n",
	} {
		if !strings.Contains(got, s) {
			t.Errorf("text lacks %q:\n%s", s, got)
		}
	}
	if strings.Contains(got, "G3") {
		t.Errorf("text lists a non-participant:\n%s", got)
	}

	for i := 0; i < 30; i++ {
		run.Problems = append(run.Problems, run.Problems[1])
	}
	buf.Reset()
	if err := Text(&buf, run); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); !strings.Contains(got, "… and 12 more (see the Errors sheets)\n") {
		t.Errorf("text of 32 problems:\n%s", got)
	}
}

// autoFilter reads the AutoFilter range of a sheet from the workbook's
// defined names.
func autoFilter(t *testing.T, path, sheet string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm._FilterDatabase" && dn.Scope == sheet {
			_, ref, _ := strings.Cut(dn.RefersTo, "!")
			return strings.ReplaceAll(ref, "$", "")
		}
	}
	return ""
}

// TestColumnsAscending: Excel repairs a sheet whose <col> elements are out
// of order.
func TestColumnsAscending(t *testing.T) {
	dir := t.TempDir()
	if _, err := Workbooks(dir, testRun(t)); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.OpenReader(filepath.Join(dir, "gilan.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	re := regexp.MustCompile(`<col min="(\d+)"`)
	for _, zf := range zr.File {
		if !strings.HasPrefix(zf.Name, "xl/worksheets/") {
			continue
		}
		rc, _ := zf.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		last := 0
		for _, m := range re.FindAllSubmatch(data, -1) {
			n, _ := strconv.Atoi(string(m[1]))
			if n <= last {
				t.Errorf("%s: column %d after %d", zf.Name, n, last)
			}
			last = n
		}
		if last == 0 {
			t.Errorf("%s: no column widths", zf.Name)
		}
	}
}

// TestFormulaStoredAsText: input text that looks like a formula is stored
// in the workbook as text, never as a formula.
func TestFormulaStoredAsText(t *testing.T) {
	f := gilanBook(t, testRun(t))
	defer f.Close()
	for _, sheet := range []string{SheetRanking, SheetPenalties} {
		rows, _ := f.GetRows(sheet)
		found := false
		for r, row := range rows {
			for c, v := range row {
				if !strings.HasPrefix(v, "=") {
					continue
				}
				found = true
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if formula, _ := f.GetCellFormula(sheet, cell); formula != "" {
					t.Errorf("%s!%s is a formula: %s", sheet, cell, formula)
				}
				if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
					t.Errorf("%s!%s has type %v, want text", sheet, cell, typ)
				}
			}
		}
		if !found {
			t.Errorf("%s: the formula-like name is missing", sheet)
		}
	}
}

// TestWorkbooksInEnglish: with Lang "en" the sheets and every label are in
// English; the exports' own text (names, cities) stays as written.
func TestWorkbooksInEnglish(t *testing.T) {
	run := testRun(t)
	run.Lang = "en"
	dir := t.TempDir()
	if _, err := Workbooks(dir, run); err != nil {
		t.Fatal(err)
	}
	gilan := filepath.Join(dir, "gilan.xlsx")
	sheets, _ := SheetNames(gilan)
	if want := []string{"Summary", "Ranking", "Violations", "Errors", "Rules", "Scores chart"}; !reflect.DeepEqual(sheets, want) {
		t.Errorf("sheets %q, want %q", sheets, want)
	}
	f, err := excelize.OpenFile(gilan)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, err := f.GetSheetView("Ranking", 0); err != nil || v.RightToLeft == nil || *v.RightToLeft {
		t.Errorf("an English sheet reads left to right: %+v, %v", v, err)
	}
	if props, err := f.GetDocProps(); err != nil || props.Language != "en-US" {
		t.Errorf("document language %+v, %v: want en-US", props, err)
	}
	persian := regexp.MustCompile(`[\x{0600}-\x{06FF}]`)
	for _, sheet := range sheets[:3] {
		got, err := DumpSheet(gilan, sheet)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(got, "\n") {
			if persian.MatchString(line) {
				t.Errorf("%s line %d is not in English: %q", sheet, i+1, line)
			}
		}
	}
	ranking, _ := DumpSheet(gilan, "Ranking")
	if !strings.HasPrefix(ranking, "Rank in province\tOffice code\tOffice name\tCity\tArea type\tParticipation\tWhy not taking part\tTotal\tGrade\tService quota\tService quota (%)\tOffice type\tHolder's national code\tReview\t") ||
		!strings.Contains(ranking, "\turban\tParticipating\t\t96.25\t1\t20\t100\tgovernment service counter office\t001****419\tconfirmed\t") ||
		!strings.Contains(ranking, "\tNot participating\tdeclaration in error (row 4)\t") {
		t.Errorf("ranking:\n%s", ranking)
	}
}

// TestEnglishKeepsTheExportsText: an export's value that spells a label —
// a city named as its province, a name that reads "confirmed" — is not a
// label, and an English book shows it as written.
func TestEnglishKeepsTheExportsText(t *testing.T) {
	run := testRun(t)
	run.Lang = "en"
	run.Result.Offices[0].City = "قزوین"
	run.Result.Offices[0].Name = "تایید شده"
	dir := t.TempDir()
	if _, err := Workbooks(dir, run); err != nil {
		t.Fatal(err)
	}
	ranking, _ := DumpSheet(filepath.Join(dir, "gilan.xlsx"), "Ranking")
	if !strings.Contains(ranking, "\n1\tG1\tتایید شده\tقزوین\turban\tParticipating\t") {
		t.Errorf("ranking:\n%s", ranking)
	}
	penalties, _ := DumpSheet(filepath.Join(dir, "gilan.xlsx"), "Violations")
	if !strings.Contains(penalties, "\nV4\tG1\tتایید شده\tforgery\t") {
		t.Errorf("violations:\n%s", penalties)
	}
}
