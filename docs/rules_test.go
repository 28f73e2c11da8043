package docs

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/iranict/rank/method"
	"github.com/iranict/rank/scoring"
)

var indexDoc = regexp.MustCompile(`(?m)^method: index$`)

// TestRulesExamples parses every yaml block of rules.md as the rules file
// it claims to be, by the method its method: key names.
func TestRulesExamples(t *testing.T) {
	data, err := os.ReadFile("rules.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(data), "```yaml\n")[1:]
	if len(blocks) < 2 {
		t.Fatalf("%d examples", len(blocks))
	}
	for i, b := range blocks {
		doc, _, _ := strings.Cut(b, "```")
		if _, err := method.Parse([]byte(doc), "rules.md"); err != nil {
			t.Errorf("example %d: %v", i+1, err)
			continue
		}
		if !indexDoc.MatchString(doc) {
			continue
		}
		// An index evaluates, too.
		r, err := scoring.ParseIndexRules([]byte(doc))
		if err != nil {
			t.Fatal(err)
		}
		res := scoring.EvaluateIndex(r, scoring.IndexInputs{Entities: []scoring.Entity{
			{Key: "a", Group: "high", Values: map[string]float64{"uptime_pct": 99, "wait_days": 3, "users": 1e5, "survey": 4, "budget_ratio": 0.9}},
			{Key: "b", Group: "high", Values: map[string]float64{"uptime_pct": 90, "users": 1e3, "survey": 3, "budget_ratio": 1.2}},
		}})
		if res.Entities[0].Rank != 1 {
			t.Errorf("example %d: ranks %+v", i+1, res.Entities)
		}
	}
}
