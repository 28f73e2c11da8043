package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/iranict/rank/scoring"
)

// ReadRanking reads a ranking.csv that `rank evaluate --csv` wrote — the
// file, or a report folder holding it — for comparing two periods. A row
// whose grade, rank or total is not a number is an error naming its file,
// row and column.
//
// Errors name the file as given (OLD and NEW are often both ranking.csv):
// a path that does not exist, a file without the ranking's columns (not a
// ranking.csv), a cell that is not a number (file:row:column).
func ReadRanking(path string) ([]scoring.RankedOffice, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, fmt.Errorf("%s: no such file or folder (want a ranking.csv written by rank evaluate --csv, or the report folder holding it)", path)
	case err == nil && st.IsDir():
		path = filepath.Join(path, "ranking.csv")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such file: the folder holds no ranking.csv (write one with rank evaluate --csv)", path)
		}
	}
	cols := []column{}
	for _, c := range []string{"office_code", "name", "province", "status", "total", "grade", "rank"} {
		cols = append(cols, column{name: c, persian: c})
	}
	r := &reader{exp: &Export{}}
	var out []scoring.RankedOffice
	seen := map[string]int{}
	err = r.readFile("ranking", path, nil, cols, func(c *rowCtx) {
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
	var fe *FileError
	var ce *ColumnError
	switch {
	case errors.As(err, &ce):
		if len(ce.Aliases) == 1 && ce.Aliases[0] == ce.Column {
			ce.Aliases = nil // the ranking's columns have no Persian names
		}
		return nil, &FileError{path, fmt.Errorf("not a ranking.csv written by rank evaluate --csv: %w", ce)}
	case errors.As(err, &fe):
		fe.File = path
		return nil, fe
	case err != nil:
		return nil, err
	}
	if len(r.exp.Problems) > 0 {
		p := r.exp.Problems[0]
		p.File = path
		more := ""
		if n := len(r.exp.Problems) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more rows in error)", n)
		}
		return nil, fmt.Errorf("%s%s: is it a ranking.csv written by rank evaluate --csv?", p.Error(), more)
	}
	return out, nil
}
