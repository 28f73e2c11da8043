package scoring

import (
	"cmp"
	"math"
	"slices"
)

// Evaluate applies the rules to one period's inputs. The inputs are
// expected valid (ingest has checked them); rows whose office is not in the
// registry are ignored.
func Evaluate(r *Rules, p Period, in Inputs) *Result {
	res := &Result{Period: p, Indicators: r.Indicators, Grades: r.Grades, Usage: Usage{}}
	offices := make(map[string]int, len(in.Offices))
	for i, o := range in.Offices {
		offices[o.Code] = i
		res.Usage.add(KindOffices, o.Province.Slug).Used++
	}
	// The rulings are put in order while participation and the
	// indicators are worked out: it needs only the registry.
	ordered := make(chan *rulings)
	go func() { ordered <- orderRulings(in.Violations, offices, in.Offices) }()

	standing, carried, previous := standingDeclarations(r, p, in, offices, res.Usage)
	inError := declarationsInError(in.DeclarationsInError, p)
	means := provinceMeans(in, res.Usage)
	services := map[AreaKey]int{}
	for _, s := range in.Services {
		services[s.Area()] = s.Available
		res.Usage.add(KindServices, s.Province.Slug).Used++
	}

	results := make([]OfficeResult, len(in.Offices))
	n := len(r.Indicators)
	values := make([]IndicatorValue, len(in.Offices)*n)
	for i, o := range in.Offices {
		or := OfficeResult{Office: o, Status: NotParticipating, Surveys: in.Surveys.Office(o.Code)}
		if d, ok := standing[o.Code]; ok {
			or.Status, or.Declaration = Participating, d
		} else if d, ok := carried[o.Code]; ok {
			or.Status, or.Declaration = CarriedForward, d
		}
		if or.Declaration != nil {
			or.ReviewStatus = or.Declaration.ReviewStatus
		} else {
			or.Absence = absence(inError[o.Code], previous[o.Code])
		}
		or.Points = make([]float64, n)
		or.Values = values[i*n : (i+1)*n : (i+1)*n]
		results[i] = or
	}
	indicatorPoints(r, p, results, means)
	res.Penalties = penalize(r, p, <-ordered, results, res.Usage)

	for i := range results {
		or := &results[i]
		if !or.Status.Participates() {
			or.Grade = r.Participation.NonParticipantGrade
			continue
		}
		or.Total = or.Positive - or.Penalty
		if r.TotalFloor != nil {
			or.Total = max(or.Total, *r.TotalFloor)
		}
		if r.Round != nil && r.Round.Before == "ranking" {
			or.Total = Round(or.Total, r.Round.Decimals)
		}
	}

	// Ranks first: a grade may be given by rank (the top N, the top share).
	rank(r, results)
	ranked := map[string]int{}
	for i := range results {
		offices[results[i].Code] = i
		if results[i].ranked() {
			ranked[r.RankScope(results[i].Province)]++
		}
	}
	for i := range results {
		if or := &results[i]; or.ranked() {
			or.Grade = grade(r, or.Total, or.Rank, ranked[r.RankScope(or.Province)])
		}
	}
	gradeEffects(r, res.Penalties, results, offices)
	for i := range results {
		or := &results[i]
		pct, ok := r.ServiceQuota[or.Grade]
		avail, has := services[or.Area()]
		if ok {
			or.QuotaPct = pct
		}
		if has {
			or.HasServices, or.Available = true, avail
			or.Quota = int(math.Floor(pct*float64(avail)/100 + 1e-9))
		}
	}

	res.Offices = results
	res.Provinces = provinceCounts(r, results, means)
	return res
}

