package report

import (
	"slices"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// Run is everything one evaluation reports on.
type Run struct {
	Result    *scoring.Result
	Rules     *scoring.Rules
	RulesName string            // "default" or the rules file's base name
	RulesText []byte            // the rules file as read: every workbook records it (sheet روش)
	Lang      string            // "en" (vocab.English): workbooks' labels in English; Persian otherwise
	Inputs    []export.FileStat // offices, declarations, surveys, violations, services
	Problems  []export.Problem

	// ShowNationalIDs shows license holders' national codes whole; by
	// default the reports mask them (MaskNationalID).
	ShowNationalIDs bool

	// warned are the run's warnings in the books' language, once
	// Workbooks has found them, for every Summary sheet.
	warned []string
}

// decimals is the number of decimals totals and points are shown with.
func (r Run) decimals() int {
	if r.Rules == nil || r.Rules.Decimals < 0 {
		return 2
	}
	return r.Rules.Decimals
}

// gradeName is a grade's label as the rules give it, in the book's language.
func (r Run) gradeName(g int) string {
	lang := r.lang()
	if r.Rules != nil {
		return r.Rules.GradeName(g, string(lang))
	}
	for _, gr := range r.Result.Grades {
		if name := rulesLabel(gr.Name, lang); gr.Grade == g && name != "" {
			return name
		}
	}
	return labels.In(lang, "grade_n", g)
}

// rulesLabel is a rules file's label in lang, or "" when it has none in lang.
func rulesLabel(l scoring.Label, lang vocab.Lang) string {
	if lang == vocab.English {
		return l.EN
	}
	return l.FA
}

// lang is the language of the run's workbooks.
func (r Run) lang() vocab.Lang { return bookLang(r.Lang) }

// provinceName is a province's name in lang.
func provinceName(p scoring.Province, lang vocab.Lang) string {
	if lang == vocab.English {
		return p.English
	}
	return p.Persian
}

// officesByProvince groups Result.Offices by province slug, keeping their order.
func (r Run) officesByProvince() map[string][]*scoring.OfficeResult {
	m := map[string][]*scoring.OfficeResult{}
	for i := range r.Result.Offices {
		o := &r.Result.Offices[i]
		m[o.Province.Slug] = append(m[o.Province.Slug], o)
	}
	return m
}

// officeNames maps office codes to names.
func (r Run) officeNames() map[string]string {
	m := make(map[string]string, len(r.Result.Offices))
	for _, o := range r.Result.Offices {
		m[o.Code] = o.Name
	}
	return m
}

// totals sums the counts of every province.
func (r Run) totals() scoring.Counts { return sumCounts(r.Result.Provinces) }

// sumCounts sums the counts of the provinces.
func sumCounts(ps []scoring.ProvinceResult) scoring.Counts {
	t := scoring.Counts{Grades: map[int]int{}}
	for _, p := range ps {
		addCounts(&t, p.Counts)
	}
	return t
}

// byAreaTotals sums the provinces' counts per area type.
func (r Run) byAreaTotals() map[string]scoring.Counts { return sumByArea(r.Result.Provinces) }

// sumByArea sums the provinces' counts per area type.
func sumByArea(ps []scoring.ProvinceResult) map[string]scoring.Counts {
	m := map[string]scoring.Counts{}
	for _, p := range ps {
		for a, c := range p.ByArea {
			t := m[a]
			if t.Grades == nil {
				t.Grades = map[int]int{}
			}
			addCounts(&t, c)
			m[a] = t
		}
	}
	return m
}

func addCounts(t *scoring.Counts, c scoring.Counts) {
	t.Offices += c.Offices
	t.Participants += c.Participants
	t.CarriedForward += c.CarriedForward
	t.NotParticipating += c.NotParticipating
	t.LowestWithAbsent += c.LowestWithAbsent
	for g, n := range c.Grades {
		t.Grades[g] += n
	}
}

// inputUse is the accounting of one input file, for one province or ("") all.
type inputUse struct {
	Kind, File                                              string
	Rows, Used, OutsidePeriod, Superseded, Errors, Warnings int64
}

// inputs accounts for every input file in one province, or all when slug is "".
// Warnings are not kept per province, so a province shows those of its rows
// as counted from the problems.
func (r Run) inputs(slug string) []inputUse {
	var warn map[string]int64
	if slug != "" {
		warn = map[string]int64{}
		for _, p := range r.Problems {
			if p.Warning && p.Province == slug {
				warn[p.Kind]++
			}
		}
	}
	var us []inputUse
	for _, s := range r.Inputs {
		u := r.Result.Usage.Get(s.Kind, slug)
		iu := inputUse{Kind: s.Kind, File: s.File, Used: u.Used, OutsidePeriod: u.OutsidePeriod, Superseded: u.Superseded}
		if slug == "" {
			iu.Rows, iu.Errors, iu.Warnings = s.Rows, s.Errors, s.Warnings
		} else {
			iu.Rows, iu.Errors, iu.Warnings = s.RowsByProvince[slug], s.ErrorsByProvince[slug], warn[s.Kind]
		}
		us = append(us, iu)
	}
	return us
}

// areaOrder lists the area types of a ByArea map: urban, rural, then any other.
func areaOrder(m map[string]scoring.Counts) []string {
	out := []string{}
	for _, a := range []string{"urban", "rural"} {
		if _, ok := m[a]; ok {
			out = append(out, a)
		}
	}
	var rest []string
	for a := range m {
		if a != "urban" && a != "rural" {
			rest = append(rest, a)
		}
	}
	slices.Sort(rest)
	return append(out, rest...)
}
