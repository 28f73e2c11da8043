package scoring

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

func defaultRules(t testing.TB) *Rules {
	t.Helper()
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseRules(data)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

var (
	gilan   = Provinces[1]
	tehran  = Provinces[23]
	p1404H1 = Period{1404, 1}
)

func office(code, area string) Office {
	return Office{Code: code, Name: "دفتر " + code, Province: gilan, City: "رشت", AreaType: area, OfficeType: "pishkhan", LicenseDate: Date{1394, 1, 1}}
}

// decl is a confirmed 1404-H1 declaration worth space 15, staff 15,
// location 10 and association 10 in a city.
func decl(code string) Declaration {
	return Declaration{OfficeCode: code, Period: p1404H1, SubmittedAt: Date{1404, 2, 1}, AreaM2: 80, StaffCount: 6, LocationClass: "main_street", AssociationScore: 10, ReviewStatus: "confirmed"}
}

func surveys(p Period, counts map[string][]int) *SurveyTally {
	t := NewSurveyTally(p)
	for code, scores := range counts {
		for _, s := range scores {
			t.Add(Survey{OfficeCode: code, Date: p.Start(), Score: s})
		}
	}
	return t
}

func find(t *testing.T, res *Result, code string) OfficeResult {
	t.Helper()
	for _, o := range res.Offices {
		if o.Code == code {
			return o
		}
	}
	t.Fatalf("office %s not in result", code)
	return OfficeResult{}
}

func pointsOf(t *testing.T, res *Result, o OfficeResult, id string) float64 {
	for i, ind := range res.Indicators {
		if ind.ID == id {
			return o.Points[i]
		}
	}
	t.Fatalf("no indicator %s", id)
	return 0
}

func near(a, b float64) bool { return math.Abs(a-b) < 1e-9 }

func TestIndicatorPoints(t *testing.T) {
	r := defaultRules(t)
	tests := []struct {
		name   string
		area   string
		mutate func(*Declaration, *Office)
		id     string
		want   float64
	}{
		{"urban space below first step", "urban", func(d *Declaration, _ *Office) { d.AreaM2 = 19.99 }, "space", 0},
		{"urban space at 20", "urban", func(d *Declaration, _ *Office) { d.AreaM2 = 20 }, "space", 5},
		{"urban space 59.9", "urban", func(d *Declaration, _ *Office) { d.AreaM2 = 59.9 }, "space", 10},
		{"urban space at 60", "urban", func(d *Declaration, _ *Office) { d.AreaM2 = 60 }, "space", 15},
		{"rural space at 12", "rural", func(d *Declaration, _ *Office) { d.AreaM2 = 12 }, "space", 5},
		{"rural space at 40", "rural", func(d *Declaration, _ *Office) { d.AreaM2 = 40 }, "space", 15},
		{"rural space 11", "rural", func(d *Declaration, _ *Office) { d.AreaM2 = 11 }, "space", 0},
		{"urban staff 1", "urban", func(d *Declaration, _ *Office) { d.StaffCount = 1 }, "staff", 3},
		{"urban staff 3", "urban", func(d *Declaration, _ *Office) { d.StaffCount = 3 }, "staff", 8},
		{"urban staff 5", "urban", func(d *Declaration, _ *Office) { d.StaffCount = 5 }, "staff", 12},
		{"rural staff 1", "rural", func(d *Declaration, _ *Office) { d.StaffCount = 1 }, "staff", 7},
		{"rural staff 2", "rural", func(d *Declaration, _ *Office) { d.StaffCount = 2 }, "staff", 11},
		{"rural staff 3", "rural", func(d *Declaration, _ *Office) { d.StaffCount = 3 }, "staff", 15},
		{"alley", "urban", func(d *Declaration, _ *Office) { d.LocationClass = "alley" }, "location", 2},
		{"secondary street", "urban", func(d *Declaration, _ *Office) { d.LocationClass = "secondary_street" }, "location", 6},
		{"association", "urban", func(d *Declaration, _ *Office) { d.AssociationScore = 7.5 }, "association", 7.5},
		{"rejected: self-declared give 0", "urban", func(d *Declaration, _ *Office) { d.ReviewStatus = "rejected" }, "space", 0},
		{"pending: self-declared give 0", "urban", func(d *Declaration, _ *Office) { d.ReviewStatus = "pending" }, "location", 0},
		{"rejected: association still counts", "urban", func(d *Declaration, _ *Office) { d.ReviewStatus = "rejected" }, "association", 10},
		{"history 10 full years, capped 15", "urban", func(_ *Declaration, o *Office) { o.LicenseDate = Date{1394, 6, 31} }, "history", 15},
		{"history 9 full years", "urban", func(_ *Declaration, o *Office) { o.LicenseDate = Date{1395, 1, 1} }, "history", 13.5},
		{"history anniversary one day after period end", "urban", func(_ *Declaration, o *Office) { o.LicenseDate = Date{1400, 7, 1} }, "history", 4.5},
		{"history licensed after period", "urban", func(_ *Declaration, o *Office) { o.LicenseDate = Date{1404, 7, 1} }, "history", 0},
		{"history licensed on the last day", "urban", func(_ *Declaration, o *Office) { o.LicenseDate = Date{1403, 6, 31} }, "history", 1.5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, d := office("A1", tt.area), decl("A1")
			tt.mutate(&d, &o)
			res := Evaluate(r, p1404H1, Inputs{Offices: []Office{o}, Declarations: []Declaration{d}, Surveys: NewSurveyTally(p1404H1)})
			if got := pointsOf(t, res, res.Offices[0], tt.id); !near(got, tt.want) {
				t.Errorf("%s = %v, want %v", tt.id, got, tt.want)
			}
		})
	}
}

