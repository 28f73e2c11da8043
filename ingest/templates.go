package ingest

import (
	"github.com/iranict/rank/scoring"
)

// TemplateColumn describes a column of an export for a template: its
// headers, the rule its cells follow, and what a workbook can check.
type TemplateColumn struct {
	Name, Persian string
	Rule          string          // the rule in words, as errors give it
	Values        []TemplateValue // a closed set; nil when free
	Kind          string          // "text", "date", "period", "number", "whole" or "province"
	Min, Max      float64         // for numbers and whole numbers (Max 0: no bound)
}

// TemplateValue is one value of a closed set: its id and Persian label
// (either is accepted).
type TemplateValue struct{ ID, Persian string }

// Template describes the columns of an export kind, in order.
func Template(kind string) []TemplateColumn {
	text := func(c column, rule string) TemplateColumn {
		return TemplateColumn{Name: c.name, Persian: c.persian, Rule: rule, Kind: "text"}
	}
	date := func(c column) TemplateColumn {
		return TemplateColumn{Name: c.name, Persian: c.persian, Rule: "a Jalali date YYYY/MM/DD, e.g. 1404/02/15", Kind: "date"}
	}
	num := func(c column, kind, rule string, lo, hi float64) TemplateColumn {
		return TemplateColumn{Name: c.name, Persian: c.persian, Rule: rule, Kind: kind, Min: lo, Max: hi}
	}
	cat := func(c column, cat *category) TemplateColumn {
		tc := TemplateColumn{Name: c.name, Persian: c.persian, Rule: cat.rule(), Kind: "text"}
		for _, v := range cat.values {
			tc.Values = append(tc.Values, TemplateValue{v.id, v.persian})
		}
		return tc
	}
	switch kind {
	case scoring.KindOffices:
		c := officeColumns
		prov := TemplateColumn{Name: c[2].name, Persian: c[2].persian, Rule: "one of the 31 provinces, in Persian or English", Kind: "province"}
		for _, p := range scoring.Provinces {
			prov.Values = append(prov.Values, TemplateValue{p.Slug, p.Persian})
		}
		return []TemplateColumn{text(c[0], "required, unique"), text(c[1], "required"), prov, text(c[3], "required"),
			cat(c[4], areaTypes), cat(c[5], officeTypes), text(c[6], "ten digits with a valid check digit"), date(c[7])}
	case scoring.KindDeclarations:
		c := declarationColumns
		return []TemplateColumn{text(c[0], "an office code of the registry"), {Name: c[1].name, Persian: c[1].persian, Rule: "a period such as 1404-H1 (H1 = months 1–6, H2 = months 7–12)", Kind: "period"}, date(c[2]),
			num(c[3], "number", "a number ≥ 0", 0, 0), num(c[4], "whole", "a whole number ≥ 1", 1, 0),
			cat(c[5], locationClasses), num(c[6], "number", "a number from 0 to 10", 0, 10), cat(c[7], reviewStatuses)}
	case scoring.KindSurveys:
		c := surveyColumns
		return []TemplateColumn{text(c[0], "required, unique"), text(c[1], "an office code of the registry"), date(c[2]),
			num(c[3], "whole", "a whole number from 1 to 5", 1, 5)}
	case scoring.KindViolations:
		c := violationColumns
		return []TemplateColumn{text(c[0], "required, unique"), text(c[1], "an office code of the registry"), cat(c[2], violationTypes),
			date(c[3]), cat(c[4], rulingStatuses)}
	case scoring.KindServices:
		c := serviceColumns
		prov := TemplateColumn{Name: c[0].name, Persian: c[0].persian, Rule: "one of the 31 provinces, in Persian or English", Kind: "province"}
		for _, p := range scoring.Provinces {
			prov.Values = append(prov.Values, TemplateValue{p.Slug, p.Persian})
		}
		return []TemplateColumn{prov, text(c[1], "required"), cat(c[2], areaTypes), num(c[3], "whole", "a whole number ≥ 0", 0, 0)}
	}
	return nil
}

// TemplateKinds are the export kinds a template is written for, in order.
var TemplateKinds = []string{scoring.KindOffices, scoring.KindDeclarations, scoring.KindSurveys, scoring.KindViolations, scoring.KindServices}
