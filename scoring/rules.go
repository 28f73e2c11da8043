package scoring

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/iranict/rank/internal/export"
)

// Rules is a method of evaluation: every number of it, as a rules file says.
type Rules struct {
	Method        string            `yaml:"method"` // "offices" or empty
	Name          Label             `yaml:"name"`
	Participation ParticipationRule `yaml:"participation"`
	Indicators    []IndicatorRule   `yaml:"indicators"`
	PositiveMax   float64           `yaml:"positive_max"` // positive points are capped here; 0 means no cap
	Penalties     PenaltyRules      `yaml:"penalties"`
	TotalFloor    *float64          `yaml:"total_floor"`                                                              // the total never goes below this
	Decimals      int               `yaml:"decimals" required:"how many decimals the reports show, e.g. decimals: 2"` // grading uses the unrounded total
	Round         *Rounding         `yaml:"round"`                                                                    // rounds the total in decimal before grading and ranking ("ranking") or only for display
	Grades        []GradeRule       `yaml:"grades"`
	Ranking       RankingRule       `yaml:"ranking"`
	ServiceQuota  map[int]float64   `yaml:"service_quota"` // percent of the area's services, per grade
	// Regions groups provinces (by slug) for ranking.scope: region; a
	// province in no region is a region of its own.
	Regions map[string][]string `yaml:"regions"`
	Reports ReportRule          `yaml:"reports"`
	// Headers gives a column of the exports (by its name: office_code,
	// score) the other headers an export writes it under.
	Headers Headers `yaml:"headers"`
}

// ReportRule says how reports are grouped.
type ReportRule struct {
	// GroupBy makes a workbook per "province" (the default), per "region"
	// (the regions above) or one for all ("none").
	GroupBy string `yaml:"group_by"`
}

// Region is the region of a province, by slug.
func (r *Rules) Region(slug string) string {
	for name, ps := range r.Regions {
		if contains(ps, slug) {
			return name
		}
	}
	return slug
}

// RankScope names the group a province's offices are ranked in: the
// province's slug, its region, or "" for the whole country.
func (r *Rules) RankScope(p Province) string {
	switch r.Ranking.Scope {
	case "all":
		return ""
	case "region":
		return r.Region(p.Slug)
	}
	return p.Slug
}

// Label is a name in Persian and English.
type Label struct {
	FA string `yaml:"fa"`
	EN string `yaml:"en"`
}

// ParticipationRule says who takes part.
type ParticipationRule struct {
	// CarryForward lists the review statuses with which the previous
	// period's standing declaration stands in for a missing one; empty: none.
	CarryForward []string `yaml:"carry_forward"`
	// SelfDeclaredCount lists the review statuses with which self-declared
	// indicators count; a carried-forward declaration always counts.
	SelfDeclaredCount []string `yaml:"self_declared_count"`
	// NonParticipantGrade is the grade of an office that does not take part.
	NonParticipantGrade int `yaml:"non_participant_grade"`
}

// IndicatorRule is one positive indicator: where its value comes from and
// how the value becomes points.
type IndicatorRule struct {
	ID           string             `yaml:"id"`
	Name         Label              `yaml:"name"`
	SelfDeclared bool               `yaml:"self_declared"`
	Source       Source             `yaml:"source"`
	Tables       []StepTable        `yaml:"tables"`     // first table whose When matches the office
	Categories   map[string]float64 `yaml:"categories"` // category id → points
	Transform    []Transform        `yaml:"transform"`  // applied to the value first, in order (as in an index)
	Scale        *Scale             `yaml:"scale"`      // linear, clamped to To
	PerUnit      *float64           `yaml:"per_unit"`   // points per unit of the value
	Max          *float64           `yaml:"max"`        // points never exceed this
	Min          *float64           `yaml:"min"`        // points never go below this
}

