package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
)

// The schema's rules are the reader's, as the templates give them: the
// schema's columns are the reader's, in order, under their Persian
// headers; each bound of a number column admits the bound and refuses the
// value just past it; every listed value of a closed set, by id or Persian
// label, is accepted and a value outside it refused; dates and periods in
// the guides' shapes are read; a required column refuses an empty cell.
func TestSchemaAgreesWithReader(t *testing.T) {
	for _, k := range export.Kinds {
		kind, cols := k.Name, k.Columns
		file := kind + ".csv"
		base, ok := baseExport[file]
		if !ok {
			t.Fatalf("no base export for %s", file)
		}
		lines := strings.SplitN(base, "\n", 3)
		header, row := strings.Split(lines[0], ","), strings.Split(lines[1], ",")
		if len(header) != len(cols) {
			t.Fatalf("%s: %d template columns, the reader has %d", kind, len(cols), len(header))
		}
		persian := make([]string, len(cols))
		for i, c := range cols {
			persian[i] = c.Persian
		}
		// problems reads the kind's file, under the Persian headers, with
		// column j of the base row set to value, and returns the errors
		// at that column.
		problems := func(j int, value string) []string {
			t.Helper()
			cells := append([]string(nil), row...)
			cells[j] = value
			exp, _, err := readDir(t, writeExport(t, map[string]string{
				file: strings.Join(persian, ",") + "\n" + strings.Join(cells, ",") + "\n",
			}))
			if err != nil {
				t.Fatalf("%s with %s=%q: %v", file, cols[j].Name, value, err)
			}
			var out []string
			for _, p := range exp.Problems {
				if p.File == file && p.Column == cols[j].Name && !p.Warning {
					out = append(out, p.Error())
				}
			}
			return out
		}
		accepts := func(c export.Column, j int, values ...string) {
			t.Helper()
			for _, v := range values {
				if p := problems(j, v); len(p) > 0 {
					t.Errorf("%s.%s = %q refused: %v", kind, c.Name, v, p)
				}
			}
		}
		refuses := func(c export.Column, j int, values ...string) {
			t.Helper()
			for _, v := range values {
				if p := problems(j, v); len(p) == 0 {
					t.Errorf("%s.%s = %q accepted; the template says %s", kind, c.Name, v, c.Guide())
				}
			}
		}
		for j, c := range cols {
			if c.Name != header[j] {
				t.Errorf("%s column %d: template %s, reader %s", kind, j+1, c.Name, header[j])
			}
			if c.Persian == "" || strings.HasPrefix(c.Guide().String(), "guide_") || strings.HasPrefix(c.Breaks().String(), "must_be") {
				t.Errorf("%s.%s: no Persian header, guide or rule (%q, %q)", kind, c.Name, c.Guide(), c.Breaks())
			}
			if c.Type != export.NationalID && !c.Optional {
				refuses(c, j, "")
			}
			num := func(x float64) string { return fmt.Sprintf("%g", x) }
			switch c.Type {
			case export.Number, export.Whole:
				step := 0.5
				if c.Type == export.Whole {
					step = 1
					refuses(c, j, num(c.Range.Min+0.5))
				}
				if !c.Range.HasMin {
					t.Errorf("%s.%s: a number column without a lower bound", kind, c.Name)
				}
				accepts(c, j, num(c.Range.Min))
				refuses(c, j, num(c.Range.Min-step))
				if c.Range.HasMax {
					accepts(c, j, num(c.Range.Max))
					refuses(c, j, num(c.Range.Max+step))
				}
			case export.Date:
				accepts(c, j, "1404/07/03", "1404-7-3")
				refuses(c, j, "1404/13/01")
			case export.Period:
				accepts(c, j, "1404-H1", "1404-H2")
				refuses(c, j, "1404-H3")
			case export.Province:
				accepts(c, j, "گیلان", "Gilan", "tehran")
				refuses(c, j, "no such province")
			case export.OneOf:
				for _, v := range c.Category.Values {
					accepts(c, j, v.Names()...)
				}
				refuses(c, j, "no such value")
			}
		}
	}
}
