package ingest

import (
	"encoding/csv"
	"errors"
	"flag"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/scoring"
)

// layoutDir holds the registry laid out as people lay out a workbook (see
// layoutWorkbook), as LibreOffice saves it: .xls, .ods and its own .xlsx
// (make.sh writes them from offices.xlsx, which -layout.write writes).
const layoutDir = "testdata/layout"

var writeLayout = flag.Bool("layout.write", false, "write "+layoutDir+"/offices.xlsx, for make.sh")

// layoutWorkbook writes the base export's registry into a workbook as an
// analyst's office lays one out: a hidden helper sheet first (a list of
// provinces, with a row that looks like a header); then the registry
// under a title merged across its columns, a line of notes and a blank
// row, its headers in Persian; then another visible sheet, an older
// registry of one office.
func layoutWorkbook(t *testing.T, path string) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	rows := func(sheet string, recs [][]string, from int) {
		for i, rec := range recs {
			cell, _ := excelize.CoordinatesToCellName(1, from+i)
			vals := make([]any, len(rec))
			for j, v := range rec {
				vals[j] = v
			}
			if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SetSheetName("Sheet1", "راهنما"); err != nil {
		t.Fatal(err)
	}
	rows("راهنما", [][]string{{"استان", "کد"}, {"office_code", "name", "province"}, {"گیلان", "01"}}, 1)
	registry := csvRecords(t, baseExport["offices.csv"])
	header := registry[0]
	persian := []string{"کد دفتر", "نام دفتر", "استان", "شهر", "نوع منطقه", "نوع دفتر", "کد ملی دارنده پروانه", "تاریخ صدور پروانه"}
	if len(persian) != len(header) {
		t.Fatal("the registry's header changed")
	}
	if _, err := f.NewSheet("دفاتر"); err != nil {
		t.Fatal(err)
	}
	rows("دفاتر", [][]string{{"فهرست دفاتر پیشخوان و ICT روستایی — ۱۴۰۴"}, {"تهیه‌شده در ۱۴۰۴/۰۷/۰۱", "", "منبع: سامانه ارزیابی"}}, 1)
	if err := f.MergeCell("دفاتر", "A1", "H1"); err != nil {
		t.Fatal(err)
	}
	rows("دفاتر", append([][]string{persian}, registry[1:]...), 4)
	if _, err := f.NewSheet("قدیمی"); err != nil {
		t.Fatal(err)
	}
	rows("قدیمی", [][]string{header, registry[1]}, 1)
	f.SetActiveSheet(1) // excelize keeps the active sheet visible
	if err := f.SetSheetVisible("راهنما", false); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestLayout: a registry under a title, merged title cells, notes and a
// blank row, after a hidden helper sheet, is read as the plain registry —
// in each form a workbook comes in, by the streaming reader and by
// excelize; --sheet reads another sheet, and names the sheets when the
// workbook has none of its name.
func TestLayout(t *testing.T) {
	dir := t.TempDir()
	layoutWorkbook(t, filepath.Join(dir, "offices.xlsx"))
	if *writeLayout {
		layoutWorkbook(t, filepath.Join(layoutDir, "offices.xlsx"))
	}
	plain, _, err := readDir(t, writeExport(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	forms := map[string]string{"xlsx": filepath.Join(dir, "offices.xlsx")}
	for _, name := range []string{"xls", "ods", "libreoffice.xlsx"} {
		forms[name] = filepath.Join(layoutDir, "offices."+name)
	}
	for name, path := range forms {
		if strings.HasSuffix(name, "xlsx") {
			// excelize, where the streaming reader leaves a workbook to
			// it, takes the same sheet and gives the same records.
			t.Run(name+"/excelize", func(t *testing.T) {
				for _, sheet := range []string{"", "قدیمی"} {
					stream, err := openXLSXStream(path, sheet)
					if err != nil {
						t.Fatal(err)
					}
					ex, err := openXLSX(path, sheet)
					if err != nil {
						t.Fatal(err)
					}
					sName, exName := stream.sheet(), ex.sheet()
					if a, b := records(t, stream), records(t, ex); sName != exName || !reflect.DeepEqual(a, b) {
						t.Errorf("sheet %q: streamed %s %q, excelize %s %q", sheet, sName, a, exName, b)
					}
				}
				if _, err := openXLSX(path, "Registry"); err == nil || !strings.Contains(err.Error(), `no sheet "Registry"`) {
					t.Errorf("excelize, a sheet the workbook lacks: %v", err)
				}
			})
		}
		{
			t.Run(name, func(t *testing.T) {
				files, err := Find(writeExport(t, map[string]string{"offices.csv": ""}), Files{Offices: path})
				if err != nil {
					t.Fatal(err)
				}
				got, err := ReadExport(files, scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1}), nil, Options{})
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(rowsless(got.Offices), rowsless(plain.Offices)) || len(got.Problems) != len(plain.Problems) {
					t.Errorf("offices %+v, problems %v;\nwant %+v, %v", got.Offices, problemStrings(got.Problems), plain.Offices, problemStrings(plain.Problems))
				}
				if got.Offices[0].Row != 5 || got.Stats[0].Rows != 3 {
					t.Errorf("first office on row %d, %d rows: want row 5 (below the title, the notes, a blank row and the header), 3 rows", got.Offices[0].Row, got.Stats[0].Rows)
				}

				// --sheet: another sheet, by name.
				old, err := ReadExport(files, scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1}), nil, Options{Sheets: Sheets{"offices": "قدیمی"}})
				if err != nil {
					t.Fatal(err)
				}
				if len(old.Offices) != 1 || old.Offices[0].Code != "G-001" || old.Offices[0].Row != 2 {
					t.Errorf("the sheet قدیمی: %+v, want its one office on row 2", old.Offices)
				}
				_, err = ReadExport(files, nil, nil, Options{Sheets: Sheets{"ofices": "قدیمی"}})
				if err == nil || !strings.HasPrefix(err.Error(), `--sheet ofices=قدیمی: the export has no file "ofices" (offices, declarations, surveys, violations, services)`) {
					t.Errorf("a sheet of a kind the export lacks: %v", err)
				}
				_, err = ReadExport(files, nil, nil, Options{Sheets: Sheets{"": "Registry"}})
				var fe *FileError
				if !errors.As(err, &fe) || fe.File != filepath.Base(path) ||
					!strings.Contains(err.Error(), `no sheet "Registry", as --sheet names: the workbook's sheets are "راهنما" (hidden), "دفاتر", "قدیمی"`) {
					t.Errorf("a sheet the workbook lacks: %v", err)
				}
			})
		}
	}
}