func TestSatisfaction(t *testing.T) {
	r := defaultRules(t)
	offs := []Office{office("A", "urban"), office("B", "urban"), office("C", "urban")}
	ds := []Declaration{decl("A"), decl("B"), decl("C")}
	// Province mean m = (5·10 + 1·10) / 20 = 3; A: s = (50+30)/20 = 4 → 26.25;
	// B: s = (10+30)/20 = 2 → 8.75; C has none: s = m = 3 → 17.5.
	tally := surveys(p1404H1, map[string][]int{"A": rep(5, 10), "B": rep(1, 10)})
	// Responses outside the period change nothing.
	tally.Add(Survey{OfficeCode: "C", Date: Date{1403, 12, 30}, Score: 1})
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: tally})
	for code, want := range map[string]float64{"A": 26.25, "B": 8.75, "C": 17.5} {
		if got := pointsOf(t, res, find(t, res, code), "satisfaction"); !near(got, want) {
			t.Errorf("%s satisfaction = %v, want %v", code, got, want)
		}
	}
	if u := res.Usage.Get(KindSurveys, "gilan"); u.Used != 20 || u.OutsidePeriod != 1 {
		t.Errorf("survey usage = %+v, want 20 used, 1 outside", u)
	}
	if m := res.Provinces[0].SurveyMean; !near(m, 3) {
		t.Errorf("province mean = %v", m)
	}

	// A province with no responses: m = 3, every office gets 17.5.
	o := office("T", "urban")
	o.Province = tehran
	res = Evaluate(r, p1404H1, Inputs{Offices: []Office{o}, Declarations: []Declaration{decl("T")}, Surveys: tally})
	if got := pointsOf(t, res, res.Offices[0], "satisfaction"); !near(got, 17.5) {
		t.Errorf("no responses: %v, want 17.5", got)
	}
}

func rep(v, n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = v
	}
	return s
}

