package synth

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// Every id shape numbers the responses with distinct ids of its form, and
// the planted repeat repeats the first id; the rest of the file is the
// same whatever the shape.
func TestSurveyIDShapes(t *testing.T) {
	forms := map[IDShape]*regexp.Regexp{
		Sequential:   regexp.MustCompile(`^[1-9][0-9]{6}$`),
		Shuffled:     regexp.MustCompile(`^[1-9][0-9]{6}$`),
		UUID:         regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`),
		RandomNumber: regexp.MustCompile(`^[1-9][0-9]{0,18}$`),
		Prefixed:     regexp.MustCompile(`^SRV-1404-[0-9]{9}$`),
		Hex:          regexp.MustCompile(`^[0-9a-f]{32}$`),
	}
	var rest []byte
	for shape := range IDShape(len(idShapeNames)) {
		if s, err := ParseIDShape(shape.String()); err != nil || s != shape {
			t.Fatalf("%v: ParseIDShape gives %v, %v", shape, s, err)
		}
		cfg := National(300, 20000, 1)
		cfg.Quirks = true
		cfg.SurveyIDs = shape
		dir, plan := generate(t, cfg)
		raw, err := os.ReadFile(filepath.Join(dir, "surveys.csv"))
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.Split(bytes.TrimSuffix(raw, []byte("\n")), []byte("\n"))[1:]
		seen := map[string]int{}
		var others bytes.Buffer
		for i, line := range lines {
			id, tail, _ := bytes.Cut(line, []byte(","))
			if !forms[shape].Match(id) {
				t.Fatalf("%v: row %d: id %q", shape, i+2, id)
			}
			if first, ok := seen[string(id)]; ok {
				dup := plan.Files["surveys"].Errors[0]
				if dup.Reason != ReasonDuplicateID || int64(i+2) != dup.Row || first != 2 || dup.Value != string(id) {
					t.Fatalf("%v: row %d repeats the id of row %d; planted %+v", shape, i+2, first, dup)
				}
			}
			seen[string(id)] = i + 2
			others.Write(tail)
		}
		if len(seen) != len(lines)-1 {
			t.Fatalf("%v: %d distinct ids in %d rows, want one repeat", shape, len(seen), len(lines))
		}
		if rest == nil {
			rest = others.Bytes()
		} else if !bytes.Equal(rest, others.Bytes()) {
			t.Fatalf("%v: the rows' other cells differ from the sequential file's", shape)
		}
	}
	if _, err := ParseIDShape("guid"); err == nil {
		t.Fatal("an unknown shape was taken")
	}
}
