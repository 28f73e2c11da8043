package report

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// JSON writes the run's summary for scripts: counts per province and in
// all, the accounting of every input file, and the reports written.
func JSON(w io.Writer, run Run, reports []string) error {
	s := jsonSummary{
		Period:    run.Result.Period.String(),
		Rules:     run.RulesName,
		RulesHash: RulesHash(run.RulesText),
		Provinces: []jsonProvince{},
		Totals:    run.jsonCounts(run.totals()),
		Reports:   reports,
	}
	s.Problems, s.ProblemGroupsMore = capGroups(groupProblems(run.problems()))
	if s.Reports == nil {
		s.Reports = []string{}
	}
	if s.Problems == nil {
		s.Problems = []ProblemGroup{}
	}
	for _, p := range run.Result.Provinces {
		s.Provinces = append(s.Provinces, jsonProvince{Province: p.Slug, Name: p.Persian, jsonCounts: run.jsonCounts(p.Counts)})
	}
	for _, u := range run.inputs("") {
		s.Inputs = append(s.Inputs, keyed{u.Kind, jsonInput{
			File: u.File, Rows: u.Rows, Used: u.Used, OutsidePeriod: u.OutsidePeriod,
			Superseded: u.Superseded, Errors: u.Errors, Warnings: u.Warnings,
		}})
	}
	s.Notices = jsonNotices(run.Notices())
	s.QuotaGap = run.QuotaGap().json()
	return writeJSON(w, s)
}

// writeJSON writes v for scripts: indented by two spaces, one value, a
// final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

type jsonSummary struct {
	Period    string         `json:"period"`
	Rules     string         `json:"rules"`
	RulesHash string         `json:"rules_sha256"`
	Provinces []jsonProvince `json:"provinces"`
	Totals    jsonCounts     `json:"totals"`
	Inputs    object         `json:"inputs"`
	Problems  []ProblemGroup `json:"problems"` // as rank validate groups them
	// ProblemGroupsMore is the number of groups left out of Problems.
	ProblemGroupsMore int           `json:"problem_groups_more,omitempty"`
	Notices           []jsonNotice  `json:"notices,omitempty"`   // files more than a fifth of whose rows are in error
	QuotaGap          *jsonQuotaGap `json:"quota_gap,omitempty"` // offices whose service quota is left blank
	Reports           []string      `json:"reports"`
}

// jsonNotice is a file more than a fifth of whose rows are in error.
type jsonNotice struct {
	Kind      string  `json:"kind"`
	File      string  `json:"file"`
	Rows      int64   `json:"rows"`
	Errors    int64   `json:"errors"`
	Share     float64 `json:"share"` // of the rows in error, 0–1, to three decimals
	Commonest struct {
		Rows  int    `json:"rows"`
		First string `json:"first"` // file:row:column: reason
	} `json:"commonest"`
	Message string `json:"message"`
}

// jsonQuotaGap is the offices whose grade has a service quota and whose
// area has no services row (or no services file was read).
type jsonQuotaGap struct {
	Offices int           `json:"offices"`
	NoFile  bool          `json:"no_services_file"`
	Areas   []jsonGapArea `json:"areas"` // most offices first
	Message string        `json:"message"`
}

type jsonGapArea struct {
	Province string `json:"province"`
	City     string `json:"city"`
	AreaType string `json:"area_type"`
	Offices  int    `json:"offices"`
}

// json is the gap for scripts; nil when there is none.
func (g QuotaGap) json() *jsonQuotaGap {
	if g.Offices == 0 {
		return nil
	}
	j := &jsonQuotaGap{Offices: g.Offices, NoFile: g.NoFile, Message: g.In(vocab.English), Areas: []jsonGapArea{}}
	for _, a := range g.Areas {
		j.Areas = append(j.Areas, jsonGapArea{a.Province.Slug, a.City, a.AreaType, a.Offices})
	}
	return j
}

func jsonNotices(ns []Notice) []jsonNotice {
	var out []jsonNotice
	for _, n := range ns {
		j := jsonNotice{Kind: n.Kind, File: n.File, Rows: n.Rows, Errors: n.Errors, Share: math.Round(n.Share()*1000) / 1000, Message: n.In(vocab.English)}
		j.Commonest.Rows, j.Commonest.First = n.Commonest, n.Example.Error()
		out = append(out, j)
	}
	return out
}

type jsonProvince struct {
	Province string `json:"province"`
	Name     string `json:"name"`
	jsonCounts
}

type jsonCounts struct {
	Offices          int    `json:"offices"`
	Participants     int    `json:"participants"`
	CarriedForward   int    `json:"carried_forward"`
	NotParticipating int    `json:"not_participating"`
	Grades           object `json:"grades"`
}

type jsonInput struct {
	File          string `json:"file"`
	Rows          int64  `json:"rows"`
	Used          int64  `json:"used"`
	OutsidePeriod int64  `json:"outside_period"`
	Superseded    int64  `json:"superseded"`
	Errors        int64  `json:"errors"`
	Warnings      int64  `json:"warnings"`
}

// maxGroups is how many groups of problems a summary lists; the Errors
// sheets and rank validate have them all.
const maxGroups = 50

// capGroups keeps the first maxGroups groups, and says how many more.
func capGroups(g []ProblemGroup) ([]ProblemGroup, int) {
	if len(g) <= maxGroups {
		return g, 0
	}
	return g[:maxGroups], len(g) - maxGroups
}

// jsonCounts has a key for every grade of the rules, best first, even at 0.
func (r Run) jsonCounts(c scoring.Counts) jsonCounts {
	j := jsonCounts{Offices: c.Offices, Participants: c.Participants, CarriedForward: c.CarriedForward,
		NotParticipating: c.NotParticipating, Grades: object{}}
	for _, g := range r.Result.Grades {
		j.Grades = append(j.Grades, keyed{strconv.Itoa(g.Grade), c.Grades[g.Grade]})
	}
	return j
}

// object is a JSON object whose keys keep their order (encoding/json sorts
// a map's, which would put grade "10" before "2" and services before surveys).
type object []keyed

type keyed struct {
	Key   string
	Value any
}

func (o object) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		k, err := json.Marshal(kv.Key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(kv.Value)
		if err != nil {
			return nil, err
		}
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}
