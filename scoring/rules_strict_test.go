package scoring

import (
	"os"
	"strings"
	"testing"
)

// TestRulesStrictValues: values no export row can have, negative penalty
// points, NaN and a second YAML document are mistakes at their lines.
func TestRulesStrictValues(t *testing.T) {
	base, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, old, new, want string
	}{
		{"unknown location class", "secondary_street:", "side_street:", `"side_street" is not a value of the source`},
		{"unknown violation type", "overcharging: 10", "bribery: 10", `"bribery" is not a violation type`},
		{"negative penalty", "overcharging: 10", "overcharging: -10", "penalty points must not be negative"},
		{"NaN", "  cap: 50", "  cap: .nan", `want a number, got ".nan"`},
		{"infinity", "positive_max: 100", "positive_max: .inf", `want a number, got ".inf"`},
		{"unknown ruling status", "count_status: [final]", "count_status: [final, closed]", `"closed" is not a ruling status`},
		{"second document", "", "---\nindicators: []\n", "a second YAML document"},
		// The checks every method shares (checker).
		{"two steps in one", "    per_unit: 1.5\n", "    per_unit: 1.5\n    transform: [{log: true, log10: true}]\n", "a transform step names exactly one of"},
		{"transform scope", "    per_unit: 1.5\n", "    per_unit: 1.5\n    transform: [{minmax: country}]\n", `scope must be all or group, got "country"`},
		{"ranking method", "  scope: province\n", "  scope: province\n  method: olympic\n", `want unique, competition or dense, got "olympic"`},
		{"ranking scope", "  scope: province\n", "  scope: county\n", `want province, region or all, got "county"`},
		{"missing id", "  - id: history\n", "  - id: \"\"\n", "an indicator needs an id"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := string(base) + tt.new
			if tt.old != "" {
				if !strings.Contains(string(base), tt.old) {
					t.Fatalf("rules.yaml has no %q", tt.old)
				}
				doc = strings.Replace(string(base), tt.old, tt.new, 1)
			}
			probs := problemsOf(t, []byte(doc))
			if len(probs) == 0 {
				t.Fatalf("accepted")
			}
			found := false
			for _, p := range probs {
				if strings.Contains(p.Msg, tt.want) && p.Line > 0 {
					found = true
				}
			}
			if !found {
				t.Errorf("no %q at a line in %v", tt.want, probs)
			}
		})
	}
}
