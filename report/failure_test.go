package report

import (
	"bytes"
	"encoding/json"
	"strconv"
	"testing"

	"github.com/iranict/rank/internal/export"
)

func TestFailureJSON(t *testing.T) {
	for _, c := range []struct {
		name    string
		f       Failure
		partial string
		want    string
	}{
		{"every key, null where unknown", Failure{Message: "unknown flag: --bogus", Kind: "usage", Exit: 2}, "",
			`{"error":{"message":"unknown flag: --bogus","kind":"usage","file":null,"row":null,"column":null},"exit":2}`},
		{"where", Failure{Message: "m", Kind: "rules", File: "rules.yaml", Row: 12, Column: "3", Exit: 1}, "",
			`{"error":{"message":"m","kind":"rules","file":"rules.yaml","row":12,"column":"3"},"exit":1}`},
		{"what was printed joins it", Failure{Message: "2 rows in error", Kind: "rows", Exit: 1}, "{\n  \"files\": [],\n  \"errors\": 2\n}\n",
			`{"error":{"message":"2 rows in error","kind":"rows","file":null,"row":null,"column":null},"exit":1,"files":[],"errors":2}`},
		{"what is not an object is dropped", Failure{Message: "m", Kind: "failed", Exit: 1}, "gilan  1  2\n",
			`{"error":{"message":"m","kind":"failed","file":null,"row":null,"column":null},"exit":1}`},
		{"an empty object adds nothing", Failure{Message: "m", Kind: "failed", Exit: 1}, "{}",
			`{"error":{"message":"m","kind":"failed","file":null,"row":null,"column":null},"exit":1}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := FailureJSON(&b, c.f, []byte(c.partial)); err != nil {
				t.Fatal(err)
			}
			var compact bytes.Buffer
			if err := json.Compact(&compact, b.Bytes()); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, b.String())
			}
			if compact.String() != c.want {
				t.Errorf("got  %s\nwant %s", compact.String(), c.want)
			}
			if b.Bytes()[b.Len()-1] != '\n' {
				t.Error("no final newline")
			}
		})
	}
}

// TestProblemGroupMore: a group lists its first rows and says how many
// more there are.
func TestProblemGroupMore(t *testing.T) {
	var ps []export.Problem
	for i := range 7 {
		ps = append(ps, export.Problem{File: "surveys.csv", Row: i + 2, Column: "score", Reason: `must be a whole number 1–5, got "` + strconv.Itoa(6+i) + `"`})
	}
	ps = append(ps, export.Problem{File: "surveys.csv", Row: 20, Column: "office_code", Reason: `no office "X" in the registry`})
	g := groupProblems(ps)
	if len(g) != 2 || g[0].Count != 7 || len(g[0].First) != firstShown || g[0].More != 2 || g[1].More != 0 {
		t.Fatalf("%+v", g)
	}
	b, _ := json.Marshal(g)
	if !bytes.Contains(b, []byte(`"more":2`)) || bytes.Count(b, []byte(`"more"`)) != 1 {
		t.Errorf("JSON: %s", b)
	}
	if f, row, col := (Validation{Groups: g}).FirstError(); f != "surveys.csv" || row != 2 || col != "score" {
		t.Errorf("first error: %s:%d:%s", f, row, col)
	}
}

// TestSummaryCapsGroups: a summary lists at most maxGroups groups of
// problems and says how many more there are.
func TestSummaryCapsGroups(t *testing.T) {
	var ps []export.Problem
	for i := range maxGroups + 7 {
		ps = append(ps, export.Problem{File: "indicators.csv", Row: i + 2, Column: "indicator", Reason: "repeats AG" + strconv.Itoa(i) + " uc01 of row 1"})
	}
	g, more := capGroups(groupProblems(ps))
	if len(g) != maxGroups || more != 7 {
		t.Errorf("%d groups, %d more", len(g), more)
	}
	if g, more := capGroups(groupProblems(ps[:3])); len(g) != 3 || more != 0 {
		t.Errorf("%d groups, %d more", len(g), more)
	}
}
