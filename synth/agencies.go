package synth

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"

	"github.com/iranict/rank/scoring"
)

// AgencyConfig says what GenerateAgencies writes: an export folder of the
// agencies' e-services program (docs/domain.md §4).
type AgencyConfig struct {
	Agencies int              // agencies in the registry
	Services int              // services per agency, at most (at least 1)
	Probes   int              // probes per service in the period
	Period   scoring.Period   // the period evaluated
	Seed     uint64           // the same seed writes the same bytes
	Persian  bool             // Persian headers and digits, فعال/قطع
	Twins    int              // pairs of agencies given the same values and probes (shared ranks)
	Quirks   bool             // plant rows in error and probes outside the period
	Missing  float64          // share of agency-indicator values left out (0–1)
	Names    func(int) string // an agency's name (default: دستگاه N)
}

// AgencyPlan is what GenerateAgencies wrote: what a correct evaluation
// must use, and how many rows of each file are in error or outside the
// period.
type AgencyPlan struct {
	Agencies []AgencyRow
	Values   map[string]map[string]float64 // agency → indicator → value, valid rows only
	Up, All  map[string]int                // agency → probes up and all, within the period
	Rows     map[string]AgencyFilePlan     // by file base name
}

// AgencyRow is one agency of the registry.
type AgencyRow struct {
	Code, Name string
	High       bool
}

// AgencyFilePlan accounts for one file's rows.
type AgencyFilePlan struct{ Rows, Used, Outside, Errors int }

// AgencyIndicators are the 36 expert-scored indicator ids, by axis, as the
// agencies method names them (is10, availability, is from the probes).
var AgencyIndicators = [4][]string{
	ids("uc", 12), ids("tr", 8), ids("is", 9), ids("pa", 7),
}

func ids(prefix string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("%s%02d", prefix, i+1)
	}
	return out
}

