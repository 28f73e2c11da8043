package synth

import (
	"fmt"
	"math"

	"github.com/iranict/rank/scoring"
)

// Config says what export folder to write. Generate is deterministic in it.
type Config struct {
	Period    scoring.Period
	Provinces []ProvinceSpec

	// TotalSurveys is the number of valid survey rows written (planted error
	// rows come on top); a share OutsideShare of them (8 % when 0) is dated
	// outside the period.
	TotalSurveys int64
	OutsideShare float64
	// SurveyIDs is how the responses are numbered: Sequential (the zero
	// value) from 1000001 on, or another shape.
	SurveyIDs IDShape

	// Violations is the number of valid ruling rows written; the rulings the
	// design needs for its penalties are among them, the rest deduct nothing
	// (appealed, dismissed, outside the period or against non-participants).
	Violations int

	// ServicesCoverage is the share of areas (province, city, area type)
	// with a services row; 0 writes no services file, 1 a row for every area.
	ServicesCoverage float64

	Seed   uint64
	Format Format

	// Quirks plants what real exports hold: a few rows in error, a warning,
	// registry columns out of order with an extra column, Arabic ي/ك in
	// names, unpadded dates, a province given by its English name. The
	// rows in error are listed in the Plan and change none of its counts.
	Quirks bool
}

// ProvinceSpec is the design of one province: how many offices its
// registry holds and how many participants land in each grade.
type ProvinceSpec struct {
	Slug           string
	Offices        int    // registry offices
	Participants   int    // taking part, carried forward included; 0 means the sum of Grades
	CarriedForward int    // participants on their previous period's confirmed declaration
	Grades         [3]int // participants by designed grade 1, 2, 3
	RuralShare     float64
}

// Kinds is a set of input file kinds.
type Kinds uint8

// The input file kinds of an export folder.
const (
	Offices Kinds = 1 << iota
	Declarations
	Surveys
	Violations
	Services

	AllKinds = Offices | Declarations | Surveys | Violations | Services
)

// Has reports whether k holds every kind of kind.
func (k Kinds) Has(kind Kinds) bool { return k&kind == kind }

var kindNames = []struct {
	kind Kinds
	name string
}{
	{Offices, scoring.KindOffices},
	{Declarations, scoring.KindDeclarations},
	{Surveys, scoring.KindSurveys},
	{Violations, scoring.KindViolations},
	{Services, scoring.KindServices},
}

func (k Kinds) String() string {
	for _, kn := range kindNames {
		if kn.kind == k {
			return kn.name
		}
	}
	return fmt.Sprintf("Kinds(%d)", uint8(k))
}

// Format says how each file is written. The zero Format writes UTF-8 CSV
// files with English headers and LF line ends.
type Format struct {
	XLSX           Kinds // written as .xlsx (one sheet) instead of .csv
	PersianHeaders Kinds // Persian headers and Persian category values
	Windows1256    Kinds // CSV encoded in Windows-1256 (ی written as ي, digits as ASCII)
	BOM            Kinds // UTF-8 CSV starting with a byte order mark
	CRLF           Kinds // CSV lines ending in CRLF
	PersianDigits  bool  // some dates and numbers written in Persian digits ۰–۹
}

// maxXLSXRows is the row limit of an Excel sheet.
const maxXLSXRows = 1 << 20

func (c *Config) check() error {
	if c.Period.Half != 1 && c.Period.Half != 2 || c.Period.Year < 2 {
		return fmt.Errorf("synth: period %v is not a half year", c.Period)
	}
	if len(c.Provinces) == 0 {
		return fmt.Errorf("synth: no provinces")
	}
	seen := map[string]bool{}
	for i := range c.Provinces {
		ps := &c.Provinces[i]
		p, ok := scoring.ProvinceBySlug(ps.Slug)
		if !ok {
			return fmt.Errorf("synth: unknown province %q", ps.Slug)
		}
		if seen[p.Slug] {
			return fmt.Errorf("synth: province %s given twice", p.Slug)
		}
		seen[p.Slug] = true
		sum := ps.Grades[0] + ps.Grades[1] + ps.Grades[2]
		if ps.Participants == 0 {
			ps.Participants = sum
		}
		switch {
		case ps.Grades[0] < 0 || ps.Grades[1] < 0 || ps.Grades[2] < 0:
			return fmt.Errorf("synth: %s: negative grade count", p.Slug)
		case ps.Participants != sum:
			return fmt.Errorf("synth: %s: %d participants but grades sum to %d", p.Slug, ps.Participants, sum)
		case ps.Participants > ps.Offices:
			return fmt.Errorf("synth: %s: %d participants among %d offices", p.Slug, ps.Participants, ps.Offices)
		case ps.CarriedForward < 0 || ps.CarriedForward > ps.Participants-min(ps.Grades[2], 1)-min(ps.Grades[1], 1):
			return fmt.Errorf("synth: %s: %d carried forward among %d participants", p.Slug, ps.CarriedForward, ps.Participants)
		case ps.RuralShare < 0 || ps.RuralShare > 1:
			return fmt.Errorf("synth: %s: rural share %v not within 0…1", p.Slug, ps.RuralShare)
		}
	}
	if c.TotalSurveys < 0 || c.Violations < 0 {
		return fmt.Errorf("synth: negative row count")
	}
	if c.Format.XLSX.Has(Surveys) && c.TotalSurveys+10 >= maxXLSXRows {
		return fmt.Errorf("synth: %d survey rows do not fit an Excel sheet; write surveys as CSV", c.TotalSurveys)
	}
	if int(c.SurveyIDs) >= len(idShapeNames) {
		return fmt.Errorf("synth: unknown survey id shape %d", c.SurveyIDs)
	}
	if c.OutsideShare < 0 || c.OutsideShare >= 1 || c.ServicesCoverage < 0 || c.ServicesCoverage > 1 {
		return fmt.Errorf("synth: shares must be within 0…1")
	}
	return nil
}