// Source says where an indicator's value comes from. Exactly one of the
// fields is set.
type Source struct {
	// Declaration names a column of the standing declaration:
	// area_m2, staff_count, location_class, association_score.
	Declaration string `yaml:"declaration"`
	// Surveys aggregates the office's in-period responses: "count", "sum",
	// "mean", "share" (of responses scoring AtLeast or more, 0–1), or
	// "bayesian_mean" (shrunk towards the province mean by K pseudo-responses).
	Surveys      string   `yaml:"surveys"`
	AtLeast      int      `yaml:"at_least"`
	K            float64  `yaml:"k"`
	PriorDefault float64  `yaml:"prior_default"` // the prior when the province has no responses
	FullYears    *Between `yaml:"full_years"`
	// Registry names a categorical column of the registry: area_type,
	// office_type, province or city (points by categories).
	Registry string `yaml:"registry"`
	// Constant gives every participant the same value.
	Constant   *float64 `yaml:"constant"`
	FullMonths *Between `yaml:"full_months"`
}

// Between names two dates: "license_date", "period_start" or "period_end".
type Between struct {
	From string `yaml:"from"`
	To   string `yaml:"to"`
}

// StepTable gives points by the highest step the value reaches, for the
// offices that match When (registry fields: area_type, office_type, …).
type StepTable struct {
	When  map[string]string `yaml:"when"`
	Steps []Step            `yaml:"steps"`
}

// Step is one row of a step table.
type Step struct {
	AtLeast float64 `yaml:"at_least"`
	Points  float64 `yaml:"points"`
}

// Scale maps From linearly onto To, clamping outside From.
type Scale struct {
	From [2]float64 `yaml:"from"`
	To   [2]float64 `yaml:"to"`
}

// PenaltyRules says what rulings cost.
type PenaltyRules struct {
	CountStatus  []string           `yaml:"count_status"`  // ruling statuses that deduct
	WithinPeriod bool               `yaml:"within_period"` // only rulings dated within the period deduct
	Points       map[string]float64 `yaml:"points"`        // per violation type
	Cap          float64            `yaml:"cap"`           // at most this in all; 0 means no cap
	GradeCap     map[string]int     `yaml:"grade_cap"`     // a counted ruling of the type caps the grade (the grade is at least this number)
	// Rules price rulings by conditions on their fields and their office's;
	// the first that matches a ruling decides it. A ruling no rule matches
	// is priced by the fields above.
	Rules []PenaltyRule `yaml:"rules"`
}

// PenaltyRule prices the rulings that match When: Points (by default the
// type's points) and its effects on the grade.
type PenaltyRule struct {
	When   PenaltyWhen `yaml:"when"`
	Points *float64    `yaml:"points"`
	// GradeCap: the grade is at best this one. GradeDown: the grade falls
	// this many grades (never below the lowest). Disqualify: the office is
	// not ranked and gets the lowest grade.
	GradeCap   int  `yaml:"grade_cap"`
	GradeDown  int  `yaml:"grade_down"`
	Disqualify bool `yaml:"disqualify"`
}

// PenaltyWhen is a condition on a ruling: every field given must match.
// Without Status, a rule matches only rulings whose status counts
// (penalties.count_status).
type PenaltyWhen struct {
	Type       []string `yaml:"type"`
	Status     []string `yaml:"status"`
	AreaType   []string `yaml:"area_type"`
	OfficeType []string `yaml:"office_type"`
	Province   []string `yaml:"province"` // slugs
	// Repeat matches the office's Nth or later counting ruling of the same
	// type in the period (by date, then case id); 0 or 1 matches all.
	Repeat int `yaml:"repeat"`
}

// GradeRule is one grade band: a total at least AtLeast earns it.
type GradeRule struct {
	Grade   int     `yaml:"grade"`
	AtLeast float64 `yaml:"at_least"`
	// Exclusive makes the bound strict: the total must exceed AtLeast.
	Exclusive bool `yaml:"exclusive"`
	// RankUpTo and TopPercent give the grade by rank within the province
	// instead: the first N, or the first share (percent, rounded up) of the
	// ranked participants.
	RankUpTo   *int     `yaml:"rank_up_to"`
	TopPercent *float64 `yaml:"top_percent"`
	Name       Label    `yaml:"name"`
}