// csvRecords reads a CSV text.
func csvRecords(t *testing.T, text string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// rowsless is the offices without their rows: a laid-out registry's rows
// are below its titles.
func rowsless(os []scoring.Office) []scoring.Office {
	out := make([]scoring.Office, len(os))
	for i, o := range os {
		o.Row = 0
		out[i] = o
	}
	return out
}

// TestParseSheets reads --sheet's values.
func TestParseSheets(t *testing.T) {
	for _, tt := range []struct {
		values []string
		want   Sheets
		err    string
	}{
		{nil, nil, ""},
		{[]string{"دفاتر"}, Sheets{"": "دفاتر"}, ""},
		{[]string{"offices=دفاتر", "surveys= Sheet 2 "}, Sheets{"offices": "دفاتر", "surveys": "Sheet 2"}, ""},
		{[]string{"Data", "offices=Registry", "Data 2"}, Sheets{"": "Data 2", "offices": "Registry"}, ""},
		{[]string{"a = b"}, Sheets{"": "a = b"}, ""}, // a name with an equals sign
		{[]string{"offices="}, nil, `--sheet "offices=": want a sheet's name`},
		{[]string{"  "}, nil, `--sheet "  ": want a sheet's name`},
	} {
		got, err := ParseSheets(tt.values)
		switch {
		case tt.err != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.err)):
			t.Errorf("%q: error %v, want %q", tt.values, err, tt.err)
		case tt.err == "" && (err != nil || !reflect.DeepEqual(got, tt.want)):
			t.Errorf("%q: %v, %v; want %v", tt.values, got, err, tt.want)
		}
	}
}

