package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/iranict/rank/scoring"
)

// Files names the file of each kind; "" is not given.
type Files struct {
	Offices, Declarations, Surveys, Violations, Services string
}

// entries pairs each kind with its field, in reading order.
func (f *Files) entries() []struct {
	kind string
	path *string
} {
	return []struct {
		kind string
		path *string
	}{
		{scoring.KindOffices, &f.Offices},
		{scoring.KindDeclarations, &f.Declarations},
		{scoring.KindSurveys, &f.Surveys},
		{scoring.KindViolations, &f.Violations},
		{scoring.KindServices, &f.Services},
	}
}

// tableExts are the extensions a kind's file is found by: the forms
// exports come in, text and workbooks. What a file holds is read from its
// content (see openTable): an HTML table or tab-separated text saved as
// .xls is read as what it is.
var tableExts = []string{".csv", ".tsv", ".txt", ".xlsx", ".xls", ".ods"}

// tableExt reports whether ext, in lower case, is one of tableExts.
func tableExt(ext string) bool { return slices.Contains(tableExts, ext) }

// wantFiles says which names the files of kinds are found by.
func wantFiles(kinds ...string) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k + tableExts[0]
	}
	return strings.Join(names, ", ") + " (or " + strings.Join(tableExts[1:], ", ") + ")"
}

// Find fills the kinds not given from dir, where each is found by its base
// name: offices.csv, offices.xlsx, offices.xls, offices.ods, offices.tsv or
// offices.txt (in any case), and so on. All kinds but services are
// required. Two files for one kind (offices.csv and offices.xlsx) are an
// error rather than a guess.
func Find(dir string, given Files) (Files, error) {
	found := given
	var want []string
	for _, e := range found.entries() {
		if *e.path == "" {
			want = append(want, e.kind)
		}
	}
	if len(want) == 0 {
		return found, nil
	}
	if dir == "" {
		dir = "."
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return found, fmt.Errorf("export folder: %w", err)
	}
	candidates := map[string][]string{}
	for _, ent := range ents {
		if ent.IsDir() {
			continue
		}
		name := ent.Name()
		ext := strings.ToLower(filepath.Ext(name))
		if !tableExt(ext) {
			continue
		}
		kind := strings.ToLower(strings.TrimSuffix(name, filepath.Ext(name)))
		candidates[kind] = append(candidates[kind], filepath.Join(dir, name))
	}
	var missing []string
	for _, e := range found.entries() {
		if *e.path != "" {
			continue
		}
		switch c := candidates[e.kind]; len(c) {
		case 0:
			if e.kind != scoring.KindServices {
				missing = append(missing, e.kind)
			}
		case 1:
			*e.path = c[0]
		default:
			return found, fmt.Errorf("%s: %d %s files (%s): keep one, or name it with --%s",
				dir, len(c), e.kind, baseNames(c), e.kind)
		}
	}
	if len(missing) > 0 {
		return found, fmt.Errorf("%s: no %s file: want %s", dir, strings.Join(missing, ", "), wantFiles(missing...))
	}
	return found, nil
}

func baseNames(paths []string) string {
	names := make([]string, len(paths))
	for i, p := range paths {
		names[i] = filepath.Base(p)
	}
	return strings.Join(names, ", ")
}
