package report

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/iranict/rank/scoring"
)

// description is what every method's description is written on.
type description struct{ errWriter }

// head names the method and its rules file.
func (d *description) head(what, title, file string) {
	d.printf("%s: %s\nRules file: %s\n\n", what, title, file)
}

// indicators writes a table of the indicators, a row each, with their
// weight in the total last, and a line that says what the weight is.
func (d *description) indicators(header []string, rows [][]string, weight string) {
	tw := tabwriter.NewWriter(d, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(header, "\t")+"\tweight")
	for _, row := range rows {
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	tw.Flush()
	d.printf("(weight: %s)\n", weight)
}

// percent is a share as a percentage with one decimal: "35.0%".
func percent(share float64) string { return strconv.FormatFloat(100*share, 'f', 1, 64) + "%" }

// levelText says how a level aggregates its parts, each with its weight:
// "mean of a×1, b×2".
func levelText(l scoring.Level, part func(id string) string) string {
	parts := make([]string, len(l.Of))
	for i, of := range l.Of {
		parts[i] = part(of) + "×" + num(l.Weight(of))
	}
	return l.Method + " of " + strings.Join(parts, ", ")
}

// RulesText describes a method in plain words and a table, so that an
// analyst can hold a rules file against the regulator's circular.
func RulesText(w io.Writer, name string, r *scoring.Rules) error {
	ew := &description{errWriter{w: w}}
	title := r.Name.EN
	if r.Name.FA != "" {
		title += " (" + r.Name.FA + ")"
	}
	ew.head("Method", title, name)

	p := r.Participation
	ew.printf("Participation: an office takes part with a valid declaration for the period")
	if len(p.CarryForward) > 0 {
		ew.printf(", or on its previous period's standing declaration when that one is %s", strings.Join(p.CarryForward, " or "))
	}
	ew.printf(". Others score 0 and get grade %d, with no rank.\n", p.NonParticipantGrade)
	if len(p.SelfDeclaredCount) > 0 {
		ew.printf("Self-declared indicators count only when the declaration is %s (or carried forward); otherwise 0.\n", strings.Join(p.SelfDeclaredCount, " or "))
	}

	maxes := make([]float64, len(r.Indicators))
	var sum float64
	for i, ind := range r.Indicators {
		maxes[i] = maxPoints(ind)
		sum += maxes[i]
	}
	ew.printf("\nIndicators (positive points")
	if r.PositiveMax > 0 {
		ew.printf(", at most %s", num(r.PositiveMax))
	}
	ew.printf("):\n")
	var rows [][]string
	for i, ind := range r.Indicators {
		weight := "—"
		if sum > 0 {
			weight = percent(maxes[i] / sum)
		}
		rows = append(rows, []string{ind.ID, ind.Name.EN, sourceText(ind), transformText(ind), num(maxes[i]), weight})
	}
	ew.indicators([]string{"id", "name", "source", "points", "max"}, rows, fmt.Sprintf("the indicator's maximum as a share of all maxima, %s points in all", num(sum)))

	pen := r.Penalties
	ew.printf("\nPenalties: each ruling that is %s", strings.Join(pen.CountStatus, " or "))
	if pen.WithinPeriod {
		ew.printf(" and dated within the period")
	}
	ew.printf(" deducts ")
	var parts []string
	for _, t := range r.ViolationTypes() {
		parts = append(parts, fmt.Sprintf("%s %s", t, num(pen.Points[t])))
	}
	ew.printf("%s", strings.Join(parts, ", "))
	if pen.Cap > 0 {
		ew.printf("; at most %s in all", num(pen.Cap))
	}
	ew.printf(".\n")
	var caps []string
	for t, g := range pen.GradeCap {
		caps = append(caps, fmt.Sprintf("a counted %s ruling caps the grade at %d", t, g))
	}
	sort.Strings(caps)
	for _, c := range caps {
		ew.printf("  %s\n", c)
	}
	if len(pen.Rules) > 0 {
		ew.printf("  penalty rules (the first that matches a ruling prices it; a ruling none matches goes by its type):\n")
	}
	for i, pe := range pen.Rules {
		ew.printf("    %d. %s\n", i+1, penaltyRuleText(pe, pen))
	}

	ew.printf("\nTotal: positive points − penalties")
	if r.TotalFloor != nil {
		ew.printf(", never below %s", num(*r.TotalFloor))
	}
	if r.Round != nil && r.Round.Before == "ranking" {
		ew.printf("; rounded to %d decimals before grading and ranking, shown with %d decimals.\n", r.Round.Decimals, r.Decimals)
	} else {
		ew.printf("; graded and ranked unrounded, shown with %d decimals.\n", r.Decimals)
	}
	ew.printf("Grades:")
	for i, g := range r.Grades {
		if i == len(r.Grades)-1 {
			ew.printf(" %d otherwise.\n", g.Grade)
			break
		}
		switch {
		case g.RankUpTo != nil:
			ew.printf(" %d if ranked %d or better in the province;", g.Grade, *g.RankUpTo)
		case g.TopPercent != nil:
			ew.printf(" %d if in the top %s%% of the province;", g.Grade, num(*g.TopPercent))
		case g.Exclusive:
			ew.printf(" %d if the total is above %s;", g.Grade, num(g.AtLeast))
		default:
			ew.printf(" %d if the total is at least %s;", g.Grade, num(g.AtLeast))
		}
	}
	var keys []string
	for _, k := range r.Ranking.Order {
		keys = append(keys, k.By+" "+k.Direction)
	}
	method := r.Ranking.Method
	if method == "" {
		method = "unique"
	}
	ew.printf("Rank: participants within their %s, by %s; %s ranks.\n", r.Ranking.Scope, strings.Join(keys, ", then "), method)
	switch r.Reports.GroupBy {
	case "region":
		ew.printf("Reports: a workbook per region, and national.xlsx.\n")
	case "none":
		ew.printf("Reports: one workbook for all offices (all.xlsx), and national.xlsx.\n")
	}
	if len(r.ServiceQuota) > 0 {
		var qs []string
		for _, g := range r.Grades {
			if q, ok := r.ServiceQuota[g.Grade]; ok {
				qs = append(qs, fmt.Sprintf("grade %d %s%%", g.Grade, num(q)))
			}
		}
		ew.printf("Service quota: %s of the area's available services, rounded down.\n", strings.Join(qs, ", "))
	}
	if len(r.Headers) > 0 {
		var hs []string
		for _, name := range slices.Sorted(maps.Keys(r.Headers)) {
			hs = append(hs, name+" under "+quoteAll(r.Headers[name]))
		}
		ew.printf("Headers: besides its own, a column is read as the exports name it: %s.\n", strings.Join(hs, "; "))
	}
	return ew.err
}

// quoteAll is the texts in quotes, for a line of text.
func quoteAll(texts []string) string {
	q := make([]string, len(texts))
	for i, t := range texts {
		q[i] = strconv.Quote(t)
	}
	return strings.Join(q, ", ")
}

func sourceText(ind scoring.IndicatorRule) string {
	s := ind.Source
	var t string
	switch {
	case s.Declaration != "":
		t = "declaration " + s.Declaration
	case s.Surveys == "bayesian_mean":
		t = fmt.Sprintf("surveys: Bayesian mean, k=%s, prior province mean (%s if none)", num(s.K), num(s.PriorDefault))
	case s.Surveys != "":
		t = "surveys: " + s.Surveys
	case s.FullYears != nil:
		t = fmt.Sprintf("full years %s → %s", s.FullYears.From, s.FullYears.To)
	case s.FullMonths != nil:
		t = fmt.Sprintf("full months %s → %s", s.FullMonths.From, s.FullMonths.To)
	}
	if ind.SelfDeclared {
		t += " (self-declared)"
	}
	return t
}

func transformText(ind scoring.IndicatorRule) string {
	var t string
	switch {
	case ind.Categories != nil:
		var cs []string
		for _, k := range sortedKeys(ind.Categories) {
			cs = append(cs, fmt.Sprintf("%s %s", k, num(ind.Categories[k])))
		}
		t = strings.Join(cs, ", ")
	case ind.Tables != nil:
		var ts []string
		for _, tab := range ind.Tables {
			var steps []string
			for _, s := range tab.Steps {
				steps = append(steps, fmt.Sprintf("≥%s→%s", num(s.AtLeast), num(s.Points)))
			}
			var when []string
			for _, k := range sortedKeys(tab.When) {
				when = append(when, tab.When[k])
			}
			prefix := ""
			if len(when) > 0 {
				prefix = strings.Join(when, "/") + ": "
			}
			ts = append(ts, prefix+strings.Join(steps, " "))
		}
		t = strings.Join(ts, "; ")
	case ind.Scale != nil:
		t = fmt.Sprintf("scaled %s–%s → %s–%s", num(ind.Scale.From[0]), num(ind.Scale.From[1]), num(ind.Scale.To[0]), num(ind.Scale.To[1]))
	case ind.PerUnit != nil:
		t = fmt.Sprintf("%s per unit", num(*ind.PerUnit))
	default:
		t = "the value itself"
	}
	if ind.Max != nil {
		t += ", at most " + num(*ind.Max)
	}
	if ind.Min != nil {
		t += ", at least " + num(*ind.Min)
	}
	return t
}

// maxPoints is the most an indicator can give; 0 when unbounded.
func maxPoints(ind scoring.IndicatorRule) float64 {
	var m float64
	switch {
	case ind.Categories != nil:
		for _, v := range ind.Categories {
			m = max(m, v)
		}
	case ind.Tables != nil:
		for _, t := range ind.Tables {
			for _, s := range t.Steps {
				m = max(m, s.Points)
			}
		}
	case ind.Scale != nil:
		m = max(ind.Scale.To[0], ind.Scale.To[1])
	default:
		if ind.Max == nil {
			return 0
		}
		m = *ind.Max
	}
	if ind.Max != nil {
		m = min(m, *ind.Max)
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func num(x float64) string { return strconv.FormatFloat(x, 'f', -1, 64) }

// indexSource says where an indicator's value comes from.
func indexSource(r *scoring.IndexRules, ind scoring.IndexIndicator) string {
	switch {
	case ind.Long:
		return r.Long.File + " (" + ind.ID + ")"
	case ind.Events != "":
		s := ind.Aggregate + " of " + ind.Events
		if ind.Column != "" {
			s = ind.Aggregate + " of " + ind.Events + "." + ind.Column
		}
		for f, v := range ind.Where {
			s += " where " + f + " = " + v
		}
		return s
	}
	return ind.Column
}

// fieldsText names text fields and their closed sets: "; audience (one of
// high, normal)".
func fieldsText(fields []scoring.Field) string {
	var b strings.Builder
	for _, f := range fields {
		b.WriteString("; " + f.Column)
		if f.Values != nil {
			b.WriteString(" (one of " + strings.Join(sortedKeys(f.Values), ", ") + ")")
		}
	}
	return b.String()
}

// IndexRulesText describes a composite index in plain words and a table:
// each indicator's column, transforms and effective weight in the total.
func IndexRulesText(w io.Writer, name string, r *scoring.IndexRules) error {
	ew := &description{errWriter{w: w}}
	ew.head("Index", labelOf(r.Name, name), name)
	e := r.Entities
	ew.printf("Entities: one row each in %s.csv or %s.xlsx, identified by %s", e.File, e.File, e.Key)
	if e.Name != "" {
		ew.printf(", named by %s", e.Name)
	}
	if e.Group != "" {
		ew.printf(", grouped by %s", e.Group)
	}
	ew.printf("%s.\n", fieldsText(e.Fields))
	if l := r.Long; l != nil {
		ew.printf("Values: %s.csv or .xlsx, one row per entity (%s) and indicator (%s), the value in %s", l.File, l.Key, l.Indicator, l.Value)
		if l.Range != nil {
			ew.printf(", from %s to %s", num(float64(l.Range[0])), num(float64(l.Range[1])))
		}
		ew.printf(".\n")
	}
	for _, ev := range r.Events {
		ew.printf("Events %s: %s.csv or .xlsx, one row per event of an entity (%s)", ev.ID, ev.File, ev.Key)
		if ev.At != "" {
			ew.printf(", dated by %s (rows outside the period are counted, not used)", ev.At)
		}
		ew.printf("%s", fieldsText(ev.Fields))
		if len(ev.Numbers) > 0 {
			ew.printf("; numbers %s", strings.Join(ev.Numbers, ", "))
		}
		ew.printf(".\n")
	}
	ew.printf("\n")
	weights := indexWeights(r)
	var rows [][]string
	for _, ind := range r.Indicators {
		var steps []string
		for _, t := range ind.Transform {
			steps = append(steps, transformStep(t))
		}
		tr := strings.Join(steps, ", then ")
		if tr == "" {
			tr = "the value itself"
		}
		missing := ind.Missing
		if missing == "" {
			missing = "zero"
		}
		rows = append(rows, []string{ind.ID, ind.Name.EN, indexSource(r, ind), tr, missing, percent(weights[ind.ID])})
	}
	ew.indicators([]string{"id", "name", "source", "transform", "if missing"}, rows, "the indicator's share in the total through the levels' weights; for geometric and harmonic levels, its exponent")
	ew.printf("\n")
	for _, l := range r.Levels {
		ew.printf("Level %s: %s\n", l.ID, levelText(l, func(id string) string { return id }))
	}
	ew.printf("Total: %s", r.Total)
	if r.Round != nil {
		ew.printf(", rounded to %d decimals before %s", r.Round.Decimals, r.Round.Before)
	}
	ew.printf(".\n")
	if len(r.Bands) > 0 {
		ew.printf("Bands:")
	}
	for i, b := range r.Bands {
		label := labelOf(b.Name, strconv.Itoa(i+1))
		switch {
		case b.AtLeast != nil:
			ew.printf(" %s if at least %s;", label, num(*b.AtLeast))
		case b.Above != nil:
			ew.printf(" %s if above %s;", label, num(*b.Above))
		case b.RankUpTo != nil:
			ew.printf(" %s if ranked %d or better;", label, *b.RankUpTo)
		case b.TopShare != nil:
			ew.printf(" %s if in the top %s%%;", label, num(*b.TopShare))
		default:
			ew.printf(" %s otherwise.", label)
		}
	}
	dir := r.Ranking.Direction
	if dir == "" {
		dir = "desc"
	}
	scope := r.Ranking.Scope
	if scope == "" {
		scope = "all"
	}
	if len(r.Bands) > 0 {
		ew.printf("\n")
	}
	ew.printf("Rank: %s ranking, %s, within %s.\n", r.Ranking.Method, dir, scope)
	for _, l := range r.Lists {
		which := fmt.Sprintf("the %d best", l.Best)
		if l.Weakest > 0 {
			which = fmt.Sprintf("the %d weakest, weakest first", l.Weakest)
		}
		for f, v := range l.Where {
			which += fmt.Sprintf(", among %s = %s", f, v)
		}
		ew.printf("List %s: %s.\n", l.ID, which)
	}
	return ew.err
}

func transformStep(t scoring.Transform) string {
	switch {
	case t.Log:
		return "ln"
	case t.Log10:
		return "log10"
	case t.Scale != nil:
		return fmt.Sprintf("scaled %s–%s → %s–%s, capped", num(float64(t.Scale.From[0])), num(float64(t.Scale.From[1])), num(float64(t.Scale.To[0])), num(float64(t.Scale.To[1])))
	case t.Clamp != nil:
		return fmt.Sprintf("kept within %s–%s", num(float64(t.Clamp[0])), num(float64(t.Clamp[1])))
	case t.Reverse != nil:
		return fmt.Sprintf("reversed within %s–%s", num(float64(t.Reverse[0])), num(float64(t.Reverse[1])))
	case t.Target != nil:
		return fmt.Sprintf("distance to %s", num(float64(*t.Target)))
	case t.MinMax != "":
		return "min–max 0–100 across " + t.MinMax
	case t.ZScore != "":
		return "z-score across " + t.ZScore
	case t.Times != nil:
		return "× " + num(float64(*t.Times))
	}
	return "?"
}

// indexWeights is each indicator's effective weight in the total: the
// product of its normalised weights along the levels down to it.
func indexWeights(r *scoring.IndexRules) map[string]float64 {
	levels := map[string]scoring.Level{}
	for _, l := range r.Levels {
		levels[l.ID] = l
	}
	out := map[string]float64{}
	var walk func(id string, w float64)
	walk = func(id string, w float64) {
		l, ok := levels[id]
		if !ok {
			out[id] += w
			return
		}
		var sum float64
		for _, of := range l.Of {
			sum += l.Weight(of)
		}
		for _, of := range l.Of {
			share := l.Weight(of)
			if l.Method != "sum" && sum > 0 {
				share /= sum
			}
			walk(of, w*share)
		}
	}
	walk(r.Total, 1)
	return out
}

// penaltyRuleText says a penalty rule in plain words.
func penaltyRuleText(pe scoring.PenaltyRule, pen scoring.PenaltyRules) string {
	var cond []string
	w := pe.When
	for _, c := range []struct {
		name string
		in   []string
	}{{"type", w.Type}, {"status", w.Status}, {"area type", w.AreaType}, {"office type", w.OfficeType}, {"province", w.Province}} {
		if len(c.in) > 0 {
			cond = append(cond, c.name+" "+strings.Join(c.in, " or "))
		}
	}
	if len(w.Status) == 0 {
		cond = append(cond, "status "+strings.Join(pen.CountStatus, " or "))
	}
	if w.Repeat > 1 {
		cond = append(cond, fmt.Sprintf("the office's %d%s or later such ruling in the period", w.Repeat, ordinal(w.Repeat)))
	}
	what := "deducts its type's points"
	if pe.Points != nil {
		what = "deducts " + num(*pe.Points)
	}
	if pe.GradeCap > 0 {
		what += fmt.Sprintf(", grade %d at best", pe.GradeCap)
	}
	if pe.GradeDown > 0 {
		what += fmt.Sprintf(", %d grade(s) lower", pe.GradeDown)
	}
	if pe.Disqualify {
		what += ", and the office is not ranked (lowest grade)"
	}
	return "a ruling with " + strings.Join(cond, ", ") + " " + what
}

func ordinal(n int) string {
	switch {
	case n%100 >= 11 && n%100 <= 13:
		return "th"
	case n%10 == 1:
		return "st"
	case n%10 == 2:
		return "nd"
	case n%10 == 3:
		return "rd"
	}
	return "th"
}