func TestParticipation(t *testing.T) {
	r := defaultRules(t)
	prev := p1404H1.Previous()
	offs := []Office{office("NOW", "urban"), office("CF", "urban"), office("CFREJ", "urban"), office("NONE", "urban"), office("BOTH", "urban"), office("OLD", "urban")}
	d := func(code string, p Period, at Date, status string, area float64) Declaration {
		x := decl(code)
		x.Period, x.SubmittedAt, x.ReviewStatus, x.AreaM2 = p, at, status, area
		return x
	}
	ds := []Declaration{
		d("NOW", p1404H1, Date{1404, 3, 1}, "confirmed", 80),
		d("NOW", p1404H1, Date{1404, 2, 1}, "confirmed", 10), // superseded: earlier date, later row
		d("NOW", p1404H1, Date{1404, 1, 15}, "rejected", 10), // superseded
		d("CF", prev, Date{1403, 8, 1}, "confirmed", 80),
		d("CFREJ", prev, Date{1403, 8, 1}, "confirmed", 80),
		d("CFREJ", prev, Date{1403, 9, 1}, "rejected", 80), // the standing one of 1403-H2 is rejected
		d("BOTH", prev, Date{1403, 8, 1}, "confirmed", 80), // not needed: BOTH declared for 1404-H1
		d("BOTH", p1404H1, Date{1404, 2, 1}, "pending", 80),
		d("BOTH", p1404H1, Date{1404, 2, 1}, "confirmed", 30), // equal dates: the later row stands
		d("OLD", Period{1403, 1}, Date{1403, 2, 1}, "confirmed", 80),
	}
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: NewSurveyTally(p1404H1)})
	want := map[string]struct {
		status Status
		space  float64
	}{
		"NOW":   {Participating, 15},
		"CF":    {CarriedForward, 15},
		"CFREJ": {NotParticipating, 0},
		"NONE":  {NotParticipating, 0},
		"BOTH":  {Participating, 5},
		"OLD":   {NotParticipating, 0},
	}
	for code, w := range want {
		o := find(t, res, code)
		if o.Status != w.status || pointsOf(t, res, o, "space") != w.space {
			t.Errorf("%s: status %s space %v, want %s %v", code, o.Status, pointsOf(t, res, o, "space"), w.status, w.space)
		}
		if !o.Status.Participates() && (o.Total != 0 || o.Grade != 3 || o.Rank != 0) {
			t.Errorf("%s: non-participant total %v grade %d rank %d", code, o.Total, o.Grade, o.Rank)
		}
	}
	u := res.Usage.Get(KindDeclarations, "")
	// Used: NOW, CF, BOTH(1404); superseded: 2×NOW, CFREJ's first, BOTH's pending;
	// outside: CFREJ standing (rejected), BOTH 1403-H2, OLD.
	if u.Used != 3 || u.Superseded != 4 || u.OutsidePeriod != 3 {
		t.Errorf("declaration usage %+v", u)
	}
	if got := u.Used + u.Superseded + u.OutsidePeriod; got != int64(len(ds)) {
		t.Errorf("accounted %d of %d declarations", got, len(ds))
	}
	c := res.Provinces[0].Counts
	if c.Offices != 6 || c.Participants != 3 || c.CarriedForward != 1 || c.NotParticipating != 3 {
		t.Errorf("counts %+v", c)
	}
}

