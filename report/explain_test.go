package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// TestExplainIndexRankInGroup: an entity ranked within its group is
// "rank r of n" with n the ranked of its group, not of all, and the
// explanation's head and values name their file and row.
func TestExplainIndexRankInGroup(t *testing.T) {
	rules, err := scoring.ParseIndexRules([]byte(`method: index
entities: {file: units, key: code, group: region}
indicators:
  - {id: x, column: x}
levels:
  - {id: total, of: [x], method: sum}
total: total
ranking: {method: competition, scope: group}
decimals: 2
`))
	if err != nil {
		t.Fatal(err)
	}
	res := scoring.EvaluateIndex(rules, scoring.IndexInputs{Entities: []scoring.Entity{
		{Key: "n1", Group: "north", Row: 2, Values: map[string]float64{"x": 3}},
		{Key: "n2", Group: "north", Row: 3, Values: map[string]float64{"x": 1}},
		{Key: "s1", Group: "south", Row: 4, Values: map[string]float64{"x": 2}},
	}})
	run := IndexRun{Result: res, Inputs: []export.IndexStat{{FileStat: export.FileStat{Kind: "units", File: "units.csv"}}}}
	for key, want := range map[string]string{
		"n2": "n2 — \n  units.csv:3\n",
		"s1": "total 2.00, rank 1 of 1 (competition)",
		"n1": "total 3.00, rank 1 of 2 (competition)",
	} {
		var out bytes.Buffer
		if err := ExplainIndex(&out, run, key, "en"); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("%s: no %q in\n%s", key, want, out.String())
		}
	}
}
