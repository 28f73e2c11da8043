package main

import (
	"bytes"
	"encoding/csv"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/xuri/excelize/v2"
	"go.yaml.in/yaml/v3"

	"github.com/iranict/rank/cmd"
)

// TestWorkbooksInBothLanguages writes every kind of workbook from the same
// inputs in Persian and in English and holds the two books to each other:
// the same sheets, rows, cells, cell types and styles, every number
// identical. And in the English book no cell, sheet name or chart holds a
// Persian letter but the exports' names and cities, a label the rules
// file gives in Persian only, the rules file's text on the Rules sheet
// (the same in both books) and the readers' reasons on the Errors sheet
// (they quote the exports' rows; in the Persian book they are in
// Persian). A label missing in English would show here as Persian.
func TestWorkbooksInBothLanguages(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluates the samples eight times")
	}
	dir := t.TempDir()
	rank := func(args ...string) {
		t.Helper()
		var stderr bytes.Buffer
		if code := cmd.Main(args, &cmd.IO{Out: io.Discard, Err: &stderr}, methods); code != 0 {
			t.Fatalf("rank %q: exit %d\n%s", args, code, stderr.String())
		}
	}
	// The default method grouped by region, and with every office in one
	// book: the same labels in other places.
	rules, err := os.ReadFile("rules.yaml")
	if err != nil {
		t.Fatal(err)
	}
	variant := func(name, scope, extra string) string {
		text := strings.Replace(string(rules), "  scope: province", "  scope: "+scope, 1)
		if text == string(rules) {
			t.Fatal("rules.yaml has no ranking scope to change")
		}
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, []byte(text+extra), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	regions := variant("regions.yaml", "region", "regions: {north: [gilan, mazandaran]}\nreports: {group_by: region}\n")
	all := variant("all.yaml", "all", "reports: {group_by: none}\n")

	type evaluation struct {
		name, exports, rules string
		args                 []string
	}
	evaluations := []evaluation{
		{"offices", "testdata/gilan", "rules.yaml", []string{"--period", "1400-H1", "--csv"}},
		{"offices-1399-H2", "testdata/gilan", "rules.yaml", []string{"--period", "1399-H2", "--csv"}},
		{"regions", "testdata/gilan", regions, []string{"--rules", regions, "--period", "1400-H1"}},
		{"all", "testdata/gilan", all, []string{"--rules", all, "--period", "1400-H1"}},
		{"agencies", "testdata/agencies", "agencies.yaml", []string{"--rules", "agencies", "--period", "1404-H1"}},
		{"hdi", "testdata/hdi", "testdata/hdi/hdi.yaml", []string{"--rules", "testdata/hdi/hdi.yaml"}},
	}
	for _, lang := range []string{"fa", "en"} {
		for _, e := range evaluations {
			rank(append([]string{"evaluate", e.exports, "--out", filepath.Join(dir, lang, e.name), "--lang", lang, "-q"}, e.args...)...)
		}
		rank("compare", filepath.Join(dir, lang, "offices-1399-H2"), filepath.Join(dir, lang, "offices"), "--out", filepath.Join(dir, lang, "compare"), "--lang", lang)
	}
	evaluations = append(evaluations, evaluation{"compare", "testdata/gilan", "rules.yaml", nil})

	books := 0
	for _, e := range evaluations {
		values := writtenValues(t, e.exports)
		for k := range rulesStrings(t, e.rules) {
			values[k] = true
		}
		names, _ := filepath.Glob(filepath.Join(dir, "fa", e.name, "*.xlsx"))
		for _, fa := range names {
			books++
			t.Run(e.name+"/"+filepath.Base(fa), func(t *testing.T) {
				sameBook(t, fa, filepath.Join(dir, "en", e.name, filepath.Base(fa)), values)
			})
		}
	}
	if books < 8 {
		t.Errorf("%d workbooks compared, want every kind (province, region, all, national, index, compare)", books)
	}
}

