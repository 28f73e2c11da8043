package scoring

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"
)

// TestHDIReproduced evaluates the UNDP's Human Development Index 2022 from
// its published components with testdata/hdi/hdi.yaml and checks every
// country's published HDI, rank and group.
func TestHDIReproduced(t *testing.T) {
	data, err := os.ReadFile("../testdata/hdi/hdi.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseIndexRules(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open("../testdata/hdi/hdr2022.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	type published struct {
		hdi  string
		rank int
		band string
	}
	want := map[string]published{}
	var entities []Entity
	for i, row := range rows[1:] {
		e := Entity{Key: row[col["iso3"]], Name: row[col["country"]], Values: map[string]float64{}, Row: i + 2}
		for _, c := range r.Columns() {
			if v, err := strconv.ParseFloat(row[col[c]], 64); err == nil {
				e.Values[c] = v
			}
		}
		entities = append(entities, e)
		rank, _ := strconv.Atoi(row[col["hdi_rank_2022"]])
		want[e.Key] = published{row[col["hdi_2022"]], rank, row[col["hdicode"]]}
	}
	res := EvaluateIndex(r, IndexInputs{Entities: entities})
	if len(res.Entities) != 193 {
		t.Fatalf("%d countries", len(res.Entities))
	}
	for _, e := range res.Entities {
		w := want[e.Key]
		got := published{FormatFixed(e.Total, 3), e.Rank, r.Bands[e.Band].Name.EN}
		if got.hdi != FormatFixed(mustFloat(t, w.hdi), 3) || got.rank != w.rank || got.band != w.band {
			t.Errorf("%s (%s): HDI %s rank %d %s, published %s rank %d %s", e.Key, e.Name, got.hdi, got.rank, got.band, w.hdi, w.rank, w.band)
		}
	}
}

func mustFloat(t *testing.T, s string) float64 {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestIndexRanksAndMissing(t *testing.T) {
	ptr := func(x float64) *float64 { return &x }
	r := &IndexRules{
		Indicators: []IndexIndicator{
			{ID: "a", Column: "a"},
			{ID: "b", Column: "b", Missing: "skip"},
			{ID: "c", Column: "c", Missing: "ineligible"},
		},
		Levels: []Level{{ID: "t", Of: []string{"a", "b"}, Method: "mean", Weights: map[string]float64{"a": 3, "b": 1}}},
		Total:  "t",
		Bands:  []Band{{Name: Label{EN: "top"}, AtLeast: ptr(5)}, {Name: Label{EN: "rest"}}},
	}
	es := []Entity{
		{Key: "P", Values: map[string]float64{"a": 4, "b": 8, "c": 1}}, // (12+8)/4 = 5
		{Key: "Q", Values: map[string]float64{"a": 5, "c": 1}},         // b skipped: 5
		{Key: "R", Values: map[string]float64{"a": 2, "b": 2, "c": 1}}, // 2
		{Key: "S", Values: map[string]float64{"a": 9, "b": 9}},         // c missing: ineligible
		{Key: "T", Values: map[string]float64{"a": 2, "b": 2, "c": 1}}, // 2
	}
	for _, tt := range []struct {
		method string
		want   map[string]int
	}{
		{"competition", map[string]int{"P": 1, "Q": 1, "R": 3, "T": 3, "S": 0}},
		{"dense", map[string]int{"P": 1, "Q": 1, "R": 2, "T": 2, "S": 0}},
		{"unique", map[string]int{"P": 1, "Q": 2, "R": 3, "T": 4, "S": 0}},
	} {
		r.Ranking.Method = tt.method
		res := EvaluateIndex(r, IndexInputs{Entities: es})
		for _, e := range res.Entities {
			if e.Rank != tt.want[e.Key] {
				t.Errorf("%s: %s rank %d, want %d", tt.method, e.Key, e.Rank, tt.want[e.Key])
			}
			if e.Key == "S" && (e.Eligible || e.Band != -1) {
				t.Errorf("S eligible %v band %d", e.Eligible, e.Band)
			}
			if e.Key == "Q" && (math.Abs(e.Total-5) > 1e-12 || e.Band != 0 || len(e.Missing) != 1) {
				t.Errorf("Q total %v band %d missing %v", e.Total, e.Band, e.Missing)
			}
		}
	}
}

func TestIndexTransforms(t *testing.T) {
	n := func(x float64) *Number { v := Number(x); return &v }
	pair := func(a, b float64) *[2]Number { return &[2]Number{Number(a), Number(b)} }
	es := []Entity{
		{Key: "A", Group: "g1", Values: map[string]float64{"x": 10}},
		{Key: "B", Group: "g1", Values: map[string]float64{"x": 20}},
		{Key: "C", Group: "g2", Values: map[string]float64{"x": 40}},
	}
	for _, tt := range []struct {
		name string
		tr   []Transform
		want map[string]float64
	}{
		{"minmax all", []Transform{{MinMax: "all"}}, map[string]float64{"A": 0, "B": 100.0 / 3, "C": 100}},
		{"minmax group", []Transform{{MinMax: "group"}}, map[string]float64{"A": 0, "B": 100, "C": 100}},
		{"zscore", []Transform{{ZScore: "group"}}, map[string]float64{"A": -1, "B": 1, "C": 0}},
		{"reverse", []Transform{{Reverse: pair(0, 50)}}, map[string]float64{"A": 40, "B": 30, "C": 10}},
		{"target", []Transform{{Target: n(25)}}, map[string]float64{"A": 15, "B": 5, "C": 15}},
		{"clamp", []Transform{{Clamp: pair(15, 30)}}, map[string]float64{"A": 15, "B": 20, "C": 30}},
		{"log10 times", []Transform{{Log10: true}, {Times: n(2)}}, map[string]float64{"A": 2, "B": 2 * math.Log10(20), "C": 2 * math.Log10(40)}},
		{"scale capped", []Transform{{Scale: &NumScale{From: [2]Number{10, 30}, To: [2]Number{0, 1}}}}, map[string]float64{"A": 0, "B": 0.5, "C": 1}},
	} {
		r := &IndexRules{Indicators: []IndexIndicator{{ID: "x", Column: "x", Transform: tt.tr}}, Total: "x", Ranking: IndexRanking{Method: "unique"}}
		for _, e := range EvaluateIndex(r, IndexInputs{Entities: es}).Entities {
			if math.Abs(e.Total-tt.want[e.Key]) > 1e-9 {
				t.Errorf("%s: %s = %v, want %v", tt.name, e.Key, e.Total, tt.want[e.Key])
			}
		}
	}
}

func TestIndexRulesCheck(t *testing.T) {
	doc := `method: index
entities: {file: t, key: k}
indicators:
  - {id: a, column: a, transform: [{log: true, times: 2}]}
levels:
  - {id: l, of: [a, zz], method: median}
total: l
ranking: {method: olympic}
`
	_, err := ParseIndexRules([]byte(doc))
	re, ok := err.(*RulesError)
	if !ok {
		t.Fatalf("%v", err)
	}
	want := map[int]string{4: "exactly one", 6: "unknown id \"zz\"", 8: "competition, dense or unique"}
	for line, msg := range want {
		found := false
		for _, p := range re.Problems {
			if p.Line == line && strings.Contains(p.Msg, msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("line %d: no %q in %v", line, msg, re.Problems)
		}
	}
}

func TestIndexWeightsMustAddUp(t *testing.T) {
	doc := `method: index
entities: {file: t, key: k}
indicators: [{id: a, column: a}, {id: b, column: b}, {id: c, column: c}]
levels:
  - {id: ok, of: [a, b], method: mean, weights: {a: 0.35, b: 0.65}, weights_total: 1}
  - id: total
    of: [a, b, c]
    method: sum
    weights: {a: 0.35, b: 0.20}
    weights_total: 1
total: total
ranking: {method: competition}
decimals: 3
`
	_, err := ParseIndexRules([]byte(doc))
	re, ok := err.(*RulesError)
	if !ok || len(re.Problems) != 1 {
		t.Fatalf("%v", err)
	}
	// c has no weight: 1, so 0.35 + 0.20 + 1 = 1.55.
	if p := re.Problems[0]; p.Line != 9 || !strings.Contains(p.Msg, "add up to 1.55, not 1") {
		t.Errorf("%+v", p)
	}
}