func TestPickSheet(t *testing.T) {
	sheets := []sheetRef{{"Helper", true}, {"Data", false}, {"كهنه", false}}
	for _, tt := range []struct {
		want string
		i    int
		err  bool
	}{
		{"", 1, false},
		{"Data", 1, false},
		{"data", 1, false},
		{"Helper", 0, false}, // a hidden sheet, named, is read
		{"کهنه", 2, false},   // Arabic kaf normalised
		{"Nope", 0, true},
	} {
		i, err := pickSheet(sheets, tt.want)
		if i != tt.i || (err != nil) != tt.err {
			t.Errorf("%q: %d, %v; want %d", tt.want, i, err, tt.i)
		}
	}
	if i, _ := pickSheet([]sheetRef{{"A", true}, {"B", true}}, ""); i != 0 {
		t.Errorf("every sheet hidden: %d, want the first", i)
	}
}

// TestTitlesAboveTheHeader: in text files too, titles and blank rows
// above the header are passed over, by the simple reader and by the fast
// survey reader, with the rows numbered as the file has them; the header
// must be within the first rows.
func TestTitlesAboveTheHeader(t *testing.T) {
	titled := map[string]string{}
	for name, content := range baseExport {
		titled[name] = "گزارش سامانه ارزیابی,,\n\n,,,\nتاریخ: 1404/07/01\n" + content
	}
	files := mustFind(t, writeExport(t, titled))
	plain, err := Read(mustFind(t, writeExport(t, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	took := false
	tally := scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1})
	got, err := read(files, tally.Add, tally, nil, Options{fast: surveyOptions{took: func() { took = true }}})
	if err != nil {
		t.Fatal(err)
	}
	if !took {
		t.Error("the fast reader left the surveys below a title to the simple one")
	}
	if !reflect.DeepEqual(rowsless(got.Offices), rowsless(plain.Offices)) || len(got.Declarations) != len(plain.Declarations) ||
		len(got.Problems) != 0 || tally.Office("G-001").Count != 2 || tally.Office("T-001").Count != 1 {
		t.Errorf("below a title: %+v, %v", got, problemStrings(got.Problems))
	}
	if got.Offices[0].Row != 6 || got.Declarations[0].Row != 6 {
		t.Errorf("first office on row %d, declaration on row %d; want 6, below four rows and the header", got.Offices[0].Row, got.Declarations[0].Row)
	}

	// A header below the rows searched is not found: the error names the
	// rows searched and the nearest.
	deep := strings.Repeat("یادداشت\n", headerRows) + baseExport["violations.csv"]
	_, err = Read(mustFind(t, writeExport(t, map[string]string{"violations.csv": deep})), nil)
	var he *HeaderError
	if !errors.As(err, &he) || he.Rows != headerRows || len(he.Columns) != 5 ||
		!strings.Contains(err.Error(), "missing 5 columns") || !strings.Contains(err.Error(), "no row of the first 20 names any of them; the first (row 1) reads: \"یادداشت\"") {
		t.Errorf("a header below row %d: %v", headerRows, err)
	}
}

// TestHeaderErrors: when no header fits, the error lists every column
// missing, of every file, with the row read, what it holds, and the
// header that nearly names a column.
func TestHeaderErrors(t *testing.T) {
	for _, tt := range []struct {
		name    string
		replace map[string]string
		want    []string // in the error, in order
		columns map[string][]string
	}{
		{"one column", map[string]string{"surveys.csv": "response_id,office_code,response_date\n1,G-001,1404/02/01\n"},
			[]string{`surveys.csv: missing column score (امتیاز); the header (row 1) reads: "response_id", "office_code", "response_date"`, "headers: in the rules file"},
			map[string][]string{"surveys.csv": {"score"}}},
		{"near misses, English and Persian", map[string]string{
			"surveys.csv":    "Response ID,officecode,Response-Dat,امتیازات\n1,G-001,1404/02/01,5\n",
			"violations.csv": "شماره پرونده,کد دفتر,نوع تخلفات,تاریح رای,وضعیت رأی صادره\nV-1,G-001,overcharging,1404/03/01,final\n"},
			[]string{"2 files lack columns:",
				`surveys.csv: missing 2 columns: response_date (تاریخ پاسخ) — did you mean "Response-Dat"?, score (امتیاز) — did you mean "امتیازات"?`,
				`violations.csv: missing 3 columns: violation_type (نوع تخلف) — did you mean "نوع تخلفات"?, ruling_date (تاریخ رأی) — did you mean "تاریح رای"?, ruling_status (وضعیت رأی) — did you mean "وضعیت رأی صادره"?`},
			map[string][]string{"surveys.csv": {"response_date", "score"}, "violations.csv": {"violation_type", "ruling_date", "ruling_status"}}},
		{"every file, the registry first", map[string]string{
			"offices.csv":      "Export of the registry\nشماره پیشخوان,name,province,city,area_type,office_type,holder_national_id,license_date\nG-001,x,gilan,رشت,urban,pishkhan,0013542419,1395/04/01\n",
			"declarations.csv": "office_code,period,submitted_at,area_m2,staff_count,location_class,association_score\n",
		},
			[]string{"2 files lack columns:",
				`offices.csv: missing column office_code (کد دفتر); no row has them all; the nearest (row 2) reads: "شماره پیشخوان", "name"`,
				`declarations.csv: missing column review_status (وضعیت بررسی); the header (row 1) reads:`},
			map[string][]string{"offices.csv": {"office_code"}, "declarations.csv": {"review_status"}}},
		{"a column twice", map[string]string{"services.csv": "province,city,area_type,available_services,city\n"},
			[]string{`services.csv: column city (شهر) given twice, in columns 2 and 5; keep one; the header (row 1) reads:`}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readDir(t, writeExport(t, tt.replace))
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			at := 0
			for _, w := range tt.want {
				i := strings.Index(msg[at:], w)
				if i < 0 {
					t.Fatalf("error:\n%s\nlacks, after what came before:\n%s", msg, w)
				}
				at += i + len(w)
			}
			var hs *HeadersError
			if !errors.As(err, &hs) {
				t.Fatalf("%T, want a *HeadersError", err)
			}
			got := map[string][]string{}
			for _, f := range hs.Files {
				var he *HeaderError
				if !errors.As(f, &he) {
					t.Fatalf("%s: %T", f.File, f.Err)
				}
				for _, c := range he.Columns {
					if len(c.Repeated) == 0 {
						got[f.File] = append(got[f.File], c.Column)
					}
				}
			}
			if tt.columns != nil && !reflect.DeepEqual(got, tt.columns) {
				t.Errorf("columns missing %v, want %v", got, tt.columns)
			}
		})
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"score", "score", 0}, {"score", "scor", 1}, {"scor", "score", 1},
		{"kitten", "sitting", 3}, {"تاریخرای", "تاریخرأی", 1}, {"", "abc", 3},
	} {
		if got := editDistance([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("%q, %q: %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}

// TestDeclarationsInError: a declaration row in error that names an office
// of the registry is handed on, with its period when that cell reads, so
// that the engine can say why the office does not take part.
func TestDeclarationsInError(t *testing.T) {
	exp, _, err := readDir(t, writeExport(t, map[string]string{"declarations.csv": `office_code,period,submitted_at,area_m2,staff_count,location_class,association_score,review_status
G-001,1404-H1,1404/02/10,55.5,0,main_street,8.5,confirmed
G-002,1404-H3,1404/02/11,30,2,alley,7,pending
X-9,1404-H1,1404/02/11,30,2,alley,7,pending
T-001,1403-H2,1403/08/11,30,2,alley,7,pending
T-001,1403-H2,1403/08/12,30,2,alley,11,pending
`}))
	if err != nil {
		t.Fatal(err)
	}
	want := []scoring.DeclarationInError{
		{OfficeCode: "G-001", Period: scoring.Period{Year: 1404, Half: 1}, Row: 2},
		{OfficeCode: "G-002", Row: 3}, // its period cannot be read
		{OfficeCode: "T-001", Period: scoring.Period{Year: 1403, Half: 2}, Row: 6},
	}
	if !reflect.DeepEqual(exp.DeclarationsInError, want) || len(exp.Declarations) != 1 {
		t.Errorf("in error %+v, want %+v (X-9 is not in the registry); %d declarations", exp.DeclarationsInError, want, len(exp.Declarations))
	}
}
