package ingest

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/iranict/rank/scoring"
)

// ReadRanking reads a ranking.csv that `rank evaluate --csv` wrote — the
// file, or a report folder holding it — for comparing two periods. A row
// whose grade, rank or total is not a number is an error naming its file,
// row and column.
func ReadRanking(path string) ([]scoring.RankedOffice, error) {
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		path = filepath.Join(path, "ranking.csv")
	}
	cols := []column{}
	for _, c := range []string{"office_code", "name", "province", "status", "total", "grade", "rank"} {
		cols = append(cols, column{name: c, persian: c})
	}
	r := &reader{exp: &Export{}}
	var out []scoring.RankedOffice
	seen := map[string]int{}
	err := r.readFile("ranking", path, cols, func(c *rowCtx) {
		code, ok := c.text(0)
		if !ok {
			return
		}
		if first, dup := seen[code]; dup {
			c.fail(0, fmt.Sprintf("repeats office_code of row %d", first))
			return
		}
		o := scoring.RankedOffice{Code: code, Name: Normalize(c.raw(1)), Province: Normalize(c.raw(2)), Status: Normalize(c.raw(3)), Row: c.row}
		o.Total = c.number(4, -1e9, 1e9, "must be a number")
		if s := Normalize(c.raw(5)); s != "" {
			o.Grade = c.whole(5, 1, 99, "must be a whole number")
		}
		if s := Normalize(c.raw(6)); s != "" {
			o.Rank = c.whole(6, 1, 1<<30, "must be a whole number")
		}
		if !c.bad {
			seen[code] = c.row
			out = append(out, o)
		}
	})
	if err != nil {
		return nil, err
	}
	if len(r.exp.Problems) > 0 {
		p := r.exp.Problems[0]
		return nil, &FileError{filepath.Base(path), fmt.Errorf("%s (and %d more rows in error): is it a ranking.csv written by rank evaluate --csv?", p.Error(), len(r.exp.Problems)-1)}
	}
	return out, nil
}
