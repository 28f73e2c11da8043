package ingest

import (
	"fmt"
	"math"
	"slices"

	"github.com/iranict/rank/scoring"
)

// The row functions check one record of a kind, column by column in the
// order of the kind's columns, and keep it when nothing is wrong. An id
// is claimed by the first row that stands; a later row with it is an
// error naming that row.

func (r *reader) office(c *rowCtx) {
	code, _ := c.text(0)
	o := scoring.Office{Code: code, Row: c.row}
	o.Name, _ = c.text(1)
	o.Province = c.provinceCell(2)
	o.City, _ = c.text(3)
	o.AreaType = c.category(4, areaTypes)
	o.OfficeType = c.category(5, officeTypes)
	id, err := ParseNationalID(c.raw(6))
	switch {
	case err != nil && Normalize(c.raw(6)) == "":
		c.problem(6, err.Error(), true)
	case err != nil:
		c.problem(6, fmt.Sprintf("%v, got %q", err, c.raw(6)), true)
		id = Normalize(c.raw(6))
	}
	o.HolderNationalID = id
	o.LicenseDate = c.date(7)
	if code == "" {
		return
	}
	if first, ok := r.registry[code]; ok {
		c.fail(0, fmt.Sprintf("repeats office_code of row %d", first.row))
		return
	}
	if c.bad {
		if _, ok := r.rejected[code]; !ok {
			r.rejected[code] = registered{c.row, c.province}
		}
		return
	}
	delete(r.rejected, code)
	r.registry[code] = registered{c.row, o.Province.Slug}
	r.exp.Offices = appendDoubling(r.exp.Offices, o)
}

func (r *reader) declaration(c *rowCtx) {
	var d scoring.Declaration
	d.OfficeCode, _ = r.registered(c, 0)
	if s, ok := c.text(1); ok {
		var err error
		if d.Period, err = scoring.ParsePeriod(s); err != nil {
			c.breaks(1, "must be a period such as 1404-H1 (H1 = months 1–6, H2 = months 7–12)")
		}
	}
	d.SubmittedAt = c.date(2)
	d.AreaM2 = c.number(3, 0, math.MaxFloat64, "must be a number ≥ 0")
	d.StaffCount = c.whole(4, 1, math.MaxInt, "must be a whole number ≥ 1")
	d.LocationClass = c.category(5, locationClasses)
	d.AssociationScore = c.number(6, 0, 10, "must be a number from 0 to 10")
	d.ReviewStatus = c.category(7, reviewStatuses)
	if !c.bad {
		d.Row = c.row
		r.exp.Declarations = appendDoubling(r.exp.Declarations, d)
	}
}

func (r *reader) survey(c *rowCtx, keep func(scoring.Survey)) {
	id, s := r.surveyCells(c)
	if id == "" {
		return
	}
	if first := r.responses.find(id); first > 0 {
		c.fail(0, fmt.Sprintf("repeats response_id of row %d", first))
		return
	}
	if !c.bad {
		r.responses.add(id, c.row)
		if keep != nil {
			keep(s)
		}
	}
}

// surveyCells checks the cells of a survey row and returns its normalised
// response_id ("" when missing) and the response; the fast reader shares it.
func (r *reader) surveyCells(c *rowCtx) (string, scoring.Survey) {
	id, _ := c.text(0)
	var s scoring.Survey
	s.OfficeCode, _ = r.registered(c, 1)
	s.Date = c.date(2)
	s.Score = c.whole(3, 1, 5, "must be a whole number from 1 to 5")
	return id, s
}

func (r *reader) violation(c *rowCtx) {
	var v scoring.Violation
	v.CaseID, _ = c.text(0)
	v.OfficeCode, _ = r.registered(c, 1)
	v.Type = c.category(2, violationTypes)
	v.RulingDate = c.date(3)
	v.Status = c.category(4, rulingStatuses)
	if v.CaseID == "" {
		return
	}
	if r.cases == nil {
		// Sized for the file: a ruling's line is at least ~32 bytes.
		r.cases = make(map[string]int, min(r.size/32, 1<<22))
	}
	if first, ok := r.cases[v.CaseID]; ok {
		c.fail(0, fmt.Sprintf("repeats case_id of row %d", first))
		return
	}
	if !c.bad {
		r.cases[v.CaseID] = c.row
		v.Row = c.row
		r.exp.Violations = appendDoubling(r.exp.Violations, v)
	}
}

func (r *reader) service(c *rowCtx) {
	var s scoring.Service
	s.Province = c.provinceCell(0)
	s.City, _ = c.text(1)
	s.AreaType = c.category(2, areaTypes)
	s.Available = c.whole(3, 0, math.MaxInt, "must be a whole number ≥ 0")
	if c.bad {
		return
	}
	if r.areas == nil {
		r.areas = map[scoring.AreaKey]int{}
	}
	if first, ok := r.areas[s.Area()]; ok {
		c.fail(-1, fmt.Sprintf("repeats the area (province, city, area_type) of row %d", first))
		return
	}
	r.areas[s.Area()] = c.row
	s.Row = c.row
	r.exp.Services = appendDoubling(r.exp.Services, s)
}

// appendDoubling appends v, doubling the slice when it is full. append
// grows a large slice by a quarter at a time: the 100,000 rulings of a
// national folder would be copied into slices adding up to five times
// their size; doubling keeps it to twice.
func appendDoubling[T any](s []T, v T) []T {
	if len(s) == cap(s) {
		s = slices.Grow(s, max(len(s), 16))
	}
	return append(s, v)
}