// gradeEffects applies the counted rulings' effects on the grade: grades
// taken off, then caps; a disqualified office gets the lowest grade.
func gradeEffects(r *Rules, ps []PenaltyResult, results []OfficeResult, offices map[string]int) {
	pos := map[int]int{} // grade → its place in r.Grades, best first
	for i, g := range r.Grades {
		pos[g.Grade] = i
	}
	lowest := len(r.Grades) - 1
	// Most rulings change no grade: their office is not looked up.
	for i := range ps {
		if pr := &ps[i]; pr.Counted && pr.GradeDown != 0 {
			results[offices[pr.OfficeCode]].GradeDown += pr.GradeDown
		}
	}
	for i := range results {
		or := &results[i]
		switch {
		case !or.Status.Participates():
		case or.Disqualified:
			or.Grade = r.Grades[lowest].Grade
		case or.GradeDown > 0:
			or.Grade = r.Grades[min(pos[or.Grade]+or.GradeDown, lowest)].Grade
		}
	}
	for i := range ps {
		pr := &ps[i]
		if !pr.Counted || pr.GradeCap == 0 {
			continue
		}
		if or := &results[offices[pr.OfficeCode]]; or.Status.Participates() && pos[or.Grade] < pos[pr.GradeCap] {
			or.Grade, or.GradeCapped = pr.GradeCap, true
		}
	}
}

// rowsInError are an office's declaration rows in error that bear on the
// period: declaring for it (or for a period that cannot be read), and for
// the period before.
type rowsInError struct{ now, before []int }

// declarationsInError groups the declaration rows in error by office.
func declarationsInError(ds []DeclarationInError, p Period) map[string]*rowsInError {
	m := map[string]*rowsInError{}
	for _, d := range ds {
		e := m[d.OfficeCode]
		if e == nil {
			e = &rowsInError{}
		}
		switch d.Period {
		case p, Period{}:
			e.now = append(e.now, d.Row)
		case p.Previous():
			e.before = append(e.before, d.Row)
		default:
			continue
		}
		m[d.OfficeCode] = e
	}
	return m
}

// absence is why an office without a declaration that stands does not
// take part: its declarations in error for the period come first (one bad
// cell in an office's only declaration is the likeliest cause), then the
// period before's declaration that does not carry forward, then its
// declarations in error for the period before.
func absence(e *rowsInError, previous *Declaration) Absence {
	switch {
	case e != nil && len(e.now) > 0:
		return Absence{Why: InError, Rows: e.now}
	case previous != nil:
		return Absence{Why: NotCarriedForward, Previous: previous}
	case e != nil && len(e.before) > 0:
		return Absence{Why: InError, Rows: e.before}
	}
	return Absence{Why: NoDeclaration}
}

// standingDeclarations picks, per office, the declaration that stands for
// the period and, for offices without one, the previous period's that
// carries forward (carried) or, when its review status does not carry it,
// does not (previous); it counts every declaration row's use.
func standingDeclarations(r *Rules, p Period, in Inputs, offices map[string]int, u Usage) (standing, carried, previous map[string]*Declaration) {
	type key struct {
		office string
		period Period
	}
	latest := make(map[key]int, len(in.Declarations))
	for i := range in.Declarations {
		d := &in.Declarations[i]
		oi, ok := offices[d.OfficeCode]
		if !ok {
			continue
		}
		prov := in.Offices[oi].Province.Slug
		if d.Period != p && d.Period != p.Previous() {
			u.add(KindDeclarations, prov).OutsidePeriod++
			continue
		}
		k := key{d.OfficeCode, d.Period}
		if j, seen := latest[k]; seen {
			// On equal dates the later row stands.
			if d.SubmittedAt.Before(in.Declarations[j].SubmittedAt) {
				u.add(KindDeclarations, prov).Superseded++
				continue
			}
			u.add(KindDeclarations, prov).Superseded++
		}
		latest[k] = i
	}
	standing, carried, previous = make(map[string]*Declaration, len(latest)), map[string]*Declaration{}, map[string]*Declaration{}
	for k, i := range latest {
		if k.period == p {
			standing[k.office] = &in.Declarations[i]
		}
	}
	for k, i := range latest {
		if k.period == p {
			continue
		}
		d := &in.Declarations[i]
		prov := in.Offices[offices[k.office]].Province.Slug
		_, stands := standing[k.office]
		switch {
		case !stands && contains(r.Participation.CarryForward, d.ReviewStatus):
			carried[k.office] = d
			u.add(KindDeclarations, prov).Used++
		case !stands:
			previous[k.office] = d
			u.add(KindDeclarations, prov).OutsidePeriod++
		default:
			u.add(KindDeclarations, prov).OutsidePeriod++
		}
	}
	for k := range standing {
		u.add(KindDeclarations, in.Offices[offices[k]].Province.Slug).Used++
	}
	return standing, carried, previous
}

