package synth

import (
	"maps"
	"slices"

	"github.com/iranict/rank/scoring"
)

// Plan is what Generate intended: each office's designed status and grade
// with the points the default method gives it, the designed counts per
// province, and per file the rows it planted in error and how the default
// method should spend the valid ones.
type Plan struct {
	Period    string                  `json:"period"`
	Seed      uint64                  `json:"seed"`
	Offices   map[string]OfficePlan   `json:"offices"`   // by office code
	Provinces map[string]ProvincePlan `json:"provinces"` // by province slug
	Files     map[string]FilePlan     `json:"files"`     // by kind: "offices", "declarations", …

	valid validRows // what the oracle evaluated, for the package's tests
}

// validRows are the valid rows Generate wrote, surveys as per-office counts.
type validRows struct {
	offices      []scoring.Office
	declarations []scoring.Declaration
	surveys      map[string]scoring.SurveyCount
	violations   []scoring.Violation
}

// OfficePlan is one registry office's design.
type OfficePlan struct {
	Province     string         `json:"province"` // slug
	AreaType     string         `json:"area_type"`
	Status       scoring.Status `json:"status"`
	Grade        int            `json:"grade"`                   // designed; 3 for non-participants
	ReviewStatus string         `json:"review_status,omitempty"` // of the standing or carried declaration
	// Special names an office planted for a rule: "forgery_capped" (a final
	// forgery ruling caps a total of grade 2 at grade 3) or "penalty_capped"
	// (final rulings worth 55 points, capped at 50).
	Special string `json:"special,omitempty"`
	Points  Points `json:"points"`
}

// Points are an office's points under the default method, as the oracle
// computes them; all zero for non-participants.
type Points struct {
	Space        float64 `json:"space"`
	Staff        float64 `json:"staff"`
	Location     float64 `json:"location"`
	Satisfaction float64 `json:"satisfaction"`
	History      float64 `json:"history"`
	Association  float64 `json:"association"`
	Positive     float64 `json:"positive"`
	Penalty      float64 `json:"penalty"`
	Total        float64 `json:"total"`
	Capped       bool    `json:"grade_capped,omitempty"`
}

// ProvincePlan is a province's designed counts, as the regulator publishes
// them.
type ProvincePlan struct {
	Offices          int     `json:"offices"`
	Participants     int     `json:"participants"` // carried forward included
	CarriedForward   int     `json:"carried_forward"`
	NotParticipating int     `json:"not_participating"`
	Grades           [3]int  `json:"grades"` // participants by grade 1, 2, 3
	Rural            int     `json:"rural"`
	SurveyMean       float64 `json:"survey_mean"` // m: mean of the valid in-period responses
}

// FilePlan is one written file. Rows = Used + OutsidePeriod + Superseded +
// len(Errors): every row is accounted for.
type FilePlan struct {
	Name          string    `json:"name"` // "offices.xlsx"
	Rows          int64     `json:"rows"` // data rows, header excluded
	Used          int64     `json:"used"`
	OutsidePeriod int64     `json:"outside_period"`
	Superseded    int64     `json:"superseded"`
	Errors        []Planted `json:"errors,omitempty"`
	Warnings      []Planted `json:"warnings,omitempty"` // rows that stand and count
}

// Planted is a row planted in error, or with a warning.
type Planted struct {
	Row    int64  `json:"row"`    // 1-based line or sheet row, header included
	Column string `json:"column"` // English column name
	Reason string `json:"reason"` // e.g. "unknown_office", "duplicate_response_id"
	Value  string `json:"value"`  // the cell as written (before encoding)
}

// The reasons of planted rows.
const (
	ReasonUnknownOffice   = "unknown_office"
	ReasonDuplicateCode   = "duplicate_office_code"
	ReasonDuplicateID     = "duplicate_response_id"
	ReasonDuplicateCase   = "duplicate_case_id"
	ReasonScoreRange      = "score_out_of_range"
	ReasonStaffCount      = "staff_count_below_one"
	ReasonInvalidDate     = "invalid_date"
	ReasonUnknownType     = "unknown_violation_type"
	ReasonNationalIDCheck = "national_id_check_digit"
)

// ErrorCounts counts the file's planted errors by reason.
func (f FilePlan) ErrorCounts() map[string]int {
	m := map[string]int{}
	for _, e := range f.Errors {
		m[e.Reason]++
	}
	return m
}

// Total sums the designed counts of all provinces.
func (p *Plan) Total() ProvincePlan {
	var t ProvincePlan
	for _, slug := range slices.Sorted(maps.Keys(p.Provinces)) {
		pp := p.Provinces[slug]
		t.Offices += pp.Offices
		t.Participants += pp.Participants
		t.CarriedForward += pp.CarriedForward
		t.NotParticipating += pp.NotParticipating
		t.Rural += pp.Rural
		for g := range t.Grades {
			t.Grades[g] += pp.Grades[g]
		}
	}
	return t
}
