package docs

import (
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestJSONExamples checks that every json block of json.md is JSON, and
// that a failure's has the keys every failure has.
func TestJSONExamples(t *testing.T) {
	data, err := os.ReadFile("json.md")
	if err != nil {
		t.Fatal(err)
	}
	blocks := strings.Split(string(data), "```json\n")[1:]
	if len(blocks) < 3 {
		t.Fatalf("%d examples", len(blocks))
	}
	for i, b := range blocks {
		doc, _, _ := strings.Cut(b, "```")
		var obj map[string]json.RawMessage
		if err := json.Unmarshal([]byte(doc), &obj); err != nil {
			t.Errorf("example %d: %v", i+1, err)
			continue
		}
		if obj["error"] == nil {
			continue
		}
		var e map[string]any
		json.Unmarshal(obj["error"], &e)
		for _, k := range []string{"message", "kind", "file", "row", "column"} {
			if _, ok := e[k]; !ok {
				t.Errorf("example %d: error without %q", i+1, k)
			}
		}
		if obj["exit"] == nil {
			t.Errorf("example %d: no exit", i+1)
		}
	}
}
