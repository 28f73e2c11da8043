package ingest

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Sheets names the sheet to read in the workbooks of an export, by kind
// (offices, surveys, or an index's file); the key "" names it for every
// workbook. A workbook whose kind it does not name is read from its first
// visible sheet: a hidden helper sheet before the data is passed over.
// Text files have no sheets, and HTML pages their first table of data:
// for them it names nothing.
type Sheets map[string]string

// check refuses a sheet named for a kind the export does not have (a
// typo: --sheet ofices=دفاتر would otherwise name nothing, silently).
func (s Sheets) check(kinds []string) error {
	for kind := range s {
		if kind != "" && !slices.Contains(kinds, kind) {
			return fmt.Errorf("--sheet %s=%s: the export has no file %q (%s)", kind, s[kind], kind, strings.Join(kinds, ", "))
		}
	}
	return nil
}

// of is the sheet named for kind's workbook, "" for the first visible.
func (s Sheets) of(kind string) string {
	if name, ok := s[kind]; ok {
		return name
	}
	return s[""]
}

// kindPrefix is the KIND= of a --sheet value that names one kind's sheet.
var kindPrefix = regexp.MustCompile(`^([a-z][a-z0-9_]*)=(.*)$`)

// ParseSheets reads --sheet values: NAME, the sheet of every workbook, or
// KIND=NAME, the sheet of one kind's (offices=دفاتر). A later value for a
// kind replaces an earlier one.
func ParseSheets(values []string) (Sheets, error) {
	if len(values) == 0 {
		return nil, nil
	}
	s := Sheets{}
	for _, v := range values {
		kind, name := "", Normalize(v)
		if m := kindPrefix.FindStringSubmatch(name); m != nil {
			kind, name = m[1], Normalize(m[2])
		}
		if name == "" {
			return nil, fmt.Errorf("--sheet %q: want a sheet's name, or KIND=NAME (offices=دفاتر)", v)
		}
		s[kind] = name
	}
	return s, nil
}

// sheetRef is a worksheet as its workbook lists it.
type sheetRef struct {
	name   string
	hidden bool // hidden or "very hidden": not shown in the office suite
}

// pickSheet is the place among a workbook's worksheets of the one to read:
// the one named want (by its name as written, or normalised and in any
// case), or, when want is "", the first visible one (the first of all
// when every one is hidden).
func pickSheet(sheets []sheetRef, want string) (int, error) {
	if want == "" {
		for i, s := range sheets {
			if !s.hidden {
				return i, nil
			}
		}
		return 0, nil
	}
	for i, s := range sheets {
		if s.name == want {
			return i, nil
		}
	}
	for i, s := range sheets {
		if sameSheet(s.name, want) {
			return i, nil
		}
	}
	return 0, noSheet(sheets, want)
}

// sameSheet reports whether a sheet's name is the one wanted: the same
// once normalised, in any case.
func sameSheet(name, want string) bool {
	return strings.EqualFold(Normalize(name), Normalize(want))
}

// noSheet is the error of a workbook without the sheet --sheet names.
func noSheet(sheets []sheetRef, want string) error {
	names := make([]string, len(sheets))
	for i, s := range sheets {
		names[i] = fmt.Sprintf("%q", s.name)
		if s.hidden {
			names[i] += " (hidden)"
		}
	}
	return fmt.Errorf("no sheet %q, as --sheet names: the workbook's sheets are %s", want, strings.Join(names, ", "))
}
