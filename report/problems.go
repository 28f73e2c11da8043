package report

import (
	"bytes"
	"cmp"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/gocarina/gocsv"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// The files rank validate --out writes: the problems of an export, for
// the people who fix them.
const (
	ProblemsWorkbook = "problems.xlsx"
	ProblemsCSV      = "problems.csv"
)

// ProblemRow is one problem as problems.csv writes it: fixed columns, for
// scripts and for the regions' own lists.
type ProblemRow struct {
	Province     string `csv:"province"`      // the row's province, by slug; "" when it has none
	ProvinceName string `csv:"province_name"` // in the language of the reports
	Kind         string `csv:"kind"`          // offices, declarations, surveys, violations, services, or an index's file
	File         string `csv:"file"`
	Sheet        string `csv:"sheet"`    // of a workbook; "" for text
	Row          int    `csv:"row"`      // as the file numbers its rows, the header's included
	Column       string `csv:"column"`   // by its English name; "" for the whole row
	Severity     string `csv:"severity"` // error (the row is left out) or warning (it stands)
	Reason       string `csv:"reason"`   // in the language of the reports
}

// ProblemsReports writes into dir, in lang ("fa" or "en"), problems.xlsx —
// a summary, then the problems of each province on a sheet of its own
// (right to left in Persian), so that a regional office gets its own, and
// those of no province on the last — and problems.csv, every problem in
// the fixed columns of ProblemRow. It returns the names written.
func ProblemsReports(dir string, v Validation, ps []export.Problem, lang string) ([]string, error) {
	l := bookLang(lang)
	byProvince := map[string][]export.Problem{}
	for _, p := range ps {
		byProvince[p.Province] = append(byProvince[p.Province], p)
	}
	provinces := problemProvinces(byProvince)

	tables := []*table{problemsSummary(v, byProvince, provinces, l)}
	for _, slug := range provinces {
		t := errorTable(byProvince[slug], l)
		t.name = problemsSheet(slug, l)
		tables = append(tables, t)
	}
	if err := writeBook(filepath.Join(dir, ProblemsWorkbook), 2, l, runningHead{labels.In(l, "problems_subject"), v.Period}, tables); err != nil {
		return nil, fmt.Errorf("%s: %w", ProblemsWorkbook, err)
	}

	rows := make([]ProblemRow, 0, len(ps))
	for _, slug := range provinces {
		for _, p := range byProvince[slug] {
			severity := "error"
			if p.Warning {
				severity = "warning"
			}
			name := ""
			if slug != "" {
				name = problemsSheet(slug, l)
			}
			rows = append(rows, ProblemRow{Province: slug, ProvinceName: safeText(name), Kind: p.Kind, File: safeText(p.File), Sheet: safeText(p.Sheet),
				Row: p.Row, Column: p.Column, Severity: severity, Reason: safeText(p.ReasonIn(l))})
		}
	}
	// A byte-order mark, so that Excel on Windows reads the Persian as
	// UTF-8 when the file is opened with a double click.
	var buf bytes.Buffer
	buf.WriteString("\ufeff")
	if err := gocsv.MarshalCSV(rows, gocsv.DefaultCSVWriter(&buf)); err != nil {
		return nil, fmt.Errorf("%s: %w", ProblemsCSV, err)
	}
	if err := WriteFile(filepath.Join(dir, ProblemsCSV), buf.Bytes()); err != nil {
		return nil, fmt.Errorf("%s: %w", ProblemsCSV, err)
	}
	return []string{ProblemsWorkbook, ProblemsCSV}, nil
}

// problemProvinces are the provinces with problems, by their code, then
// "" (problems of no province) when there are such.
func problemProvinces(byProvince map[string][]export.Problem) []string {
	var slugs []string
	for slug := range byProvince {
		if slug != "" {
			slugs = append(slugs, slug)
		}
	}
	code := func(slug string) string {
		p, _ := scoring.ProvinceBySlug(slug)
		return p.Code + slug
	}
	slices.SortFunc(slugs, func(a, b string) int { return cmp.Compare(code(a), code(b)) })
	if len(byProvince[""]) > 0 {
		slugs = append(slugs, "")
	}
	return slugs
}

// problemsSheet names the sheet of a province's problems: the province's
// name in lang, or that of the problems of no province.
func problemsSheet(slug string, l vocab.Lang) string {
	if p, ok := scoring.ProvinceBySlug(slug); ok {
		return provinceName(p, l)
	}
	if slug == "" {
		return labels.In(l, "sheet_no_province")
	}
	return slug
}

// problemsSummary is the first sheet of problems.xlsx: each file's rows
// as used, outside the period, superseded or in error, then each
// province's errors and warnings and the sheet that lists them.
func problemsSummary(v Validation, byProvince map[string][]export.Problem, provinces []string, l vocab.Lang) *table {
	t := &table{name: labels.In(l, "sheet_summary")}
	t.header(heads(l, "input", "file", "rows", "used", "outside_period", "superseded", "col_errors", "col_warnings")...)
	for _, f := range v.Files {
		t.add(kindLabels.In(l, f.Kind), f.File, f.Rows, f.Used, f.OutsidePeriod, f.Superseded, f.Errors, f.Warnings)
	}
	t.blank()
	t.header(heads(l, "province", "col_errors", "col_warnings")...)
	for _, slug := range provinces {
		var errs, warns int
		for _, p := range byProvince[slug] {
			if p.Warning {
				warns++
			} else {
				errs++
			}
		}
		t.add(problemsSheet(slug, l), errs, warns)
	}
	if len(provinces) == 0 {
		t.add(labels.In(l, "no_problems"))
	}
	return t
}
