package report

import (
	"strconv"
	"strings"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// penaltyNote says why a ruling did not count or what it did beyond its
// points: the cap, the penalty rule that priced it, its effects on the
// grade.
func penaltyNote(p *scoring.PenaltyResult, lang vocab.Lang) string {
	var parts []string
	if p.Reason != "" {
		parts = append(parts, reasonLabels.In(lang, p.Reason))
	}
	if p.Rule > 0 {
		parts = append(parts, labels.In(lang, "penalty_rule_n", p.Rule))
	}
	if p.Counted && p.GradeCap > 0 {
		parts = append(parts, labels.In(lang, "grade_at_best_n", p.GradeCap))
	}
	if p.Counted && p.GradeDown > 0 {
		parts = append(parts, labels.In(lang, "grades_down_n", p.GradeDown))
	}
	if p.Counted && p.Disqualify {
		parts = append(parts, labels.In(lang, "out_of_ranking"))
	}
	return strings.Join(parts, labels.In(lang, "and"))
}

// blankZeroText is n as text, or "" for 0 (no rank).
func blankZeroText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// statusText is the office's status, and that a penalty rule took it out
// of the ranking.
func statusText(o *scoring.OfficeResult, lang vocab.Lang) string {
	s := statusLabels.In(lang, string(o.Status))
	if o.Disqualified {
		s += labels.In(lang, "and") + labels.In(lang, "out_of_ranking")
	}
	return s
}
