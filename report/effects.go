package report

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/iranict/rank/scoring"
)

// penaltyNote says, in Persian, why a ruling did not count or what it did
// beyond its points: the cap, the penalty rule that priced it, its effects
// on the grade.
func penaltyNote(p *scoring.PenaltyResult) string {
	var parts []string
	if p.Reason != "" {
		parts = append(parts, fa(reasonFA, p.Reason))
	}
	if p.Rule > 0 {
		parts = append(parts, fmt.Sprintf("قاعده %d جرائم", p.Rule))
	}
	if p.Counted && p.GradeCap > 0 {
		parts = append(parts, fmt.Sprintf("رتبه حداکثر %d", p.GradeCap))
	}
	if p.Counted && p.GradeDown > 0 {
		parts = append(parts, fmt.Sprintf("کاهش %d رتبه", p.GradeDown))
	}
	if p.Counted && p.Disqualify {
		parts = append(parts, "حذف از رتبه‌بندی")
	}
	return strings.Join(parts, "؛ ")
}

// blankZeroText is n as text, or "" for 0 (no rank).
func blankZeroText(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
}

// statusText is the office's status in Persian, and that a penalty rule took
// it out of the ranking.
func statusText(o *scoring.OfficeResult) string {
	s := fa(statusFA, string(o.Status))
	if o.Disqualified {
		s += "؛ حذف از رتبه‌بندی"
	}
	return s
}