// sameBook compares a Persian workbook with its English twin; values are
// the Persian texts an English book may show.
func sameBook(t *testing.T, faPath, enPath string, values map[string]bool) {
	fa, en := open(t, faPath), open(t, enPath)
	faSheets, enSheets := fa.GetSheetList(), en.GetSheetList()
	if len(faSheets) != len(enSheets) {
		t.Fatalf("sheets %q in Persian, %q in English", faSheets, enSheets)
	}
	raw := excelize.Options{RawCellValue: true}
	for i, faSheet := range faSheets {
		enSheet := enSheets[i]
		if hasPersian(enSheet) && !values[enSheet] {
			t.Errorf("sheet %q is not named in English", enSheet)
		}
		faRows, err := fa.GetRows(faSheet, raw)
		if err != nil {
			t.Fatal(err)
		}
		enRows, err := en.GetRows(enSheet, raw)
		if err != nil {
			t.Fatal(err)
		}
		if len(faRows) != len(enRows) {
			t.Errorf("%s: %d rows in Persian, %d in English", enSheet, len(faRows), len(enRows))
			continue
		}
		// The columns of the readers' reasons, on the Errors sheet.
		reasons := -1
		if enSheet == "Errors" && len(enRows) > 0 {
			for c, h := range enRows[0] {
				if h == "Reason" {
					reasons = c
				}
			}
		}
		for r := range faRows {
			if len(faRows[r]) != len(enRows[r]) {
				t.Errorf("%s row %d: %d cells in Persian, %d in English:\n%q\n%q", enSheet, r+1, len(faRows[r]), len(enRows[r]), faRows[r], enRows[r])
				continue
			}
			for c, fv := range faRows[r] {
				ev := enRows[r][c]
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				where := enSheet + "!" + ref
				ft, _ := fa.GetCellType(faSheet, ref)
				et, _ := en.GetCellType(enSheet, ref)
				if ft != et {
					t.Errorf("%s: type %v in Persian, %v in English", where, ft, et)
				}
				fs, _ := fa.GetCellStyle(faSheet, ref)
				es, _ := en.GetCellStyle(enSheet, ref)
				if fs != es {
					t.Errorf("%s: style %d in Persian, %d in English", where, fs, es)
				}
				text := ft == excelize.CellTypeSharedString || ft == excelize.CellTypeInlineString
				switch {
				case !text && fv != ev:
					t.Errorf("%s: %q in Persian, %q in English: a number differs", where, fv, ev)
				case !text:
				case c == reasons && r > 0:
					// A reason in the book's language: in Persian in the
					// Persian book; in English, quoting the row.
					if !hasPersian(fv) {
						t.Errorf("%s: %q in the Persian book is not in Persian", where, fv)
					}
				case enSheet == "Rules" && r > 0:
					if fv != ev {
						t.Errorf("%s: %q in Persian, %q in English: the text is not kept as written", where, fv, ev)
					}
				case hasPersian(ev) && !values[ev] && hasPersian(withoutValues(ev, values)):
					t.Errorf("%s: %q is not in English", where, ev)
				}
			}
		}
	}
	// Chart titles are labels too; series' names are references to cells.
	charts := chartXML(t, enPath)
	if len(charts) != len(chartXML(t, faPath)) {
		t.Errorf("%d charts in English, %d in Persian", len(charts), len(chartXML(t, faPath)))
	}
	for name, xml := range charts {
		for _, s := range persianRuns(xml) {
			if !values[s] {
				t.Errorf("%s: %q is not in English", name, s)
			}
		}
	}
}

func hasPersian(s string) bool {
	return strings.IndexFunc(s, func(r rune) bool { return unicode.Is(unicode.Arabic, r) }) >= 0
}

// persianRuns are the texts of an XML document (between > and <) that
// hold a Persian letter.
// withoutValues is s with the exports' own texts it quotes taken out,
// longest first: a sentence of the book's that names cities is English
// when nothing Persian is left.
func withoutValues(s string, values map[string]bool) string {
	vs := slices.SortedFunc(maps.Keys(values), func(a, b string) int { return len(b) - len(a) })
	for _, v := range vs {
		if v != "" && hasPersian(v) {
			s = strings.ReplaceAll(s, v, "")
		}
	}
	return s
}

func persianRuns(xml string) []string {
	var out []string
	for _, part := range strings.Split(xml, ">") {
		text, _, _ := strings.Cut(part, "<")
		if hasPersian(text) {
			out = append(out, text)
		}
	}
	return out
}

func chartXML(t *testing.T, path string) map[string]string {
	t.Helper()
	out := map[string]string{}
	for name, data := range archiveParts(t, path) {
		if strings.HasPrefix(name, "xl/charts/") {
			out[name] = string(data)
		}
	}
	return out
}

// freeText are the samples' columns of free text, by their headers: an
// office's or an agency's name, a city. The other columns with Persian in
// them are categories, which a book shows by their labels.
var freeText = map[string]bool{"name": true, "نام دفتر": true, "نام دستگاه": true, "city": true, "شهر": true}

// writtenValues are the free text of an export folder's files, as the
// readers normalise it: Persian ی and ک, ASCII digits, trimmed.
func writtenValues(t *testing.T, dir string) map[string]bool {
	t.Helper()
	norm := strings.NewReplacer("ي", "ی", "ك", "ک",
		"۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9")
	values := map[string]bool{}
	add := func(rows [][]string) {
		if len(rows) == 0 {
			return
		}
		for c, h := range rows[0] {
			if !freeText[strings.TrimSpace(h)] {
				continue
			}
			for _, row := range rows[1:] {
				if c < len(row) {
					values[strings.TrimSpace(norm.Replace(row[c]))] = true
				}
			}
		}
	}
	paths, _ := filepath.Glob(filepath.Join(dir, "*"))
	for _, path := range paths {
		switch filepath.Ext(path) {
		case ".csv":
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
			r.FieldsPerRecord = -1
			rows, err := r.ReadAll()
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			add(rows)
		case ".xlsx":
			f := open(t, path)
			for _, sheet := range f.GetSheetList() {
				rows, _ := f.GetRows(sheet)
				add(rows)
			}
		}
	}
	return values
}

// rulesStrings are the strings of a rules file (not its comments), which a
// book shows as the rules give them — but for a Persian label the rules
// also give in English ({fa: …, en: …}).
func rulesStrings(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	out := map[string]bool{}
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.ScalarNode {
			out[n.Value] = true
		}
		english := false
		for i := 0; n.Kind == yaml.MappingNode && i+1 < len(n.Content); i += 2 {
			english = english || n.Content[i].Value == "en" && n.Content[i+1].Value != ""
		}
		for i, c := range n.Content {
			if english && i%2 == 1 && n.Content[i-1].Value == "fa" {
				continue
			}
			walk(c)
		}
	}
	walk(&doc)
	return out
}