// TestAbsence: an office that does not take part is told why — its
// declaration in error (for the period, or one whose period cannot be
// read, before anything else; the period before's when that is all), the
// period before's declaration that does not carry forward, or none — and
// a declaration in error does not change who takes part.
func TestAbsence(t *testing.T) {
	r := defaultRules(t)
	prev := p1404H1.Previous()
	var offs []Office
	for _, code := range []string{"OK", "BAD", "BADPERIOD", "REJ", "REJBAD", "OLDBAD", "NONE", "OTHER", "OKBAD"} {
		offs = append(offs, office(code, "urban"))
	}
	rejected := decl("REJ")
	rejected.Period, rejected.ReviewStatus = prev, "rejected"
	rejbad := rejected
	rejbad.OfficeCode = "REJBAD"
	okbad := decl("OKBAD")
	ds := []Declaration{decl("OK"), rejected, rejbad, okbad}
	bad := []DeclarationInError{
		{OfficeCode: "BAD", Period: p1404H1, Row: 7},
		{OfficeCode: "BAD", Period: p1404H1, Row: 3},
		{OfficeCode: "BADPERIOD", Row: 9},                // its period could not be read
		{OfficeCode: "REJBAD", Period: p1404H1, Row: 11}, // in error for the period: before the rejected one
		{OfficeCode: "OLDBAD", Period: prev, Row: 12},
		{OfficeCode: "OTHER", Period: Period{1402, 1}, Row: 13}, // another period: not the reason
		{OfficeCode: "OKBAD", Period: p1404H1, Row: 14},         // a later declaration stands
	}
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: NewSurveyTally(p1404H1), DeclarationsInError: bad})
	for _, tt := range []struct {
		code     string
		why      Why
		rows     []int
		previous bool
	}{
		{"OK", "", nil, false},
		{"OKBAD", "", nil, false},
		{"BAD", InError, []int{7, 3}, false},
		{"BADPERIOD", InError, []int{9}, false},
		{"REJ", NotCarriedForward, nil, true},
		{"REJBAD", InError, []int{11}, false},
		{"OLDBAD", InError, []int{12}, false},
		{"NONE", NoDeclaration, nil, false},
		{"OTHER", NoDeclaration, nil, false},
	} {
		o := find(t, res, tt.code)
		a := o.Absence
		if a.Why != tt.why || fmt.Sprint(a.Rows) != fmt.Sprint(tt.rows) || (a.Previous != nil) != tt.previous {
			t.Errorf("%s: %+v, want %s %v", tt.code, a, tt.why, tt.rows)
		}
		if (tt.why == "") != o.Status.Participates() {
			t.Errorf("%s: status %s with absence %q", tt.code, o.Status, a.Why)
		}
		if tt.previous && (a.Previous.ReviewStatus != "rejected" || a.Previous.Period != prev) {
			t.Errorf("%s: previous %+v", tt.code, a.Previous)
		}
	}
}

