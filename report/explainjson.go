package report

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"

	"github.com/iranict/rank/scoring"
)

// ExplainJSON writes what Explain says of an office for scripts: ids,
// numbers and the file and row of each input, in no language (a name is
// as the export has it). docs/json.md describes it.
func ExplainJSON(w io.Writer, run Run, code string) error {
	res := run.Result
	i, err := run.officeAt(code)
	if err != nil {
		return err
	}
	or := res.Offices[i]
	rules := run.Rules
	x := newExplanation(nil, run.Inputs)
	o := or.Office
	e := jsonExplanation{
		Office: jsonExplained{Code: o.Code, Name: o.Name, Province: o.Province.Slug, City: o.City,
			AreaType: o.AreaType, OfficeType: o.OfficeType, At: x.at(scoring.KindOffices, o.Row)},
		Status:       string(or.Status),
		Indicators:   []jsonIndicator{},
		Penalties:    []jsonPenalty{},
		Grade:        or.Grade,
		GradeName:    rules.GradeName(or.Grade, "en"),
		Disqualified: or.Disqualified,
		GradeDown:    or.GradeDown,
	}
	if d := or.Declaration; d != nil {
		e.Declaration = &jsonDeclaration{At: x.at(scoring.KindDeclarations, d.Row), Period: d.Period.String(), SubmittedAt: d.SubmittedAt.String(), ReviewStatus: d.ReviewStatus}
	}
	if !or.Status.Participates() {
		e.Absence = &jsonAbsence{Reason: string(or.Absence.Why), Rows: or.Absence.Rows}
		if p := or.Absence.Previous; p != nil {
			e.Absence.Previous = &jsonDeclaration{At: x.at(scoring.KindDeclarations, p.Row), Period: p.Period.String(), SubmittedAt: p.SubmittedAt.String(), ReviewStatus: p.ReviewStatus}
		}
	}
	for j, ind := range res.Indicators {
		v := or.Values[j]
		ji := jsonIndicator{ID: ind.ID, Name: labelEN(ind.Name, ind.ID), Counted: or.Status.Participates() && v.Counted}
		if or.Status.Participates() {
			ji.Source = run.jsonSource(x, ind, or)
			if v.Category != "" {
				ji.Category = v.Category
			} else {
				ji.Input = jsonNumber(v.Input)
			}
		}
		if ji.Counted {
			why := scoring.ExplainPoints(ind, o, v)
			ji.Points = jsonNumber(or.Points[j])
			if v.Category == "" {
				ji.Value = jsonNumber(v.Value)
			}
			ji.By = &jsonPointsBy{Kind: why.Kind, Table: why.Table, When: why.When, Step: why.Step, Category: why.Category, Bound: why.Bound}
			if why.Step > 0 {
				ji.By.AtLeast = jsonNumber(why.AtLeast)
			}
		}
		e.Indicators = append(e.Indicators, ji)
	}
	capCase, capAt := "", 0
	for _, p := range res.Penalties {
		if p.OfficeCode != code {
			continue
		}
		e.Penalties = append(e.Penalties, jsonPenalty{CaseID: p.CaseID, At: x.at(scoring.KindViolations, p.Row), Type: p.Type,
			RulingDate: p.RulingDate.String(), Status: p.Status, Counted: p.Counted, Points: p.Points, Reason: p.Reason,
			Rule: p.Rule, GradeCap: p.GradeCap, GradeDown: p.GradeDown, Disqualify: p.Disqualify})
		if p.Counted && p.GradeCap > capAt {
			capCase, capAt = p.CaseID, p.GradeCap
		}
	}
	if or.Status.Participates() {
		e.Positive, e.Penalty, e.Total = jsonNumber(or.Positive), jsonNumber(or.Penalty), jsonNumber(or.Total)
		if rules.PositiveMax > 0 {
			e.PositiveMax = jsonNumber(rules.PositiveMax)
		}
	}
	ranked := rankedIn(res.Offices, i, func(o *scoring.OfficeResult) (string, int) { return rules.RankScope(o.Province), o.Rank })
	if or.Status.Participates() && !or.Disqualified {
		e.GradeRule = scoring.GradeReason(rules, or, ranked)
		if or.GradeCapped {
			e.GradeCappedBy = capCase
		}
	}
	if or.Rank > 0 {
		e.Rank, e.Ranked, e.RankedIn = or.Rank, ranked, cmp.Or(rules.RankScope(o.Province), "all")
	}
	if or.HasServices {
		e.ServiceQuota = &jsonQuota{Percent: or.QuotaPct, Available: or.Available, Quota: or.Quota}
	}
	return writeJSON(w, e)
}

