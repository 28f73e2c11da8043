package synth

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"github.com/iranict/rank/scoring"
)

func generate(t *testing.T, cfg Config) (string, *Plan) {
	t.Helper()
	dir := t.TempDir()
	plan, err := Generate(dir, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return dir, plan
}

func TestDeterministic(t *testing.T) {
	dir1, _ := generate(t, Gilan())
	dir2, _ := generate(t, Gilan())
	cfg := Gilan()
	cfg.Seed++
	dir3, _ := generate(t, cfg)
	names := []string{"offices.xlsx", "declarations.csv", "surveys.csv", "violations.csv", "services.csv"}
	for _, name := range names {
		a, err := os.ReadFile(filepath.Join(dir1, name))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(filepath.Join(dir2, name))
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs between two runs of the same config", name)
		}
		if c, _ := os.ReadFile(filepath.Join(dir3, name)); bytes.Equal(a, c) && name != "services.csv" {
			t.Errorf("%s is the same under another seed", name)
		}
	}
}

// TestShippedSample keeps testdata/gilan what the preset writes.
func TestShippedSample(t *testing.T) {
	shipped := filepath.Join("..", "testdata", "gilan")
	dir, plan := generate(t, Gilan())
	for _, fp := range plan.Files {
		want, err := os.ReadFile(filepath.Join(shipped, fp.Name))
		if err != nil {
			t.Fatalf("%v; regenerate with: go run ./tools/synth -preset gilan -out testdata/gilan", err)
		}
		got, _ := os.ReadFile(filepath.Join(dir, fp.Name))
		if !bytes.Equal(got, want) {
			t.Errorf("testdata/gilan/%s is stale; regenerate with: go run ./tools/synth -preset gilan -out testdata/gilan", fp.Name)
		}
	}
}

func TestGilanPlan(t *testing.T) {
	_, plan := generate(t, Gilan())
	want := ProvincePlan{Offices: 734, Participants: 394, CarriedForward: 12, NotParticipating: 340, Grades: [3]int{284, 109, 1}}
	got := plan.Provinces["gilan"]
	got.SurveyMean, got.Rural = 0, 0
	if got != want {
		t.Errorf("province plan = %+v, want %+v", got, want)
	}
	if r := plan.Provinces["gilan"].Rural; r < 200 || r > 240 {
		t.Errorf("%d rural offices, want about 30 %%", r)
	}

	// Recount the designed counts from the offices themselves.
	var n ProvincePlan
	specials := map[string]int{}
	for _, o := range plan.Offices {
		n.Offices++
		specials[o.Special]++
		switch o.Status {
		case scoring.NotParticipating:
			n.NotParticipating++
		case scoring.CarriedForward:
			n.CarriedForward++
			fallthrough
		default:
			n.Participants++
			n.Grades[o.Grade-1]++
		}
	}
	got.Rural = 0
	if n != want {
		t.Errorf("offices recount = %+v, want %+v", n, want)
	}
	if specials["forgery_capped"] != 1 || specials["penalty_capped"] != 1 {
		t.Errorf("special offices = %v, want one of each", specials)
	}

	wantErrors := map[string]map[string]int{
		"offices":      {ReasonDuplicateCode: 1},
		"declarations": {ReasonUnknownOffice: 1, ReasonStaffCount: 1, ReasonInvalidDate: 1},
		"surveys":      {ReasonDuplicateID: 1, ReasonScoreRange: 1, ReasonUnknownOffice: 1},
		"violations":   {ReasonUnknownType: 1, ReasonInvalidDate: 1, ReasonDuplicateCase: 1},
		"services":     {},
	}
	for kind, want := range wantErrors {
		fp, ok := plan.Files[kind]
		if !ok {
			t.Errorf("no %s file", kind)
			continue
		}
		if got := fp.ErrorCounts(); !mapsEqual(got, want) {
			t.Errorf("%s errors = %v, want %v", kind, got, want)
		}
		if sum := fp.Used + fp.OutsidePeriod + fp.Superseded + int64(len(fp.Errors)); sum != fp.Rows {
			t.Errorf("%s: %d rows, %d accounted for", kind, fp.Rows, sum)
		}
	}
	if w := plan.Files["offices"].Warnings; len(w) != 1 || w[0].Reason != ReasonNationalIDCheck {
		t.Errorf("offices warnings = %v", w)
	}
	if fp := plan.Files["offices"]; fp.Used != 734 || fp.Rows != 735 {
		t.Errorf("offices: %d rows, %d used; want 735, 734", fp.Rows, fp.Used)
	}
	if fp := plan.Files["declarations"]; fp.Superseded < 2 || fp.OutsidePeriod == 0 {
		t.Errorf("declarations: %d superseded, %d outside; want some of each", fp.Superseded, fp.OutsidePeriod)
	}
	if fp := plan.Files["surveys"]; fp.Used < 20000 || fp.OutsidePeriod == 0 {
		t.Errorf("surveys: %d used, %d outside", fp.Used, fp.OutsidePeriod)
	}
}