func TestPenalties(t *testing.T) {
	r := defaultRules(t)
	v := func(id, code, typ, status string, at Date) Violation {
		return Violation{CaseID: id, OfficeCode: code, Type: typ, Status: status, RulingDate: at}
	}
	in := Date{1404, 3, 1}
	offs := []Office{office("CAP", "urban"), office("FORGE", "urban"), office("MIX", "urban"), office("ABS", "urban")}
	ds := []Declaration{decl("CAP"), decl("FORGE"), decl("MIX")}
	vs := []Violation{
		v("c3", "CAP", "unauthorized_relocation", "final", Date{1404, 4, 1}), // third by date: 40+15 > 50, capped to 10
		v("c1", "CAP", "forgery", "final", in),
		v("c2", "CAP", "unauthorized_relocation", "final", Date{1404, 3, 2}), // 25+15 = 40
		v("c4", "CAP", "overcharging", "final", Date{1404, 5, 1}),            // the cap is reached: 0
		v("c5", "CAP", "no_accessibility", "final", Date{1404, 6, 1}),        // capped
		v("f1", "FORGE", "forgery", "final", in),
		v("m1", "MIX", "overcharging", "appealed", in),
		v("m2", "MIX", "overcharging", "dismissed", in),
		v("m3", "MIX", "overcharging", "final", Date{1403, 12, 29}),
		v("m4", "MIX", "no_accessibility", "final", Date{1404, 6, 31}),
		v("a1", "ABS", "forgery", "final", in),
	}
	tally := surveys(p1404H1, map[string][]int{"CAP": rep(5, 100), "FORGE": rep(5, 100), "MIX": rep(5, 100)})
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: tally, Violations: vs})
	for code, w := range map[string]struct {
		penalty float64
		grade   int
		capped  bool
	}{"CAP": {50, 3, true}, "FORGE": {25, 3, true}, "MIX": {5, 1, false}, "ABS": {0, 3, false}} {
		o := find(t, res, code)
		if o.Penalty != w.penalty || o.Grade != w.grade || o.GradeCapped != w.capped {
			t.Errorf("%s: penalty %v grade %d capped %v, want %+v", code, o.Penalty, o.Grade, o.GradeCapped, w)
		}
		if near(o.Total, o.Positive-o.Penalty) != o.Status.Participates() && o.Status.Participates() {
			t.Errorf("%s: total %v ≠ %v − %v", code, o.Total, o.Positive, o.Penalty)
		}
	}
	reasons := map[string]string{}
	pts := map[string]float64{}
	for _, p := range res.Penalties {
		reasons[p.CaseID], pts[p.CaseID] = p.Reason, p.Points
	}
	for id, want := range map[string]string{"c1": "", "c2": "", "c3": "capped", "c4": "capped", "c5": "capped", "m1": "not_final", "m2": "not_final", "m3": "outside_period", "m4": "", "a1": "not_participating"} {
		if reasons[id] != want {
			t.Errorf("%s reason %q, want %q", id, reasons[id], want)
		}
	}
	if pts["c3"] != 10 || pts["c4"] != 0 || pts["c5"] != 0 {
		// c3 is dated 1404/04/01, before c4 (05/01): 25+15+10 = 50 reached at c3.
		t.Errorf("capped points c3 %v c4 %v c5 %v", pts["c3"], pts["c4"], pts["c5"])
	}
	if u := res.Usage.Get(KindViolations, ""); u.Used != 10 || u.OutsidePeriod != 1 {
		t.Errorf("violation usage %+v", u)
	}
}

func TestGradesRanksQuota(t *testing.T) {
	r := defaultRules(t)
	// Totals built from history (1.5/year) and association (0–10) with
	// rejected declarations so that only those two and satisfaction count.
	mk := func(code, area string, years int, assoc float64) (Office, Declaration) {
		o := office(code, area)
		o.LicenseDate = Date{1404 - years, 1, 1}
		d := decl(code)
		d.ReviewStatus, d.AssociationScore = "rejected", assoc
		return o, d
	}
	var offs []Office
	var ds []Declaration
	add := func(code, area string, years int, assoc float64) {
		o, d := mk(code, area, years, assoc)
		offs = append(offs, o)
		ds = append(ds, d)
	}
	// No surveys anywhere: satisfaction 17.5 for all.
	add("G1", "urban", 10, 10)  // 17.5+15+10 = 42.5
	add("G2", "urban", 5, 0)    // 17.5+7.5 = 25
	add("TIE-B", "urban", 5, 0) // tie with G2 on total and satisfaction and history: code decides
	add("TIE-A", "urban", 5, 0)
	add("H", "urban", 4, 1.5)   // 17.5+6+1.5 = 25: same total, less history → after the 5-year ones
	add("X", "urban", 10, 7.5)  // 17.5+15+7.5 = 40 exactly → grade 2
	add("Y", "urban", 10, 7.49) // 39.99 → grade 3
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: NewSurveyTally(p1404H1),
		Services: []Service{{Province: gilan, City: "رشت", AreaType: "urban", Available: 47}}})
	var order []string
	for _, o := range res.Offices {
		order = append(order, o.Code)
	}
	if got := strings.Join(order, " "); got != "G1 X Y G2 TIE-A TIE-B H" {
		t.Errorf("rank order %s", got)
	}
	for i, o := range res.Offices {
		if o.Rank != i+1 {
			t.Errorf("%s rank %d, want %d", o.Code, o.Rank, i+1)
		}
	}
	for code, w := range map[string]struct{ grade, quota int }{"G1": {2, 32}, "X": {2, 32}, "Y": {3, 14}, "G2": {3, 14}} {
		o := find(t, res, code)
		if o.Grade != w.grade || o.Quota != w.quota || !o.HasServices || o.Available != 47 {
			t.Errorf("%s: grade %d quota %d/%d, want %+v", code, o.Grade, o.Quota, o.Available, w)
		}
	}
}

