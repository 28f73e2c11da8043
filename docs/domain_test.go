package docs

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/iranict/rank/scoring"
)

// TestDomainAgreesWithEngine holds domain.md to the engine: its provinces
// table is scoring.Provinces, and every id of the closed sets the engine
// knows is named in it.
func TestDomainAgreesWithEngine(t *testing.T) {
	data, err := os.ReadFile("domain.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(data)
	_, table, ok := strings.Cut(doc, "## §5 The provinces")
	if !ok {
		t.Fatal("no §5")
	}
	row := regexp.MustCompile(`(?m)^\| (\d\d) \| ([a-z-]+) \| ([^|]+) \|$`)
	rows := row.FindAllStringSubmatch(table, -1)
	if len(rows) != len(scoring.Provinces) {
		t.Errorf("%d provinces in §5, the engine has %d", len(rows), len(scoring.Provinces))
	}
	for i, r := range rows {
		if i >= len(scoring.Provinces) {
			break
		}
		p := scoring.Provinces[i]
		if r[1] != p.Code || r[2] != p.Slug || strings.TrimSpace(r[3]) != p.Persian {
			t.Errorf("§5 row %d: %s %s %s; the engine: %s %s %s", i+1, r[1], r[2], r[3], p.Code, p.Slug, p.Persian)
		}
	}
	for _, set := range [][]string{scoring.AreaTypes, scoring.OfficeTypes, scoring.LocationClasses, scoring.ReviewStatuses, scoring.ViolationTypes, scoring.RulingStatuses} {
		for _, id := range set {
			if !strings.Contains(doc, "`"+id+"`") {
				t.Errorf("domain.md does not name `%s`", id)
			}
		}
	}
}

// TestDomainCitations: every "domain.md §N" the project cites is a
// section of domain.md.
func TestDomainCitations(t *testing.T) {
	data, err := os.ReadFile("domain.md")
	if err != nil {
		t.Fatal(err)
	}
	cite := regexp.MustCompile(`domain\.md §(\d+)`)
	cited := 0
	err = filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if ext := filepath.Ext(path); d.IsDir() || ext != ".go" && ext != ".yaml" && ext != ".md" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range cite.FindAllStringSubmatch(string(b), -1) {
			cited++
			if !strings.Contains(string(data), "## §"+m[1]+" ") {
				t.Errorf("%s cites domain.md §%s, which is not there", path, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if cited == 0 {
		t.Error("no citations found: is the walk looking in the right place?")
	}
}