// GilanPeriod is the period of the shipped sample.
var GilanPeriod = scoring.Period{Year: 1400, Half: 1}

// Gilan is the preset of the shipped sample testdata/gilan: Gilan in the
// first half of 1400 as published — 734 registry offices, 394 taking part
// (12 of them carried forward), 284 / 109 / 1 by grade, 340 not taking
// part — with every quirk planted.
func Gilan() Config {
	return Config{
		Period: GilanPeriod,
		Provinces: []ProvinceSpec{{
			Slug: "gilan", Offices: 734, Participants: 394, CarriedForward: 12,
			Grades: [3]int{284, 109, 1}, RuralShare: 0.3,
		}},
		TotalSurveys:     30000,
		Violations:       60,
		ServicesCoverage: 0.9,
		Seed:             1400,
		Format: Format{
			XLSX:           Offices,
			PersianHeaders: Offices | Declarations | Services,
			Windows1256:    Declarations,
			BOM:            Violations,
			CRLF:           Declarations,
			PersianDigits:  true,
		},
		Quirks: true,
	}
}

// provincePopulation weighs the provinces roughly by population (millions,
// 2016 census), in scoring.Provinces order, with a rough rural share.
var provincePopulation = []struct {
	pop, rural float64
}{
	{1.43, 0.30}, {2.53, 0.30}, {3.28, 0.35}, {3.91, 0.30}, {3.27, 0.35},
	{1.95, 0.30}, {4.71, 0.30}, {4.85, 0.35}, {3.16, 0.40}, {6.43, 0.30},
	{5.12, 0.25}, {2.78, 0.45}, {1.60, 0.35}, {1.74, 0.35}, {0.95, 0.35},
	{1.76, 0.35}, {0.58, 0.35}, {0.71, 0.45}, {1.16, 0.30}, {1.06, 0.35},
	{0.70, 0.25}, {1.14, 0.20}, {1.78, 0.40}, {13.27, 0.10}, {1.27, 0.35},
	{1.29, 0.10}, {1.27, 0.30}, {1.87, 0.40}, {0.86, 0.40}, {0.77, 0.40},
	{2.71, 0.15},
}

// National spreads totalOffices over the 31 provinces by population
// (Tehran largest), with about 60 % taking part, participants 55 / 43 / 2 %
// by grade, 3 % of them carried forward, a violation ruling per ten offices
// and a services row for every area. The registry is written as XLSX, the
// rest as CSV; no quirks are planted unless the caller sets Quirks.
func National(totalOffices int, surveys int64, seed uint64) Config {
	var sum float64
	for _, p := range provincePopulation {
		sum += p.pop
	}
	// Largest remainder, so the offices add up to totalOffices exactly.
	n := make([]int, len(scoring.Provinces))
	type rem struct {
		i int
		r float64
	}
	rems := make([]rem, len(n))
	left := totalOffices
	for i, p := range provincePopulation {
		x := float64(totalOffices) * p.pop / sum
		n[i] = int(x)
		left -= n[i]
		rems[i] = rem{i, x - float64(n[i])}
	}
	for left > 0 {
		best := 0
		for j := range rems {
			if rems[j].r > rems[best].r {
				best = j
			}
		}
		n[rems[best].i]++
		rems[best].r = -1
		left--
	}
	cfg := Config{
		Period:           scoring.Period{Year: 1404, Half: 1},
		TotalSurveys:     surveys,
		Violations:       totalOffices / 10,
		ServicesCoverage: 1,
		Seed:             seed,
		Format:           Format{XLSX: Offices},
	}
	for i, p := range scoring.Provinces {
		parts := int(math.Round(0.6 * float64(n[i])))
		g3 := int(math.Round(0.02 * float64(parts)))
		if parts >= 3 && g3 == 0 {
			g3 = 1
		}
		g1 := int(math.Round(0.55 * float64(parts)))
		g2 := parts - g1 - g3
		if g2 < 0 {
			g1, g2, g3 = parts, 0, 0
		}
		cf := int(math.Round(0.03 * float64(parts)))
		if cf > parts-2 {
			cf = max(parts-2, 0)
		}
		cfg.Provinces = append(cfg.Provinces, ProvinceSpec{
			Slug: p.Slug, Offices: n[i], Participants: parts, CarriedForward: cf,
			Grades: [3]int{g1, g2, g3}, RuralShare: provincePopulation[i].rural,
		})
	}
	return cfg
}
