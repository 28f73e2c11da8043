package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/iranict/rank/scoring"
)

// KindEntities names the table of a composite index in problems and stats.
const KindEntities = "entities"

// Entities is the table of a composite index, read.
type Entities struct {
	Rows     []scoring.Entity
	Problems []Problem
	Stat     FileStat
}

// FindTable finds DIR/BASE.csv or DIR/BASE.xlsx (case-insensitive).
func FindTable(dir, base string) (string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", fmt.Errorf("export folder: %w", err)
	}
	var found []string
	for _, ent := range ents {
		name := ent.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if !ent.IsDir() && (ext == ".csv" || ext == ".xlsx") && strings.EqualFold(strings.TrimSuffix(name, filepath.Ext(name)), base) {
			found = append(found, filepath.Join(dir, name))
		}
	}
	switch len(found) {
	case 0:
		return "", fmt.Errorf("%s: no %s file: want %s.csv or %s.xlsx", dir, base, base, base)
	case 1:
		return found[0], nil
	}
	return "", fmt.Errorf("%s: %d %s files (%s): keep one", dir, len(found), base, baseNames(found))
}

// ReadEntities reads the table of a composite index: the key, name and
// group columns the rules name, and the numeric columns they read. An empty
// numeric cell is a missing value — the rules say what it does; a cell that
// is not a number is an error, and so is a repeated key (the first row
// stands).
func ReadEntities(path string, spec scoring.EntitySpec, numeric []string) (*Entities, error) {
	cols := []column{{spec.Key, spec.Key}}
	name, group := -1, -1
	if spec.Name != "" {
		name = len(cols)
		cols = append(cols, column{spec.Name, spec.Name})
	}
	if spec.Group != "" {
		group = len(cols)
		cols = append(cols, column{spec.Group, spec.Group})
	}
	first := len(cols)
	for _, c := range numeric {
		cols = append(cols, column{c, c})
	}
	r := &reader{exp: &Export{}}
	out := &Entities{}
	seen := map[string]int{}
	err := r.readFile(KindEntities, path, cols, func(c *rowCtx) {
		key, ok := c.text(0)
		if !ok {
			return
		}
		if first, dup := seen[key]; dup {
			c.fail(0, fmt.Sprintf("repeats %s of row %d", spec.Key, first))
			return
		}
		e := scoring.Entity{Key: key, Values: make(map[string]float64, len(numeric)), Row: c.row}
		if name >= 0 {
			e.Name = Normalize(c.raw(name))
		}
		if group >= 0 {
			e.Group = Normalize(c.raw(group))
		}
		for i := first; i < len(cols); i++ {
			s := Normalize(c.raw(i))
			if s == "" {
				continue
			}
			x, err := ParseNumber(s)
			if err != nil {
				c.breaks(i, "must be a number")
				continue
			}
			e.Values[cols[i].name] = x
		}
		if !c.bad {
			seen[key] = c.row
			out.Rows = append(out.Rows, e)
		}
	})
	if err != nil {
		return nil, err
	}
	out.Problems = r.exp.Problems
	out.Stat = r.exp.Stats[0]
	return out, nil
}
