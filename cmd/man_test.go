package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestManPagesCurrent fails when docs/man is not what the commands' help
// gives: run `go run ./tools/man docs/man` after changing a command.
func TestManPagesCurrent(t *testing.T) {
	dir := t.TempDir()
	if err := WriteManPages(dir); err != nil {
		t.Fatal(err)
	}
	fresh, _ := filepath.Glob(filepath.Join(dir, "*.1"))
	kept, _ := filepath.Glob(filepath.Join("..", "docs", "man", "*.1"))
	names := func(paths []string) []string {
		var out []string
		for _, p := range paths {
			out = append(out, filepath.Base(p))
		}
		return out
	}
	if !slices.Equal(names(fresh), names(kept)) {
		t.Fatalf("docs/man has %v, the commands give %v: run go run ./tools/man docs/man", names(kept), names(fresh))
	}
	for _, p := range fresh {
		want, _ := os.ReadFile(p)
		got, err := os.ReadFile(filepath.Join("..", "docs", "man", filepath.Base(p)))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("docs/man/%s is out of date: run go run ./tools/man docs/man", filepath.Base(p))
		}
	}
	if !slices.Contains(names(fresh), "rank-evaluate.1") {
		t.Error("no page for rank evaluate")
	}
}