// provinceMeans is the mean in-period survey score of each province's
// registry offices; provinces with no responses are absent. It also counts
// the survey rows' use.
func provinceMeans(in Inputs, u Usage) map[string]float64 {
	type acc struct{ sum, n int64 }
	accs := map[string]*acc{}
	for _, o := range in.Offices {
		c := in.Surveys.Office(o.Code)
		if c.Count == 0 && c.Outside == 0 {
			continue
		}
		use := u.add(KindSurveys, o.Province.Slug)
		use.Used += c.Count
		use.OutsidePeriod += c.Outside
		a := accs[o.Province.Slug]
		if a == nil {
			a = &acc{}
			accs[o.Province.Slug] = a
		}
		a.sum += c.Sum
		a.n += c.Count
	}
	means := map[string]float64{}
	for slug, a := range accs {
		if a.n > 0 {
			means[slug] = float64(a.sum) / float64(a.n)
		}
	}
	return means
}

// indicatorPoints gives every participant its points, one indicator at a
// time: an indicator's transforms may need all participants' values (a
// min–max or z-score across the province).
func indicatorPoints(r *Rules, p Period, results []OfficeResult, means map[string]float64) {
	var who []int // participants whose indicator counts
	var vals []float64
	var cats []string
	var groups []string
	for j, ind := range r.Indicators {
		who, vals, cats, groups = who[:0], vals[:0], cats[:0], groups[:0]
		for i := range results {
			or := &results[i]
			if !or.Status.Participates() {
				continue
			}
			v, c := value(ind.Source, p, or.Office, or.Declaration, or.Surveys, means[or.Province.Slug])
			or.Values[j].Input, or.Values[j].Category = v, c
			counts := or.Status == CarriedForward || contains(r.Participation.SelfDeclaredCount, or.ReviewStatus)
			if ind.SelfDeclared && !counts {
				continue
			}
			who, vals, cats, groups = append(who, i), append(vals, v), append(cats, c), append(groups, or.Province.Slug)
		}
		for _, t := range ind.Transform {
			applyTransform(t, vals, groups)
		}
		for k, i := range who {
			results[i].Points[j] = toPoints(ind, results[i].Office, vals[k], cats[k])
			results[i].Values[j].Value, results[i].Values[j].Category, results[i].Values[j].Counted = vals[k], cats[k], true
		}
	}
	for i := range results {
		or := &results[i]
		if !or.Status.Participates() {
			continue
		}
		for _, pts := range or.Points {
			or.Positive += pts
		}
		if r.PositiveMax > 0 {
			or.Positive = min(or.Positive, r.PositiveMax)
		}
	}
}

// toPoints turns an indicator's value (a number, or a category id) into
// points.
func toPoints(ind IndicatorRule, o Office, val float64, cat string) float64 {
	var pts float64
	switch {
	case ind.Categories != nil:
		pts = ind.Categories[cat]
	case ind.Tables != nil:
		pts = stepPoints(ind.Tables, o, val)
	case ind.Scale != nil:
		s := ind.Scale
		lo, hi := min(s.From[0], s.From[1]), max(s.From[0], s.From[1])
		v := min(max(val, lo), hi)
		pts = s.To[0] + (v-s.From[0])*(s.To[1]-s.To[0])/(s.From[1]-s.From[0])
	case ind.PerUnit != nil:
		pts = val * *ind.PerUnit
	default:
		pts = val
	}
	if math.IsNaN(pts) {
		pts = 0
	}
	if ind.Max != nil {
		pts = min(pts, *ind.Max)
	}
	if ind.Min != nil {
		pts = max(pts, *ind.Min)
	}
	return pts
}

