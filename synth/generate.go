package synth

import (
	"cmp"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"

	"github.com/iranict/rank/scoring"
)

// office is one registry office and its design.
type office struct {
	scoring.Office
	status    scoring.Status
	grade     int // designed
	band      int // the grade the total alone gives (2 for the forgery-capped office)
	special   string
	quality   float64 // the mean its survey scores aim at
	weight    float64 // its share of the survey responses
	penalties []string
	decl      scoring.Declaration // the standing or carried-forward one
	badNID    bool

	sum, count, outside int64 // its valid survey responses
}

type gen struct {
	cfg     Config
	dir     string
	rng     *rand.Rand
	offices []*office // by code
	plan    *Plan
}

// Generate writes an export folder for cfg into dir (created if missing)
// and returns the Plan of what it wrote. The same cfg writes the same bytes.
func Generate(dir string, cfg Config) (*Plan, error) {
	cfg.Provinces = slices.Clone(cfg.Provinces)
	if err := cfg.check(); err != nil {
		return nil, err
	}
	if cfg.OutsideShare == 0 {
		cfg.OutsideShare = 0.08
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	g := &gen{
		cfg: cfg, dir: dir,
		rng: rand.New(rand.NewPCG(cfg.Seed, 0x72616e6b)),
		plan: &Plan{
			Period: cfg.Period.String(), Seed: cfg.Seed,
			Offices: map[string]OfficePlan{}, Provinces: map[string]ProvincePlan{}, Files: map[string]FilePlan{},
		},
	}
	g.registry()
	if err := g.surveys(); err != nil {
		return nil, fmt.Errorf("synth: surveys: %w", err)
	}
	means := g.surveyMeans()
	for _, o := range g.offices {
		if o.status.Participates() {
			if err := g.design(o, means[o.Province.Slug]); err != nil {
				return nil, fmt.Errorf("synth: %w", err)
			}
		}
	}
	decls, err := g.declarations()
	if err != nil {
		return nil, fmt.Errorf("synth: declarations: %w", err)
	}
	viols, err := g.violations()
	if err != nil {
		return nil, fmt.Errorf("synth: violations: %w", err)
	}
	if err := g.services(); err != nil {
		return nil, fmt.Errorf("synth: services: %w", err)
	}
	if err := g.registryFile(); err != nil {
		return nil, fmt.Errorf("synth: offices: %w", err)
	}
	if err := g.settle(decls, viols); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	return g.plan, nil
}

// registry lays out every province's offices and gives each its designed
// status and grade.
func (g *gen) registry() {
	rng := g.rng
	for _, spec := range g.cfg.Provinces {
		prov, _ := scoring.ProvinceBySlug(spec.Slug)
		pi, _ := strconv.Atoi(prov.Code)
		cs := cities[pi]
		n := spec.Offices
		rural := make([]bool, n)
		for _, i := range rng.Perm(n)[:int(math.Round(float64(n)*spec.RuralShare))] {
			rural[i] = true
		}
		perCity := map[string]int{}
		offs := make([]*office, n)
		for i := range offs {
			o := &office{status: scoring.NotParticipating, grade: 3, band: 3}
			o.Code = prov.Code + "-" + pad5(i+1)
			o.Province = prov
			// The capital holds about a third of the offices.
			city := cs[0]
			if len(cs) > 1 && rng.IntN(3) > 0 {
				city = cs[1+rng.IntN(len(cs)-1)]
			}
			o.City = city
			switch {
			case rural[i]:
				o.AreaType, o.OfficeType = "rural", "rural_ict"
			case rng.IntN(100) < 12:
				o.AreaType, o.OfficeType = "urban", "public_nongov"
			default:
				o.AreaType, o.OfficeType = "urban", "pishkhan"
			}
			perCity[city+o.OfficeType]++
			o.Name = officeLabels[o.OfficeType] + " " + city + " " + strconv.Itoa(perCity[city+o.OfficeType])
			var nine [9]int
			for j := range nine {
				nine[j] = rng.IntN(10)
			}
			o.HolderNationalID = nationalID(nine)
			o.LicenseDate = g.licensed(rng.IntN(21))
			o.quality = 2.8 + 1.4*rng.Float64()
			if rng.IntN(5) > 0 {
				o.weight = 0.1 + rng.Float64()
			}
			offs[i] = o
		}

		perm := rng.Perm(n)
		parts := perm[:spec.Participants]
		grades := make([]int, 0, len(parts))
		for gi, k := range spec.Grades {
			for range k {
				grades = append(grades, gi+1)
			}
		}
		var forgery, capped bool
		for j, i := range parts {
			o := offs[i]
			o.status, o.grade, o.band = scoring.Participating, grades[j], grades[j]
			switch o.grade {
			case 1:
				o.quality = 3.9 + 0.8*rng.Float64()
			case 2:
				o.quality = 3.2 + 1.0*rng.Float64()
			default:
				o.quality = 2.2 + 1.2*rng.Float64()
			}
			o.weight = 0.3 + 1.5*rng.Float64()
			switch {
			case o.grade == 3 && !forgery:
				// A total of grade 2 that a final forgery ruling caps at 3.
				forgery = true
				o.special, o.band, o.penalties = "forgery_capped", 2, []string{"forgery"}
				o.quality, o.weight = 4.6, 4
			case o.grade == 2 && !capped:
				// Final rulings worth 55 points: the cap of 50 bites.
				capped = true
				o.special = "penalty_capped"
				o.penalties = []string{"unauthorized_relocation", "overcharging", "unauthorized_relocation", "overcharging", "no_accessibility"}
				o.quality, o.weight = 4.9, 5
			}
		}
		for j, cf := len(parts)-1, spec.CarriedForward; j >= 0 && cf > 0; j-- {
			if o := offs[parts[j]]; o.special == "" {
				o.status = scoring.CarriedForward
				cf--
			}
		}
		g.offices = append(g.offices, offs...)

		pp := ProvincePlan{Offices: n, Participants: spec.Participants, CarriedForward: spec.CarriedForward,
			NotParticipating: n - spec.Participants, Grades: spec.Grades}
		for _, r := range rural {
			if r {
				pp.Rural++
			}
		}
		g.plan.Provinces[prov.Slug] = pp
	}
	slices.SortFunc(g.offices, func(a, b *office) int { return cmp.Compare(a.Code, b.Code) })
}

func pad5(i int) string {
	s := strconv.Itoa(i)
	for len(s) < 5 {
		s = "0" + s
	}
	return s
}

// licensed is a license date exactly years full years before the period's
// last day.
func (g *gen) licensed(years int) scoring.Date {
	end := g.cfg.Period.End()
	y := end.Year - years
	m := 1 + g.rng.IntN(end.Month)
	last := scoring.MonthLength(y, m)
	if m == end.Month {
		last = min(last, end.Day)
	}
	return scoring.Date{Year: y, Month: m, Day: 1 + g.rng.IntN(last)}
}

// surveyMeans is m, the mean of the valid in-period responses, by province.
func (g *gen) surveyMeans() map[string]float64 {
	sums := map[string][2]int64{}
	for _, o := range g.offices {
		s := sums[o.Province.Slug]
		sums[o.Province.Slug] = [2]int64{s[0] + o.sum, s[1] + o.count}
	}
	means := map[string]float64{}
	for slug, s := range sums {
		means[slug] = 3
		if s[1] > 0 {
			means[slug] = float64(s[0]) / float64(s[1])
		}
	}
	return means
}

// bands are the totals a designed grade aims within: the grade's cut-offs
// kept 2 points away, so that a small drift in m flips nothing.
var bands = map[int][2]float64{1: {62, 100}, 2: {42, 58}, 3: {0, 38}}

// design chooses a participant's declaration, license date and penalties so
// that its total under the default method lands inside its band, given the
// satisfaction its surveys already earned.
func (g *gen) design(o *office, m float64) error {
	rng := g.rng
	rural := o.AreaType == "rural"
	sat := satisfactionPoints(o.sum, o.count, m)
	band := bands[o.band]

	reviews := []string{"confirmed"}
	if o.status == scoring.Participating && o.special == "" && o.band >= 2 && rng.IntN(100) < 12 {
		reviews = []string{[]string{"rejected", "pending"}[rng.IntN(2)], "confirmed"}
	}
	if o.special == "" && rng.IntN(100) < 5 {
		o.penalties = []string{[]string{"overcharging", "no_accessibility", "unauthorized_relocation"}[rng.IntN(3)]}
	}
	staffOpts := []float64{3, 8, 12, 15}
	if rural {
		staffOpts = []float64{7, 11, 15}
	}
	lean := o.band
	if o.special == "penalty_capped" {
		lean = 1 // a total of grade 2 after 50 points off takes the best of everything
	}
	for {
		pen := 0.0
		for _, t := range o.penalties {
			pen += penaltyPoints[t]
		}
		pen = min(pen, penaltyCap)
		for _, review := range reviews {
			counts := review == "confirmed"
			for range 400 {
				years := g.skewed(21, lean)
				assoc := float64(g.skewed(21, lean)) / 2
				var sp, st, loc int
				pos := sat + min(1.5*float64(years), 15) + assoc
				if counts {
					sp, st, loc = g.skewed(4, lean), g.skewed(len(staffOpts), lean), g.skewed(3, lean)
					pos += 5*float64(sp) + staffOpts[st] + []float64{2, 6, 10}[loc]
				}
				total := max(min(pos, 100)-pen, 0)
				if total < band[0] || total > band[1] {
					continue
				}
				if !counts {
					sp, st, loc = rng.IntN(4), rng.IntN(len(staffOpts)), rng.IntN(3)
				}
				o.LicenseDate = g.licensed(years)
				o.decl = scoring.Declaration{
					OfficeCode:       o.Code,
					Period:           g.cfg.Period,
					AreaM2:           g.area(rural, sp),
					StaffCount:       g.staff(rural, st),
					LocationClass:    []string{"alley", "secondary_street", "main_street"}[loc],
					AssociationScore: assoc,
					ReviewStatus:     review,
				}
				if o.status == scoring.CarriedForward {
					o.decl.Period = g.cfg.Period.Previous()
				}
				o.decl.SubmittedAt = g.dayOf(o.decl.Period, 90)
				return nil
			}
		}
		// Nothing fits: give up the penalties, the largest first.
		if len(o.penalties) == 0 {
			return fmt.Errorf("office %s: no design reaches grade %d with %.2f satisfaction points", o.Code, o.grade, sat)
		}
		o.penalties = o.penalties[:len(o.penalties)-1]
		if o.special == "penalty_capped" {
			o.special = ""
		}
	}
}

// skewed draws 0…n−1, leaning high for grade 1 and low for grade 3.
func (g *gen) skewed(n, band int) int {
	a := g.rng.IntN(n)
	switch band {
	case 1:
		return max(a, g.rng.IntN(n))
	case 3:
		return min(a, g.rng.IntN(n))
	}
	return a
}

// area is an area_m2 within step i (0–3) of the space table.
func (g *gen) area(rural bool, i int) float64 {
	lo := [4]int{8, 20, 40, 60}
	hi := [4]int{19, 39, 59, 140}
	if rural {
		lo = [4]int{6, 12, 25, 40}
		hi = [4]int{11, 24, 39, 90}
	}
	a := float64(lo[i] + g.rng.IntN(hi[i]-lo[i]+1))
	if a < float64(hi[i]) && g.rng.IntN(10) == 0 {
		a += 0.5
	}
	return a
}

// staff is a staff_count within step i of the staff table.
func (g *gen) staff(rural bool, i int) int {
	if rural {
		return [3]int{1, 2, 3 + g.rng.IntN(3)}[i]
	}
	return [4]int{1, 2 + g.rng.IntN(2), 4 + g.rng.IntN(2), 6 + g.rng.IntN(4)}[i]
}

// dayOf is a day among the first days of period p.
func (g *gen) dayOf(p scoring.Period, within int) scoring.Date {
	return addDays(p.Start(), g.rng.IntN(within))
}

// dayIn is any day of period p.
func (g *gen) dayIn(p scoring.Period) scoring.Date {
	return addDays(p.Start(), g.rng.IntN(periodDays(p)))
}

func periodDays(p scoring.Period) int {
	n := 0
	for m := p.Start().Month; m <= p.End().Month; m++ {
		n += scoring.MonthLength(p.Year, m)
	}
	return n
}

func addDays(d scoring.Date, n int) scoring.Date {
	for n > 0 {
		left := scoring.MonthLength(d.Year, d.Month) - d.Day
		if n <= left {
			d.Day += n
			return d
		}
		n -= left + 1
		d.Day = 1
		if d.Month++; d.Month > 12 {
			d.Month, d.Year = 1, d.Year+1
		}
	}
	return d
}

// digits reports whether kind k may hold Persian digits: not when written
// in Windows-1256, which has none.
func (g *gen) digits(k Kinds) bool {
	return g.cfg.Format.PersianDigits && !g.cfg.Format.Windows1256.Has(k)
}

// date formats a date cell, now and then the way real exports vary.
func (g *gen) date(k Kinds, d scoring.Date) string {
	s := padded(d)
	if g.cfg.Quirks {
		switch r := g.rng.IntN(100); {
		case r < 3:
			s = string(appendDate(nil, d, '/', false))
		case r == 3:
			s = string(appendDate(nil, d, '-', true))
		}
	}
	return g.num(k, s)
}

// num formats a number cell, now and then in Persian digits.
func (g *gen) num(k Kinds, s string) string {
	if g.digits(k) && g.rng.IntN(100) < 3 {
		return persianDigits(s)
	}
	return s
}

// cat writes a category id, in Persian where the file is Persian and now
// and then in a quirky English one.
func (g *gen) cat(k Kinds, id string) string {
	if g.cfg.Format.PersianHeaders.Has(k) || g.cfg.Quirks && g.rng.IntN(100) < 5 {
		return persianValues[id]
	}
	return id
}

func ftoa(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }
