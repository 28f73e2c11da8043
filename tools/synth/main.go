// Command synth writes a synthetic export folder for rank.
//
//	go run ./tools/synth -preset gilan -out testdata/gilan
//	go run ./tools/synth -preset national -offices 25000 -surveys 10000000 -out /tmp/national
//	go run ./tools/synth -preset national -offices 25000 -surveys 10000000 -ids uuid -out /tmp/national-uuid
//
// The same flags write the same bytes.
package main

import (
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"time"

	"github.com/iranict/rank/scoring"
	"github.com/iranict/rank/synth"
)

func main() {
	if err := run(os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "synth:", err)
		os.Exit(1)
	}
}

func run(args []string, out io.Writer) error {
	fs := flag.NewFlagSet("synth", flag.ContinueOnError)
	preset := fs.String("preset", "gilan", "gilan (the shipped sample, 1400-H1), national (31 provinces) or agencies (the e-services program, 167 agencies, 1404-H1)")
	dir := fs.String("out", "", "folder to write (required)")
	offices := fs.Int("offices", 9000, "national: registry offices over all provinces")
	surveys := fs.Int64("surveys", -1, "survey rows (default: the preset's)")
	violations := fs.Int("violations", -1, "violation rulings (default: the preset's)")
	seed := fs.Uint64("seed", 0, "random seed (default: the preset's)")
	period := fs.String("period", "", "period such as 1404-H1 (default: the preset's)")
	quirks := fs.Bool("quirks", false, "plant rows in error and other quirks (default: the preset's)")
	ids := fs.String("ids", "sequential", "how survey responses are numbered: sequential, shuffled, uuid, random, prefixed or hex")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *dir == "" || fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("give -out DIR and no arguments")
	}
	if *preset == "agencies" {
		return agencies(*dir, *seed, *period, *quirks, out)
	}
	var cfg synth.Config
	switch *preset {
	case "gilan":
		cfg = synth.Gilan()
	case "national":
		cfg = synth.National(*offices, 1_000_000, 1404)
	default:
		return fmt.Errorf("unknown preset %q: want gilan or national", *preset)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["offices"] && *preset != "national" {
		return fmt.Errorf("-offices applies to the national preset")
	}
	if *surveys >= 0 {
		cfg.TotalSurveys = *surveys
	}
	if *violations >= 0 {
		cfg.Violations = *violations
	}
	if set["seed"] {
		cfg.Seed = *seed
	}
	if set["quirks"] {
		cfg.Quirks = *quirks
	}
	if *period != "" {
		p, err := scoring.ParsePeriod(*period)
		if err != nil {
			return err
		}
		cfg.Period = p
	}
	shape, err := synth.ParseIDShape(*ids)
	if err != nil {
		return err
	}
	cfg.SurveyIDs = shape

	start := time.Now()
	plan, err := synth.Generate(*dir, cfg)
	if err != nil {
		return err
	}
	t := plan.Total()
	fmt.Fprintf(out, "wrote %s: period %s, seed %d, %d provinces, %.1fs\n", *dir, plan.Period, plan.Seed, len(plan.Provinces), time.Since(start).Seconds())
	fmt.Fprintf(out, "  %d offices, %d taking part (%d carried forward), grades %d / %d / %d, %d not taking part\n",
		t.Offices, t.Participants, t.CarriedForward, t.Grades[0], t.Grades[1], t.Grades[2], t.NotParticipating)
	for _, kind := range []string{scoring.KindOffices, scoring.KindDeclarations, scoring.KindSurveys, scoring.KindViolations, scoring.KindServices} {
		fp, ok := plan.Files[kind]
		if !ok {
			continue
		}
		size := int64(0)
		if st, err := os.Stat(filepath.Join(*dir, fp.Name)); err == nil {
			size = st.Size()
		}
		fmt.Fprintf(out, "  %-17s %9d rows  %9d used  %7d outside  %4d superseded  %d in error  %d warnings  %s\n",
			fp.Name, fp.Rows, fp.Used, fp.OutsidePeriod, fp.Superseded, len(fp.Errors), len(fp.Warnings), byteSize(size))
		for _, e := range slices.Concat(fp.Errors, fp.Warnings) {
			fmt.Fprintf(out, "      row %d %s: %s %q\n", e.Row, e.Column, e.Reason, e.Value)
		}
	}
	for _, code := range slices.Sorted(maps.Keys(plan.Offices)) {
		if o := plan.Offices[code]; o.Special != "" {
			fmt.Fprintf(out, "  office %s (%s): %s, total %.2f after %.0f points of penalties, grade %d\n",
				code, o.Province, o.Special, o.Points.Total, o.Points.Penalty, o.Grade)
		}
	}
	return nil
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// agencies writes the agencies' e-services sample: 167 agencies, Persian
// headers and digits, two pairs of twins (shared ranks), a few values
// missing.
func agencies(dir string, seed uint64, period string, quirks bool, out io.Writer) error {
	cfg := synth.AgencyConfig{Agencies: 167, Services: 6, Probes: 24, Seed: 1404, Persian: true, Twins: 2, Missing: 0.02, Quirks: quirks}
	cfg.Period, _ = scoring.ParsePeriod("1404-H1")
	if seed != 0 {
		cfg.Seed = seed
	}
	if period != "" {
		p, err := scoring.ParsePeriod(period)
		if err != nil {
			return err
		}
		cfg.Period = p
	}
	plan, err := synth.GenerateAgencies(dir, cfg)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "wrote %s: %d agencies, period %s, seed %d\n", dir, len(plan.Agencies), cfg.Period, cfg.Seed)
	for _, name := range slices.Sorted(maps.Keys(plan.Rows)) {
		fp := plan.Rows[name]
		fmt.Fprintf(out, "  %-13s %7d rows  %7d used  %4d outside  %d in error\n", name, fp.Rows, fp.Used, fp.Outside, fp.Errors)
	}
	return nil
}