func TestGradeAtExactThreshold(t *testing.T) {
	r := defaultRules(t)
	// 0.1+0.2-style sums: points that add to 60 in decimal must reach grade 1.
	for _, tt := range []struct {
		total float64
		want  int
	}{{60, 1}, {59.99, 2}, {0.1 + 0.2 + 59.7, 1}, {40, 2}, {39.999, 3}, {0, 3}} {
		if got := grade(r, tt.total, 1, 1); got != tt.want {
			t.Errorf("grade(%v) = %d, want %d", tt.total, got, tt.want)
		}
	}
}

func TestQuotaWithoutServicesAndOtherProvince(t *testing.T) {
	r := defaultRules(t)
	rural := office("R", "rural")
	urbanT := office("T", "urban")
	urbanT.Province = tehran
	res := Evaluate(r, p1404H1, Inputs{Offices: []Office{urbanT, rural}, Declarations: []Declaration{decl("R"), decl("T")},
		Surveys:  NewSurveyTally(p1404H1),
		Services: []Service{{Province: gilan, City: "رشت", AreaType: "urban", Available: 10}}})
	if len(res.Provinces) != 2 || res.Provinces[0].Slug != "gilan" || res.Provinces[1].Slug != "tehran" {
		t.Fatalf("provinces %+v", res.Provinces)
	}
	for _, o := range res.Offices {
		if o.HasServices || o.Quota != 0 || o.Rank != 1 {
			t.Errorf("%s: has services %v quota %d rank %d", o.Code, o.HasServices, o.Quota, o.Rank)
		}
	}
	if res.Offices[0].QuotaPct != 100 {
		t.Errorf("quota pct %v", res.Offices[0].QuotaPct)
	}
}

func TestRulesFileDrivesResult(t *testing.T) {
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	edited := strings.Replace(string(data), "{grade: 1, at_least: 60", "{grade: 1, at_least: 95", 1)
	edited = strings.Replace(edited, "main_street: 10", "main_street: 1", 1)
	r, err := ParseRules([]byte(edited))
	if err != nil {
		t.Fatal(err)
	}
	in := Inputs{Offices: []Office{office("A", "urban")}, Declarations: []Declaration{decl("A")}, Surveys: NewSurveyTally(p1404H1)}
	def := Evaluate(defaultRules(t), p1404H1, in)
	got := Evaluate(r, p1404H1, in)
	if def.Offices[0].Grade != 1 || got.Offices[0].Grade != 2 {
		t.Errorf("grades %d (default) %d (edited)", def.Offices[0].Grade, got.Offices[0].Grade)
	}
	if !near(def.Offices[0].Total-got.Offices[0].Total, 9) {
		t.Errorf("totals %v %v", def.Offices[0].Total, got.Offices[0].Total)
	}
}

