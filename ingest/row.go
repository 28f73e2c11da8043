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
	next     int // the column after the one last asked for
	bad      bool
	province string
	problems []export.Problem
}

func (c *rowCtx) start(rec []string, row int) {
	c.rec, c.row, c.bad, c.province, c.next = rec, row, false, "", 0
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

// at is the place of the column named name among the file's columns.
// Row functions name the columns their kind declares; another name is a
// mistake in the code, which panics in any test that reads the kind.
func (c *rowCtx) at(name string) int {
	// Row functions ask for the columns in their declared order: the one
	// after the last asked for is tried first.
	if i := c.next; i < len(c.cols) && c.cols[i].Name == name {
		c.next = i + 1
		return i
	}
	for i := range c.cols {
		if c.cols[i].Name == name {
			c.next = i + 1
			return i
		}
	}
	panic("ingest: " + c.kind + " has no column " + name)
}

// raw is the cell of the column named name, as written.
func (c *rowCtx) raw(name string) string { return c.rawAt(c.at(name)) }

func (c *rowCtx) rawAt(i int) string {
	if j := c.pos[i]; j < len(c.rec) {
		return c.rec[j]
	}
	return ""
}

// problem notes a problem with the column named name, or with the whole
// row when name is "".
func (c *rowCtx) problem(name string, m export.Message, warning bool) {
	i := -1
	if name != "" {
		i = c.at(name)
	}
	c.problemAt(i, m, warning)
}

func (c *rowCtx) problemAt(i int, m export.Message, warning bool) {
	p := export.Problem{Kind: c.kind, File: c.file, Sheet: c.sheet, Row: c.row, Warning: warning}
	p.Because(m)
	if i >= 0 {
		p.Column = c.cols[i].Name
	}
	if !warning {
		c.bad = true
	}
	c.problems = append(c.problems, p)
}

func (c *rowCtx) fail(name string, m export.Message) { c.problem(name, m, false) }

// breaks notes that cell i breaks its column's rule, quoting it.
func (c *rowCtx) breaks(i int, rule export.Message) {
	c.problemAt(i, export.Msg("got", rule, c.rawAt(i)), false)
}

// cell is the normalised cell i. An empty cell is an error unless the
// column is optional; ok is false for an empty or broken cell.
func (c *rowCtx) cell(i int) (s string, ok bool) {
	raw := c.rawAt(i)
	s = Normalize(raw)
	if s == "" {
		if !c.cols[i].Optional {
			c.problemAt(i, export.Msg("required"), false)
		}
		return "", false
	}
	if !plain(raw) && !utf8.ValidString(s) {
		// A file read as UTF-8 (its first 64 KiB were) with a row saved in
		// another encoding further down: an error, not garbled text in the
		// reports.
		c.breaks(i, export.Msg("not_utf8"))
		return "", false
	}
	return s, true
}

// typed is the place of the column named name, whose type must be one of
// types (a set of bits 1<<export.Type).
func (c *rowCtx) typed(name string, types uint16) int {
	i := c.at(name)
	if types&(1<<c.cols[i].Type) == 0 {
		panic(fmt.Sprintf("ingest: %s.%s is a %s column, read otherwise", c.kind, name, c.cols[i].Type))
	}
	return i
}

// The types each getter reads.
const (
	textTypes   = 1<<export.Text | 1<<export.Code
	dateTypes   = 1<<export.Date | 1<<export.DateTime
	numberTypes = 1 << export.Number
)

// text is the normalised cell of a Text or Code column, "" when it is
// empty or broken.
func (c *rowCtx) text(name string) string {
	s, _ := c.cell(c.typed(name, textTypes))
	return s
}

// date is the cell of a Date or DateTime column: in a workbook also
// Excel's serial date. A DateTime's time must be a real one, and is not
// kept.
func (c *rowCtx) date(name string) scoring.Date {
	i := c.typed(name, dateTypes)
	s, ok := c.cell(i)
	if !ok {
		return scoring.Date{}
	}
	var d scoring.Date
	var err error
	switch {
	case c.cols[i].Type == export.DateTime && c.dates != noSerialDates:
		d, err = excelDateTime(s, c.dates == excel1904)
	case c.cols[i].Type == export.DateTime:
		d, err = ParseDateTime(s)
	case c.dates != noSerialDates:
		d, err = excelDate(s, c.dates == excel1904)
	default:
		d, err = ParseDate(s)
	}
	if err != nil {
		c.breaks(i, ruleOf(err))
	}
	return d
}

// number is the cell of a Number column, within its range.
func (c *rowCtx) number(name string) float64 {
	x, _ := c.numberOK(name)
	return x
}

// numberOK is number, ok false when the cell is empty (an optional
// column's missing value) or in error.
func (c *rowCtx) numberOK(name string) (float64, bool) {
	i := c.typed(name, numberTypes)
	s, ok := c.cell(i)
	if !ok {
		return 0, false
	}
	x, err := parseNumber(s, c.decimalComma)
	if err != nil || !c.cols[i].Range.Contains(x) {
		c.breaks(i, c.cols[i].Breaks())
		return x, false
	}
	return x, true
}

// whole is the cell of a Whole column, within its range.
func (c *rowCtx) whole(name string) int {
	return checked(c, name, export.Whole, func(col *column, s string) (int, bool) {
		n, err := parseWhole(s, c.decimalComma)
		return n, err == nil && col.Range.Contains(float64(n))
	})
}

// category is the id a OneOf column's cell names.
func (c *rowCtx) category(name string) string {
	return checked(c, name, export.OneOf, func(col *column, s string) (string, bool) {
		return col.cat.lookup(s)
	})
}

// period is the cell of a Period column.
func (c *rowCtx) period(name string) scoring.Period {
	return checked(c, name, export.Period, func(_ *column, s string) (scoring.Period, bool) {
		p, err := scoring.ParsePeriod(s)
		return p, err == nil
	})
}

// checked is the cell of the column named name, of type t, as parse reads
// it; a cell parse refuses breaks the column's rule.
func checked[T any](c *rowCtx, name string, t export.Type, parse func(*column, string) (T, bool)) T {
	i := c.typed(name, 1<<t)
	s, ok := c.cell(i)
	if !ok {
		var zero T
		return zero
	}
	v, ok := parse(&c.cols[i], s)
	if !ok {
		c.breaks(i, c.cols[i].Breaks())
	}
	return v
}

// provinceCell reads a Province column's cell and makes it the row's
// province.
func (c *rowCtx) provinceCell(name string) scoring.Province {
	i := c.typed(name, 1<<export.Province)
	s, ok := c.cell(i)
	if !ok {
		return scoring.Province{}
	}
	p, ok := scoring.LookupProvince(s)
	if !ok {
		c.breaks(i, c.cols[i].Breaks())
		return p
	}
	c.province = p.Slug
	return p
}

// nationalID is the cell of a NationalID column as its 10 digits. A
// missing or bad one is a warning: the row stands, with the id as written.
func (c *rowCtx) nationalID(name string) string {
	i := c.typed(name, 1<<export.NationalID)
	raw := c.rawAt(i)
	id, err := ParseNationalID(raw)
	switch {
	case err != nil && Normalize(raw) == "":
		c.problemAt(i, ruleOf(err), true)
	case err != nil:
		c.problemAt(i, export.Msg("got", ruleOf(err), raw), true)
		id = Normalize(raw)
	}
	return id
}

// repeats notes that the id in the column named name was claimed by an
// earlier row.
func (c *rowCtx) repeats(name string, first int) {
	i := c.at(name)
	c.problemAt(i, repeated(c.cols[i], first), false)
}

// repeated is the message of an id in col that row first claimed.
func repeated(col column, first int) export.Message {
	return export.Msg("repeats", col.Title(), first)
}
