package ingest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// Ranking is a period's ranking.csv, read for comparing two periods.
type Ranking struct {
	// Period is the period its rows name, as written ("1404-H1"); "" for
	// a ranking.csv written before rank wrote the period column.
	Period  string
	Offices []scoring.RankedOffice
}

// rankingColumns are the columns of a ranking.csv that compare reads. It
// is rank's own file: its headers are its English names. The period comes
// last, so that a file written before it can be read without it.
var rankingColumns = columnsOf([]export.Column{
	{Name: "office_code", Persian: "office_code", Type: export.Code},
	{Name: "name", Persian: "name", Type: export.Text, Optional: true},
	{Name: "province", Persian: "province", Type: export.Text, Optional: true},
	{Name: "status", Persian: "status", Type: export.Text, Optional: true},
	{Name: "total", Persian: "total", Type: export.Number, Range: export.Between(-1e9, 1e9), Rule: "a_number"},
	{Name: "grade", Persian: "grade", Type: export.Whole, Range: export.Between(1, 99), Optional: true, Rule: "a_whole_number"},
	{Name: "rank", Persian: "rank", Type: export.Whole, Range: export.Between(1, 1<<30), Optional: true, Rule: "a_whole_number"},
	{Name: "period", Persian: "period", Type: export.Text, Optional: true},
})

// ReadRanking reads a ranking.csv that `rank evaluate --csv` wrote — the
// file, or a report folder holding it — for comparing two periods. It is
// UTF-8, with a byte-order mark (as rank writes it) or without. A row
// whose grade, rank or total is not a number is an error naming its file,
// row and column; so is a period other than the first row's. An office
// not taking part has grade 0 whatever its grade cell says (rank writes
// the rules' grade for it, 3; older files left it empty).
//
// Errors name the file as given (OLD and NEW are often both ranking.csv):
// a path that does not exist, a file without the ranking's columns (not a
// ranking.csv), a cell that is not a number (file:row:column).
func ReadRanking(path string) (Ranking, error) {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return Ranking{}, fmt.Errorf("%s: no such file or folder (want a ranking.csv written by rank evaluate --csv, or the report folder holding it)", path)
	case err == nil && st.IsDir():
		path = filepath.Join(path, "ranking.csv")
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			return Ranking{}, fmt.Errorf("%s: no such file: the folder holds no ranking.csv (write one with rank evaluate --csv)", path)
		}
	}
	r, err := readRanking(path, rankingColumns)
	var ce *ColumnError
	if errors.As(err, &ce) && ce.Column == "period" && len(ce.Repeated) == 0 {
		// Written before the period column: read again without it.
		r, err = readRanking(path, rankingColumns[:len(rankingColumns)-1])
	}
	return r, err
}

func readRanking(path string, cols []column) (Ranking, error) {
	r := &reader{exp: &Export{}}
	var out Ranking
	periodRow := 0
	withPeriod := len(cols) == len(rankingColumns)
	seen := map[string]int{}
	err := r.readFile("ranking", path, nil, cols, func(c *rowCtx) {
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
		if o.Status == string(scoring.NotParticipating) {
			o.Grade = 0
		}
		if withPeriod {
			switch p := Normalize(c.raw("period")); {
			case periodRow == 0:
				out.Period, periodRow = p, c.row
			case p != out.Period:
				c.fail("period", export.Msg("one_period", p, periodRow, out.Period))
			}
		}
		if !c.bad {
			seen[code] = c.row
			out.Offices = append(out.Offices, o)
		}
	})
	var fe *FileError
	var ce *ColumnError
	switch {
	case errors.As(err, &ce):
		if len(ce.Aliases) == 1 && ce.Aliases[0] == ce.Column {
			ce.Aliases = nil // the ranking's columns have no Persian names
		}
		return Ranking{}, &FileError{path, fmt.Errorf("not a ranking.csv written by rank evaluate --csv: %w", ce)}
	case errors.As(err, &fe):
		fe.File = path
		return Ranking{}, fe
	case err != nil:
		return Ranking{}, err
	}
	if len(r.exp.Problems) > 0 {
		p := r.exp.Problems[0]
		p.File = path
		more := ""
		if n := len(r.exp.Problems) - 1; n > 0 {
			more = fmt.Sprintf(" (and %d more rows in error)", n)
		}
		return Ranking{}, fmt.Errorf("%s%s: is it a ranking.csv written by rank evaluate --csv?", p.Error(), more)
	}
	return out, nil
}
