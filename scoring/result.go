package scoring

import "github.com/iranict/rank/internal/export"

// Status says whether an office took part in the evaluation.
type Status string

// The statuses of an office, as written in ranking.csv.
const (
	Participating    Status = "participating"
	CarriedForward   Status = "carried_forward" // took part on its previous period's confirmed declaration
	NotParticipating Status = "not_participating"
)

// Participates reports whether the status counts as taking part.
func (s Status) Participates() bool { return s == Participating || s == CarriedForward }

// Why says why an office does not take part.
type Why string

// The reasons an office does not take part, as written in ranking.csv.
const (
	// NoDeclaration: no declaration for the period, none in error, and no
	// standing one of the period before.
	NoDeclaration Why = "no_declaration"
	// InError: its declaration (for the period, or for the one before when
	// that is all it has) is in error and was left out.
	InError Why = "declaration_in_error"
	// NotCarriedForward: none for the period; the period before's standing
	// declaration has a review status that does not carry forward
	// (rejected, pending).
	NotCarriedForward Why = "not_carried_forward"
)

// Absence is why an office does not take part.
type Absence struct {
	Why Why
	// Rows are the rows of the declarations in error (InError),
	// in file order.
	Rows []int
	// Previous is the period before's standing declaration that does not
	// carry forward (NotCarriedForward).
	Previous *Declaration
}

// Result is the evaluation of one period.
type Result struct {
	Period     Period
	Indicators []IndicatorRule // the rules' indicators, in the order of OfficeResult.Points
	Grades     []GradeRule     // the rules' grades, best first
	Offices    []OfficeResult  // by province code; participants by rank, then the others by office code
	Provinces  []ProvinceResult
	Penalties  []PenaltyResult // every valid ruling, by province, office code, case id
	Usage      Usage
}

// OfficeResult is one registry office's evaluation.
type OfficeResult struct {
	Office
	Status       Status
	Absence      Absence          // why it does not take part; zero for a participant
	Declaration  *Declaration     // the standing (or carried-forward) declaration; nil when none
	ReviewStatus string           // of Declaration; "" when none
	Points       []float64        // per indicator, aligned with Result.Indicators
	Values       []IndicatorValue // per indicator: what the points were given for
	Positive     float64          // sum of Points, capped at the rules' maximum
	Penalty      float64          // after the cap
	Total        float64          // unrounded; grading and ranking use it as is
	Grade        int              // for non-participants the rules' grade for them
	GradeCapped  bool             // a penalty's grade cap lowered the grade
	GradeDown    int              // grades a penalty rule took off
	Disqualified bool             // a penalty rule took the office out of the ranking: the lowest grade, no rank
	Rank         int              // 1…n within the province; 0 when not ranked
	Surveys      SurveyCount
	QuotaPct     float64 // share of the area's services the grade allows
	Available    int     // services available in the office's area
	Quota        int     // floor(QuotaPct% × Available)
	HasServices  bool    // the area has a services row; Quota and Available are 0 otherwise
}

// PenaltyResult is one ruling and what it did to its office's score.
type PenaltyResult struct {
	Violation
	Province Province
	Points   float64 // deducted (after the cap); 0 when it did not count
	Counted  bool
	Reason   string // why it did not count, or that the cap reduced it: "outside_period", "not_final", "capped", "not_participating"
	// Rule is the penalties.rules entry that priced the ruling, counted
	// from 1; 0: priced by its type.
	Rule       int
	GradeCap   int  // the grade is at best this one; 0: no cap
	GradeDown  int  // grades it takes off
	Disqualify bool // it takes the office out of the ranking
}

// ranked reports whether the office takes part in the ranking.
func (or *OfficeResult) ranked() bool { return or.Status.Participates() && !or.Disqualified }

// ProvinceResult holds a province's counts.
type ProvinceResult struct {
	Province
	Counts
	SurveyMean float64           // the prior m of satisfaction: mean of valid in-period responses
	ByArea     map[string]Counts // "urban", "rural"
}

// Counts are the figures the regulator publishes for a group of offices.
type Counts struct {
	Offices          int
	Participants     int // carried forward among them
	CarriedForward   int
	NotParticipating int
	Grades           map[int]int // participants by grade
	LowestWithAbsent int         // the lowest grade's count, non-participants included
}

// Usage counts, per input kind and province slug, the valid rows the
// engine used, found outside the period, or found superseded. Together
// with ingest's rows in error they account for every row read.
type Usage map[string]map[string]*Use

// Use is how the valid rows of one kind and province were spent.
type Use struct {
	Used          int64
	OutsidePeriod int64
	Superseded    int64
}

func (u Usage) add(kind, province string) *Use {
	m := u[kind]
	if m == nil {
		m = map[string]*Use{}
		u[kind] = m
	}
	c := m[province]
	if c == nil {
		c = &Use{}
		m[province] = c
	}
	return c
}

// Get returns the use of one kind in one province ("" sums all provinces).
func (u Usage) Get(kind, province string) Use {
	var t Use
	for p, c := range u[kind] {
		if province == "" || p == province {
			t.Used += c.Used
			t.OutsidePeriod += c.OutsidePeriod
			t.Superseded += c.Superseded
		}
	}
	return t
}

// The kinds of input file, as named in an export folder (declared in
// internal/export).
const (
	KindOffices      = export.KindOffices
	KindDeclarations = export.KindDeclarations
	KindSurveys      = export.KindSurveys
	KindViolations   = export.KindViolations
	KindServices     = export.KindServices
)
