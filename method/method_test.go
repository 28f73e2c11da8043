package method

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/iranict/rank/scoring"
)

// TestParseChoosesKind: the rules file's method: key picks the kind; a
// kind nobody registered is a mistake at the key's line.
func TestParseChoosesKind(t *testing.T) {
	read := func(path string) string {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	offices, agencies := read("../rules.yaml"), read("../agencies.yaml")
	tests := []struct {
		name, rules, summary, err string
	}{
		{"no key: the office method", offices, "6 indicators, 3 grades, 4 violation types priced", ""},
		{"method: offices", "method: offices\n" + offices, "6 indicators, 3 grades, 4 violation types priced", ""},
		{"method: index", agencies, "an index of 37 indicators in 5 levels, 0 bands", ""},
		{"unknown kind", "name: {en: x}\nmethod: olympic\n", "", `2:9: method: unknown method "olympic" (index, offices)`},
		{"an index's keys read as the office's", strings.Replace(agencies, "method: index", "method: offices", 1), "", `unknown key "entities"`},
		{"not YAML: the office method says why", "name: [\n", "", "did not find expected node content"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Parse([]byte(tt.rules), "test.yaml")
			if tt.err != "" {
				var re *scoring.RulesError
				if !errors.As(err, &re) || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("got %v, want a *scoring.RulesError with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if got := m.Summary(); got != tt.summary {
				t.Errorf("summary %q, want %q", got, tt.summary)
			}
		})
	}
}

func TestRegisterTwicePanics(t *testing.T) {
	defer func() {
		if recover() == nil {
			t.Error("a second index kind was registered")
		}
	}()
	Register("index", newIndex)
}
