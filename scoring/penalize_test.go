package scoring

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
)

// penalizeSimply is penalize written plainly: the rulings as results,
// stably sorted by office, date and case id, charged in that order with a
// map of repeats, and stably sorted again by province, office and case id.
// orderRulings and penalize sort indices and count repeats without a map;
// the two must agree in every field and in the order.
func penalizeSimply(r *Rules, p Period, vs []Violation, offices map[string]int, results []OfficeResult, u Usage) []PenaltyResult {
	out := []PenaltyResult{}
	for _, v := range vs {
		if oi, ok := offices[v.OfficeCode]; ok {
			out = append(out, PenaltyResult{Violation: v, Province: results[oi].Province})
		}
	}
	slices.SortStableFunc(out, func(a, b PenaltyResult) int {
		return cmp.Or(cmp.Compare(a.OfficeCode, b.OfficeCode), a.RulingDate.Compare(b.RulingDate), cmp.Compare(a.CaseID, b.CaseID))
	})
	nth := map[[2]string]int{}
	for i := range out {
		pr := &out[i]
		or := &results[offices[pr.OfficeCode]]
		if !p.Contains(pr.RulingDate) && r.Penalties.WithinPeriod {
			u.add(KindViolations, pr.Province.Slug).OutsidePeriod++
			pr.Reason = "outside_period"
			continue
		}
		u.add(KindViolations, pr.Province.Slug).Used++
		counting := contains(r.Penalties.CountStatus, pr.Status)
		repeat := 0
		if counting {
			k := [2]string{pr.OfficeCode, pr.Type}
			nth[k]++
			repeat = nth[k]
		}
		charge(r, pr, or, counting, repeat)
	}
	slices.SortStableFunc(out, func(a, b PenaltyResult) int {
		return cmp.Or(cmp.Compare(a.Province.Code, b.Province.Code), cmp.Compare(a.OfficeCode, b.OfficeCode), cmp.Compare(a.CaseID, b.CaseID))
	})
	return out
}

// Random rulings, many on the same office, date or case id, some of
// unknown offices, outside the period or of offices not taking part:
// penalize gives what the plain version gives.
func TestPenalizeLikeSimply(t *testing.T) {
	r := penaltyRules(t)
	types := []string{"overcharging", "forgery", "unauthorized_relocation", "no_accessibility"}
	statuses := []string{"final", "final", "appealed", "dismissed"}
	statusOf := []Status{Participating, CarriedForward, NotParticipating}
	rng := rand.New(rand.NewPCG(5, 6))
	for n := range 60 {
		var results []OfficeResult
		offices := map[string]int{}
		for i := range 1 + n/3 {
			// Codes not in province order: offices of a province are
			// not contiguous in code order.
			o := office(fmt.Sprintf("%02d-%03d", rng.IntN(4), i), []string{"urban", "rural"}[rng.IntN(2)])
			o.Province = Provinces[rng.IntN(4)*7]
			offices[o.Code] = len(results)
			results = append(results, OfficeResult{Office: o, Status: statusOf[rng.IntN(3)]})
		}
		var vs []Violation
		for i := range 4 * n {
			code := results[rng.IntN(len(results))].Code
			if rng.IntN(10) == 0 {
				code = "unknown"
			}
			vs = append(vs, Violation{
				CaseID:     fmt.Sprintf("V%d", rng.IntN(2*n+1)),
				OfficeCode: code,
				Type:       types[rng.IntN(len(types))],
				RulingDate: Date{1403 + rng.IntN(2), 1 + rng.IntN(12), 1 + rng.IntN(3)},
				Status:     statuses[rng.IntN(len(statuses))],
				Row:        i + 2,
			})
		}
		fast, plain := slices.Clone(results), slices.Clone(results)
		uf, up := Usage{}, Usage{}
		registry := make([]Office, len(results))
		for i := range results {
			registry[i] = results[i].Office
		}
		got := penalize(r, p1404H1, orderRulings(vs, offices, registry), fast, uf)
		want := penalizeSimply(r, p1404H1, vs, offices, plain, up)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("n=%d: rulings differ:\n got %+v\nwant %+v", n, got, want)
		}
		if !reflect.DeepEqual(fast, plain) || !reflect.DeepEqual(uf, up) {
			t.Fatalf("n=%d: offices or usage differ", n)
		}
	}
}
