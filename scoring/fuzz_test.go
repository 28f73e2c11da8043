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
