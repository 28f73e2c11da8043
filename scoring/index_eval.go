package scoring

import (
	"cmp"
	"math"
	"slices"
)

// Entity is one row of an index's table: its key, name, group and the
// numeric columns the index reads (a column absent from Values is empty).
type Entity struct {
	Key, Name, Group string
	Values           map[string]float64
	Fields           map[string]string // entities.fields by column: value ids
	Row              int
}

// IndexResult is the evaluation of a composite index.
type IndexResult struct {
	Rules    *IndexRules
	IDs      []string       // indicator ids, then level ids: the order of EntityResult.Scores
	Entities []EntityResult // in rank order, unranked last
	Lists    []ListResult
	Events   map[string]*EventTally // by event file id, for reports' breakdowns
	LongRows map[[2]string]int      // the long file's row of each value, for explanations
}

// EntityResult is one entity's scores, total, rank and band.
type EntityResult struct {
	Entity
	Scores   []float64 // aligned with IndexResult.IDs; NaN where missing
	Missing  []string  // indicator ids without a value
	Eligible bool      // false when a missing indicator makes it ineligible
	Total    float64   // rounded when the rules round before ranking
	Rank     int       // 0 when not ranked
	Band     int       // index into Rules.Bands; -1 when none
}

// EvaluateIndex computes the index for every entity: transforms, levels,
// rounding, ranks and bands.
func EvaluateIndex(r *IndexRules, in IndexInputs) *IndexResult {
	entities := in.Entities
	res := &IndexResult{Rules: r, Events: in.Events, LongRows: in.LongRows}
	pos := map[string]int{}
	for _, ind := range r.Indicators {
		pos[ind.ID] = len(res.IDs)
		res.IDs = append(res.IDs, ind.ID)
	}
	for _, l := range r.Levels {
		pos[l.ID] = len(res.IDs)
		res.IDs = append(res.IDs, l.ID)
	}
	out := make([]EntityResult, len(entities))
	for i, e := range entities {
		out[i] = EntityResult{Entity: e, Scores: make([]float64, len(res.IDs)), Eligible: true, Band: -1}
	}

	// Indicators, one at a time: group-wide transforms need every entity's value.
	for j, ind := range r.Indicators {
		var priors map[string]float64
		if ind.Aggregate == "bayesian_mean" {
			priors = bayesPriors(ind, in.Events[ind.Events], out)
		}
		vals := make([]float64, len(out))
		for i := range out {
			v, ok := out[i].Values[ind.Column]
			switch {
			case ind.Long:
				v, ok = in.Long[out[i].Key][ind.ID]
			case ind.Events != "":
				v, ok = nan, false
				if t := in.Events[ind.Events]; t != nil {
					v = eventValue(ind, t, out[i].Key)
					if priors != nil {
						v = bayesMean(ind, t, out[i], priors)
					}
					ok = !math.IsNaN(v)
				}
			}
			if !ok || math.IsNaN(v) {
				vals[i] = math.NaN()
				out[i].Missing = append(out[i].Missing, ind.ID)
				if ind.Missing == "ineligible" {
					out[i].Eligible = false
				}
				continue
			}
			vals[i] = v
		}
		groups := make([]string, len(out))
		for i := range out {
			groups[i] = out[i].Group
		}
		for _, t := range ind.Transform {
			applyTransform(t, vals, groups)
		}
		for i := range out {
			v := vals[i]
			if math.IsNaN(v) && (ind.Missing == "" || ind.Missing == "zero") {
				v = 0
			}
			out[i].Scores[j] = v
		}
	}
	for _, l := range r.Levels {
		j := pos[l.ID]
		for i := range out {
			out[i].Scores[j] = aggregate(l, out[i].Scores, pos)
		}
	}
	tj := pos[r.Total]
	for i := range out {
		t := out[i].Scores[tj]
		if r.Round != nil && r.Round.Before == "ranking" {
			t = Round(t, r.Round.Decimals)
		}
		out[i].Total = t
		if math.IsNaN(t) {
			out[i].Eligible = false
		}
	}
	rankIndex(r, out, pos)
	for i := range out {
		if out[i].Eligible {
			out[i].Band = band(r, out[i], countRanked(out, out[i].Group, r.Ranking.Scope))
		}
	}
	res.Entities = out
	res.Lists = lists(r, out)
	return res
}

