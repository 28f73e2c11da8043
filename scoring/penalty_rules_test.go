package scoring

import (
	"os"
	"strings"
	"testing"
)

// penaltyRulesYAML adds conditional penalty rules to the default method.
const penaltyRulesYAML = `  rules:
    - when: {type: [forgery], status: [appealed]}   # an appealed forgery: out of the ranking
      points: 0
      disqualify: true
    - when: {type: [overcharging], area_type: [rural]}
      points: 4
    - when: {type: [overcharging], repeat: 2}        # the second and later in the period
      points: 20
      grade_down: 1
    - when: {type: [overcharging], province: [tehran]}
      grade_cap: 2
`

func penaltyRules(t *testing.T) *Rules {
	t.Helper()
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	doc := strings.Replace(string(data), "  grade_cap:\n", penaltyRulesYAML+"  grade_cap:\n", 1)
	r, err := ParseRules([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestPenaltyRules(t *testing.T) {
	r := penaltyRules(t)
	v := func(id, code, typ, status string, at Date) Violation {
		return Violation{CaseID: id, OfficeCode: code, Type: typ, Status: status, RulingDate: at}
	}
	teh := office("TEH", "urban")
	teh.Province = tehran
	offs := []Office{office("RUR", "rural"), office("REP", "urban"), office("APP", "urban"), office("DIS", "urban"), office("TOP", "urban"), teh}
	var ds []Declaration
	scores := map[string][]int{}
	for _, o := range offs {
		ds = append(ds, decl(o.Code))
		scores[o.Code] = rep(5, 100)
	}
	vs := []Violation{
		v("r1", "RUR", "overcharging", "final", Date{1404, 3, 1}),
		v("p2", "REP", "overcharging", "final", Date{1404, 4, 1}),
		v("p1", "REP", "overcharging", "final", Date{1404, 2, 1}),
		v("p0", "REP", "overcharging", "appealed", Date{1404, 1, 15}), // not counting: not a repeat
		v("a1", "APP", "forgery", "appealed", Date{1404, 3, 1}),
		v("d1", "DIS", "forgery", "dismissed", Date{1404, 3, 1}),
		v("t1", "TEH", "overcharging", "final", Date{1404, 3, 1}),
	}
	res := Evaluate(r, p1404H1, Inputs{Offices: offs, Declarations: ds, Surveys: surveys(p1404H1, scores), Violations: vs})

	top := find(t, res, "TOP")
	if top.Grade != 1 || top.Total-30 < 60 {
		t.Fatalf("the test needs a clean office of grade 1 with a margin of 30: %+v", top)
	}
	for code, w := range map[string]struct {
		penalty      float64
		grade, rank  int
		disqualified bool
	}{
		"RUR": {4, 1, 0, false},  // the rural rule: 4, not 10
		"REP": {30, 2, 0, false}, // 10 for the first, 20 for the repeat, one grade off
		"APP": {0, 3, 0, true},   // disqualified: the lowest grade, no rank
		"DIS": {0, 1, 0, false},  // a dismissed ruling matches no rule and does not count
		"TEH": {10, 2, 1, false}, // the type's 10 points, grade at best 2
		"TOP": {0, 1, 0, false},
	} {
		o := find(t, res, code)
		if o.Penalty != w.penalty || o.Grade != w.grade || o.Disqualified != w.disqualified {
			t.Errorf("%s: penalty %v grade %d disqualified %v, want %+v", code, o.Penalty, o.Grade, o.Disqualified, w)
		}
		if w.rank != 0 && o.Rank != w.rank {
			t.Errorf("%s: rank %d, want %d", code, o.Rank, w.rank)
		}
	}
	// Gilan ranks five offices: APP is out, the others 1…4.
	ranks := map[int]bool{}
	for _, o := range res.Offices {
		if o.Province == gilan && o.Rank > 0 {
			ranks[o.Rank] = true
		}
	}
	if app := find(t, res, "APP"); app.Rank != 0 || len(ranks) != 4 || !ranks[4] || ranks[5] {
		t.Errorf("ranks without the disqualified office: APP %d, gilan %v", app.Rank, ranks)
	}
	rule := map[string]int{}
	for _, p := range res.Penalties {
		rule[p.CaseID] = p.Rule
		if p.CaseID == "p0" || p.CaseID == "d1" {
			if p.Counted || p.Reason != "not_final" {
				t.Errorf("%s: counted %v reason %q", p.CaseID, p.Counted, p.Reason)
			}
		}
	}
	for id, want := range map[string]int{"a1": 1, "r1": 2, "p1": 0, "p2": 3, "t1": 4} {
		if rule[id] != want {
			t.Errorf("%s priced by rule %d, want %d", id, rule[id], want)
		}
	}
}

func TestPenaltyRulesChecked(t *testing.T) {
	data, _ := os.ReadFile("../rules.yaml")
	bad := `  rules:
    - when: {type: [bribery]}
    - when: {type: [forgery], colour: red}
    - when: {type: [forgery], province: [atlantis]}
      grade_cap: 7
      grade_down: -1
`
	doc := strings.Replace(string(data), "  grade_cap:\n", bad+"  grade_cap:\n", 1)
	probs := problemsOf(t, []byte(doc))
	line := strings.Count(doc[:strings.Index(doc, "  rules:")], "\n") + 1
	if len(probs) != 1 || probs[0].Line != line+2 || !strings.Contains(probs[0].Msg, `unknown key "colour"`) {
		t.Fatalf("structural pass: %v", probs)
	}
	doc = strings.Replace(doc, ", colour: red", "", 1)
	probs = problemsOf(t, []byte(doc))
	want := map[int]string{
		line + 1: `"bribery" is not a violation type`,
		line + 3: `unknown province "atlantis"`,
		line + 4: "7 is not a grade",
		line + 5: "must not be negative",
	}
	got := map[int]string{}
	for _, p := range probs {
		got[p.Line] += p.Msg + "; "
	}
	for l, msg := range want {
		if !strings.Contains(got[l], msg) {
			t.Errorf("line %d: %q, want %q (all: %v)", l, got[l], msg, probs)
		}
	}
	if len(probs) != len(want) {
		t.Errorf("%d problems, want %d: %v", len(probs), len(want), probs)
	}
}

func TestReportGroupingChecked(t *testing.T) {
	data, _ := os.ReadFile("../rules.yaml")
	for _, tt := range []struct{ add, want string }{
		{"reports: {group_by: county}\n", `want province, region or none, got "county"`},
		{"regions: {national: [gilan]}\n", `the name "national" is taken`},
		{"regions: {tehran: [gilan]}\n", `the name "tehran" is taken`},
		{"regions: {gilan: [gilan, mazandaran]}\nreports: {group_by: region}\n", ""},
	} {
		doc := string(data) + "\n" + tt.add
		probs := problemsOf(t, []byte(doc))
		if tt.want == "" {
			if len(probs) > 0 {
				t.Errorf("%q: %v", tt.add, probs)
			}
			continue
		}
		if len(probs) != 1 || !strings.Contains(probs[0].Msg, tt.want) || probs[0].Line != strings.Count(string(data), "\n")+2 {
			t.Errorf("%q: %v, want %q at line %d", tt.add, probs, tt.want, strings.Count(string(data), "\n")+2)
		}
	}
}
