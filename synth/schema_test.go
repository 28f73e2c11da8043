package synth

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/iranict/rank/internal/export"
)

// Synth writes the schema's columns, in its order, under the English names
// or the Persian headers, and the categories' official Persian labels.
func TestWritesTheSchema(t *testing.T) {
	for _, persian := range []bool{false, true} {
		cfg := Gilan()
		cfg.Quirks = false
		cfg.Format = Format{}
		if persian {
			cfg.Format.PersianHeaders = AllKinds
		}
		dir, _ := generate(t, cfg)
		for _, k := range export.Kinds {
			fh, err := os.Open(filepath.Join(dir, k.Name+".csv"))
			if err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(fh)
			header, err := r.Read()
			if err != nil {
				t.Fatal(err)
			}
			want := k.Names()
			if persian {
				for i, c := range k.Columns {
					want[i] = c.Persian
				}
			}
			if !slices.Equal(header, want) {
				t.Errorf("%s (Persian %v): header %q, want %q", k.Name, persian, header, want)
			}
			rows, err := r.ReadAll()
			fh.Close()
			if err != nil || len(rows) == 0 {
				t.Fatalf("%s: %d rows, %v", k.Name, len(rows), err)
			}
			for i, c := range k.Columns {
				if c.Type != export.OneOf {
					continue
				}
				for _, row := range rows {
					v := c.Category.Value(row[i])
					if persian {
						v = nil
						for j := range c.Category.Values {
							if c.Category.Values[j].Persian == row[i] {
								v = &c.Category.Values[j]
							}
						}
					}
					if v == nil {
						t.Fatalf("%s.%s: %q is not a value of the schema as written (Persian %v)", k.Name, c.Name, row[i], persian)
					}
				}
			}
		}
	}
}
