package cmd

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/iranict/rank/scoring"
	"github.com/iranict/rank/synth"
)

// agencyOracle is the default agencies method of docs/domain.md §4, written
// out plainly from the generator's plan: axis means with missing values
// as 0, is10 from the probes, the weighted total, competition ranks and
// the three lists.
type agencyOracle struct {
	total   map[string]float64
	rank    map[string]int
	missing map[string][]string
	lists   map[string][]string
}

func oracleAgencies(plan *synth.AgencyPlan) agencyOracle {
	o := agencyOracle{total: map[string]float64{}, rank: map[string]int{}, missing: map[string][]string{}, lists: map[string][]string{}}
	weights := []float64{0.35, 0.20, 0.30, 0.15}
	for _, a := range plan.Agencies {
		vals := plan.Values[a.Code]
		total := 0.0
		var missing []string
		for axis, ids := range synth.AgencyIndicators {
			sum, n := 0.0, 0
			for _, id := range ids {
				v, ok := vals[id]
				if !ok {
					missing = append(missing, id)
				}
				sum += v
				n++
				if id == "is09" {
					// is10: 100 × up probes / all probes in the period.
					if all := plan.All[a.Code]; all > 0 {
						sum += float64(plan.Up[a.Code]) / float64(all) * 100
					} else {
						missing = append(missing, "is10")
					}
					n++
				}
			}
			total += weights[axis] * (sum / float64(n))
		}
		o.total[a.Code] = total
		o.missing[a.Code] = missing
	}
	order := make([]synth.AgencyRow, len(plan.Agencies))
	copy(order, plan.Agencies)
	same := func(x, y float64) bool { return math.Abs(x-y) < 1e-9 }
	slices.SortStableFunc(order, func(a, b synth.AgencyRow) int {
		ta, tb := o.total[a.Code], o.total[b.Code]
		switch {
		case same(ta, tb):
			return strings.Compare(a.Code, b.Code)
		case ta > tb:
			return -1
		}
		return 1
	})
	for _, a := range plan.Agencies {
		r := 1
		for _, b := range plan.Agencies {
			if o.total[b.Code] > o.total[a.Code] && !same(o.total[b.Code], o.total[a.Code]) {
				r++
			}
		}
		o.rank[a.Code] = r
	}
	for _, a := range order {
		if len(o.lists["best"]) < 5 {
			o.lists["best"] = append(o.lists["best"], a.Code)
		}
		if a.High && len(o.lists["best_high"]) < 5 {
			o.lists["best_high"] = append(o.lists["best_high"], a.Code)
		}
	}
	for i := len(order) - 1; i >= 0 && len(o.lists["weakest"]) < 3; i-- {
		o.lists["weakest"] = append(o.lists["weakest"], order[i].Code)
	}
	return o
}

// TestAgenciesUnseenFolders evaluates agency folders no test has seen —
// fresh seeds, English and Persian spellings, shared ranks, missing values,
// rows in error and probes outside the period — with the built-in agencies
// rules, and holds every total, rank, missing list, published list and
// file account against the oracle.
func TestAgenciesUnseenFolders(t *testing.T) {
	period, _ := scoring.ParsePeriod("1404-H1")
	configs := []synth.AgencyConfig{
		{Agencies: 167, Services: 5, Probes: 12, Seed: 7, Persian: true, Twins: 3, Missing: 0.03, Quirks: true},
		{Agencies: 40, Services: 3, Probes: 5, Seed: 99, Twins: 4},
		{Agencies: 12, Services: 1, Probes: 1, Seed: 2024, Persian: true, Missing: 0.3, Quirks: true},
	}
	for i, cfg := range configs {
		cfg.Period = period
		t.Run(fmt.Sprint(cfg.Seed), func(t *testing.T) {
			dir := t.TempDir()
			plan, err := synth.GenerateAgencies(filepath.Join(dir, "in"), cfg)
			if err != nil {
				t.Fatal(err)
			}
			out := filepath.Join(dir, "out")
			var stdout, stderr bytes.Buffer
			err = evaluateRun(&EvaluateOptions{
				IO: &IO{Out: &stdout, Err: &stderr}, Methods: builtin(t),
				Dir: filepath.Join(dir, "in"), Period: "1404-H1", Out: out, RulesFile: "agencies", Format: "json", CSV: true,
			})
			if err != nil {
				t.Fatalf("config %d: %v\n%s", i, err, stderr.String())
			}
			want := oracleAgencies(plan)
			if cfg.Twins > 0 {
				ranks := map[int]int{}
				for _, r := range want.rank {
					ranks[r]++
				}
				if len(ranks) == len(want.rank) {
					t.Fatal("the twins share no rank: the folder does not test shared ranks")
				}
			}

			var sum struct{ Best, BestHigh, Weakest []string }
			var raw map[string]json.RawMessage
			if err := json.Unmarshal(stdout.Bytes(), &raw); err != nil {
				t.Fatal(err)
			}
			json.Unmarshal(raw["best"], &sum.Best)
			json.Unmarshal(raw["best_high"], &sum.BestHigh)
			json.Unmarshal(raw["weakest"], &sum.Weakest)
			for name, got := range map[string][]string{"best": sum.Best, "best_high": sum.BestHigh, "weakest": sum.Weakest} {
				if !slices.Equal(got, want.lists[name]) {
					t.Errorf("%s = %v, want %v", name, got, want.lists[name])
				}
			}
			var inputs []map[string]any
			json.Unmarshal(raw["inputs"], &inputs)
			for _, in := range inputs {
				file := strings.TrimSuffix(in["file"].(string), ".csv")
				fp := plan.Rows[file]
				got := [4]int{int(in["rows"].(float64)), int(in["used"].(float64)), int(in["outside_period"].(float64)), int(in["errors"].(float64))}
				if got != [4]int{fp.Rows, fp.Used, fp.Outside, fp.Errors} {
					t.Errorf("%s: rows, used, outside, errors = %v, want %+v", file, got, fp)
				}
			}

			recs := readCSV(t, filepath.Join(out, "ranking.csv"), true)
			head := recs[0]
			col := func(name string) int {
				i := slices.Index(head, name)
				if i < 0 {
					t.Fatalf("ranking.csv has no column %s: %v", name, head)
				}
				return i
			}
			code, total, rank, missing := col("agency_code"), col("total"), col("rank"), col("missing")
			col("audience")
			col("user_centric")
			col("is10")
			if len(recs)-1 != len(plan.Agencies) {
				t.Fatalf("%d agencies ranked, want %d", len(recs)-1, len(plan.Agencies))
			}
			for _, r := range recs[1:] {
				c := r[code]
				wt := want.total[c]
				if r[total] != strconv.FormatFloat(wt, 'f', 2, 64) && !halfway(wt) {
					t.Errorf("%s: total %s, want %.2f (%v)", c, r[total], wt, wt)
				}
				if r[rank] != strconv.Itoa(want.rank[c]) {
					t.Errorf("%s: rank %s, want %d", c, r[rank], want.rank[c])
				}
				if got := strings.Fields(r[missing]); !slices.Equal(got, want.missing[c]) && len(got)+len(want.missing[c]) > 0 {
					t.Errorf("%s: missing %v, want %v", c, got, want.missing[c])
				}
			}
		})
	}
}

// halfway reports whether x lies so near a half-cent that float noise may
// round it either way.
func halfway(x float64) bool {
	f := x*100 - math.Floor(x*100)
	return math.Abs(f-0.5) < 1e-6
}