// value is the indicator's raw value: a number, or a category id.
func value(s Source, p Period, o Office, d *Declaration, sc SurveyCount, mean float64) (float64, string) {
	switch {
	case s.Declaration != "":
		if d == nil {
			return 0, ""
		}
		switch s.Declaration {
		case "area_m2":
			return d.AreaM2, ""
		case "staff_count":
			return float64(d.StaffCount), ""
		case "association_score":
			return d.AssociationScore, ""
		case "location_class":
			return 0, d.LocationClass
		}
	case s.Constant != nil:
		return *s.Constant, ""
	case s.Registry != "":
		switch s.Registry {
		case "area_type":
			return 0, o.AreaType
		case "office_type":
			return 0, o.OfficeType
		case "province":
			return 0, o.Province.Slug
		}
		return 0, o.City
	case s.Surveys != "":
		switch s.Surveys {
		case "count":
			return float64(sc.Count), ""
		case "sum":
			return float64(sc.Sum), ""
		case "share":
			if sc.Count == 0 {
				return 0, ""
			}
			var n int64
			for score := max(s.AtLeast, 1); score < len(sc.ByScore); score++ {
				n += sc.ByScore[score]
			}
			return float64(n) / float64(sc.Count), ""
		case "mean":
			if sc.Count == 0 {
				return 0, ""
			}
			return float64(sc.Sum) / float64(sc.Count), ""
		case "bayesian_mean":
			m := s.PriorDefault
			if mean > 0 {
				m = mean
			}
			return (float64(sc.Sum) + s.K*m) / (float64(sc.Count) + s.K), ""
		}
	case s.FullYears != nil:
		return float64(FullYears(dateOf(s.FullYears.From, p, o), dateOf(s.FullYears.To, p, o))), ""
	case s.FullMonths != nil:
		return float64(FullMonths(dateOf(s.FullMonths.From, p, o), dateOf(s.FullMonths.To, p, o))), ""
	}
	return 0, ""
}

func dateOf(name string, p Period, o Office) Date {
	switch name {
	case "license_date":
		return o.LicenseDate
	case "period_start":
		return p.Start()
	}
	return p.End()
}

// stepPoints gives the points of the highest step the value reaches in the
// first table that applies to the office; 0 below the first step.
func stepPoints(tables []StepTable, o Office, val float64) float64 {
	for _, t := range tables {
		if !matches(t.When, o) {
			continue
		}
		pts := 0.0
		for _, s := range t.Steps {
			if atLeast(val, s.AtLeast) {
				pts = s.Points
			}
		}
		return pts
	}
	return 0
}

func matches(when map[string]string, o Office) bool {
	for field, want := range when {
		var got string
		switch field {
		case "area_type":
			got = o.AreaType
		case "office_type":
			got = o.OfficeType
		case "province":
			got = o.Province.Slug
		case "city":
			got = o.City
		}
		if got != want {
			return false
		}
	}
	return true
}

// atLeast compares at a threshold without float surprises: 59.99999999999
// that is 60 in decimal arithmetic reaches 60.
func atLeast(x, threshold float64) bool {
	return x >= threshold || math.Abs(x-threshold) < 1e-9
}

// grade is the first grade whose bound the participant meets: a total at
// least (or, exclusive, above) AtLeast, or a rank within RankUpTo or the
// TopPercent of the ranked participants of its province.
func grade(r *Rules, total float64, rank, ranked int) int {
	for _, g := range r.Grades {
		var reached bool
		switch {
		case g.RankUpTo != nil:
			reached = rank <= *g.RankUpTo
		case g.TopPercent != nil:
			reached = float64(rank) <= math.Ceil(*g.TopPercent*float64(ranked)/100-1e-9)
		default:
			reached = atLeast(total, g.AtLeast)
			if g.Exclusive {
				reached = reached && !atLeast(g.AtLeast, total)
			}
		}
		if reached {
			return g.Grade
		}
	}
	return r.Grades[len(r.Grades)-1].Grade
}

// rulings are the valid rulings of registered offices in the two orders
// they are priced and reported in. A national evaluation has 100,000
// rulings: they are not sorted as PenaltyResult values, which are large;
// two orders of their indices are made instead, the office's order (by
// date, then case id), in which the cap is reached and repeats are
// counted, and the reports' order (by province, office, case id), in
// which the results are built once. It needs only the registry, so
// Evaluate makes it while it works out participation and indicators.
type rulings struct {
	out    []PenaltyResult // in the reports' order, not yet priced
	office []int32         // each one's office, in the same order
	byDate []int32         // positions in out, in the office's order
}