// applyTransform applies one transform step to the values of an indicator;
// groups[i] is the group of vals[i], for min–max and z-scores by group.
// Missing values (NaN) stay missing.
func applyTransform(t Transform, vals []float64, groups []string) {
	each := func(f func(float64) float64) {
		for i, v := range vals {
			if !math.IsNaN(v) {
				vals[i] = f(v)
			}
		}
	}
	switch {
	case t.Log:
		each(func(v float64) float64 { return logOrNaN(v, math.Log) })
	case t.Log10:
		each(func(v float64) float64 { return logOrNaN(v, math.Log10) })
	case t.Scale != nil:
		a, b := float64(t.Scale.From[0]), float64(t.Scale.From[1])
		c, d := float64(t.Scale.To[0]), float64(t.Scale.To[1])
		lo, hi := min(a, b), max(a, b)
		each(func(v float64) float64 { return c + (min(max(v, lo), hi)-a)*(d-c)/(b-a) })
	case t.Clamp != nil:
		lo, hi := float64(t.Clamp[0]), float64(t.Clamp[1])
		each(func(v float64) float64 { return min(max(v, lo), hi) })
	case t.Reverse != nil:
		lo, hi := float64(t.Reverse[0]), float64(t.Reverse[1])
		each(func(v float64) float64 { return lo + hi - v })
	case t.Target != nil:
		target := float64(*t.Target)
		each(func(v float64) float64 { return math.Abs(v - target) })
	case t.Times != nil:
		k := float64(*t.Times)
		each(func(v float64) float64 { return v * k })
	case t.MinMax != "" || t.ZScore != "":
		scope := t.MinMax + t.ZScore
		members := map[string][]int{}
		for i, v := range vals {
			if math.IsNaN(v) {
				continue
			}
			g := ""
			if scope == "group" {
				g = groups[i]
			}
			members[g] = append(members[g], i)
		}
		for _, idx := range members {
			var lo, hi, sum, sq float64 = math.Inf(1), math.Inf(-1), 0, 0
			for _, i := range idx {
				lo, hi, sum = min(lo, vals[i]), max(hi, vals[i]), sum+vals[i]
			}
			mean := sum / float64(len(idx))
			for _, i := range idx {
				sq += (vals[i] - mean) * (vals[i] - mean)
			}
			sd := math.Sqrt(sq / float64(len(idx)))
			for _, i := range idx {
				switch {
				case t.MinMax != "" && hi > lo:
					vals[i] = 100 * (vals[i] - lo) / (hi - lo)
				case t.MinMax != "":
					vals[i] = 100
				case sd > 0:
					vals[i] = (vals[i] - mean) / sd
				default:
					vals[i] = 0
				}
			}
		}
	}
}

func logOrNaN(v float64, f func(float64) float64) float64 {
	if v <= 0 {
		return math.NaN()
	}
	return f(v)
}

// aggregate combines a level's parts; a part that is NaN (missing and
// skipped) leaves the level and the others are re-weighted.
func aggregate(l Level, scores []float64, pos map[string]int) float64 {
	// acc is Σw·x (sum, mean), Σw·ln x (geometric) or Σw/x (harmonic).
	var wsum, acc float64
	n := 0
	for _, id := range l.Of {
		x := scores[pos[id]]
		if math.IsNaN(x) {
			continue
		}
		w := l.Weight(id)
		n++
		wsum += w
		switch l.Method {
		case "sum", "mean":
			acc += w * x
		case "geometric":
			if x <= 0 {
				return 0
			}
			acc += w * math.Log(x)
		case "harmonic":
			if x <= 0 {
				return 0
			}
			acc += w / x
		}
	}
	if n == 0 || wsum == 0 {
		return math.NaN()
	}
	switch l.Method {
	case "mean":
		return acc / wsum
	case "geometric":
		return math.Exp(acc / wsum)
	case "harmonic":
		return wsum / acc
	}
	return acc
}

// rankIndex ranks the eligible entities within their scope.
func rankIndex(r *IndexRules, out []EntityResult, pos map[string]int) {
	desc := r.Ranking.Direction != "asc"
	byTotal := func(a, b EntityResult) int {
		c := cmpScore(a.Total, b.Total)
		if desc {
			c = -c
		}
		return c
	}
	full := func(a, b EntityResult) int {
		if c := cmp.Compare(r.RankScope(a), r.RankScope(b)); c != 0 {
			return c
		}
		if a.Eligible != b.Eligible {
			if a.Eligible {
				return -1
			}
			return 1
		}
		if c := byTotal(a, b); c != 0 {
			return c
		}
		for _, k := range r.Ranking.TieBreak {
			if k == "key" {
				if c := cmp.Compare(a.Key, b.Key); c != 0 {
					return c
				}
				continue
			}
			if c := -cmpScore(a.Scores[pos[k]], b.Scores[pos[k]]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Key, b.Key)
	}
	slices.SortStableFunc(out, full)
	n, dense, scope := 0, 0, "\x00"
	for i := range out {
		if s := r.RankScope(out[i]); s != scope {
			n, dense, scope = 0, 0, s
		}
		if !out[i].Eligible {
			continue
		}
		n++
		tied := i > 0 && out[i-1].Eligible && r.RankScope(out[i-1]) == scope && byTotal(out[i-1], out[i]) == 0
		switch r.Ranking.Method {
		case "unique":
			out[i].Rank = n
		case "dense":
			if !tied {
				dense++
			}
			out[i].Rank = dense
		default: // competition
			if tied {
				out[i].Rank = out[i-1].Rank
			} else {
				out[i].Rank = n
			}
		}
	}
}

// RankScope names the group an entity is ranked in: its group, or "" for
// all entities.
func (r *IndexRules) RankScope(e EntityResult) string {
	if r.Ranking.Scope == "group" {
		return e.Group
	}
	return ""
}

func countRanked(out []EntityResult, group, scope string) int {
	n := 0
	for _, e := range out {
		if e.Eligible && (scope != "group" || e.Group == group) {
			n++
		}
	}
	return n
}

func band(r *IndexRules, e EntityResult, ranked int) int {
	for i, b := range r.Bands {
		switch {
		case b.AtLeast != nil:
			if atLeast(e.Total, *b.AtLeast) {
				return i
			}
		case b.Above != nil:
			if e.Total > *b.Above && !atLeast(*b.Above, e.Total) {
				return i
			}
		case b.RankUpTo != nil:
			if e.Rank <= *b.RankUpTo {
				return i
			}
		case b.TopShare != nil:
			if float64(e.Rank) <= math.Ceil(*b.TopShare*float64(ranked)/100-1e-9) {
				return i
			}
		default:
			return i
		}
	}
	return -1
}
