package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// rankingColumns are the columns of a ranking.csv that compare reads. It
// is rank's own file: its headers are its English names.
var rankingColumns = columnsOf([]export.Column{
	{Name: "office_code", Persian: "office_code", Type: export.Code},
	{Name: "name", Persian: "name", Type: export.Text, Optional: true},
	{Name: "province", Persian: "province", Type: export.Text, Optional: true},
	{Name: "status", Persian: "status", Type: export.Text, Optional: true},
	{Name: "total", Persian: "total", Type: export.Number, Range: export.Between(-1e9, 1e9), Rule: "a_number"},
	{Name: "grade", Persian: "grade", Type: export.Whole, Range: export.Between(1, 99), Optional: true, Rule: "a_whole_number"},
	{Name: "rank", Persian: "rank", Type: export.Whole, Range: export.Between(1, 1<<30), Optional: true, Rule: "a_whole_number"},
})

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
	r := &reader{exp: &Export{}}
	var out []scoring.RankedOffice
	seen := map[string]int{}
	err = r.readFile("ranking", path, nil, rankingColumns, func(c *rowCtx) {
		code := c.text("office_code")
		if code == "" {
			return
		}
		if first, dup := seen[code]; dup {
			c.repeats("office_code", first)
			return
		}
		o := scoring.RankedOffice{Code: code, Name: Normalize(c.raw("name")), Province: Normalize(c.raw("province")), Status: Normalize(c.raw("status")), Row: c.row}
		o.Total = c.number("total")
		o.Grade = c.whole("grade")
		o.Rank = c.whole("rank")
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
