package ingest

import (
	"fmt"
	"strings"
	"testing"
)

// The templates' rules are the reader's: the templates' columns are the
// reader's, in order, under their Persian headers; each bound of a number
// column admits the bound and refuses the value just past it; every listed
// value of a closed set, by id or Persian label, is accepted and a value
// outside it refused; dates and periods in the templates' shapes are read.
func TestTemplatesAgreeWithReader(t *testing.T) {
	for _, kind := range TemplateKinds {
		cols := Template(kind)
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
		accepts := func(c TemplateColumn, j int, values ...string) {
			t.Helper()
			for _, v := range values {
				if p := problems(j, v); len(p) > 0 {
					t.Errorf("%s.%s = %q refused: %v", kind, c.Name, v, p)
				}
			}
		}
		refuses := func(c TemplateColumn, j int, values ...string) {
			t.Helper()
			for _, v := range values {
				if p := problems(j, v); len(p) == 0 {
					t.Errorf("%s.%s = %q accepted; the template says %s", kind, c.Name, v, c.Rule)
				}
			}
		}
		for j, c := range cols {
			if c.Name != header[j] {
				t.Errorf("%s column %d: template %s, reader %s", kind, j+1, c.Name, header[j])
			}
			if c.Rule == "" {
				t.Errorf("%s.%s: no rule", kind, c.Name)
			}
			num := func(x float64) string { return fmt.Sprintf("%g", x) }
			switch c.Kind {
			case "number", "whole":
				step := 0.5
				if c.Kind == "whole" {
					step = 1
					refuses(c, j, num(c.Min+0.5))
				}
				accepts(c, j, num(c.Min))
				refuses(c, j, num(c.Min-step))
				if c.Max != 0 {
					accepts(c, j, num(c.Max))
					refuses(c, j, num(c.Max+step))
				}
			case "date":
				accepts(c, j, "1404/07/03", "1404-7-3")
			case "period":
				accepts(c, j, "1404-H1", "1404-H2")
				refuses(c, j, "1404-H3")
			}
			if len(c.Values) > 0 {
				for _, v := range c.Values {
					accepts(c, j, v.ID, v.Persian)
				}
				refuses(c, j, "no such value")
			}
		}
	}
}
