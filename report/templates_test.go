package report

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// TestTemplates: the templates carry the headers evaluate reads, a
// drop-down list for every closed set and checks for numbers and dates,
// right to left; filled in with values from their own lists they read
// without a problem; they are not written over without force.
func TestTemplates(t *testing.T) {
	dir := t.TempDir()
	names, err := Templates(dir, []byte("# rules\n"), false)
	if err != nil {
		t.Fatal(err)
	}
	if len(names) != 6 {
		t.Fatalf("wrote %v", names)
	}
	if _, err := Templates(dir, []byte("x"), false); err == nil || !strings.Contains(err.Error(), "--force") {
		t.Errorf("a second init: %v, want a refusal naming --force", err)
	}
	before, err := os.ReadFile(filepath.Join(dir, "declarations.xlsx"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Templates(dir, []byte("# rules\n"), true); err != nil {
		t.Errorf("with force: %v", err)
	}
	// The same templates, byte for byte.
	if after, err := os.ReadFile(filepath.Join(dir, "declarations.xlsx")); err != nil || !bytes.Equal(before, after) {
		t.Errorf("declarations.xlsx differs between two writes (%v)", err)
	}

	// Fill each template's first data row from its own lists.
	row := map[string][]any{
		"offices":      {"G-1", "دفتر نمونه", nil, "رشت", nil, nil, "0013542419", "1395/04/01"},
		"declarations": {"G-1", "1404-H1", "1404/02/10", 55.5, 4, nil, 8, nil},
		"surveys":      {"1", "G-1", "1404/02/01", 5},
		"violations":   {"V-1", "G-1", nil, "1404/03/01", nil},
		"services":     {nil, "رشت", nil, 120},
	}
	for _, k := range export.Kinds {
		kind := k.Name
		path := filepath.Join(dir, kind+".xlsx")
		f, err := excelize.OpenFile(path)
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		if v, err := f.GetSheetView(sheet, 0); err != nil || v.RightToLeft == nil || !*v.RightToLeft {
			t.Errorf("%s: not right to left", kind)
		}
		header, _ := f.GetRows(sheet)
		// Exactly the schema's columns, in its order, under their Persian headers.
		cols := templateColumns(k)
		if len(header[0]) != len(k.Columns) {
			t.Errorf("%s: %d headers %q, the schema has %d columns", kind, len(header[0]), header[0], len(k.Columns))
		}
		for i, c := range k.Columns {
			if i < len(header[0]) && header[0][i] != c.Persian {
				t.Errorf("%s: header %d is %q, want %q", kind, i+1, header[0][i], c.Persian)
			}
		}
		dvs, err := f.GetDataValidations(sheet)
		if err != nil || len(dvs) != len(cols) {
			t.Fatalf("%s: %d data validations, %v; want one per column", kind, len(dvs), err)
		}
		for i, c := range cols {
			dv := dvs[i]
			switch {
			case len(c.Values) > 0:
				if dv.Type != "list" || !strings.Contains(dv.Formula1, SheetGuide) {
					t.Errorf("%s.%s: %+v, want a drop-down from the guide", kind, c.Name, dv)
				}
				// The filled row takes the list's last value, as written in the guide.
				row[kind][i] = c.Values[len(c.Values)-1].Persian
			case c.Kind == "date":
				if dv.Type != "custom" || !strings.Contains(dv.Formula1, `SUBSTITUTE`) {
					t.Errorf("%s.%s: %+v, want a check of the shape YYYY/MM/DD", kind, c.Name, dv)
				}
			case c.Kind == "period":
				if dv.Type != "custom" || !strings.Contains(dv.Formula1, `"-H"`) {
					t.Errorf("%s.%s: %+v, want a check of the shape 1404-H1", kind, c.Name, dv)
				}
			case c.Kind == "whole" || c.Kind == "number" || c.Kind == "date":
				if dv.Type == "" || dv.Type == "list" {
					t.Errorf("%s.%s: %+v, want a check", kind, c.Name, dv)
				}
			}
			if col, _ := excelize.ColumnNumberToName(i + 1); dv.Sqref != col+"2:"+col+"1048576" {
				t.Errorf("%s.%s: checks over %s, want every row below the header", kind, c.Name, dv.Sqref)
			}
		}
		if kind == "offices" || kind == "services" {
			row[kind][map[string]int{"offices": 2, "services": 0}[kind]] = "گیلان"
		}
		if err := f.SetSheetRow(sheet, "A2", &[]any{}); err != nil {
			t.Fatal(err)
		}
		r := row[kind]
		if err := f.SetSheetRow(sheet, "A2", &r); err != nil {
			t.Fatal(err)
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
	}
	files, err := ingest.Find(dir, ingest.Files{})
	if err != nil {
		t.Fatal(err)
	}
	exp, err := ingest.Read(files, func(scoring.Survey) {})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range exp.Problems {
		t.Errorf("filled template: %s", p.Error())
	}
	if len(exp.Offices) != 1 || len(exp.Declarations) != 1 || len(exp.Violations) != 1 || len(exp.Services) != 1 {
		t.Errorf("read %d offices, %d declarations, %d violations, %d services; want one each", len(exp.Offices), len(exp.Declarations), len(exp.Violations), len(exp.Services))
	}
	if _, err := os.Stat(filepath.Join(dir, "rules.yaml")); err != nil {
		t.Error(err)
	}
}
