package scoring

import (
	"errors"
	"os"
	"strings"
	"testing"
)

// TestCheckRulesLines plants mistakes in a copy of the default rules and
// expects each reported at its own line, all at once.
func TestCheckRulesLines(t *testing.T) {
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	lineOf := func(substr string) int {
		for i, l := range lines {
			if strings.Contains(l, substr) {
				return i + 1
			}
		}
		t.Fatalf("rules.yaml has no %q", substr)
		return 0
	}
	plant := func(substr, with string) {
		i := lineOf(substr) - 1
		lines[i] = strings.Replace(lines[i], substr, with, 1)
	}
	want := map[int]string{}
	expect := func(substr, with, msg string) {
		want[lineOf(substr)] = msg
		plant(substr, with)
	}
	expect("self_declared_count: [confirmed]", "self_declared_cont: [confirmed]", `unknown key "self_declared_cont"`)
	expect("positive_max: 100", "positive_max: lots", `want a number, got "lots"`)
	expect("{by: history, direction: desc}", "{by: seniority, direction: desc}", `unknown key "seniority"`)
	expect("{grade: 2, at_least: 40", "{grade: 2, at_least: 65", "unreachable")
	expect("forgery: 3                   # a final", "forgery: 4                   # a final", "4 is not a grade")
	expect("source: {surveys: bayesian_mean", "source: {surveys: median", `unknown survey aggregate "median"`)
	probs := problemsOf(t, []byte(strings.Join(lines, "\n")))
	got := map[int]string{}
	for _, p := range probs {
		got[p.Line] += p.Msg + "; "
	}
	// Structural mistakes stop the semantic checks: check both passes.
	for line, msg := range want {
		if strings.Contains(msg, "unknown key \"self") || strings.Contains(msg, "want a number") {
			if !strings.Contains(got[line], msg) {
				t.Errorf("line %d: got %q, want %q", line, got[line], msg)
			}
		}
	}
	if len(probs) != 2 {
		t.Errorf("structural pass: %d problems, want 2: %v", len(probs), probs)
	}

	// Mend the structural ones: the semantic mistakes come out, at their lines.
	plant("self_declared_cont:", "self_declared_count:")
	plant("positive_max: lots", "positive_max: 100")
	probs = problemsOf(t, []byte(strings.Join(lines, "\n")))
	got = map[int]string{}
	for _, p := range probs {
		got[p.Line] += p.Msg + "; "
	}
	for line, msg := range want {
		if strings.Contains(msg, "unknown key \"self") || strings.Contains(msg, "want a number") {
			continue
		}
		if !strings.Contains(got[line], msg) {
			t.Errorf("line %d: got %q, want %q (all: %v)", line, got[line], msg, probs)
		}
	}
	if len(probs) != 4 {
		t.Errorf("semantic pass: %d problems, want 4: %v", len(probs), probs)
	}
}

func TestRulesErrorNamesFile(t *testing.T) {
	_, err := ParseRules([]byte("name: {en: x}\nbonus: 3\n"))
	re, ok := err.(*RulesError)
	if !ok {
		t.Fatalf("%T %v", err, err)
	}
	re.File = "my-rules.yaml"
	if !strings.HasPrefix(re.Error(), "my-rules.yaml:2:1: unknown key \"bonus\"") {
		t.Errorf("%s", re.Error())
	}
}

// problemsOf is every mistake ParseRules finds in data.
func problemsOf(t *testing.T, data []byte) []RulesProblem {
	t.Helper()
	_, err := ParseRules(data)
	var re *RulesError
	if err != nil && !errors.As(err, &re) {
		t.Fatalf("not a *RulesError: %v", err)
	}
	if re == nil {
		return nil
	}
	return re.Problems
}
