package scoring

import (
	"math"
	"slices"
	"strings"
	"testing"
)

const sourcesDoc = `method: index
entities:
  file: agencies
  key: code
  name: name
  fields: [{column: audience, values: {high: [پرمخاطب], normal: [عادی]}}]
long: {file: indicators, key: code, indicator: indicator, value: value, range: [0, 100]}
events:
  - id: probes
    file: availability
    key: code
    at: checked_at
    by: service
    fields: [{column: up, values: {up: [فعال], down: [قطع]}}]
    numbers: [ms]
indicators:
  - {id: a, long: true}
  - {id: b, long: true}
  - {id: up, events: probes, aggregate: share, where: {up: up}, transform: [{times: 100}]}
  - {id: n, events: probes, aggregate: count}
  - {id: ms, events: probes, aggregate: mean, column: ms}
levels:
  - {id: total, of: [a, b, up], method: mean}
total: total
ranking: {method: competition}
lists:
  - {id: best, best: 2}
  - {id: best_high, best: 2, where: {audience: high}}
  - {id: weakest, weakest: 2}
decimals: 3
`

// TestIndexSources: long values, aggregates over events (share, count,
// mean), missing values as 0 and listed, shared ranks and the lists.
func TestIndexSources(t *testing.T) {
	r, err := ParseIndexRules([]byte(sourcesDoc))
	if err != nil {
		t.Fatal(err)
	}
	probes := NewEventTally(&r.Events[0])
	add := func(key, svc, up string, ms float64) { probes.Add(key, svc, []string{up}, []float64{ms}) }
	add("p", "s1", "up", 100)
	add("p", "s1", "down", 300)
	add("p", "s2", "up", 200)
	add("p", "s2", "up", 200) // p: 3 of 4 up, mean 200 ms
	add("q", "s1", "up", 50)  // q: 1 of 1
	in := IndexInputs{
		Entities: []Entity{
			{Key: "p", Fields: map[string]string{"audience": "high"}},
			{Key: "q", Fields: map[string]string{"audience": "normal"}},
			{Key: "r", Fields: map[string]string{"audience": "high"}},
			{Key: "s", Fields: map[string]string{"audience": "normal"}},
		},
		Long: map[string]map[string]float64{
			"p": {"a": 80, "b": 70},
			"q": {"a": 60, "b": 40},   // (60+40+100)/3 = 66.67
			"r": {"a": 100, "b": 100}, // no probes: up missing, 0 → 66.67, tied with q
			"s": {"a": 10},            // b and up missing
		},
		Events: map[string]*EventTally{"probes": probes},
	}
	res := EvaluateIndex(r, in)
	got := map[string]EntityResult{}
	for _, e := range res.Entities {
		got[e.Key] = e
	}
	tests := []struct {
		key     string
		total   float64
		rank    int
		missing []string
	}{
		{"p", (80 + 70 + 75) / 3.0, 1, nil},
		{"q", 200 / 3.0, 2, nil},
		{"r", 200 / 3.0, 2, []string{"up", "n", "ms"}},
		{"s", 10 / 3.0, 4, []string{"b", "up", "n", "ms"}},
	}
	for _, tt := range tests {
		e := got[tt.key]
		if math.Abs(e.Total-tt.total) > 1e-9 || e.Rank != tt.rank || !slices.Equal(e.Missing, tt.missing) {
			t.Errorf("%s: total %v rank %d missing %v, want %v %d %v", tt.key, e.Total, e.Rank, e.Missing, tt.total, tt.rank, tt.missing)
		}
	}
	if n, ms := got["p"].Scores[3], got["p"].Scores[4]; n != 4 || ms != 200 {
		t.Errorf("p: count %v, mean %v; want 4, 200", n, ms)
	}
	lists := map[string][]string{}
	for _, l := range res.Lists {
		lists[l.Spec.ID] = l.Keys
	}
	want := map[string][]string{"best": {"p", "q"}, "best_high": {"p", "r"}, "weakest": {"s", "r"}}
	for id, keys := range want {
		if !slices.Equal(lists[id], keys) {
			t.Errorf("list %s = %v, want %v", id, lists[id], keys)
		}
	}
	bd := probes.Breakdown()
	if len(bd) != 3 || bd[0].By != "s1" || bd[0].Rows != 2 || bd[0].Share(0, "up") != 0.5 {
		t.Errorf("breakdown %+v", bd)
	}
}