// RankingRule orders the participants.
type RankingRule struct {
	Scope string    `yaml:"scope"` // "province"
	Order []SortKey `yaml:"order"`
	// Method numbers the ordered participants: "unique" (1…n, the order's
	// keys break ties; the default), "competition" (equal totals share a
	// rank: 1, 2, 2, 4) or "dense" (1, 2, 2, 3).
	Method string `yaml:"method"`
}

// SortKey is one key of the ranking: "total", "office_code" or an indicator id.
type SortKey struct {
	By        string `yaml:"by"`
	Direction string `yaml:"direction"` // "desc" | "asc"
}

// Limits on a rules file, which is outside input: a real one is a few
// hundred lines.
const (
	maxRulesBytes = 1 << 20
	maxRulesNodes = 100_000 // after aliases are expanded
)

// ParseRules reads and checks a rules file: every mistake is reported, at
// its line, as a *RulesError.
func ParseRules(data []byte) (*Rules, error) { return parse[Rules](data) }

// expandedSize counts the nodes of n with every alias expanded, without
// expanding them: the defence against "billion laughs" documents.
func expandedSize(n *yaml.Node, memo map[*yaml.Node]int) int {
	if n == nil {
		return 0
	}
	if c, ok := memo[n]; ok {
		return c
	}
	memo[n] = 1 // a cycle counts once
	size := 1
	if n.Kind == yaml.AliasNode {
		size += expandedSize(n.Alias, memo)
	}
	for _, c := range n.Content {
		size += expandedSize(c, memo)
		if size > maxRulesNodes {
			break
		}
	}
	memo[n] = size
	return size
}