func orderRulings(vs []Violation, offices map[string]int, registry []Office) *rulings {
	// Offices are compared by their place in an order, a number, not by
	// their codes.
	byCode := officeOrder(registry, func(a, b *Office) int { return cmp.Compare(a.Code, b.Code) })
	byProvince := officeOrder(registry, func(a, b *Office) int {
		return cmp.Or(cmp.Compare(a.Province.Code, b.Province.Code), cmp.Compare(a.Code, b.Code))
	})
	type ruling struct {
		v, office int32 // indices in vs and registry
		date      Date
		caseID    string
	}
	rs := make([]ruling, 0, len(vs))
	for i := range vs {
		if oi, ok := offices[vs[i].OfficeCode]; ok {
			rs = append(rs, ruling{int32(i), int32(oi), vs[i].RulingDate, vs[i].CaseID})
		}
	}
	// Both orders go by office first: the rulings are put in their
	// offices' order by counting, and only each office's few rulings are
	// compared. Ties keep the input order.
	byDate := groupedOrder(len(rs), len(registry), func(i int32) int32 { return byCode[rs[i].office] }, func(i, j int32) int {
		a, b := &rs[i], &rs[j]
		if c := a.date.Compare(b.date); c != 0 {
			return c
		}
		return cmp.Compare(a.caseID, b.caseID)
	})
	forReport := groupedOrder(len(rs), len(registry), func(i int32) int32 { return byProvince[rs[i].office] }, func(i, j int32) int {
		a, b := &rs[i], &rs[j]
		if c := cmp.Compare(a.caseID, b.caseID); c != 0 {
			return c
		}
		return a.date.Compare(b.date)
	})
	x := &rulings{out: make([]PenaltyResult, len(rs)), office: make([]int32, len(rs))}
	at := make([]int32, len(rs)) // where each ruling is in out
	for k, i := range forReport {
		x.out[k] = PenaltyResult{Violation: vs[rs[i].v], Province: registry[rs[i].office].Province}
		x.office[k] = rs[i].office
		at[i] = int32(k)
	}
	for k, i := range byDate {
		byDate[k] = at[i]
	}
	x.byDate = byDate
	return x
}

// penalize prices every ruling and deducts the counted ones from their
// office, capped per office, in the office's order.
func penalize(r *Rules, p Period, x *rulings, results []OfficeResult, u Usage) []PenaltyResult {
	// An office's rulings come together in byDate: its repeats are counted
	// per type, without a map.
	type typeCount struct {
		typ string
		n   int
	}
	var (
		counts []typeCount
		use    *Use
		last   int32 = -1
	)
	for _, k := range x.byDate {
		pr := &x.out[k]
		office := x.office[k]
		or := &results[office]
		if office != last {
			last, counts = office, counts[:0]
			use = u.add(KindViolations, pr.Province.Slug)
		}
		if !p.Contains(pr.RulingDate) && r.Penalties.WithinPeriod {
			use.OutsidePeriod++
			pr.Reason = "outside_period"
			continue
		}
		use.Used++
		counting := contains(r.Penalties.CountStatus, pr.Status)
		repeat := 0
		if counting {
			j := slices.IndexFunc(counts, func(c typeCount) bool { return c.typ == pr.Type })
			if j < 0 {
				j = len(counts)
				counts = append(counts, typeCount{typ: pr.Type})
			}
			counts[j].n++
			repeat = counts[j].n
		}
		charge(r, pr, or, counting, repeat)
	}
	return x.out
}

