package ingest

import (
	"slices"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

// The row functions check one record of a kind, column by column in the
// order of the kind's declaration, asking for each column by name: the
// declaration says how its cells are read and checked (export.Offices …).
// They keep the record when nothing is wrong. An id is claimed by the
// first row that stands; a later row with it is an error naming that row.

func (r *reader) office(c *rowCtx) {
	code := c.text("office_code")
	o := scoring.Office{Code: code, Row: c.row}
	o.Name = c.text("name")
	o.Province = c.provinceCell("province")
	o.City = c.text("city")
	o.AreaType = c.category("area_type")
	o.OfficeType = c.category("office_type")
	o.HolderNationalID = c.nationalID("holder_national_id")
	o.LicenseDate = c.date("license_date")
	if code == "" {
		return
	}
	if first, ok := r.registry[code]; ok {
		c.repeats("office_code", first.row)
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
	d.OfficeCode = r.registered(c, "office_code")
	before := len(c.problems)
	d.Period = c.period("period")
	periodRead := len(c.problems) == before
	d.SubmittedAt = c.date("submitted_at")
	d.AreaM2 = c.number("area_m2")
	d.StaffCount = c.whole("staff_count")
	d.LocationClass = c.category("location_class")
	d.AssociationScore = c.number("association_score")
	d.ReviewStatus = c.category("review_status")
	switch {
	case !c.bad:
		d.Row = c.row
		r.exp.Declarations = appendDoubling(r.exp.Declarations, d)
	case d.OfficeCode != "":
		// The engine says why its office does not take part.
		e := scoring.DeclarationInError{OfficeCode: d.OfficeCode, Row: c.row}
		if periodRead {
			e.Period = d.Period
		}
		r.exp.DeclarationsInError = append(r.exp.DeclarationsInError, e)
	}
}

func (r *reader) survey(c *rowCtx, keep func(scoring.Survey)) {
	id, s := r.surveyCells(c)
	if id == "" {
		return
	}
	if first := r.responses.find(id); first > 0 {
		c.repeats("response_id", first)
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
	id := c.text("response_id")
	var s scoring.Survey
	s.OfficeCode = r.registered(c, "office_code")
	s.Date = c.date("response_date")
	s.Score = c.whole("score")
	return id, s
}

func (r *reader) violation(c *rowCtx) {
	var v scoring.Violation
	v.CaseID = c.text("case_id")
	v.OfficeCode = r.registered(c, "office_code")
	v.Type = c.category("violation_type")
	v.RulingDate = c.date("ruling_date")
	v.Status = c.category("ruling_status")
	if v.CaseID == "" {
		return
	}
	if r.cases == nil {
		// Sized for the file: a ruling's line is at least ~32 bytes.
		r.cases = make(map[string]int, min(r.size/32, 1<<22))
	}
	if first, ok := r.cases[v.CaseID]; ok {
		c.repeats("case_id", first)
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
	s.Province = c.provinceCell("province")
	s.City = c.text("city")
	s.AreaType = c.category("area_type")
	s.Available = c.whole("available_services")
	if c.bad {
		return
	}
	if r.areas == nil {
		r.areas = map[scoring.AreaKey]int{}
	}
	if first, ok := r.areas[s.Area()]; ok {
		c.fail("", export.Msg("repeats_area", first))
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