// officeAt is the place of the office with code among the results.
func (r Run) officeAt(code string) (int, error) {
	i := slices.IndexFunc(r.Result.Offices, func(o scoring.OfficeResult) bool { return o.Code == code })
	if i < 0 {
		return 0, fmt.Errorf("office %q is not in the registry (%d offices read)", code, len(r.Result.Offices))
	}
	return i, nil
}

// jsonSource is where an indicator's input came from.
func (r Run) jsonSource(x *explanation, ind scoring.IndicatorRule, or scoring.OfficeResult) jsonSourceOf {
	s := ind.Source
	switch {
	case s.Declaration != "":
		row := 0
		if or.Declaration != nil {
			row = or.Declaration.Row
		}
		return jsonSourceOf{Kind: "declaration", Column: s.Declaration, At: x.at(scoring.KindDeclarations, row)}
	case s.Registry != "":
		return jsonSourceOf{Kind: "registry", Column: s.Registry, At: x.at(scoring.KindOffices, or.Row)}
	case s.Surveys != "":
		sc := or.Surveys
		src := jsonSourceOf{Kind: "surveys", Aggregate: s.Surveys, File: x.files[scoring.KindSurveys],
			Responses: &sc.Count, Sum: &sc.Sum, Outside: &sc.Outside}
		for _, p := range r.Result.Provinces {
			if p.Slug == or.Province.Slug {
				src.ProvinceMean = jsonNumber(p.SurveyMean)
			}
		}
		return src
	case s.FullYears != nil:
		return jsonSourceOf{Kind: "full_years", From: s.FullYears.From, To: s.FullYears.To, At: x.at(scoring.KindOffices, or.Row), LicenseDate: or.LicenseDate.String()}
	case s.FullMonths != nil:
		return jsonSourceOf{Kind: "full_months", From: s.FullMonths.From, To: s.FullMonths.To, At: x.at(scoring.KindOffices, or.Row), LicenseDate: or.LicenseDate.String()}
	}
	return jsonSourceOf{Kind: "constant"}
}

// jsonNumber is a number for JSON, which has no NaN or infinities: nil
// for those.
func jsonNumber(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

type jsonExplanation struct {
	Office        jsonExplained    `json:"office"`
	Status        string           `json:"status"`
	Absence       *jsonAbsence     `json:"absence,omitempty"`
	Declaration   *jsonDeclaration `json:"declaration"`
	Indicators    []jsonIndicator  `json:"indicators"`
	Positive      *float64         `json:"positive,omitempty"`
	PositiveMax   *float64         `json:"positive_max,omitempty"`
	Penalties     []jsonPenalty    `json:"penalties"`
	Penalty       *float64         `json:"penalty,omitempty"`
	Total         *float64         `json:"total,omitempty"`
	Grade         int              `json:"grade"`
	GradeName     string           `json:"grade_name"`
	GradeRule     int              `json:"grade_rule,omitempty"`      // the rules' grade entry that gave it, from 1
	GradeCappedBy string           `json:"grade_capped_by,omitempty"` // the case id whose cap set the grade
	GradeDown     int              `json:"grade_down,omitempty"`
	Disqualified  bool             `json:"disqualified,omitempty"`
	Rank          int              `json:"rank,omitempty"`
	Ranked        int              `json:"ranked,omitempty"`    // the ranked participants of its scope
	RankedIn      string           `json:"ranked_in,omitempty"` // the scope: a province or region slug, or "all"
	ServiceQuota  *jsonQuota       `json:"service_quota"`       // null when its area has no services row
}

type jsonExplained struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	Province   string `json:"province"`
	City       string `json:"city"`
	AreaType   string `json:"area_type"`
	OfficeType string `json:"office_type"`
	At         string `json:"at"` // file:row
}