func (r *Rules) issues() []issue {
	c := &checker{}
	if len(r.Indicators) == 0 {
		c.bad(path{"indicators"}, "no indicators")
	}
	seen := c.indicatorIDs(len(r.Indicators), func(i int) string { return r.Indicators[i].ID })
	for i, ind := range r.Indicators {
		at := path{"indicators", i}
		s := ind.Source
		if count(s.Declaration != "", s.Surveys != "", s.FullYears != nil, s.FullMonths != nil, s.Registry != "", s.Constant != nil) != 1 {
			c.bad(append(at, "source"), "source must name exactly one of declaration, surveys, full_years, full_months, registry, constant")
		}
		if !slices.Contains([]string{"", "area_m2", "staff_count", "location_class", "association_score"}, s.Declaration) {
			c.bad(append(at, "source", "declaration"), "unknown declaration column %q (area_m2, staff_count, location_class, association_score)", s.Declaration)
		}
		if !slices.Contains([]string{"", "mean", "count", "sum", "share", "bayesian_mean"}, s.Surveys) {
			c.bad(append(at, "source", "surveys"), "unknown survey aggregate %q (count, sum, mean, share, bayesian_mean)", s.Surveys)
		}
		if s.Registry != "" && !slices.Contains(registryFields, s.Registry) {
			c.bad(append(at, "source", "registry"), "unknown registry column %q (area_type, office_type, province, city)", s.Registry)
		}
		c.transforms(at, ind.Transform)
		for key, b := range map[string]*Between{"full_years": s.FullYears, "full_months": s.FullMonths} {
			if b == nil {
				continue
			}
			for k, d := range map[string]string{"from": b.From, "to": b.To} {
				if !slices.Contains([]string{"license_date", "period_start", "period_end"}, d) {
					c.bad(append(at, "source", key, k), "unknown date %q (license_date, period_start, period_end)", d)
				}
			}
		}
		if categorical := s.Declaration == "location_class" || s.Registry != ""; categorical != (ind.Categories != nil) {
			c.bad(at, "categories go with a categorical source (location_class, a registry column), and it needs them")
		}
		if ids := categoryIDs(s); ids != nil {
			for id := range ind.Categories {
				if !contains(ids, id) {
					c.bad(append(at, "categories", id), "%q is not a value of the source (%s): no office would get these points", id, strings.Join(ids, ", "))
				}
			}
		}
		for j, t := range ind.Tables {
			for k := 1; k < len(t.Steps); k++ {
				if t.Steps[k].AtLeast <= t.Steps[k-1].AtLeast {
					c.bad(append(at, "tables", j, "steps", k), "steps must rise: %v after %v", t.Steps[k].AtLeast, t.Steps[k-1].AtLeast)
				}
			}
			for field := range t.When {
				if !slices.Contains(registryFields, field) {
					c.bad(append(at, "tables", j, "when"), "unknown registry field %q (area_type, office_type, province, city)", field)
				}
			}
		}
		if ind.Scale != nil && ind.Scale.From[0] == ind.Scale.From[1] {
			c.bad(append(at, "scale", "from"), "scale.from is empty")
		}
	}
	if len(r.Grades) == 0 {
		c.bad(path{"grades"}, "no grades")
	}
	for i := 1; i < len(r.Grades); i++ {
		if r.Grades[i].RankUpTo != nil || r.Grades[i].TopPercent != nil || r.Grades[i-1].RankUpTo != nil || r.Grades[i-1].TopPercent != nil {
			continue
		}
		if r.Grades[i].AtLeast >= r.Grades[i-1].AtLeast {
			c.bad(path{"grades", i}, "grade %d (at least %v) is unreachable after grade %d (at least %v)", r.Grades[i].Grade, r.Grades[i].AtLeast, r.Grades[i-1].Grade, r.Grades[i-1].AtLeast)
		}
	}
	grades := map[int]bool{}
	for i, g := range r.Grades {
		if grades[g.Grade] {
			c.bad(path{"grades", i}, "duplicate grade %d", g.Grade)
		}
		grades[g.Grade] = true
	}
	if !grades[r.Participation.NonParticipantGrade] {
		c.bad(path{"participation", "non_participant_grade"}, "%d is not a grade", r.Participation.NonParticipantGrade)
	}
	c.among(path{"penalties", "count_status"}, r.Penalties.CountStatus, "a ruling status", RulingStatuses)
	c.among(path{"participation", "self_declared_count"}, r.Participation.SelfDeclaredCount, "a review status", ReviewStatuses)
	c.among(path{"participation", "carry_forward"}, r.Participation.CarryForward, "a review status", ReviewStatuses)
	for t, pts := range r.Penalties.Points {
		if !contains(ViolationTypes, t) {
			c.bad(path{"penalties", "points", t}, "%q is not a violation type (%s): no ruling would cost these points", t, strings.Join(ViolationTypes, ", "))
		}
		if pts < 0 {
			c.bad(path{"penalties", "points", t}, "penalty points must not be negative (a penalty of %v would add points)", pts)
		}
	}
	for t, g := range r.Penalties.GradeCap {
		if !grades[g] {
			c.bad(path{"penalties", "grade_cap", t}, "%d is not a grade", g)
		}
		if _, ok := r.Penalties.Points[t]; !ok {
			c.bad(path{"penalties", "grade_cap", t}, "%q has no points in penalties.points", t)
		}
	}
	for i, pr := range r.Penalties.Rules {
		at := path{"penalties", "rules", i}
		if pr.Points != nil && *pr.Points < 0 {
			c.bad(append(at, "points"), "penalty points must not be negative")
		}
		for _, t := range pr.When.Type {
			if !contains(ViolationTypes, t) {
				c.bad(append(at, "when", "type"), "%q is not a violation type (%s)", t, strings.Join(ViolationTypes, ", "))
				continue
			}
			if _, ok := r.Penalties.Points[t]; !ok && pr.Points == nil {
				c.bad(append(at, "when", "type"), "%q has no points in penalties.points and the rule gives none", t)
			}
		}
		if len(pr.When.Type) == 0 && pr.Points == nil {
			c.bad(at, "a rule for every type needs points")
		}
		c.among(append(at, "when", "status"), pr.When.Status, "a value of status", RulingStatuses)
		c.among(append(at, "when", "area_type"), pr.When.AreaType, "a value of area_type", AreaTypes)
		c.among(append(at, "when", "office_type"), pr.When.OfficeType, "a value of office_type", OfficeTypes)
		for _, s := range pr.When.Province {
			if _, ok := ProvinceBySlug(s); !ok {
				c.bad(append(at, "when", "province"), "unknown province %q", s)
			}
		}
		if pr.GradeCap != 0 && !grades[pr.GradeCap] {
			c.bad(append(at, "grade_cap"), "%d is not a grade", pr.GradeCap)
		}
		if pr.GradeDown < 0 {
			c.bad(append(at, "grade_down"), "must not be negative")
		}
		if pr.When.Repeat < 0 {
			c.bad(append(at, "when", "repeat"), "must not be negative")
		}
	}
	for g := range r.ServiceQuota {
		if !grades[g] {
			c.bad(path{"service_quota", g}, "service_quota: %d is not a grade", g)
		}
	}
	for i, k := range r.Ranking.Order {
		if k.By != "total" && k.By != "office_code" && !seen[k.By] {
			c.bad(path{"ranking", "order", i, "by"}, "unknown key %q (total, office_code or an indicator id)", k.By)
		}
		if k.Direction != "asc" && k.Direction != "desc" {
			c.bad(path{"ranking", "order", i, "direction"}, "direction must be asc or desc, got %q", k.Direction)
		}
	}
	c.oneOf(path{"ranking", "method"}, r.Ranking.Method, "", "unique", "competition", "dense")
	c.round(r.Round)
	c.oneOf(path{"ranking", "scope"}, r.Ranking.Scope, "province", "region", "all")
	c.oneOf(path{"reports", "group_by"}, r.Reports.GroupBy, "", "province", "region", "none")
	inRegion := map[string]string{}
	for name, ps := range r.Regions {
		if p, ok := ProvinceBySlug(name); ok && !contains(ps, p.Slug) || strings.EqualFold(name, "national") || strings.EqualFold(name, "all") {
			c.bad(path{"regions", name}, "the name %q is taken (by a province, the national workbook or all)", name)
		}
		for _, slug := range ps {
			if _, ok := ProvinceBySlug(slug); !ok {
				c.bad(path{"regions", name}, "unknown province %q", slug)
			}
			if other, dup := inRegion[slug]; dup && other != name {
				c.bad(path{"regions", name}, "%s is also in region %s", slug, other)
			}
			inRegion[slug] = name
		}
	}
	c.exportHeaders(r.Headers)
	slices.SortStableFunc(c.issues, func(a, b issue) int { return strings.Compare(a.path.String(), b.path.String()) })
	return c.issues
}

