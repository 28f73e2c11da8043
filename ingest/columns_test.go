package ingest

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// Every value of every category of the schema is read as its id, however
// the export writes it: by id, Persian label, short label or alias, and
// the same folded (upper case, spaced, with Arabic letters).
func TestCategoriesReadAsDeclared(t *testing.T) {
	for _, decl := range export.Categories {
		cat := schemaCategories[decl]
		if cat == nil {
			t.Fatalf("%s: no matcher", decl.Name)
		}
		for _, v := range decl.Values {
			for _, s := range v.Names() {
				for _, written := range []string{s, strings.ToUpper(s), " " + s + " ", strings.ReplaceAll(s, "ی", "ي")} {
					if id, ok := cat.lookup(written); !ok || id != v.ID {
						t.Errorf("%s: %q read as %q, %v; want %q", decl.Name, written, id, ok, v.ID)
					}
				}
			}
		}
		if id, ok := cat.lookup("no such value"); ok {
			t.Errorf("%s: a value outside the set read as %q", decl.Name, id)
		}
	}
}

// A category's exact-match shortcut gives what folding gives.
func TestCategoryExactLikeFold(t *testing.T) {
	for _, decl := range export.Categories {
		c := schemaCategories[decl]
		for _, v := range c.Values {
			for _, s := range append(v.Names(), strings.ToUpper(v.ID), " "+v.ID, "x"+v.ID) {
				got, gok := c.lookup(s)
				want, wok := c.index[fold(s)]
				if got != want || gok != wok {
					t.Fatalf("%q: %q %v, folding gives %q %v", s, got, gok, want, wok)
				}
			}
		}
	}
}

// No two columns of a kind, and no two values of a category, are found by
// the same header or text: the reader would take the later one.
func TestSchemaUnambiguous(t *testing.T) {
	// unambiguous fails when two names of different things fold alike.
	unambiguous := func(set string, names map[string][]string) {
		seen := map[string]string{}
		for _, thing := range slices.Sorted(maps.Keys(names)) {
			for _, n := range names[thing] {
				if other, ok := seen[fold(n)]; ok && other != thing {
					t.Errorf("%s: %q is both %s and %s", set, n, other, thing)
				}
				seen[fold(n)] = thing
			}
		}
	}
	for _, k := range export.Kinds {
		names := map[string][]string{}
		for _, c := range k.Columns {
			names[c.Name] = c.Headers()
		}
		unambiguous(k.Name, names)
	}
	for _, cat := range export.Categories {
		names := map[string][]string{}
		for _, v := range cat.Values {
			names[v.ID] = v.Names()
		}
		unambiguous(cat.Name, names)
	}
}

// A file is read under every header the schema gives a column, and under
// the further headers a rules file adds.
func TestReadByEveryHeader(t *testing.T) {
	for _, k := range export.Kinds {
		file := k.Name + ".csv"
		lines := strings.SplitN(baseExport[file], "\n", 2)
		header := strings.Split(lines[0], ",")
		for j, name := range header {
			c := k.Column(name)
			if c == nil {
				t.Fatalf("%s: the base export's column %q is not in the schema", file, name)
			}
			for _, h := range c.WithHeaders("ستون " + name).Headers() {
				renamed := append([]string(nil), header...)
				renamed[j] = h
				cols := kindColumns[k.Name]
				if h == "ستون "+name {
					kk, err := k.WithHeaders(map[string][]string{name: {h}})
					if err != nil {
						t.Fatal(err)
					}
					cols = columnsOf(kk.Columns)
				}
				pos, _, ok := newHeaderSearch(cols).try(renamed, 1)
				if !ok {
					t.Errorf("%s with %s as %q: not found", file, name, h)
					continue
				}
				if i := slices.Index(k.Names(), name); pos[i] != j {
					t.Errorf("%s with %s as %q: found at %d, want %d", file, name, h, pos[i], j)
				}
			}
		}
	}
	if _, err := export.Offices.WithHeaders(map[string][]string{"no_such_column": {"x"}}); err == nil {
		t.Error("WithHeaders took a column the kind lacks")
	}
}

// The fast survey reader takes a plain row's cells by their place in the
// surveys' declaration.
func TestSurveyColumnsAsTheFastReaderTakesThem(t *testing.T) {
	if got, want := export.Surveys.Names(), []string{"response_id", "office_code", "response_date", "score"}; !slices.Equal(got, want) {
		t.Errorf("surveys are declared %v; the fast reader takes a plain row as %v", got, want)
	}
}

// Further headers, as a rules file's headers: gives them, find a column in
// every file that has it, on the fast survey reader's path too; without
// them the file lacks the column.
func TestReadWithFurtherHeaders(t *testing.T) {
	renamed := map[string]string{}
	for name, content := range baseExport {
		renamed[name] = strings.Replace(content, "office_code", "کد پیشخوان", 1)
	}
	renamed["surveys.csv"] = strings.Replace(renamed["surveys.csv"], "response_id", "Response No.", 1)
	files, err := Find(writeExport(t, renamed), Files{})
	if err != nil {
		t.Fatal(err)
	}
	headers := map[string][]string{"office_code": {"کد پیشخوان"}, "response_id": {"response no"}}

	want, err := Read(mustFind(t, writeExport(t, nil)), nil)
	if err != nil {
		t.Fatal(err)
	}
	took := false
	tally := scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1})
	got, err := read(files, tally.Add, tally, nil, Options{Headers: headers, fast: surveyOptions{took: func() { took = true }}})
	if err != nil {
		t.Fatal(err)
	}
	if !took {
		t.Error("the fast reader did not take the surveys under their further headers")
	}
	if !slices.EqualFunc(got.Offices, want.Offices, func(a, b scoring.Office) bool { return a == b }) ||
		len(got.Declarations) != len(want.Declarations) || len(got.Violations) != len(want.Violations) ||
		len(got.Problems) != 0 || tally.Office("G-001").Count != 2 {
		t.Errorf("read under further headers: %+v, %v; want what the base export gives", got, problemStrings(got.Problems))
	}

	var ce *ColumnError
	if _, err := Read(files, nil); !errors.As(err, &ce) || ce.Column != "office_code" {
		t.Errorf("without the headers: %v, want office_code missing", err)
	}
	if _, err := read(files, nil, nil, nil, Options{Headers: map[string][]string{"no_such_column": {"x"}}}); err == nil || !strings.Contains(err.Error(), "no_such_column") {
		t.Errorf("headers for a column no file has: %v", err)
	}
}

func mustFind(t *testing.T, dir string) Files {
	t.Helper()
	files, err := Find(dir, Files{})
	if err != nil {
		t.Fatal(err)
	}
	return files
}
