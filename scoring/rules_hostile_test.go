package scoring

import (
	"strings"
	"testing"
)

// TestHostileRules: a rules file is outside input too. An alias bomb or a
// deeply nested document is refused quickly, without exhausting memory.
func TestHostileRules(t *testing.T) {
	// Nine lists of nine aliases of the previous list, under a key the
	// rules know: expanded, 9^10 strings.
	var bomb strings.Builder
	bomb.WriteString("penalties:\n  count_status: [&a [x, x, x, x, x, x, x, x, x]")
	prev := "a"
	for i := 0; i < 9; i++ {
		name := string(rune('b' + i))
		bomb.WriteString(", &" + name + " [" + strings.TrimSuffix(strings.Repeat("*"+prev+", ", 9), ", ") + "]")
		prev = name
	}
	bomb.WriteString("]\n")
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	deepMap := strings.Repeat("a: {", 20000) + strings.Repeat("}", 20000)
	huge := "name: {en: " + strings.Repeat("x", maxRulesBytes) + "}\n"
	for name, doc := range map[string]string{"too large": huge, "alias bomb": bomb.String(), "deep sequence": deep, "deep map": deepMap, "NUL bytes": "name: {en: \x00\x00}\n"} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseRules([]byte(doc))
			if err == nil {
				t.Fatal("accepted")
			}
			if name == "alias bomb" && !strings.Contains(err.Error(), "aliases") {
				t.Errorf("alias bomb: %v", err)
			}
		})
	}
}