// TestIndexSourcesChecked: every mistake in the sources, fields and lists
// at its line.
func TestIndexSourcesChecked(t *testing.T) {
	doc := `method: index
entities: {file: t, key: k, fields: [{column: audience, values: {high: [x]}}]}
events:
  - {id: probes, file: p, key: k, fields: [{column: up, values: {up: [1]}}], numbers: [ms]}
indicators:
  - {id: a, long: true}
  - {id: b, events: probes, aggregate: median}
  - {id: c, events: pings, aggregate: count}
  - {id: d, events: probes, aggregate: share, where: {up: sideways}}
  - {id: e, events: probes, aggregate: sum, column: latency}
  - {id: f, column: x, long: true}
  - {id: g, column: x, aggregate: count}
levels:
  - {id: total, of: [a, b, c, d, e, f, g], method: mean}
total: total
ranking: {method: competition}
lists:
  - {id: best, best: 5, weakest: 3}
  - {id: hi, best: 5, where: {audience: huge}}
  - {id: top, best: 1}
`
	_, err := ParseIndexRules([]byte(doc))
	re, ok := err.(*RulesError)
	if !ok {
		t.Fatalf("%v", err)
	}
	want := []struct {
		line int
		msg  string
	}{
		{6, "needs a long file"},
		{7, "want count, share, sum, mean or bayesian_mean"},
		{8, `unknown event file "pings"`},
		{9, `"sideways" is not a value of up`},
		{10, "needs a column among the event file's numbers"},
		{11, "one source: column, long or events"},
		{12, "aggregate and where are for indicators over events"},
		{18, "one of best or weakest"},
		{19, `"huge" is not a value of audience`},
		{20, `list id "top" is taken`},
	}
	for _, w := range want {
		found := false
		for _, p := range re.Problems {
			if p.Line == w.line && strings.Contains(p.Msg, w.msg) {
				found = true
			}
		}
		if !found {
			t.Errorf("line %d: no %q in\n%v", w.line, w.msg, re)
		}
	}
}

// TestIndexBayesianMean: an entity's mean of an event column shrunk
// towards the mean of all rows, or of its group's, by k rows; an entity
// with no events has the prior.
func TestIndexBayesianMean(t *testing.T) {
	doc := `method: index
entities: {file: t, key: k, group: g}
events:
  - {id: surveys, file: s, key: k, numbers: [score]}
indicators:
  - {id: all, events: surveys, aggregate: bayesian_mean, column: score, k: 2}
  - {id: grp, events: surveys, aggregate: bayesian_mean, column: score, k: 2, prior: group}
total: all
ranking: {method: competition}
decimals: 3
`
	r, err := ParseIndexRules([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	tally := NewEventTally(&r.Events[0])
	for _, row := range []struct {
		key   string
		score float64
	}{{"a", 5}, {"a", 5}, {"b", 1}, {"c", 3}, {"c", 3}, {"c", 3}} {
		tally.Add(row.key, "", nil, []float64{row.score})
	}
	res := EvaluateIndex(r, IndexInputs{
		Entities: []Entity{{Key: "a", Group: "x"}, {Key: "b", Group: "x"}, {Key: "c", Group: "y"}, {Key: "d", Group: "y"}},
		Events:   map[string]*EventTally{"surveys": tally},
	})
	// All: m = 20/6; x: m = 11/3; y: m = 3.
	m := 20.0 / 6
	want := map[string][2]float64{
		"a": {(10 + 2*m) / 4, (10 + 2*11.0/3) / 4},
		"b": {(1 + 2*m) / 3, (1 + 2*11.0/3) / 3},
		"c": {(9 + 2*m) / 5, 3},
		"d": {m, 3},
	}
	for _, e := range res.Entities {
		w := want[e.Key]
		if math.Abs(e.Scores[0]-w[0]) > 1e-12 || math.Abs(e.Scores[1]-w[1]) > 1e-12 || len(e.Missing) != 0 {
			t.Errorf("%s: %v (missing %v), want %v", e.Key, e.Scores[:2], e.Missing, w)
		}
	}
}
