package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// A small valid export: two offices in Gilan, one in Tehran.
var baseExport = map[string]string{
	"offices.csv": `office_code,name,province,city,area_type,office_type,holder_national_id,license_date
G-001,دفتر پیشخوان رشت,Gilan,رشت,urban,pishkhan,0013542419,1395/04/01
G-002,دفتر ICT روستایی,گیلان,فومن,rural,rural_ict,1234567891,1398/1/5
T-001,دفتر خدمات بخش عمومی,tehran,تهران,urban,public_nongov,0499370899,1400-12-29
`,
	"declarations.csv": `office_code,period,submitted_at,area_m2,staff_count,location_class,association_score,review_status
G-001,1404-H1,1404/02/10,55.5,4,main_street,8.5,confirmed
G-002,1404-H1,1404/02/11,30,2,alley,7,pending
`,
	"surveys.csv": `response_id,office_code,response_date,score
1,G-001,1404/02/01,5
2,G-001,1404/02/02,4
R-3,T-001,1404/03/01,3
`,
	"violations.csv": `case_id,office_code,violation_type,ruling_date,ruling_status
V-1,G-001,overcharging,1404/03/01,final
`,
	"services.csv": `province,city,area_type,available_services
Gilan,رشت,urban,120
Gilan,فومن,rural,40
`,
}

// writeExport writes the base export with some files replaced ("" removes
// one) and returns the folder.
func writeExport(t testing.TB, replace map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{}
	for k, v := range baseExport {
		files[k] = v
	}
	for k, v := range replace {
		files[k] = v
	}
	for name, content := range files {
		if content == "" && replace != nil {
			if _, ok := replace[name]; ok {
				continue
			}
		}
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readDir(t testing.TB, dir string) (*Export, []scoring.Survey, error) {
	t.Helper()
	files, err := Find(dir, Files{})
	if err != nil {
		t.Fatal(err)
	}
	var surveys []scoring.Survey
	exp, err := Read(files, func(s scoring.Survey) { surveys = append(surveys, s) })
	return exp, surveys, err
}

func problemStrings(ps []export.Problem) []string {
	var out []string
	for _, p := range ps {
		s := p.Error()
		if p.Warning {
			s = "warning " + s
		}
		out = append(out, s)
	}
	return out
}

func TestReadValid(t *testing.T) {
	exp, surveys, err := readDir(t, writeExport(t, nil))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Problems) != 0 {
		t.Fatalf("problems: %v", problemStrings(exp.Problems))
	}
	gilan, _ := scoring.LookupProvince("gilan")
	wantOffice := scoring.Office{Code: "G-002", Name: "دفتر ICT روستایی", Province: gilan, City: "فومن",
		AreaType: "rural", OfficeType: "rural_ict", HolderNationalID: "1234567891",
		LicenseDate: scoring.Date{Year: 1398, Month: 1, Day: 5}, Row: 3}
	if len(exp.Offices) != 3 || exp.Offices[1] != wantOffice {
		t.Errorf("offices = %+v\nwant [1] = %+v", exp.Offices, wantOffice)
	}
	wantDecl := scoring.Declaration{OfficeCode: "G-001", Period: scoring.Period{Year: 1404, Half: 1},
		SubmittedAt: scoring.Date{Year: 1404, Month: 2, Day: 10}, AreaM2: 55.5, StaffCount: 4,
		LocationClass: "main_street", AssociationScore: 8.5, ReviewStatus: "confirmed", Row: 2}
	if len(exp.Declarations) != 2 || exp.Declarations[0] != wantDecl {
		t.Errorf("declarations = %+v", exp.Declarations)
	}
	wantSurveys := []scoring.Survey{
		{OfficeCode: "G-001", Date: scoring.Date{Year: 1404, Month: 2, Day: 1}, Score: 5},
		{OfficeCode: "G-001", Date: scoring.Date{Year: 1404, Month: 2, Day: 2}, Score: 4},
		{OfficeCode: "T-001", Date: scoring.Date{Year: 1404, Month: 3, Day: 1}, Score: 3},
	}
	if !slices.Equal(surveys, wantSurveys) {
		t.Errorf("surveys = %+v", surveys)
	}
	wantViol := scoring.Violation{CaseID: "V-1", OfficeCode: "G-001", Type: "overcharging",
		RulingDate: scoring.Date{Year: 1404, Month: 3, Day: 1}, Status: "final", Row: 2}
	if len(exp.Violations) != 1 || exp.Violations[0] != wantViol {
		t.Errorf("violations = %+v", exp.Violations)
	}
	if len(exp.Services) != 2 || exp.Services[1].Available != 40 || exp.Services[1].AreaType != "rural" || exp.Services[1].Row != 3 {
		t.Errorf("services = %+v", exp.Services)
	}
	var kinds []string
	for _, s := range exp.Stats {
		kinds = append(kinds, s.Kind+":"+s.File)
	}
	if want := []string{"offices:offices.csv", "declarations:declarations.csv", "surveys:surveys.csv",
		"violations:violations.csv", "services:services.csv"}; !slices.Equal(kinds, want) {
		t.Errorf("stats = %v, want %v", kinds, want)
	}
	if s := exp.Stats[0]; s.Rows != 3 || s.RowsByProvince["gilan"] != 2 || s.RowsByProvince["tehran"] != 1 {
		t.Errorf("offices stat = %+v", s)
	}
	if s := exp.Stats[2]; s.Rows != 3 || s.Errors != 0 || s.RowsByProvince["gilan"] != 2 {
		t.Errorf("surveys stat = %+v", s)
	}
}

func TestReadWithoutServices(t *testing.T) {
	exp, _, err := readDir(t, writeExport(t, map[string]string{"services.csv": ""}))
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Stats) != 4 || exp.Services != nil {
		t.Errorf("stats = %+v, services = %v", exp.Stats, exp.Services)
	}
}

