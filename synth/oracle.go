package synth

import (
	"cmp"
	"slices"

	"github.com/iranict/rank/scoring"
)

// This file is a deliberately plain copy of the default method (rules.yaml,
// docs/domain.md §3), written apart from the engine so that each checks the
// other. It knows only the default numbers.

// spacePoints is the space indicator for area_m2.
func spacePoints(rural bool, area float64) float64 {
	steps := [3]float64{20, 40, 60}
	if rural {
		steps = [3]float64{12, 25, 40}
	}
	switch {
	case area >= steps[2]:
		return 15
	case area >= steps[1]:
		return 10
	case area >= steps[0]:
		return 5
	}
	return 0
}

// staffPoints is the staff indicator for staff_count.
func staffPoints(rural bool, n int) float64 {
	if rural {
		switch {
		case n >= 3:
			return 15
		case n == 2:
			return 11
		case n == 1:
			return 7
		}
		return 0
	}
	switch {
	case n >= 6:
		return 15
	case n >= 4:
		return 12
	case n >= 2:
		return 8
	case n == 1:
		return 3
	}
	return 0
}

// locationPoints is the location indicator for location_class.
func locationPoints(class string) float64 {
	switch class {
	case "main_street":
		return 10
	case "secondary_street":
		return 6
	case "alley":
		return 2
	}
	return 0
}

// satisfactionPoints is 35 × (s − 1) / 4 with the Bayesian mean
// s = (sum + 10·m) / (count + 10).
func satisfactionPoints(sum, count int64, m float64) float64 {
	s := (float64(sum) + 10*m) / (float64(count) + 10)
	s = min(max(s, 1), 5)
	return 35 * (s - 1) / 4
}

// historyPoints is 1.5 per full year of license, at most 15.
func historyPoints(license scoring.Date, p scoring.Period) float64 {
	return min(1.5*float64(scoring.FullYears(license, p.End())), 15)
}

var penaltyPoints = map[string]float64{
	"overcharging":            10,
	"forgery":                 25,
	"unauthorized_relocation": 15,
	"no_accessibility":        5,
}

const penaltyCap = 50

// gradeOf is the grade of a total, before any grade cap.
func gradeOf(total float64) int {
	switch {
	case total >= 60:
		return 1
	case total >= 40:
		return 2
	}
	return 3
}

type oracleResult struct {
	status scoring.Status
	review string
	grade  int
	points Points
}

type oracleUse struct{ used, outside, superseded int64 }

// oracle evaluates valid rows by the default method.
func oracle(p scoring.Period, offices []scoring.Office, decls []scoring.Declaration,
	surveys map[string]scoring.SurveyCount, viols []scoring.Violation,
) (res map[string]oracleResult, means map[string]float64, use map[string]oracleUse) {
	use = map[string]oracleUse{}
	byCode := map[string]scoring.Office{}
	for _, o := range offices {
		byCode[o.Code] = o
	}
	use[scoring.KindOffices] = oracleUse{used: int64(len(offices))}

	// The standing declaration per office and period: the latest
	// submitted_at, the later row on equal dates.
	type key struct {
		code   string
		period scoring.Period
	}
	latest := map[key]int{}
	du := oracleUse{}
	for i, d := range decls {
		if _, ok := byCode[d.OfficeCode]; !ok {
			continue
		}
		if d.Period != p && d.Period != p.Previous() {
			du.outside++
			continue
		}
		k := key{d.OfficeCode, d.Period}
		if j, ok := latest[k]; ok {
			du.superseded++
			if d.SubmittedAt.Before(decls[j].SubmittedAt) {
				continue
			}
		}
		latest[k] = i
	}

	sums := map[string][2]int64{}
	su := oracleUse{}
	for code, c := range surveys {
		o, ok := byCode[code]
		if !ok {
			continue
		}
		s := sums[o.Province.Slug]
		sums[o.Province.Slug] = [2]int64{s[0] + c.Sum, s[1] + c.Count}
		su.used += c.Count
		su.outside += c.Outside
	}
	use[scoring.KindSurveys] = su
	means = map[string]float64{}
	for slug, s := range sums {
		if s[1] > 0 {
			means[slug] = float64(s[0]) / float64(s[1])
		}
	}

	res = map[string]oracleResult{}
	for _, o := range offices {
		r := oracleResult{status: scoring.NotParticipating, grade: 3}
		var d *scoring.Declaration
		if i, ok := latest[key{o.Code, p}]; ok {
			d, r.status = &decls[i], scoring.Participating
			du.used++
		} else if i, ok := latest[key{o.Code, p.Previous()}]; ok && decls[i].ReviewStatus == "confirmed" {
			d, r.status = &decls[i], scoring.CarriedForward
			du.used++
		}
		if _, ok := latest[key{o.Code, p.Previous()}]; ok && r.status != scoring.CarriedForward {
			du.outside++ // a previous period's declaration that does not carry forward
		}
		if d != nil {
			r.review = d.ReviewStatus
			rural := o.AreaType == "rural"
			pt := &r.points
			if r.status == scoring.CarriedForward || d.ReviewStatus == "confirmed" {
				pt.Space = spacePoints(rural, d.AreaM2)
				pt.Staff = staffPoints(rural, d.StaffCount)
				pt.Location = locationPoints(d.LocationClass)
			}
			m, ok := means[o.Province.Slug]
			if !ok {
				m = 3
			}
			c := surveys[o.Code]
			pt.Satisfaction = satisfactionPoints(c.Sum, c.Count, m)
			pt.History = historyPoints(o.LicenseDate, p)
			pt.Association = min(max(d.AssociationScore, 0), 10)
			pt.Positive = min(pt.Space+pt.Staff+pt.Location+pt.Satisfaction+pt.History+pt.Association, 100)
		}
		res[o.Code] = r
	}
	use[scoring.KindDeclarations] = du

	// Penalties: final rulings within the period, in date then case order,
	// up to the cap.
	vs := slices.Clone(viols)
	slices.SortStableFunc(vs, func(a, b scoring.Violation) int {
		return cmp.Or(cmp.Compare(a.OfficeCode, b.OfficeCode), a.RulingDate.Compare(b.RulingDate), cmp.Compare(a.CaseID, b.CaseID))
	})
	vu := oracleUse{}
	forgery := map[string]bool{}
	for _, v := range vs {
		r, ok := res[v.OfficeCode]
		if !ok {
			continue
		}
		if !p.Contains(v.RulingDate) {
			vu.outside++
			continue
		}
		vu.used++
		if v.Status != "final" || !r.status.Participates() {
			continue
		}
		r.points.Penalty = min(r.points.Penalty+penaltyPoints[v.Type], penaltyCap)
		if v.Type == "forgery" {
			forgery[v.OfficeCode] = true
		}
		res[v.OfficeCode] = r
	}
	use[scoring.KindViolations] = vu

	for code, r := range res {
		if !r.status.Participates() {
			continue
		}
		r.points.Total = max(r.points.Positive-r.points.Penalty, 0)
		r.grade = gradeOf(r.points.Total)
		if forgery[code] && r.grade < 3 {
			r.grade, r.points.Capped = 3, true
		}
		res[code] = r
	}
	return res, means, use
}
