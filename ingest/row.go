package ingest

import (
	"fmt"
	"unicode/utf8"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// rowCtx is the record being checked, with the helpers that read its cells
// and note its problems. One is reused for every row of a file.
type rowCtx struct {
	kind, file, sheet string
	cols              []column
	pos               []int // record index of each column
	dates             dateSystem
	decimalComma      bool // the file writes 9,5 for 9.5 (see parseNumber)

	rec      []string
	row      int
	bad      bool
	province string
	problems []export.Problem
}

func (c *rowCtx) start(rec []string, row int) {
	c.rec, c.row, c.bad, c.province = rec, row, false, ""
	c.problems = c.problems[:0]
}

// finish counts the row and files its problems under the row's province,
// which is known only once its office or province cell is read.
func (c *rowCtx) finish(stat *export.FileStat, out *[]export.Problem) {
	stat.Rows++
	stat.RowsByProvince[c.province]++
	if c.bad {
		stat.Errors++
		stat.ErrorsByProvince[c.province]++
	}
	for _, p := range c.problems {
		p.Province = c.province
		if p.Warning {
			stat.Warnings++
		}
		*out = append(*out, p)
	}
}

// raw is cell i as written.
func (c *rowCtx) raw(i int) string {
	if j := c.pos[i]; j < len(c.rec) {
		return c.rec[j]
	}
	return ""
}

// problem notes a problem with column i, or with the whole row when i < 0.
func (c *rowCtx) problem(i int, reason string, warning bool) {
	p := export.Problem{Kind: c.kind, File: c.file, Sheet: c.sheet, Row: c.row, Reason: reason, Warning: warning}
	if i >= 0 {
		p.Column = c.cols[i].name
	}
	if !warning {
		c.bad = true
	}
	c.problems = append(c.problems, p)
}

func (c *rowCtx) fail(i int, reason string) { c.problem(i, reason, false) }

// breaks notes that cell i breaks the column's rule.
func (c *rowCtx) breaks(i int, rule string) {
	c.fail(i, fmt.Sprintf("%s, got %q", rule, c.raw(i)))
}

// text is the normalised cell i, which must not be empty.
func (c *rowCtx) text(i int) (string, bool) {
	raw := c.raw(i)
	s := Normalize(raw)
	if s == "" {
		c.fail(i, "is required")
		return "", false
	}
	if !plain(raw) && !utf8.ValidString(s) {
		// A file read as UTF-8 (its first 64 KiB were) with a row saved in
		// another encoding further down: an error, not garbled text in the
		// reports.
		c.breaks(i, "is not UTF-8 text (a row saved in another encoding, such as Windows-1256?)")
		return "", false
	}
	return s, true
}

func (c *rowCtx) date(i int) scoring.Date { return c.dateBy(i, ParseDate, excelDate) }

// dateBy reads cell i with parse, or in a workbook with excel (which
// also takes Excel's serial dates).
func (c *rowCtx) dateBy(i int, parse func(string) (scoring.Date, error), excel func(string, bool) (scoring.Date, error)) scoring.Date {
	s, ok := c.text(i)
	if !ok {
		return scoring.Date{}
	}
	var d scoring.Date
	var err error
	if c.dates != noSerialDates {
		d, err = excel(s, c.dates == excel1904)
	} else {
		d, err = parse(s)
	}
	if err != nil {
		c.breaks(i, err.Error())
	}
	return d
}

// number is cell i as a number within [lo, hi].
func (c *rowCtx) number(i int, lo, hi float64, rule string) float64 {
	s, ok := c.text(i)
	if !ok {
		return 0
	}
	x, err := parseNumber(s, c.decimalComma)
	if err != nil || x < lo || x > hi {
		c.breaks(i, rule)
	}
	return x
}

// whole is cell i as a whole number within [lo, hi].
func (c *rowCtx) whole(i int, lo, hi int, rule string) int {
	s, ok := c.text(i)
	if !ok {
		return 0
	}
	n, err := parseWhole(s, c.decimalComma)
	if err != nil || n < lo || n > hi {
		c.breaks(i, rule)
	}
	return n
}

func (c *rowCtx) category(i int, cat *category) string {
	s, ok := c.text(i)
	if !ok {
		return ""
	}
	id, ok := cat.lookup(s)
	if !ok {
		c.breaks(i, cat.rule())
	}
	return id
}

// provinceCell reads a province and makes it the row's.
func (c *rowCtx) provinceCell(i int) scoring.Province {
	s, ok := c.text(i)
	if !ok {
		return scoring.Province{}
	}
	p, ok := scoring.LookupProvince(s)
	if !ok {
		c.breaks(i, "must be one of the 31 provinces, by Persian or English name")
		return p
	}
	c.province = p.Slug
	return p
}

// dateTime is cell i as a Jalali date with an optional time of day
// (1404/03/15 14:30); the time must be a real one, and is not kept.
func (c *rowCtx) dateTime(i int) scoring.Date { return c.dateBy(i, ParseDateTime, excelDateTime) }
