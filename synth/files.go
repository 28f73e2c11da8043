package synth

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"

	"github.com/iranict/rank/scoring"
)

// declRow is a declaration as written; bad rows carry their reason.
type declRow struct {
	d     scoring.Declaration
	cells []string
	bad   *Planted
}

// declarations writes the self-declarations: the designed standing and
// carried-forward ones, and around them superseded submissions, previous
// periods' and older ones. It returns the valid rows in file order.
func (g *gen) declarations() ([]scoring.Declaration, error) {
	rng, p := g.rng, g.cfg.Period
	prev := p.Previous()
	var rows []declRow
	add := func(d scoring.Declaration) { rows = append(rows, declRow{d: d}) }
	other := func(o *office, per scoring.Period, review string) scoring.Declaration {
		rural := o.AreaType == "rural"
		return scoring.Declaration{
			OfficeCode: o.Code, Period: per, SubmittedAt: g.dayOf(per, 90),
			AreaM2: g.area(rural, rng.IntN(4)), StaffCount: g.staff(rural, rng.IntN(3)),
			LocationClass:    []string{"alley", "secondary_street", "main_street"}[rng.IntN(3)],
			AssociationScore: float64(rng.IntN(21)) / 2, ReviewStatus: review,
		}
	}
	var sameDay, lateRow bool
	var moved []declRow
	for _, o := range g.offices {
		switch o.status {
		case scoring.Participating:
			if rng.IntN(100) < 30 {
				add(other(o, prev, []string{"confirmed", "confirmed", "rejected", "pending"}[rng.IntN(4)]))
			}
			if rng.IntN(100) < 7 || !sameDay || !lateRow && g.cfg.Quirks {
				// An earlier submission for the same period, superseded.
				d := other(o, p, "pending")
				switch {
				case !sameDay:
					sameDay = true
					d.SubmittedAt = o.decl.SubmittedAt // on equal dates the later row stands
				case !lateRow && g.cfg.Quirks:
					// Written after the standing one but dated before it.
					lateRow = true
					d.SubmittedAt = addDays(p.Start(), 0)
					if !d.SubmittedAt.Before(o.decl.SubmittedAt) {
						o.decl.SubmittedAt = addDays(d.SubmittedAt, 1)
					}
					moved = append(moved, declRow{d: d})
					add(o.decl)
					continue
				default:
					if o.decl.SubmittedAt == p.Start() {
						o.decl.SubmittedAt = addDays(p.Start(), 1)
					}
					d.SubmittedAt = addDays(p.Start(), rng.IntN(daysBetween(p.Start(), o.decl.SubmittedAt)))
				}
				add(d)
			}
			add(o.decl)
		case scoring.CarriedForward:
			if rng.IntN(100) < 20 {
				add(other(o, prev.Previous(), "confirmed"))
			}
			add(o.decl)
		default:
			if rng.IntN(100) < 12 {
				add(other(o, prev, []string{"rejected", "pending"}[rng.IntN(2)]))
			}
			if rng.IntN(100) < 5 {
				add(other(o, prev.Previous(), "confirmed")) // too old to carry forward
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b declRow) int { return a.d.SubmittedAt.Compare(b.d.SubmittedAt) })
	rows = append(rows, moved...)

	const k = Declarations
	if g.cfg.Quirks {
		var outsiders []*office
		for _, o := range g.offices {
			if !o.status.Participates() {
				outsiders = append(outsiders, o)
			}
		}
		if len(outsiders) < 2 {
			outsiders = append(outsiders, g.offices[0], g.offices[0])
		}
		bad := func(at int, o string, col, reason, val string, mod func(d *scoring.Declaration, cells []string)) {
			d := scoring.Declaration{OfficeCode: o, Period: p, SubmittedAt: addDays(p.Start(), 20),
				AreaM2: 50, StaffCount: 3, LocationClass: "main_street", AssociationScore: 8, ReviewStatus: "confirmed"}
			r := declRow{d: d, bad: &Planted{Column: col, Reason: reason, Value: val}}
			r.cells = g.declCells(d)
			mod(&r.d, r.cells)
			rows = slices.Insert(rows, at, r)
		}
		n := len(rows)
		bad(n/4, "99-00001", "office_code", ReasonUnknownOffice, "99-00001", func(*scoring.Declaration, []string) {})
		zero := "0"
		if g.digits(k) {
			zero = "۰"
		}
		bad(n/2, outsiders[0].Code, "staff_count", ReasonStaffCount, zero, func(_ *scoring.Declaration, c []string) { c[4] = zero })
		day := 30
		if scoring.IsLeap(p.Year) {
			day = 31
		}
		invalid := strconv.Itoa(p.Year) + "/12/" + strconv.Itoa(day)
		bad(3*n/4, outsiders[1].Code, "submitted_at", ReasonInvalidDate, invalid, func(_ *scoring.Declaration, c []string) { c[2] = invalid })
	}

	fp := FilePlan{Name: g.cfg.Format.fileName(k)}
	var valid []scoring.Declaration
	cells := make([][]string, len(rows))
	for i, r := range rows {
		if r.cells == nil {
			r.cells = g.declCells(r.d)
		}
		cells[i] = r.cells
		if r.bad != nil {
			r.bad.Row = int64(i) + 2
			fp.Errors = append(fp.Errors, *r.bad)
			continue
		}
		r.d.Row = i + 2
		valid = append(valid, r.d)
	}
	fp.Rows = int64(len(rows))
	g.plan.Files[scoring.KindDeclarations] = fp
	return valid, g.cfg.Format.writeRows(g.dir, k, g.cfg.Format.header(k, headers[k]), cells)
}

func daysBetween(a, b scoring.Date) int {
	n := 0
	for a.Before(b) {
		a = addDays(a, 1)
		n++
	}
	return n
}

func (g *gen) declCells(d scoring.Declaration) []string {
	const k = Declarations
	return []string{
		d.OfficeCode, d.Period.String(), g.date(k, d.SubmittedAt),
		g.num(k, ftoa(d.AreaM2)), g.num(k, strconv.Itoa(d.StaffCount)), g.cat(k, d.LocationClass),
		g.num(k, ftoa(d.AssociationScore)), g.cat(k, d.ReviewStatus),
	}
}

// violations writes the rulings: the designed final ones within the period
// and others that deduct nothing. It returns the valid rows in file order.
func (g *gen) violations() ([]scoring.Violation, error) {
	rng, p := g.rng, g.cfg.Period
	prev := p.Previous()
	types := []string{"overcharging", "forgery", "unauthorized_relocation", "no_accessibility"}
	var vs []scoring.Violation
	var g1, parts, outsiders []*office
	for _, o := range g.offices {
		for _, t := range o.penalties {
			vs = append(vs, scoring.Violation{OfficeCode: o.Code, Type: t, RulingDate: g.dayIn(p), Status: "final"})
		}
		switch {
		case o.status.Participates() && o.grade == 1:
			g1 = append(g1, o)
			parts = append(parts, o)
		case o.status.Participates():
			parts = append(parts, o)
		default:
			outsiders = append(outsiders, o)
		}
	}
	pick := func(os []*office) *office {
		if len(os) == 0 {
			return g.offices[rng.IntN(len(g.offices))]
		}
		return os[rng.IntN(len(os))]
	}
	// One of each ruling that must deduct nothing.
	vs = append(vs,
		scoring.Violation{OfficeCode: pick(g1).Code, Type: "forgery", RulingDate: g.dayIn(p), Status: "appealed"},
		scoring.Violation{OfficeCode: pick(parts).Code, Type: "overcharging", RulingDate: g.dayIn(p), Status: "dismissed"},
		scoring.Violation{OfficeCode: pick(parts).Code, Type: "forgery", RulingDate: g.dayIn(prev), Status: "final"},
		scoring.Violation{OfficeCode: pick(outsiders).Code, Type: "unauthorized_relocation", RulingDate: g.dayIn(p), Status: "final"},
	)
	for len(vs) < g.cfg.Violations {
		o := g.offices[rng.IntN(len(g.offices))]
		v := scoring.Violation{OfficeCode: o.Code, Type: types[rng.IntN(len(types))]}
		switch r := rng.IntN(10); {
		case r < 4:
			v.Status = "appealed"
		case r < 7:
			v.Status = "dismissed"
		default:
			v.Status = "final"
		}
		v.RulingDate = g.dayIn([]scoring.Period{p, prev}[rng.IntN(2)])
		if v.Status == "final" && o.status.Participates() {
			v.RulingDate = g.dayIn(prev)
		}
		vs = append(vs, v)
	}
	slices.SortStableFunc(vs, func(a, b scoring.Violation) int { return a.RulingDate.Compare(b.RulingDate) })
	for i := range vs {
		vs[i].CaseID = "V" + strconv.Itoa(p.Year) + "-" + pad5(i+1)
	}

	const k = Violations
	type vrow struct {
		v     scoring.Violation
		cells []string
		bad   *Planted
	}
	rows := make([]vrow, len(vs))
	for i, v := range vs {
		rows[i] = vrow{v: v}
	}
	if g.cfg.Quirks {
		n := len(rows)
		mk := func(v scoring.Violation, col, reason, val string, cell int) vrow {
			c := g.violationCells(v)
			if cell >= 0 {
				c[cell] = val
			}
			return vrow{v: v, cells: c, bad: &Planted{Column: col, Reason: reason, Value: val}}
		}
		target := pick(g1).Code
		rows = slices.Insert(rows, n/3, mk(scoring.Violation{CaseID: "V" + strconv.Itoa(p.Year) + "-90001", OfficeCode: target,
			Type: "overcharging", RulingDate: g.dayIn(p), Status: "final"}, "violation_type", ReasonUnknownType, "رشوه", 2))
		invalid := strconv.Itoa(p.Start().Year) + "/06/32"
		rows = slices.Insert(rows, n/2+1, mk(scoring.Violation{CaseID: "V" + strconv.Itoa(p.Year) + "-90002", OfficeCode: target,
			Type: "overcharging", Status: "final"}, "ruling_date", ReasonInvalidDate, invalid, 3))
		rows = slices.Insert(rows, 2*n/3+2, mk(scoring.Violation{CaseID: vs[0].CaseID, OfficeCode: target,
			Type: "forgery", RulingDate: g.dayIn(p), Status: "final"}, "case_id", ReasonDuplicateCase, vs[0].CaseID, -1))
	}
	fp := FilePlan{Name: g.cfg.Format.fileName(k)}
	var valid []scoring.Violation
	cells := make([][]string, len(rows))
	for i, r := range rows {
		if r.cells == nil {
			r.cells = g.violationCells(r.v)
		}
		cells[i] = r.cells
		if r.bad != nil {
			r.bad.Row = int64(i) + 2
			fp.Errors = append(fp.Errors, *r.bad)
			continue
		}
		r.v.Row = i + 2
		valid = append(valid, r.v)
	}
	fp.Rows = int64(len(rows))
	g.plan.Files[scoring.KindViolations] = fp
	return valid, g.cfg.Format.writeRows(g.dir, k, g.cfg.Format.header(k, headers[k]), cells)
}

func (g *gen) violationCells(v scoring.Violation) []string {
	const k = Violations
	date := ""
	if !v.RulingDate.IsZero() {
		date = g.date(k, v.RulingDate)
	}
	return []string{v.CaseID, v.OfficeCode, g.cat(k, v.Type), date, g.cat(k, v.Status)}
}

// services writes the services available per area; some areas have no row
// unless the coverage is full.
func (g *gen) services() error {
	if g.cfg.ServicesCoverage == 0 {
		return nil
	}
	rng := g.rng
	type area struct {
		prov       scoring.Province
		city, kind string
	}
	seen := map[area]bool{}
	var areas []area
	for _, o := range g.offices {
		a := area{o.Province, o.City, o.AreaType}
		if !seen[a] {
			seen[a] = true
			areas = append(areas, a)
		}
	}
	slices.SortFunc(areas, func(a, b area) int {
		return cmp.Or(cmp.Compare(a.prov.Code, b.prov.Code), cmp.Compare(a.city, b.city), cmp.Compare(a.kind, b.kind))
	})
	const k = Services
	var rows [][]string
	missing := 0
	for i, a := range areas {
		if g.cfg.ServicesCoverage < 1 && (rng.Float64() >= g.cfg.ServicesCoverage || missing == 0 && i == len(areas)-1 && len(areas) > 1) {
			missing++
			continue
		}
		n := 40 + rng.IntN(81)
		if a.kind == "rural" {
			n = 10 + rng.IntN(31)
		}
		prov := a.prov.Slug
		if g.cfg.Format.PersianHeaders.Has(k) {
			prov = a.prov.Persian
		}
		rows = append(rows, []string{prov, a.city, g.cat(k, a.kind), g.num(k, strconv.Itoa(n))})
	}
	g.plan.Files[scoring.KindServices] = FilePlan{Name: g.cfg.Format.fileName(k), Rows: int64(len(rows)), Used: int64(len(rows))}
	return g.cfg.Format.writeRows(g.dir, k, g.cfg.Format.header(k, headers[k]), rows)
}

// registryFile writes the registry. With quirks its columns come in another
// order with an extra notes column, one office's national id fails its check
// digit (a warning: the row counts) and one code is repeated (an error).
func (g *gen) registryFile() error {
	const k = Offices
	rng, q := g.rng, g.cfg.Quirks
	persian := g.cfg.Format.PersianHeaders.Has(k)
	var warned *office
	if q {
		for _, o := range g.offices {
			if o.status.Participates() && o.grade == 1 {
				warned = o
				break
			}
		}
		if warned == nil {
			warned = g.offices[0]
		}
		warned.badNID = true
	}
	cellsOf := func(o *office, name string) []string {
		prov := o.Province.Slug
		if persian {
			prov = o.Province.Persian
		}
		if q {
			switch rng.IntN(50) {
			case 0:
				prov = o.Province.English
			case 1:
				prov = o.Province.Slug
			}
		}
		nid := o.HolderNationalID
		if o.badNID {
			nid = nid[:9] + strconv.Itoa((int(nid[9]-'0')+1)%10)
		}
		return []string{o.Code, name, prov, o.City, g.cat(k, o.AreaType), g.cat(k, o.OfficeType), g.num(k, nid), g.date(k, o.LicenseDate)}
	}
	fp := FilePlan{Name: g.cfg.Format.fileName(k), Used: int64(len(g.offices))}
	var rows [][]string
	for i, o := range g.offices {
		o.Row = i + 2
		name := o.Name
		if q && rng.IntN(100) < 4 {
			name = arabicLetters(name)
		}
		rows = append(rows, cellsOf(o, name))
		if o.badNID {
			fp.Warnings = append(fp.Warnings, Planted{Row: int64(i) + 2, Column: "holder_national_id", Reason: ReasonNationalIDCheck, Value: rows[i][6]})
		}
	}
	if q {
		o := g.offices[len(g.offices)/2]
		rows = append(rows, cellsOf(o, o.Name+" (تکراری)"))
		fp.Errors = append(fp.Errors, Planted{Row: int64(len(rows)) + 1, Column: "office_code", Reason: ReasonDuplicateCode, Value: o.Code})
	}
	fp.Rows = int64(len(rows))
	g.plan.Files[scoring.KindOffices] = fp

	header := g.cfg.Format.header(k, headers[k])
	if q {
		// name, code, province, city, office type, area type, license date,
		// national id, notes.
		order := []int{1, 0, 2, 3, 5, 4, 7, 6}
		reorder := func(r []string, extra string) []string {
			out := make([]string, 0, len(order)+1)
			for _, i := range order {
				out = append(out, r[i])
			}
			return append(out, extra)
		}
		header = reorder(header, "توضیحات")
		for i, r := range rows {
			note := ""
			if rng.IntN(100) < 5 {
				note = notes[rng.IntN(len(notes))]
			}
			rows[i] = reorder(r, note)
		}
	}
	return g.cfg.Format.writeRows(g.dir, k, header, rows)
}

// settle runs the oracle over the valid rows, checks that every office
// landed as designed, and completes the Plan.
func (g *gen) settle(decls []scoring.Declaration, viols []scoring.Violation) error {
	offices := make([]scoring.Office, len(g.offices))
	surveys := map[string]scoring.SurveyCount{}
	for i, o := range g.offices {
		offices[i] = o.Office
		if o.count+o.outside > 0 {
			surveys[o.Code] = scoring.SurveyCount{Sum: o.sum, Count: o.count, Outside: o.outside}
		}
	}
	g.plan.valid = validRows{offices, decls, surveys, viols}
	res, means, use := oracle(g.cfg.Period, offices, decls, surveys, viols)
	for _, o := range g.offices {
		r := res[o.Code]
		if r.status != o.status || r.grade != o.grade {
			return fmt.Errorf("office %s designed %s grade %d, came out %s grade %d (total %.2f)",
				o.Code, o.status, o.grade, r.status, r.grade, r.points.Total)
		}
		if o.status.Participates() {
			b := bands[o.band]
			if t := r.points.Total; t < b[0] || t > b[1] || math.IsNaN(t) {
				return fmt.Errorf("office %s total %.2f outside the band %v of grade %d", o.Code, t, b, o.band)
			}
		}
		g.plan.Offices[o.Code] = OfficePlan{Province: o.Province.Slug, AreaType: o.AreaType, Status: o.status,
			Grade: o.grade, ReviewStatus: r.review, Special: o.special, Points: r.points}
	}
	for slug, pp := range g.plan.Provinces {
		pp.SurveyMean = means[slug]
		g.plan.Provinces[slug] = pp
	}
	for kind, u := range use {
		fp, ok := g.plan.Files[kind]
		if !ok {
			continue
		}
		fp.Used, fp.OutsidePeriod, fp.Superseded = u.used, u.outside, u.superseded
		g.plan.Files[kind] = fp
	}
	for kind, fp := range g.plan.Files {
		if got := fp.Used + fp.OutsidePeriod + fp.Superseded + int64(len(fp.Errors)); got != fp.Rows {
			return fmt.Errorf("%s: %d rows written but %d accounted for", kind, fp.Rows, got)
		}
	}
	return nil
}