// exportHeaders checks a headers: map of the office method: each name a
// column of a file of the export, each header written out.
func (c *checker) exportHeaders(h Headers) {
	for _, name := range slices.Sorted(maps.Keys(h)) {
		hs := h[name]
		if !slices.ContainsFunc(export.Kinds, func(k *export.Kind) bool { return k.Column(name) != nil }) {
			var names []string
			for _, k := range export.Kinds {
				for _, n := range k.Names() {
					if !slices.Contains(names, n) {
						names = append(names, n)
					}
				}
			}
			c.bad(path{"headers", name}, "no file of the export has a column %q (%s)", name, strings.Join(names, ", "))
		}
		if len(hs) == 0 {
			c.bad(path{"headers", name}, "no headers given for %s", name)
		}
		for i, s := range hs {
			if strings.TrimSpace(s) == "" {
				c.bad(path{"headers", name, i}, "an empty header")
			}
		}
	}
}

// registryFields are the registry's columns a step table may select on.
var registryFields = []string{"area_type", "office_type", "province", "city"}

// Indicator returns the index of the indicator with the id, or -1.
func (r *Rules) Indicator(id string) int {
	for i, ind := range r.Indicators {
		if ind.ID == id {
			return i
		}
	}
	return -1
}

// ViolationTypes lists the violation types the rules price, sorted.
func (r *Rules) ViolationTypes() []string {
	var ts []string
	for t := range r.Penalties.Points {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}

// GradeName is the grade's label in the language ("fa" or "en").
func (r *Rules) GradeName(grade int, lang string) string {
	for _, g := range r.Grades {
		if g.Grade == grade {
			if lang == "en" && g.Name.EN != "" {
				return g.Name.EN
			}
			if g.Name.FA != "" {
				return g.Name.FA
			}
		}
	}
	return fmt.Sprint(grade)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