type jsonAbsence struct {
	Reason   string           `json:"reason"`
	Rows     []int            `json:"rows,omitempty"`     // the declarations in error
	Previous *jsonDeclaration `json:"previous,omitempty"` // the one before, which does not carry forward
}

type jsonDeclaration struct {
	At           string `json:"at"`
	Period       string `json:"period"`
	SubmittedAt  string `json:"submitted_at"`
	ReviewStatus string `json:"review_status"`
}

type jsonIndicator struct {
	ID       string        `json:"id"`
	Name     string        `json:"name"`
	Source   jsonSourceOf  `json:"source"`
	Input    *float64      `json:"input,omitempty"`
	Category string        `json:"category,omitempty"`
	Counted  bool          `json:"counted"`
	Value    *float64      `json:"value,omitempty"` // after the transforms
	Points   *float64      `json:"points,omitempty"`
	By       *jsonPointsBy `json:"by,omitempty"`
}

type jsonSourceOf struct {
	Kind         string   `json:"kind,omitempty"` // declaration, registry, surveys, full_years, full_months, constant
	Column       string   `json:"column,omitempty"`
	At           string   `json:"at,omitempty"`
	Aggregate    string   `json:"aggregate,omitempty"`
	File         string   `json:"file,omitempty"`
	Responses    *int64   `json:"responses,omitempty"` // in the period
	Rows         int      `json:"rows,omitempty"`      // the events aggregated
	Sum          *int64   `json:"sum,omitempty"`
	Outside      *int64   `json:"outside_period,omitempty"`
	ProvinceMean *float64 `json:"province_mean,omitempty"`
	From         string   `json:"from,omitempty"`
	To           string   `json:"to,omitempty"`
	LicenseDate  string   `json:"license_date,omitempty"`
}

type jsonPointsBy struct {
	Kind     string            `json:"kind"` // categories, table, scale, per_unit, value
	Table    int               `json:"table,omitempty"`
	When     map[string]string `json:"when,omitempty"`
	Step     int               `json:"step,omitempty"`
	AtLeast  *float64          `json:"at_least,omitempty"`
	Category string            `json:"category,omitempty"`
	Bound    string            `json:"bound,omitempty"` // max or min when a bound changed the points
}

type jsonPenalty struct {
	CaseID     string  `json:"case_id"`
	At         string  `json:"at"`
	Type       string  `json:"type"`
	RulingDate string  `json:"ruling_date"`
	Status     string  `json:"status"`
	Counted    bool    `json:"counted"`
	Points     float64 `json:"points"`
	Reason     string  `json:"reason,omitempty"` // why it did not count, or "capped"
	Rule       int     `json:"rule,omitempty"`   // the penalties.rules entry that priced it, from 1
	GradeCap   int     `json:"grade_cap,omitempty"`
	GradeDown  int     `json:"grade_down,omitempty"`
	Disqualify bool    `json:"disqualify,omitempty"`
}

type jsonQuota struct {
	Percent   float64 `json:"percent"`
	Available int     `json:"available"`
	Quota     int     `json:"quota"`
}