// charge prices a ruling within the period, the repeat-th counting one of
// its type at its office (0 if it does not count), and deducts it from the
// office, up to the cap.
func charge(r *Rules, pr *PenaltyResult, or *OfficeResult, counting bool, repeat int) {
	rule := matchPenalty(r, pr.Violation, or.Office, counting, repeat)
	switch {
	case rule < 0 && !counting:
		pr.Reason = "not_final"
		return
	case !or.Status.Participates():
		pr.Reason = "not_participating"
		return
	}
	pr.Counted = true
	pr.Points, pr.GradeCap = r.Penalties.Points[pr.Type], r.Penalties.GradeCap[pr.Type]
	if rule >= 0 {
		pe := r.Penalties.Rules[rule]
		pr.Rule, pr.GradeCap, pr.GradeDown, pr.Disqualify = rule+1, pe.GradeCap, pe.GradeDown, pe.Disqualify
		if pe.Points != nil {
			pr.Points = *pe.Points
		}
	}
	if r.Penalties.Cap > 0 && or.Penalty+pr.Points > r.Penalties.Cap {
		pr.Points = max(r.Penalties.Cap-or.Penalty, 0)
		pr.Reason = "capped"
	}
	or.Penalty += pr.Points
	or.Disqualified = or.Disqualified || pr.Disqualify
}

// groupedOrder is 0…n-1 sorted by group (a number below groups), then by
// compare, ties kept in order: a counting sort by group, then a sort of
// each group, which is cheap when the groups are small (an office's
// rulings).
func groupedOrder(n, groups int, group func(i int32) int32, compare func(i, j int32) int) []int32 {
	start := make([]int32, groups+1)
	for i := range int32(n) {
		start[group(i)+1]++
	}
	for g := range groups {
		start[g+1] += start[g]
	}
	idx := make([]int32, n)
	next := slices.Clone(start[:groups])
	for i := range int32(n) {
		g := group(i)
		idx[next[g]] = i
		next[g]++
	}
	for g := range groups {
		if run := idx[start[g]:start[g+1]]; len(run) > 1 {
			slices.SortFunc(run, tiesByIndex(compare))
		}
	}
	return idx
}

// officeOrder is each office's place when the registry is sorted by
// compare.
func officeOrder(registry []Office, compare func(a, b *Office) int) []int32 {
	order := sortedIndices(len(registry), func(i, j int32) int { return compare(&registry[i], &registry[j]) })
	place := make([]int32, len(registry))
	for k, i := range order {
		place[i] = int32(k)
	}
	return place
}

// matchPenalty is the index of the first penalty rule that matches the
// ruling, or -1. A rule that names no status matches counting rulings only.
func matchPenalty(r *Rules, v Violation, o Office, counting bool, repeat int) int {
	for i, pe := range r.Penalties.Rules {
		w := pe.When
		switch {
		case len(w.Status) == 0 && !counting,
			len(w.Status) > 0 && !contains(w.Status, v.Status),
			len(w.Type) > 0 && !contains(w.Type, v.Type),
			len(w.AreaType) > 0 && !contains(w.AreaType, o.AreaType),
			len(w.OfficeType) > 0 && !contains(w.OfficeType, o.OfficeType),
			len(w.Province) > 0 && !contains(w.Province, o.Province.Slug),
			w.Repeat > 1 && repeat < w.Repeat:
			continue
		}
		return i
	}
	return -1
}

