package report

import (
	"cmp"
	"regexp"
	"slices"
	"strings"

	"github.com/iranict/rank/scoring"
)

// group is the provinces one workbook reports on: a province (the
// default), a region of the rules, or the whole country.
type group struct {
	file      string // the workbook's base name
	kind      string // "province", "region" or "none"
	name      string // the region's name, as the rules give it
	provinces []scoring.ProvinceResult
}

// groups lists the workbooks the rules' reports.group_by asks for, in
// the order of their first province's code.
func (r Run) groups() []group {
	by := ""
	if r.Rules != nil {
		by = r.Rules.Reports.GroupBy
	}
	var out []group
	switch by {
	case "none":
		if len(r.Result.Provinces) > 0 {
			out = append(out, group{file: "all.xlsx", kind: by, provinces: r.Result.Provinces})
		}
	case "region":
		at := map[string]int{}
		for _, p := range r.Result.Provinces {
			region := r.Rules.Region(p.Slug)
			i, ok := at[region]
			if !ok {
				i, at[region] = len(out), len(out)
				g := group{file: fileName(region) + ".xlsx", kind: by, name: region}
				if region == p.Slug { // a province in no region is a region of its own
					g = group{file: g.file, kind: "province"}
				}
				out = append(out, g)
			}
			out[i].provinces = append(out[i].provinces, p)
		}
	default:
		for _, p := range r.Result.Provinces {
			out = append(out, group{file: p.Slug + ".xlsx", kind: "province", provinces: []scoring.ProvinceResult{p}})
		}
	}
	return out
}

var unsafeName = regexp.MustCompile(`[^\p{L}\p{N}._-]+`)

// fileName makes a region's name a safe base name.
func fileName(s string) string {
	s = strings.Trim(unsafeName.ReplaceAllString(s, "-"), "-.")
	if s == "" {
		s = "region"
	}
	return s
}

// groupHead is what a group's printed pages say they are about: the
// province, the region or the whole country, and the period.
func (r Run) groupHead(g group) runningHead {
	lang := r.lang()
	h := runningHead{period: r.Result.Period.String()}
	switch {
	case g.kind == "province" && len(g.provinces) == 1:
		h.subject = provinceName(g.provinces[0].Province, lang)
	case g.kind == "none":
		h.subject = labels.In(lang, "whole_country")
	default:
		h.subject = g.name
	}
	return h
}

// groupSummary is a workbook's Summary sheet: a province's figures, or a
// group's with a row per province.
func (r Run) groupSummary(g group) *table {
	if len(g.provinces) == 1 && g.kind == "province" {
		return r.summary(g.provinces[0])
	}
	lang := r.lang()
	var t *table
	switch g.kind {
	case "none":
		country := labels.In(lang, "whole_country")
		t = r.summaryHead(country, country, labels.In(lang, "provinces_n", len(g.provinces)))
	default:
		t = r.summaryHead(g.name, labels.In(lang, "region"), g.name)
	}
	t.blank()
	r.countRows(t, sumCounts(g.provinces))
	t.blank()
	r.areaRows(t, sumByArea(g.provinces))
	t.blank()
	t.breaks = append(t.breaks, len(t.rows))
	// A row per province: its name where the summary's labels are, its
	// counts under the areas', then its code. (The national workbook's
	// Provinces sheet has the English names: here a long one would
	// shrink the page's type.)
	section(t, labels.In(lang, "section_provinces"))
	t.header(append(r.countHeader(labels.In(lang, "province")), labels.In(lang, "code"))...)
	for _, p := range g.provinces {
		t.add(append(r.countCells(p.Counts, provinceName(p.Province, lang)), p.Code)...)
	}
	t.blank()
	var sum []inputUse
	for _, p := range g.provinces {
		for i, u := range r.inputs(p.Slug) {
			if i == len(sum) {
				sum = append(sum, inputUse{Kind: u.Kind, File: u.File})
			}
			s := &sum[i]
			s.Rows += u.Rows
			s.Used += u.Used
			s.OutsidePeriod += u.OutsidePeriod
			s.Superseded += u.Superseded
			s.Errors += u.Errors
			s.Warnings += u.Warnings
		}
	}
	inputRows(t, sum, lang)
	return t
}

// groupRanking is a workbook's Ranking sheet. When the offices are ranked
// across the group (ranking.scope matches group_by), participants come in
// rank order; otherwise province by province.
func (r Run) groupRanking(g group, offices []*scoring.OfficeResult) *table {
	if len(g.provinces) == 1 && g.kind == "province" {
		return r.ranking(offices, false)
	}
	scope := ""
	if r.Rules != nil {
		scope = r.Rules.Ranking.Scope
	}
	if scope == "region" && g.kind == "region" || scope == "all" && g.kind == "none" {
		offices = slices.Clone(offices)
		slices.SortStableFunc(offices, func(a, b *scoring.OfficeResult) int {
			switch ar, br := a.Rank > 0, b.Rank > 0; {
			case ar && br:
				return cmp.Compare(a.Rank, b.Rank)
			case ar:
				return -1
			case br:
				return 1
			}
			return 0
		})
	}
	return r.ranking(offices, true)
}

// rankLabel heads the rank column by the ranking's scope.
func (r Run) rankLabel() string {
	lang := r.lang()
	if r.Rules != nil {
		switch r.Rules.Ranking.Scope {
		case "region":
			return labels.In(lang, "rank_in_region")
		case "all":
			return labels.In(lang, "rank_in_country")
		}
	}
	return labels.In(lang, "rank_in_province")
}
