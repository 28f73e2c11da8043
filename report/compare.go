package report

import (
	"encoding/json"
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"text/tabwriter"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// Sheets of compare.xlsx, by their Persian names.
const (
	SheetMoves = "جابجایی درجه"
	SheetNew   = "دفاتر جدید"
	SheetGone  = "دفاتر حذف‌شده"
)

// CompareWorkbook is the name of the comparison's workbook.
const CompareWorkbook = "compare.xlsx"

// Comparison is two periods' results side by side, with the periods and
// the files they came from.
type Comparison struct {
	scoring.Comparison
	OldPeriod, NewPeriod string // as the ranking.csv files name them; "" when one does not
	OldFile, NewFile     string // as given
	Lang                 string // "en": compare.xlsx's labels in English; Persian otherwise
}

// names are what the text, the JSON and compare.xlsx call the two sides:
// their periods; with the file as given when a side names no period or
// both name the same one (two runs of one period).
func (c Comparison) names() (old, new string) {
	name := func(period, file string) string {
		switch {
		case period == "":
			return file
		case c.OldPeriod == c.NewPeriod:
			return period + " (" + file + ")"
		}
		return period
	}
	return name(c.OldPeriod, c.OldFile), name(c.NewPeriod, c.NewFile)
}

func gradeText(g int) string {
	if g == 0 {
		return "—"
	}
	return strconv.Itoa(g)
}

// CompareText prints the comparison: grade moves in all, each province's
// participants by grade in both periods, the offices that moved, new and
// gone.
func CompareText(w io.Writer, c Comparison) error {
	ew := &errWriter{w: w}
	oldName, newName := c.names()
	ew.printf("old: %s\nnew: %s\n\n", oldName, newName)
	ew.printf("offices in both: %d (%d kept their grade, %d moved); new: %d; gone: %d\n", c.Same+len(c.Moves), c.Same, len(c.Moves), len(c.New), len(c.Gone))
	ew.printf("\ngrade moves (— : not taking part)\n")
	tw := tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	grades := append([]int{0}, c.Grades...)
	for _, from := range grades {
		for _, to := range grades {
			if n := c.Moved[[2]int{from, to}]; n > 0 && from != to {
				fmt.Fprintf(tw, "  %s → %s\t%d\n", gradeText(from), gradeText(to), n)
			}
		}
	}
	tw.Flush()
	ew.printf("\noffices by grade, old → new\n")
	tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
	fmt.Fprint(tw, "province")
	for _, g := range c.Grades {
		fmt.Fprintf(tw, "\tgrade %d", g)
	}
	fmt.Fprintln(tw, "\tnot taking part\toffices")
	for _, p := range append(c.Provinces, c.Total) {
		if p.Province == "" {
			fmt.Fprint(tw, "all")
		} else {
			fmt.Fprint(tw, p.Province)
		}
		for _, g := range c.Grades {
			fmt.Fprintf(tw, "\t%d → %d (%+d)", p.Old[g], p.New[g], p.New[g]-p.Old[g])
		}
		uo, un := p.Ungraded()
		fmt.Fprintf(tw, "\t%d → %d (%+d)\t%d → %d (%+d)\n", uo, un, un-uo, p.OldOffices, p.NewOffices, p.NewOffices-p.OldOffices)
	}
	tw.Flush()
	if len(c.Moves) > 0 {
		ew.printf("\nmoved\n")
		tw = tabwriter.NewWriter(ew, 0, 0, 2, ' ', 0)
		for _, m := range c.Moves {
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s → %s\n", oneLine(m.New.Code), oneLine(m.New.Name), m.New.Province, gradeText(m.Old.Grade), gradeText(m.New.Grade))
		}
		tw.Flush()
	}
	for _, list := range []struct {
		name string
		os   []scoring.RankedOffice
	}{{"new", c.New}, {"gone", c.Gone}} {
		if len(list.os) == 0 {
			continue
		}
		ew.printf("\n%s\n", list.name)
		for _, o := range list.os {
			ew.printf("  %s  %s  %s  grade %s\n", oneLine(o.Code), oneLine(o.Name), o.Province, gradeText(o.Grade))
		}
	}
	return ew.err
}

// CompareJSON writes the comparison for scripts.
func CompareJSON(w io.Writer, c Comparison) error {
	type office struct {
		Code     string `json:"office_code"`
		Province string `json:"province"`
		Old      int    `json:"old_grade"`
		New      int    `json:"new_grade"`
	}
	type province struct {
		Province   string         `json:"province"`
		Old        map[string]int `json:"old"`
		New        map[string]int `json:"new"`
		OldOffices int            `json:"old_offices"`
		NewOffices int            `json:"new_offices"`
	}
	codes := func(os []scoring.RankedOffice) []string {
		out := []string{}
		for _, o := range os {
			out = append(out, o.Code)
		}
		return out
	}
	out := struct {
		Old       string     `json:"old"`
		New       string     `json:"new"`
		OldPeriod string     `json:"old_period"`
		NewPeriod string     `json:"new_period"`
		OldFile   string     `json:"old_file"`
		NewFile   string     `json:"new_file"`
		Same      int        `json:"same_grade"`
		Moves     []office   `json:"moves"`
		Added     []string   `json:"new_offices"`
		Gone      []string   `json:"gone_offices"`
		Provinces []province `json:"provinces"`
		Totals    province   `json:"totals"`
	}{OldPeriod: c.OldPeriod, NewPeriod: c.NewPeriod, OldFile: c.OldFile, NewFile: c.NewFile, Same: c.Same, Moves: []office{}, Added: codes(c.New), Gone: codes(c.Gone), Provinces: []province{}}
	for _, m := range c.Moves {
		out.Moves = append(out.Moves, office{m.New.Code, m.New.Province, m.Old.Grade, m.New.Grade})
	}
	side := func(p scoring.ProvinceMove) province {
		pr := province{p.Province, map[string]int{}, map[string]int{}, p.OldOffices, p.NewOffices}
		for _, g := range c.Grades {
			pr.Old[strconv.Itoa(g)], pr.New[strconv.Itoa(g)] = p.Old[g], p.New[g]
		}
		return pr
	}
	for _, p := range c.Provinces {
		out.Provinces = append(out.Provinces, side(p))
	}
	out.Totals = side(c.Total)
	out.Old, out.New = c.names()
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// CompareWorkbooks writes compare.xlsx into dir: the provinces side by
// side, the offices whose grade moved, the new and the gone.
func CompareWorkbooks(dir string, c Comparison) ([]string, error) {
	lang := bookLang(c.Lang)
	sum := &table{name: labels.In(lang, "sheet_summary"), designed: true}
	sum.add(styled(titleLook, labels.In(lang, "comparison")))
	oldName, newName := c.names()
	sum.add(labels.In(lang, "old_period"), styled(spillLook, oldName))
	sum.add(labels.In(lang, "new_period"), styled(spillLook, newName))
	sum.blank()
	section(sum, labels.In(lang, "section_provinces"))
	h := heads(lang, "province")
	for _, g := range c.Grades {
		h = append(h, labels.In(lang, "grade_old_n", g), labels.In(lang, "grade_new_n", g), labels.In(lang, "change"))
	}
	h = append(h, heads(lang, "absent_old", "absent_new", "change", "offices_old", "offices_new", "change")...)
	sum.header(h...)
	row := func(p scoring.ProvinceMove) []any {
		r := []any{provinceOf(p.Province, lang)}
		for _, g := range c.Grades {
			r = append(r, p.Old[g], p.New[g], p.New[g]-p.Old[g])
		}
		uo, un := p.Ungraded()
		return append(r, uo, un, un-uo, p.OldOffices, p.NewOffices, p.NewOffices-p.OldOffices)
	}
	for _, p := range c.Provinces {
		sum.add(row(p)...)
	}
	total := row(c.Total)
	total[0] = labels.In(lang, "all")
	sum.header(total...)
	moves := &table{name: labels.In(lang, "sheet_moves")}
	moves.header(heads(lang, "office_code", "office_name", "province", "degree_old", "degree_new", "total_old", "total_new", "position_old", "position_new")...)
	for _, m := range c.Moves {
		moves.add(m.New.Code, m.New.Name, provinceOf(m.New.Province, lang), gradeCell(m.Old.Grade), gradeCell(m.New.Grade), m.Old.Total, m.New.Total, blankZero(m.Old.Rank), blankZero(m.New.Rank))
	}
	moves.filter = len(moves.rows)
	list := func(sheet string, os []scoring.RankedOffice) *table {
		t := &table{name: sheet}
		t.header(heads(lang, "office_code", "office_name", "province", "degree", "total", "position")...)
		for _, o := range os {
			t.add(o.Code, o.Name, provinceOf(o.Province, lang), gradeCell(o.Grade), o.Total, blankZero(o.Rank))
		}
		t.filter = len(t.rows)
		return t
	}
	if err := writeBook(filepath.Join(dir, CompareWorkbook), 2, lang, runningHead{labels.In(lang, "comparison"), oldName + " → " + newName}, []*table{sum, moves, list(labels.In(lang, "sheet_new"), c.New), list(labels.In(lang, "sheet_gone"), c.Gone)}); err != nil {
		return nil, err
	}
	return []string{CompareWorkbook}, nil
}

// gradeCell is a grade coloured, or blank for an office not taking part.
func gradeCell(g int) any {
	if g == 0 {
		return nil
	}
	return graded(g)
}

// provinceOf is the name of a province by its slug, in lang; a slug that
// names no province is shown as it is.
func provinceOf(slug string, lang vocab.Lang) string {
	if p, ok := scoring.LookupProvince(slug); ok {
		return provinceName(p, lang)
	}
	return slug
}
