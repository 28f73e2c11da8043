package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// KindEntities names the table of a composite index in problems and stats.
const KindEntities = "entities"

// Entities is the table of a composite index, read.
type Entities struct {
	Rows     []scoring.Entity
	Problems []export.Problem
	Stat     export.FileStat
}

// FindTable finds DIR/BASE in any of the forms Find finds a kind's file
// in: .csv, .xlsx, .xls, .ods, .tsv or .txt (case-insensitive).
func FindTable(dir, base string) (string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("export folder: %w", err)
	}
	var found []string
	for _, ent := range ents {
		name := ent.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if !ent.IsDir() && tableExt(ext) && strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), base) {
			found = append(found, filepath.Join(dir, name))
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%s: no %s file: want %s", dir, base, wantFiles(base))
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%s: %d %s files (%s): keep one", dir, len(found), base, baseNames(found))
}