// rank orders the offices by province, participants first in rank order, and
// numbers the participants 1…n within the ranking's scope: their province
// (the default), their region, or all.
func rank(r *Rules, results []OfficeResult) {
	scope := func(o *OfficeResult) string {
		switch r.Ranking.Scope {
		case "all":
			return ""
		case "region":
			return r.Region(o.Province.Slug)
		}
		return o.Province.Code
	}
	indicator := make([]int, len(r.Ranking.Order)) // of each key that names one
	for i, k := range r.Ranking.Order {
		indicator[i] = r.Indicator(k.By)
	}
	// Each office's scope as its place among the scopes, compared as a
	// number.
	scopes := make([]string, len(results))
	for i := range results {
		scopes[i] = scope(&results[i])
	}
	distinct := slices.Compact(slices.Sorted(slices.Values(scopes)))
	group := make([]int32, len(results))
	for i, sc := range scopes {
		g, _ := slices.BinarySearch(distinct, sc)
		group[i] = int32(g)
	}
	// The offices are sorted twice, as indices, and moved once: in rank
	// order to number them, then by province for the reports.
	order := sortedIndices(len(results), func(i, j int32) int {
		a, b := &results[i], &results[j]
		if c := cmp.Compare(group[i], group[j]); c != 0 {
			return c
		}
		if c := rankedFirst(a, b); c != 0 || !a.ranked() {
			return cmp.Or(c, cmp.Compare(a.Province.Code, b.Province.Code), cmp.Compare(a.Code, b.Code))
		}
		for ki, k := range r.Ranking.Order {
			var c int
			switch k.By {
			case "total":
				c = cmpScore(a.Total, b.Total)
			case "office_code":
				c = cmp.Compare(a.Code, b.Code)
			default:
				c = cmpScore(a.Points[indicator[ki]], b.Points[indicator[ki]])
			}
			if k.Direction == "desc" {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmp.Compare(a.Code, b.Code)
	})
	place := make([]int32, len(results)) // in rank order
	n, dense, current := 0, 0, int32(-1)
	for k, i := range order {
		place[i] = int32(k)
		o := &results[i]
		if group[i] != current {
			n, dense, current = 0, 0, group[i]
		}
		if !o.ranked() {
			continue
		}
		n++
		tied := n > 1 && cmpScore(results[order[k-1]].Total, o.Total) == 0
		switch {
		case r.Ranking.Method == "competition" && tied:
			o.Rank = results[order[k-1]].Rank
		case r.Ranking.Method == "dense":
			if !tied {
				dense++
			}
			o.Rank = dense
		default:
			o.Rank = n
		}
	}
	// Reports go by province: regroup, keeping the rank order within each.
	permute(results, sortedIndices(len(results), func(i, j int32) int {
		a, b := &results[i], &results[j]
		if a.Province.Code != b.Province.Code {
			return cmp.Compare(a.Province.Code, b.Province.Code)
		}
		if c := rankedFirst(a, b); c != 0 {
			return c
		}
		return cmp.Compare(place[i], place[j])
	}))
}

// rankedFirst orders the ranked offices before the others.
func rankedFirst(a, b *OfficeResult) int {
	switch ar, br := a.ranked(), b.ranked(); {
	case ar && !br:
		return -1
	case !ar && br:
		return 1
	}
	return 0
}

// cmpScore compares two scores as equal when they differ only by float
// rounding, so that sums computed in another order still tie.
func cmpScore(a, b float64) int {
	if math.Abs(a-b) < 1e-9 {
		return 0
	}
	return cmp.Compare(a, b)
}

func provinceCounts(r *Rules, results []OfficeResult, means map[string]float64) []ProvinceResult {
	var out []ProvinceResult
	for _, or := range results {
		if len(out) == 0 || out[len(out)-1].Slug != or.Province.Slug {
			out = append(out, ProvinceResult{Province: or.Province, SurveyMean: means[or.Province.Slug], ByArea: map[string]Counts{}})
		}
		pr := &out[len(out)-1]
		pr.Counts.add(r, or)
		a := pr.ByArea[or.AreaType]
		a.add(r, or)
		pr.ByArea[or.AreaType] = a
	}
	return out
}

func (c *Counts) add(r *Rules, or OfficeResult) {
	if c.Grades == nil {
		c.Grades = map[int]int{}
		for _, g := range r.Grades {
			c.Grades[g.Grade] = 0
		}
	}
	c.Offices++
	switch {
	case or.Status.Participates():
		c.Participants++
		c.Grades[or.Grade]++
		if or.Grade == r.Participation.NonParticipantGrade {
			c.LowestWithAbsent++
		}
		if or.Status == CarriedForward {
			c.CarriedForward++
		}
	default:
		c.NotParticipating++
		c.LowestWithAbsent++
	}
}

// Add sums counts, for totals.
func (c *Counts) Add(d Counts) {
	c.Offices += d.Offices
	c.Participants += d.Participants
	c.CarriedForward += d.CarriedForward
	c.NotParticipating += d.NotParticipating
	c.LowestWithAbsent += d.LowestWithAbsent
	if c.Grades == nil {
		c.Grades = map[int]int{}
	}
	for g, n := range d.Grades {
		c.Grades[g] += n
	}
}