func mapsEqual(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestOracleBands checks every participant's total lies inside its grade's
// band, two points clear of the cut-offs.
func TestOracleBands(t *testing.T) {
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"gilan", Gilan()},
		{"national", National(3000, 200000, 7)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, plan := generate(t, tc.cfg)
			reviews := map[string]int{}
			penalized := 0
			for code, o := range plan.Offices {
				pt := o.Points
				if !o.Status.Participates() {
					if o.Grade != 3 || pt.Total != 0 {
						t.Errorf("%s: non-participant with grade %d, total %v", code, o.Grade, pt.Total)
					}
					continue
				}
				reviews[o.ReviewStatus]++
				if pt.Penalty > 0 {
					penalized++
				}
				g := gradeOf(pt.Total)
				if g != o.Grade && !(pt.Capped && o.Grade == 3) {
					t.Errorf("%s: total %.2f is grade %d, designed %d", code, pt.Total, g, o.Grade)
				}
				for _, cut := range []float64{40, 60} {
					if math.Abs(pt.Total-cut) < 2 {
						t.Errorf("%s: total %.2f within 2 points of %v", code, pt.Total, cut)
					}
				}
				switch o.Special {
				case "forgery_capped":
					if !pt.Capped || g != 2 {
						t.Errorf("%s: forgery should cap a grade-2 total, got total %.2f capped %v", code, pt.Total, pt.Capped)
					}
				case "penalty_capped":
					if pt.Penalty != 50 {
						t.Errorf("%s: penalty %v, want the cap of 50", code, pt.Penalty)
					}
				}
				if o.ReviewStatus != "confirmed" && (pt.Space != 0 || pt.Staff != 0 || pt.Location != 0) {
					t.Errorf("%s: %s declaration earned self-declared points", code, o.ReviewStatus)
				}
			}
			if reviews["rejected"] == 0 || reviews["pending"] == 0 || penalized < 5 {
				t.Errorf("reviews %v, %d penalized: want some of each", reviews, penalized)
			}
		})
	}
}

// TestOracleMatchesEngine evaluates the valid rows with the engine and the
// shipped rules.yaml, office by office.
func TestOracleMatchesEngine(t *testing.T) {
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	rules, err := scoring.ParseRules(data)
	if err != nil {
		t.Fatal(err)
	}
	_, plan := generate(t, Gilan())
	p, _ := scoring.ParsePeriod(plan.Period)
	v := plan.valid
	tally := scoring.NewSurveyTally(p)
	for code, c := range v.surveys {
		// Responses with the same sum and count.
		for i := range c.Count {
			score := int(c.Sum / c.Count)
			if i < c.Sum%c.Count {
				score++
			}
			tally.Add(scoring.Survey{OfficeCode: code, Date: p.Start(), Score: score})
		}
		for range c.Outside {
			tally.Add(scoring.Survey{OfficeCode: code, Date: p.Previous().Start(), Score: 3})
		}
	}
	res := scoring.Evaluate(rules, p, scoring.Inputs{Offices: v.offices, Declarations: v.declarations, Surveys: tally, Violations: v.violations})
	for _, or := range res.Offices {
		o := plan.Offices[or.Code]
		if or.Status != o.Status || or.Grade != o.Grade || math.Abs(or.Total-o.Points.Total) > 1e-9 {
			t.Errorf("%s: engine %s grade %d total %.4f; plan %s grade %d total %.4f",
				or.Code, or.Status, or.Grade, or.Total, o.Status, o.Grade, o.Points.Total)
		}
	}
	pr := res.Provinces[0]
	if pr.Grades[1] != 284 || pr.Grades[2] != 109 || pr.Grades[3] != 1 || pr.NotParticipating != 340 || pr.CarriedForward != 12 {
		t.Errorf("engine counts %+v", pr.Counts)
	}
	for _, kind := range []string{"declarations", "surveys", "violations"} {
		u, fp := res.Usage.Get(kind, ""), plan.Files[kind]
		if u.Used != fp.Used || u.OutsidePeriod != fp.OutsidePeriod || u.Superseded != fp.Superseded {
			t.Errorf("%s: engine usage %+v, plan used %d outside %d superseded %d", kind, u, fp.Used, fp.OutsidePeriod, fp.Superseded)
		}
	}
}