func TestRulesCheck(t *testing.T) {
	data, _ := os.ReadFile("../rules.yaml")
	for _, tt := range []struct{ name, from, to, want string }{
		{"unknown key", "positive_max: 100", "positive_max: 100\nbonus: 3", "95:1: unknown key \"bonus\""},
		{"unreachable grade", "{grade: 2, at_least: 40", "{grade: 2, at_least: 70", "unreachable"},
		{"unknown rank key", "{by: history, direction: desc}", "{by: seniority, direction: desc}", "unknown key \"seniority\""},
		{"duplicate id", "- id: association", "- id: space", "duplicate id"},
		{"quota of no grade", "  3: 30", "  4: 30", "service_quota: 4"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRules([]byte(strings.Replace(string(data), tt.from, tt.to, 1)))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
}

func TestRankMethodsRoundingAndExclusiveGrades(t *testing.T) {
	data, _ := os.ReadFile("../rules.yaml")
	mk := func(edit func(string) string) *Rules {
		r, err := ParseRules([]byte(edit(string(data))))
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	var offs []Office
	var ds []Declaration
	// Rejected declarations: satisfaction 17.5 + history 15 + association.
	for i, assoc := range []float64{10, 7.5, 7.5, 1, 7.504} {
		code := string(rune('A' + i))
		o := office(code, "urban")
		o.LicenseDate = Date{1394, 1, 1}
		d := decl(code)
		d.ReviewStatus, d.AssociationScore = "rejected", assoc
		offs, ds = append(offs, o), append(ds, d)
	}
	in := Inputs{Offices: offs, Declarations: ds, Surveys: NewSurveyTally(p1404H1)}
	ranks := func(r *Rules) string {
		var s []string
		for _, o := range Evaluate(r, p1404H1, in).Offices {
			s = append(s, fmt.Sprintf("%s%d", o.Code, o.Rank))
		}
		return strings.Join(s, " ")
	}
	// Totals: A 42.5, E 40.004, B 40, C 40, D 33.5.
	if got := ranks(mk(func(s string) string { return s })); got != "A1 E2 B3 C4 D5" {
		t.Errorf("unique: %s", got)
	}
	round := func(s string) string {
		return strings.Replace(s, "decimals: 2\n", "decimals: 2\nround: {decimals: 2, before: ranking}\n", 1)
	}
	comp := func(s string) string {
		return strings.Replace(s, "scope: province\n", "scope: province\n  method: competition\n", 1)
	}
	dense := func(s string) string {
		return strings.Replace(s, "scope: province\n", "scope: province\n  method: dense\n", 1)
	}
	if got := ranks(mk(func(s string) string { return comp(round(s)) })); got != "A1 B2 C2 E2 D5" {
		t.Errorf("competition after rounding: %s", got)
	}
	if got := ranks(mk(func(s string) string { return dense(round(s)) })); got != "A1 B2 C2 E2 D3" {
		t.Errorf("dense after rounding: %s", got)
	}
	if got := ranks(mk(comp)); got != "A1 E2 B3 C3 D5" {
		t.Errorf("competition unrounded: %s", got)
	}
	excl := mk(func(s string) string {
		return strings.Replace(s, "{grade: 2, at_least: 40,", "{grade: 2, at_least: 40, exclusive: true,", 1)
	})
	for _, tt := range []struct {
		total float64
		want  int
	}{{40, 3}, {40.0000001, 2}, {39.99, 3}} {
		if got := grade(excl, tt.total, 1, 1); got != tt.want {
			t.Errorf("exclusive: grade(%v) = %d, want %d", tt.total, got, tt.want)
		}
	}
}

func TestMoreSourcesAndTransforms(t *testing.T) {
	doc := `
participation: {non_participant_grade: 2}
indicators:
  - {id: base, source: {constant: 4}}
  - {id: kind, source: {registry: office_type}, categories: {pishkhan: 3, rural_ict: 1}}
  - {id: happy, source: {surveys: share, at_least: 4}, scale: {from: [0, 1], to: [0, 10]}}
  - {id: volume, source: {surveys: sum}, transform: [{minmax: group}, {times: 0.1}]}
  - {id: seniority, source: {full_months: {from: license_date, to: period_end}}, transform: [{zscore: all}]}
grades: [{grade: 1, at_least: 20}, {grade: 2, at_least: 0}]
ranking: {scope: province, order: [{by: total, direction: desc}]}
decimals: 2
`
	r, err := ParseRules([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := office("A", "urban"), office("B", "urban"), office("C", "rural")
	b.OfficeType = "rural_ict"
	c.Province = tehran
	a.LicenseDate, b.LicenseDate, c.LicenseDate = Date{1403, 6, 31}, Date{1404, 3, 31}, Date{1404, 6, 31} // 12, 3, 0 months
	tally := surveys(p1404H1, map[string][]int{"A": {5, 4, 1, 2}, "B": {5}, "C": {3}})
	res := Evaluate(r, p1404H1, Inputs{Offices: []Office{a, b, c}, Declarations: []Declaration{decl("A"), decl("B"), decl("C")}, Surveys: tally})
	sd := math.Sqrt(((12-5)*(12-5) + (3-5)*(3-5) + (0-5)*(0-5)) / 3.0)
	want := map[string][]float64{
		// base, kind, happy (share ≥4 × 10), volume (min–max in the province × 0.1), seniority (z-score)
		"A": {4, 3, 5, 10, 7 / sd},
		"B": {4, 1, 10, 0, -2 / sd},
		"C": {4, 3, 0, 10, -5 / sd},
	}
	for _, o := range res.Offices {
		for j, w := range want[o.Code] {
			if !near(o.Points[j], w) {
				t.Errorf("%s %s = %v, want %v", o.Code, r.Indicators[j].ID, o.Points[j], w)
			}
		}
	}
}

func TestGradesByRank(t *testing.T) {
	doc := `
participation: {non_participant_grade: 3}
indicators: [{id: age, source: {full_years: {from: license_date, to: period_end}}}]
grades:
  - {grade: 1, top_percent: 25}
  - {grade: 2, rank_up_to: 3}
  - {grade: 3, at_least: 0}
ranking: {scope: province, order: [{by: total, direction: desc}, {by: office_code, direction: asc}]}
decimals: 2
`
	r, err := ParseRules([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	var offs []Office
	var ds []Declaration
	for i, code := range []string{"A", "B", "C", "D", "E"} {
		o := office(code, "urban")
		o.LicenseDate = Date{1390 + i, 1, 1}
		offs, ds = append(offs, o), append(ds, decl(code))
	}
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: NewSurveyTally(p1404H1)})
	var got []string
	for _, o := range res.Offices {
		got = append(got, fmt.Sprintf("%s%d:%d", o.Code, o.Rank, o.Grade))
	}
	// 25 % of 5 is 1.25: the top two (rounded up) get grade 1.
	if s := strings.Join(got, " "); s != "A1:1 B2:1 C3:2 D4:3 E5:3" {
		t.Errorf("got %s", s)
	}
}

func TestRankScopes(t *testing.T) {
	data, _ := os.ReadFile("../rules.yaml")
	var offs []Office
	var ds []Declaration
	for i, p := range []Province{gilan, Provinces[2], tehran, gilan} { // gilan, mazandaran, tehran, gilan
		code := fmt.Sprintf("%s%d", p.Slug[:1], i)
		o := office(code, "urban")
		o.Province, o.LicenseDate = p, Date{1400 - 2*i, 1, 1} // older offices score more
		offs, ds = append(offs, o), append(ds, decl(code))
	}
	in := Inputs{Offices: offs, Declarations: ds, Surveys: NewSurveyTally(p1404H1)}
	for _, tt := range []struct{ scope, want string }{
		{"province", "g3:1 g0:2 m1:1 t2:1"},
		{"region", "g3:1 g0:3 m1:2 t2:1"},
		{"all", "g3:1 g0:4 m1:3 t2:2"},
	} {
		doc := strings.Replace(string(data), "scope: province", "scope: "+tt.scope, 1) + "\nregions: {north: [gilan, mazandaran]}\n"
		r, err := ParseRules([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, o := range Evaluate(r, p1404H1, in).Offices {
			got = append(got, fmt.Sprintf("%s:%d", o.Code, o.Rank))
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("scope %s: %s, want %s", tt.scope, s, tt.want)
		}
	}
}