// Persian headers in another order, Persian values and digits, an extra
// column and a blank line.
func TestReadPersian(t *testing.T) {
	dir := writeExport(t, map[string]string{
		"offices.csv": "استان,کد دفتر,نام دفتر,شهر,نوع منطقه,نوع دفتر,تاريخ صدور پروانه,کد ملی دارنده پروانه,تلفن\n" +
			"گيلان,G-001,دفتر ۱,رشت,شهری,دفتر پیشخوان خدمات دولت,۱۳۹۵/۴/۱,۰۰۱۳۵۴۲۴۱۹,013-1\n" +
			",,,,,,,,\n" +
			"Sistan and Baluchestan,S-001,دفتر ۲,زاهدان,روستایی,دفتر ارتباطات و فناوری اطلاعات (ICT) روستایی,1400/1/1,0013542419,\n" +
			"\u200fتهران\u200f,T-001,دفتر ۳,تهران,شهری,بخش عمومی غیردولتی,1400/1/1,0013542419,\n" +
			"البرز,A-001,دفتر ۴,کرج,شهری,پیشخوان,1400/1/1,0013542419,\n" +
			"البرز,A-002,دفتر ۵,کرج,روستایی,ICT روستایی,1400/1/1,0013542419,\n",
		"declarations.csv": "کد دفتر,دوره,تاریخ ثبت,متراژ,تعداد پرسنل,موقعیت مکانی,امتیاز انجمن,وضعیت بررسی\n" +
			"G-001,۱۴۰۴-h1,۱۴۰۴/۰۲/۱۰,۵۵٫۵,۴,خیابان اصلی,۸,تأیید شده\n" +
			"S-001,1404-H2,1404/07/10,12,1,خیابان فرعی,0,در انتظار بررسی\n" +
			"T-001,1404-H2,1404/07/10,12,3.0,کوچه,10,رد شده\n",
		"surveys.csv":    "شناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\n۱,G-001,۱۴۰۴/۰۲/۰۱,۵\n",
		"violations.csv": "شماره پرونده,کد دفتر,نوع تخلف,تاریخ رأی,وضعیت رأی\nV-1,G-001,جعل مدارک,1404/03/01,تجدید نظر\nV-2,T-001,نبود امکانات معلولان و سالمندان,1404/03/01,مختومه\n",
		"services.csv":   "استان,شهر,نوع منطقه,تعداد خدمات\nگیلان,رشت,شهری,۱۲۰\n",
	})
	exp, surveys, err := readDir(t, dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(exp.Problems) != 0 {
		t.Fatalf("problems: %v", problemStrings(exp.Problems))
	}
	if got := exp.Stats[0].Ignored; !slices.Equal(got, []string{"تلفن"}) {
		t.Errorf("ignored = %q", got)
	}
	var types, provinces []string
	for _, o := range exp.Offices {
		types = append(types, o.OfficeType)
		provinces = append(provinces, o.Province.Slug)
	}
	if want := []string{"pishkhan", "rural_ict", "public_nongov", "pishkhan", "rural_ict"}; !slices.Equal(types, want) {
		t.Errorf("office types = %v, want %v", types, want)
	}
	if want := []string{"gilan", "sistan-baluchestan", "tehran", "alborz", "alborz"}; !slices.Equal(provinces, want) {
		t.Errorf("provinces = %v, want %v", provinces, want)
	}
	if o := exp.Offices[1]; o.Row != 4 || o.AreaType != "rural" {
		t.Errorf("office after the blank line = %+v", o)
	}
	if exp.Stats[0].Rows != 5 {
		t.Errorf("blank line counted: rows = %d", exp.Stats[0].Rows)
	}
	d := exp.Declarations
	if len(d) != 3 || d[0].AreaM2 != 55.5 || d[0].ReviewStatus != "confirmed" || d[0].Period != (scoring.Period{Year: 1404, Half: 1}) ||
		d[1].LocationClass != "secondary_street" || d[1].ReviewStatus != "pending" || d[2].StaffCount != 3 || d[2].ReviewStatus != "rejected" {
		t.Errorf("declarations = %+v", d)
	}
	if len(surveys) != 1 || surveys[0].Score != 5 {
		t.Errorf("surveys = %+v", surveys)
	}
	if v := exp.Violations; len(v) != 2 || v[0].Type != "forgery" || v[0].Status != "appealed" || v[1].Type != "no_accessibility" || v[1].Status != "dismissed" {
		t.Errorf("violations = %+v", v)
	}
}

func TestReadRowProblems(t *testing.T) {
	tests := []struct {
		name   string
		file   string
		body   string // data rows after the base header
		want   []string
		rows   int64
		errors int64
	}{
		{
			name: "offices", file: "offices.csv",
			body: "G-001,a,Gilan,رشت,urban,pishkhan,0013542419,1395/04/01\n" +
				",b,Narnia,,suburban,kiosk,0013542418,1404/12/30\n" +
				"G-003,c,Gilan,رشت,rural,rural_ict,,1400/01/01\n" +
				"G-004,d,Gilan,رشت,rural,rural_ict,12ab,\n",
			want: []string{
				`offices.csv:3:office_code: is required`,
				`offices.csv:3:province: must be one of the 31 provinces, by Persian or English name, got "Narnia"`,
				`offices.csv:3:city: is required`,
				`offices.csv:3:area_type: must be one of urban (شهری), rural (روستایی), got "suburban"`,
				`offices.csv:3:office_type: must be one of pishkhan (دفتر پیشخوان خدمات دولت), public_nongov (دفتر بخش عمومی غیردولتی), rural_ict (دفتر ارتباطات و فناوری اطلاعات (ICT) روستایی), got "kiosk"`,
				`warning offices.csv:3:holder_national_id: has a wrong check digit, got "0013542418"`,
				`offices.csv:3:license_date: is not a day of the Jalali calendar: 1404/12 has 29 days, got "1404/12/30"`,
				`warning offices.csv:4:holder_national_id: is missing`,
				`warning offices.csv:5:holder_national_id: must be 10 digits, got "12ab"`,
				`offices.csv:5:license_date: is required`,
			},
			rows: 4, errors: 2,
		},
		{
			name: "declarations", file: "declarations.csv",
			body: "G-001,1404-H1,1404/02/10,-1,۰,roof,10.5,maybe\n" +
				"X-9,1404-H3,1404/2/10,20,2.5,alley,abc,pending\n" +
				"G-002,1404-H1,1404/02/10,20,1,alley,0,pending\n",
			want: []string{
				`declarations.csv:2:area_m2: must be a number ≥ 0, got "-1"`,
				`declarations.csv:2:staff_count: must be a whole number ≥ 1, got "۰"`,
				`declarations.csv:2:location_class: must be one of main_street (خیابان اصلی), secondary_street (خیابان فرعی), alley (کوچه), got "roof"`,
				`declarations.csv:2:association_score: must be a number from 0 to 10, got "10.5"`,
				`declarations.csv:2:review_status: must be one of confirmed (تایید شده), rejected (رد شده), pending (در انتظار بررسی), got "maybe"`,
				`declarations.csv:3:office_code: "X-9" is not in the registry`,
				`declarations.csv:3:period: must be a period such as 1404-H1 (H1 = months 1–6, H2 = months 7–12), got "1404-H3"`,
				`declarations.csv:3:staff_count: must be a whole number ≥ 1, got "2.5"`,
				`declarations.csv:3:association_score: must be a number from 0 to 10, got "abc"`,
			},
			rows: 3, errors: 2,
		},
		{
			name: "surveys", file: "surveys.csv",
			body: "1,G-001,1404/02/01,5\n" +
				"1,G-001,1404/02/01,4\n" +
				"2,G-001,1404/02/01,6\n" +
				"2,G-001,1404/02/01,1\n" +
				"3,99-00001,1404/02/31,0\n" +
				",T-001,1404/02/01,2\n" +
				"01,G-002,1404/02/01,2\n",
			want: []string{
				`surveys.csv:3:response_id: repeats response_id of row 2`,
				`surveys.csv:4:score: must be a whole number from 1 to 5, got "6"`,
				`surveys.csv:6:office_code: "99-00001" is not in the registry`,
				`surveys.csv:6:score: must be a whole number from 1 to 5, got "0"`,
				`surveys.csv:7:response_id: is required`,
			},
			rows: 7, errors: 4,
		},
		{
			name: "violations", file: "violations.csv",
			body: "V-1,G-001,overcharging,1404/03/01,final\n" +
				"V-1,G-002,forgery,1404/03/01,final\n" +
				"V-2,G-001,رشوه,1404/06/32,pending\n",
			want: []string{
				`violations.csv:3:case_id: repeats case_id of row 2`,
				`violations.csv:4:violation_type: must be one of overcharging (دریافت وجه مازاد), forgery (جعل مدارک), unauthorized_relocation (تغییر مکان بدون مجوز), no_accessibility (نبود امکانات معلولان و سالمندان), got "رشوه"`,
				`violations.csv:4:ruling_date: is not a day of the Jalali calendar: 1404/06 has 31 days, got "1404/06/32"`,
				`violations.csv:4:ruling_status: must be one of final (قطعی), appealed (تجدیدنظر), dismissed (مختومه), got "pending"`,
			},
			rows: 3, errors: 2,
		},
		{
			name: "services", file: "services.csv",
			body: "Gilan,Bandar Anzali,urban,10\n" +
				"gilan,bandar  anzali,urban,12\n" +
				"Gilan,Bandar Anzali,rural,-1\n" +
				"Gilan,Bandar Anzali,rural,3\n",
			want: []string{
				`services.csv:3: repeats the area (province, city, area_type) of row 2`,
				`services.csv:4:available_services: must be a whole number ≥ 0, got "-1"`,
			},
			rows: 4, errors: 2,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			header, _, _ := strings.Cut(baseExport[tt.file], "\n")
			exp, _, err := readDir(t, writeExport(t, map[string]string{tt.file: header + "\n" + tt.body}))
			if err != nil {
				t.Fatal(err)
			}
			var ps []export.Problem
			for _, p := range exp.Problems {
				if p.File == tt.file {
					ps = append(ps, p)
				}
			}
			got := problemStrings(ps)
			if !slices.Equal(got, tt.want) {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
			var stat export.FileStat
			for _, s := range exp.Stats {
				if s.File == tt.file {
					stat = s
				}
			}
			if stat.Rows != tt.rows || stat.Errors != tt.errors {
				t.Errorf("rows, errors = %d, %d, want %d, %d", stat.Rows, stat.Errors, tt.rows, tt.errors)
			}
			var byProv int64
			for _, n := range stat.ErrorsByProvince {
				byProv += n
			}
			if byProv != stat.Errors {
				t.Errorf("errors by province %v do not add up to %d", stat.ErrorsByProvince, stat.Errors)
			}
		})
	}
}

func TestReadProblemProvince(t *testing.T) {
	exp, _, err := readDir(t, writeExport(t, map[string]string{
		"offices.csv":      strings.Replace(baseExport["offices.csv"], "1398/1/5", "1398/1/32", 1),
		"declarations.csv": strings.Split(baseExport["declarations.csv"], "\n")[0] + "\n",
		"surveys.csv":      "response_id,office_code,response_date,score\n1,G-001,1404/02/01,9\n2,G-002,1404/02/01,5\n3,X,1404/02/01,5\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range exp.Problems {
		got = append(got, p.File+":"+p.Province+":"+p.Reason)
	}
	want := []string{
		`offices.csv:gilan:is not a day of the Jalali calendar: 1398/01 has 31 days, got "1398/1/32"`,
		`surveys.csv:gilan:must be a whole number from 1 to 5, got "9"`,
		`surveys.csv:gilan:"G-002" is not in the registry (its row 3 in offices.csv is in error)`,
		`surveys.csv::"X" is not in the registry`,
	}
	if !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	s := exp.Stats[2]
	if s.ErrorsByProvince["gilan"] != 2 || s.ErrorsByProvince[""] != 1 || s.RowsByProvince["gilan"] != 2 {
		t.Errorf("survey stat = %+v", s)
	}
}

func TestReadDuplicateOffice(t *testing.T) {
	exp, _, err := readDir(t, writeExport(t, map[string]string{
		"offices.csv": baseExport["offices.csv"] + "G-001,again,Tehran,تهران,urban,pishkhan,0013542419,1395/04/01\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"offices.csv:5:office_code: repeats office_code of row 2"}
	if got := problemStrings(exp.Problems); !slices.Equal(got, want) {
		t.Errorf("problems = %q, want %q", got, want)
	}
	if exp.Problems[0].Province != "tehran" || len(exp.Offices) != 3 || exp.Offices[0].Name != "دفتر پیشخوان رشت" {
		t.Errorf("problem %+v, offices %+v", exp.Problems[0], exp.Offices)
	}
}

func TestReadFatal(t *testing.T) {
	tests := []struct {
		name    string
		replace map[string]string
		want    string
	}{
		{"missing column", map[string]string{"surveys.csv": "response_id,office_code,response_date\n1,G-001,1404/01/01\n"},
			"surveys.csv: missing column score (امتیاز)"},
		{"repeated column", map[string]string{"surveys.csv": "response_id,office_code,response_date,score,امتیاز\n"},
			"surveys.csv: column score (امتیاز) given twice, in columns 4 and 5; keep one"},
		{"empty file", map[string]string{"violations.csv": "\n\n"},
			"violations.csv: empty file: no header row"},
		{"workbook named csv", map[string]string{"declarations.csv": "PK\x03\x04junk"},
			"declarations.csv: starts as a workbook (a ZIP archive) but does not open as one: zip: not a valid zip file: save it again as .xlsx or CSV"},
		{"old Excel workbook damaged", map[string]string{"declarations.csv": "", "declarations.xls": "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1junk"},
			"declarations.xls: not a readable Excel 97–2003 workbook (.xls), damaged or cut short ("},
		{"ods damaged", map[string]string{"declarations.csv": "", "declarations.ods": "PK\x03\x04junk"},
			"declarations.ods: not a readable ODS workbook: zip: not a valid zip file"},
		{"text named ods", map[string]string{"declarations.csv": "", "declarations.ods": baseExport["declarations.csv"]},
			"declarations.ods: not a readable ODS workbook: zip: not a valid zip file"},
		{"html without a table of data", map[string]string{"declarations.csv": "", "declarations.xls": "<html><body><table><tr><td>title</td></tr></table></body></html>"},
			"declarations.xls: header: no table of data in this HTML page"},
		{"not a workbook", map[string]string{"offices.csv": "", "offices.xlsx": "office_code\n"},
			"offices.xlsx: not a readable XLSX workbook: "},
		{"broken header", map[string]string{"offices.csv": "office_code,\"name\nx"},
			"offices.csv: header: record on line 1; parse error on line 2, column 2: extraneous or missing \" in quoted-field"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readDir(t, writeExport(t, tt.replace))
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("error = %v, want a *FileError", err)
			}
			if !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("error = %q, want %q", err, tt.want)
			}
		})
	}
	_, _, err := readDir(t, writeExport(t, map[string]string{"surveys.csv": "response_id,office_code,response_date\n"}))
	var ce *ColumnError
	if !errors.As(err, &ce) || ce.Column != "score" || !slices.Equal(ce.Aliases, []string{"امتیاز"}) {
		t.Errorf("error = %#v, want a *ColumnError for score", err)
	}
	// A file named otherwise is read by what it holds.
	dir := writeExport(t, nil)
	dat := filepath.Join(dir, "registry.dat")
	if err := os.Rename(filepath.Join(dir, "offices.csv"), dat); err != nil {
		t.Fatal(err)
	}
	files, err := Find(dir, Files{Offices: dat})
	if err != nil {
		t.Fatal(err)
	}
	if exp, err := Read(files, nil); err != nil || len(exp.Offices) == 0 {
		t.Errorf("offices as registry.dat: error = %v", err)
	}
	if _, err := Read(Files{Offices: filepath.Join(t.TempDir(), "offices.csv")}, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error = %v, want not exist", err)
	}
}

func TestReadMalformedCSV(t *testing.T) {
	exp, surveys, err := readDir(t, writeExport(t, map[string]string{
		"surveys.csv": "response_id,office_code,response_date,score\n1,G-001,1404/02/01,5\n2,G\"-001,1404/02/01,5\n3,\"G-001\",1404/02/01,\"4\"\n4,\"G-001\nx\",1404/02/01,5\n5,G-001,1404/02/01,5\n",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		`surveys.csv:3: malformed CSV: bare " in non-quoted-field (line 3, column 4)`,
		`surveys.csv:5:office_code: "G-001\nx" is not in the registry`,
	}
	if got := problemStrings(exp.Problems); !slices.Equal(got, want) {
		t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(surveys) != 3 || exp.Stats[2].Rows != 5 || exp.Stats[2].Errors != 2 {
		t.Errorf("surveys %v, stat %+v", surveys, exp.Stats[2])
	}
}