func TestNationalPreset(t *testing.T) {
	cfg := National(9000, 100000, 1)
	if len(cfg.Provinces) != 31 {
		t.Fatalf("%d provinces, want 31", len(cfg.Provinces))
	}
	total, largest := 0, cfg.Provinces[0]
	for _, p := range cfg.Provinces {
		total += p.Offices
		if p.Offices == 0 || p.Participants == 0 {
			t.Errorf("%s: %d offices, %d participants", p.Slug, p.Offices, p.Participants)
		}
		if p.Offices > largest.Offices {
			largest = p
		}
	}
	if total != 9000 || largest.Slug != "tehran" {
		t.Errorf("%d offices, largest %s; want 9000, tehran", total, largest.Slug)
	}

	_, plan := generate(t, National(2500, 50000, 1))
	if len(plan.Provinces) != 31 {
		t.Errorf("plan has %d provinces", len(plan.Provinces))
	}
	tot := plan.Total()
	share := float64(tot.Participants) / float64(tot.Offices)
	g1 := float64(tot.Grades[0]) / float64(tot.Participants)
	if tot.Offices != 2500 || share < 0.55 || share > 0.65 || g1 < 0.5 || g1 > 0.6 || tot.Grades[2] == 0 {
		t.Errorf("national totals %+v", tot)
	}
	if fp := plan.Files["services"]; fp.Rows == 0 {
		t.Errorf("no services rows")
	}
	if _, ok := plan.Files["services"]; !ok {
		t.Errorf("no services file")
	}
}

// TestQuirkyFiles reads back what a real reader has to cope with.
func TestQuirkyFiles(t *testing.T) {
	dir, plan := generate(t, Gilan())

	f, err := excelize.OpenFile(filepath.Join(dir, "offices.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(f.GetSheetList()[0])
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 736 || rows[0][0] != "نام دفتر" || rows[0][1] != "کد دفتر" || rows[0][8] != "توضیحات" {
		t.Errorf("registry: %d rows, header %q", len(rows), rows[0])
	}
	dup := plan.Files["offices"].Errors[0]
	if rows[dup.Row-1][1] != dup.Value {
		t.Errorf("row %d holds %q, want the repeated code %q", dup.Row, rows[dup.Row-1][1], dup.Value)
	}

	raw, _ := os.ReadFile(filepath.Join(dir, "declarations.csv"))
	text, err := charmap.Windows1256.NewDecoder().Bytes(raw)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(text), "\r\n")
	if !strings.HasPrefix(lines[0], "کد دفتر,دوره,") || int64(len(lines)-2) != plan.Files["declarations"].Rows {
		t.Errorf("declarations: header %q, %d lines", lines[0], len(lines))
	}
	if !strings.Contains(string(text), "تاييد شده") {
		t.Errorf("declarations: want review statuses with the Arabic ي of Windows-1256")
	}

	raw, _ = os.ReadFile(filepath.Join(dir, "surveys.csv"))
	if !bytes.Contains(raw, []byte("۱۴۰۰/")) || !bytes.Contains(raw, []byte(",1399/12/30,")) {
		t.Errorf("surveys: want Persian digits and a 30 Esfand 1399")
	}
	raw, _ = os.ReadFile(filepath.Join(dir, "violations.csv"))
	if !bytes.HasPrefix(raw, []byte("\ufeffcase_id,")) || bytes.Contains(raw, []byte("\r")) {
		t.Errorf("violations: want a BOM and LF line ends")
	}
	sv := plan.Files["surveys"].Errors
	if !slices.ContainsFunc(sv, func(p Planted) bool { return p.Reason == ReasonScoreRange && p.Value == "6" }) {
		t.Errorf("surveys errors %v", sv)
	}
}

// TestSampleReadme keeps testdata/gilan/README.md's tables true to the plan.
func TestSampleReadme(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "testdata", "gilan", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, plan := generate(t, Gilan())
	areas := map[[2]string]bool{}
	for _, o := range plan.valid.offices {
		areas[[2]string{o.City, o.AreaType}] = true
	}
	fp := plan.Files["services"]
	if want := fmt.Sprintf("%d of the %d areas have no row", len(areas)-int(fp.Rows), len(areas)); !bytes.Contains(readme, []byte(want)) {
		t.Errorf("README.md: want %q", want)
	}
	for _, fp := range plan.Files {
		for _, e := range slices.Concat(fp.Errors, fp.Warnings) {
			want := fmt.Sprintf("| `%s` | %d | %s |", fp.Name, e.Row, e.Column)
			if !bytes.Contains(readme, []byte(want)) || !bytes.Contains(readme, []byte(e.Value)) {
				t.Errorf("README.md: want a row %q naming %q", want, e.Value)
			}
		}
		p := message.NewPrinter(language.English)
		want := p.Sprintf("| `%s` | %d | %d | %d | %d | %d |", fp.Name, fp.Rows, fp.Used, fp.OutsidePeriod, fp.Superseded, len(fp.Errors))
		if !bytes.Contains(readme, []byte(want)) {
			t.Errorf("README.md: want %q", want)
		}
	}
	for code, o := range plan.Offices {
		if o.Special != "" && !bytes.Contains(readme, []byte(fmt.Sprintf("`%s`", code))) {
			t.Errorf("README.md: want %s, %s, named", code, o.Special)
		}
	}
}