// ExplainIndexJSON writes what ExplainIndex says of an entity for
// scripts: each indicator's and level's score (null where missing), where
// each value came from, the total, rank, band and the lists it is on.
func ExplainIndexJSON(w io.Writer, run IndexRun, key string) error {
	res := run.Result
	rules := res.Rules
	i, err := run.entityAt(key)
	if err != nil {
		return err
	}
	e := res.Entities[i]
	x := newExplanation(nil, indexStats(run.Inputs))
	pos := map[string]int{}
	for j, id := range res.IDs {
		pos[id] = j
	}
	out := jsonIndexExplanation{
		Entity:     jsonEntity{Key: e.Key, Name: e.Name, Group: e.Group, Fields: e.Fields, At: x.at(rules.Entities.File, e.Row)},
		Indicators: []jsonIndexIndicator{},
		Levels:     []jsonLevel{},
		Total:      jsonNumber(e.Total),
		Eligible:   e.Eligible,
		Lists:      []jsonListPlace{},
	}
	for _, ind := range rules.Indicators {
		ji := jsonIndexIndicator{ID: ind.ID, Name: labelEN(ind.Name, ind.ID), Score: jsonNumber(e.Scores[pos[ind.ID]]),
			Transforms: len(ind.Transform)}
		if slices.Contains(e.Missing, ind.ID) {
			ji.Missing = cmp.Or(ind.Missing, "zero")
		}
		switch {
		case ind.Long:
			ji.Source = jsonSourceOf{Kind: "long"}
			if row, ok := res.LongRows[[2]string{e.Key, ind.ID}]; ok {
				ji.Source.At = x.at(rules.Long.File, row)
			}
		case ind.Events != "":
			ji.Source = jsonSourceOf{Kind: "events", Aggregate: ind.Aggregate}
			if t := res.Events[ind.Events]; t != nil {
				ji.Source.File = x.files[t.Spec.File]
				if c := t.Entity(e.Key); c != nil {
					ji.Source.Rows = c.Rows
				}
			}
		case ind.Column != "":
			ji.Source = jsonSourceOf{Kind: "column", Column: ind.Column, At: x.at(rules.Entities.File, e.Row)}
		}
		out.Indicators = append(out.Indicators, ji)
	}
	for _, l := range rules.Levels {
		jl := jsonLevel{ID: l.ID, Name: labelEN(l.Name, l.ID), Score: jsonNumber(e.Scores[pos[l.ID]]), Method: l.Method, Of: l.Of, Weights: map[string]float64{}}
		for _, of := range l.Of {
			jl.Weights[of] = l.Weight(of)
		}
		out.Levels = append(out.Levels, jl)
	}
	if e.Rank > 0 {
		out.Rank = e.Rank
		out.Ranked = rankedIn(res.Entities, i, func(e *scoring.EntityResult) (string, int) { return rules.RankScope(*e), e.Rank })
	}
	if e.Band >= 0 {
		out.Band = labelEN(rules.Bands[e.Band].Name, strconv.Itoa(e.Band+1))
	}
	for _, l := range res.Lists {
		if k := slices.Index(l.Keys, e.Key); k >= 0 {
			out.Lists = append(out.Lists, jsonListPlace{List: l.Spec.ID, Place: k + 1})
		}
	}
	return writeJSON(w, out)
}

type jsonIndexExplanation struct {
	Entity     jsonEntity           `json:"entity"`
	Indicators []jsonIndexIndicator `json:"indicators"`
	Levels     []jsonLevel          `json:"levels"`
	Total      *float64             `json:"total"`
	Eligible   bool                 `json:"eligible"`
	Rank       int                  `json:"rank,omitempty"`
	Ranked     int                  `json:"ranked,omitempty"`
	Band       string               `json:"band,omitempty"`
	Lists      []jsonListPlace      `json:"lists"`
}

type jsonEntity struct {
	Key    string            `json:"key"`
	Name   string            `json:"name"`
	Group  string            `json:"group,omitempty"`
	Fields map[string]string `json:"fields,omitempty"`
	At     string            `json:"at"`
}

type jsonIndexIndicator struct {
	ID         string       `json:"id"`
	Name       string       `json:"name"`
	Score      *float64     `json:"score"` // after the transforms; null where missing
	Missing    string       `json:"missing,omitempty"`
	Source     jsonSourceOf `json:"source"`
	Transforms int          `json:"transforms,omitempty"`
}

type jsonLevel struct {
	ID      string             `json:"id"`
	Name    string             `json:"name"`
	Score   *float64           `json:"score"`
	Method  string             `json:"method"`
	Of      []string           `json:"of"`
	Weights map[string]float64 `json:"weights"`
}

type jsonListPlace struct {
	List  string `json:"list"`
	Place int    `json:"place"`
}