// GenerateAgencies writes agencies.csv, indicators.csv and
// availability.csv into dir and returns their plan.
func GenerateAgencies(dir string, cfg AgencyConfig) (*AgencyPlan, error) {
	if cfg.Agencies < 1 || cfg.Services < 1 || cfg.Probes < 1 {
		return nil, fmt.Errorf("synth: agencies, services and probes must be ≥ 1")
	}
	if cfg.Names == nil {
		cfg.Names = func(i int) string { return "دستگاه " + persianDigits(strconv.Itoa(i)) }
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("synth: %w", err)
	}
	rng := rand.New(rand.NewPCG(cfg.Seed, 0x61676e63))
	plan := &AgencyPlan{Values: map[string]map[string]float64{}, Up: map[string]int{}, All: map[string]int{}, Rows: map[string]AgencyFilePlan{}}
	digits := func(s string) string {
		if cfg.Persian {
			return persianDigits(s)
		}
		return s
	}

	// The registry.
	reg := [][]string{{"agency_code", "name", "audience"}}
	if cfg.Persian {
		reg[0] = []string{"کد دستگاه", "نام دستگاه", "مخاطب"}
	}
	for i := 1; i <= cfg.Agencies; i++ {
		a := AgencyRow{Code: fmt.Sprintf("AG%03d", i), Name: cfg.Names(i), High: rng.IntN(3) == 0}
		plan.Agencies = append(plan.Agencies, a)
		aud := map[bool]string{true: "high", false: "normal"}[a.High]
		if cfg.Persian {
			aud = map[bool]string{true: "پرمخاطب", false: "عادی"}[a.High]
		}
		reg = append(reg, []string{digits(a.Code), a.Name, aud})
	}
	fp := AgencyFilePlan{Rows: cfg.Agencies, Used: cfg.Agencies}
	if cfg.Quirks {
		// A repeated code: an error, the first row stands.
		reg = append(reg, []string{plan.Agencies[0].Code, "تکراری", "عادی"})
		fp.Rows++
		fp.Errors++
	}
	plan.Rows["agencies"] = fp
	if err := writeCSV(filepath.Join(dir, "agencies.csv"), reg); err != nil {
		return nil, err
	}

	// Twins copy the values and probes of the agency before them.
	twinOf := map[int]int{}
	for k := 0; k < cfg.Twins && 2*k+1 < cfg.Agencies; k++ {
		i := 1 + rng.IntN(cfg.Agencies-1)
		if _, taken := twinOf[i]; !taken {
			if _, src := twinOf[i-1]; !src {
				twinOf[i] = i - 1
			}
		}
	}

	// The experts' values.
	ind := [][]string{{"agency_code", "indicator", "value"}}
	if cfg.Persian {
		ind[0] = []string{"کد دستگاه", "شاخص", "مقدار"}
	}
	fp = AgencyFilePlan{}
	for i, a := range plan.Agencies {
		vals := map[string]float64{}
		if j, twin := twinOf[i]; twin {
			vals = plan.Values[plan.Agencies[j].Code]
		} else {
			quality := 30 + rng.Float64()*60
			for _, axis := range AgencyIndicators {
				for _, id := range axis {
					if rng.Float64() < cfg.Missing {
						continue
					}
					v := quality + rng.NormFloat64()*15
					v = float64(int(min(max(v, 0), 100)*2)) / 2 // whole and half points
					vals[id] = v
				}
			}
		}
		plan.Values[a.Code] = vals
		for _, axis := range AgencyIndicators {
			for _, id := range axis {
				v, ok := vals[id]
				if !ok {
					continue
				}
				ind = append(ind, []string{digits(a.Code), id, digits(strconv.FormatFloat(v, 'f', -1, 64))})
				fp.Rows++
				fp.Used++
			}
		}
	}
	if cfg.Quirks {
		for _, bad := range [][]string{
			{"ZZ999", "uc01", "50"},                // an agency not in the registry
			{plan.Agencies[0].Code, "uc99", "50"},  // an indicator not in the rules
			{plan.Agencies[1].Code, "uc01", "120"}, // outside 0–100 (uc01 of the second agency stays as it was)
		} {
			ind = append(ind, bad)
			fp.Rows++
			fp.Errors++
		}
	}
	plan.Rows["indicators"] = fp
	if err := writeCSV(filepath.Join(dir, "indicators.csv"), ind); err != nil {
		return nil, err
	}

	// The probes: within the period, and (quirks) some before it.
	av := [][]string{{"agency_code", "service_code", "checked_at", "up"}}
	if cfg.Persian {
		av[0] = []string{"کد دستگاه", "کد خدمت", "زمان بررسی", "وضعیت"}
	}
	fp = AgencyFilePlan{}
	start := cfg.Period.Start()
	days := daysBetween(start, cfg.Period.End()) + 1
	type probe struct {
		service string
		day     int
		minute  int
		up      bool
	}
	probes := map[string][]probe{}
	for i, a := range plan.Agencies {
		var ps []probe
		if j, twin := twinOf[i]; twin {
			ps = probes[plan.Agencies[j].Code]
		} else {
			uptime := 0.80 + rng.Float64()*0.2
			services := 1 + rng.IntN(cfg.Services)
			for s := 1; s <= services; s++ {
				for p := 0; p < cfg.Probes; p++ {
					ps = append(ps, probe{fmt.Sprintf("S%02d", s), rng.IntN(days), rng.IntN(24 * 60), rng.Float64() < uptime})
				}
			}
		}
		probes[a.Code] = ps
		for _, p := range ps {
			d := addDays(start, p.day)
			at := fmt.Sprintf("%s %02d:%02d", padded(d), p.minute/60, p.minute%60)
			up := map[bool]string{true: "1", false: "0"}[p.up]
			if cfg.Persian {
				up = map[bool]string{true: "فعال", false: "قطع"}[p.up]
			}
			av = append(av, []string{digits(a.Code), p.service, digits(at), up})
			fp.Rows++
			fp.Used++
			plan.All[a.Code]++
			if p.up {
				plan.Up[a.Code]++
			}
		}
	}
	if cfg.Quirks {
		before := cfg.Period.Previous().Start()
		for k := 0; k < 5; k++ {
			a := plan.Agencies[rng.IntN(len(plan.Agencies))]
			av = append(av, []string{a.Code, "S01", padded(addDays(before, k)) + " 10:00", "0"})
			fp.Rows++
			fp.Outside++
		}
		for _, bad := range [][]string{
			{plan.Agencies[0].Code, "S01", padded(start) + " 25:10", "1"}, // no such time
			{plan.Agencies[0].Code, "S01", padded(start) + " 10:00", "شاید"},
			{"ZZ999", "S01", padded(start) + " 10:00", "1"},
		} {
			av = append(av, bad)
			fp.Rows++
			fp.Errors++
		}
	}
	plan.Rows["availability"] = fp
	if err := writeCSV(filepath.Join(dir, "availability.csv"), av); err != nil {
		return nil, err
	}
	return plan, nil
}

func writeCSV(path string, rows [][]string) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("synth: %w", err)
	}
	w := csv.NewWriter(f)
	if err := w.WriteAll(rows); err != nil {
		f.Close()
		return fmt.Errorf("synth: %s: %w", path, err)
	}
	return f.Close()
}
