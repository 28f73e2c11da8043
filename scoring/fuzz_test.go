package scoring

import (
	"os"
	"testing"
)

// FuzzParseRules: no rules file, however broken, panics the parser, and
// any file it accepts evaluates a small export without panicking.
func FuzzParseRules(f *testing.F) {
	if data, err := os.ReadFile("../rules.yaml"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("grades: [{grade: 1}]\nindicators: [{id: x, source: {surveys: count}}]\nranking: {scope: province}\nparticipation: {non_participant_grade: 1}\n"))
	f.Add([]byte("a: &a [*a]"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseRules(data)
		if err != nil {
			return
		}
		o := office("F1", "urban")
		d := decl("F1")
		tally := NewSurveyTally(p1404H1)
		tally.Add(Survey{OfficeCode: "F1", Date: Date{1404, 2, 2}, Score: 4})
		Evaluate(r, p1404H1, Inputs{Offices: []Office{o, office("F2", "rural")}, Declarations: []Declaration{d}, Surveys: tally,
			Violations: []Violation{{CaseID: "1", OfficeCode: "F1", Type: "forgery", Status: "final", RulingDate: Date{1404, 3, 3}}},
			Services:   []Service{{Province: gilan, City: "رشت", AreaType: "urban", Available: 9}}})
	})
}

// FuzzParseIndexRules: no index rules file panics the parser, and any it
// accepts evaluates a few entities, with long values and events, without
// panicking.
func FuzzParseIndexRules(f *testing.F) {
	for _, file := range []string{"../agencies.yaml", "../testdata/hdi/hdi.yaml"} {
		if data, err := os.ReadFile(file); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte(sourcesDoc))
	f.Add([]byte("method: index\nentities: {file: t, key: k}\nindicators: [{id: a, column: a}]\ntotal: a\nranking: {method: dense}\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := ParseIndexRules(data)
		if err != nil {
			return
		}
		events := map[string]*EventTally{}
		for i := range r.Events {
			tally := NewEventTally(&r.Events[i])
			fields := make([]string, len(r.Events[i].Fields))
			nums := make([]float64, len(r.Events[i].Numbers))
			tally.Add("a", "s1", fields, nums)
			events[r.Events[i].ID] = tally
		}
		long := map[string]map[string]float64{"a": {}, "b": {}}
		for _, ind := range r.Indicators {
			long["a"][ind.ID] = 50
		}
		vals := map[string]float64{}
		for _, c := range r.Columns() {
			vals[c] = 2
		}
		EvaluateIndex(r, IndexInputs{
			Entities: []Entity{{Key: "a", Group: "g", Values: vals}, {Key: "b", Group: "g", Values: map[string]float64{}}},
			Long:     long, Events: events,
		})
	})
}
