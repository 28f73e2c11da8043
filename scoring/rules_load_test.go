package scoring

import (
	"os"
	"testing"
)

func TestDefaultRulesParse(t *testing.T) {
	data, err := os.ReadFile("../rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	r, err := ParseRules(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Indicators) != 6 {
		t.Fatalf("indicators: %d", len(r.Indicators))
	}
}
