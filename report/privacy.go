package report

import (
	"regexp"
	"strings"

	"github.com/iranict/rank/internal/export"
)

// MaskNationalID hides a national code but its first three and last three
// digits ("001****419"): enough for an analyst to tell holders apart, not
// enough to identify one.
func MaskNationalID(id string) string {
	if id == "" {
		return ""
	}
	r := []rune(id)
	if len(r) <= 6 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-6) + string(r[len(r)-3:])
}

// digitRun finds what may be a national code quoted in a problem's reason.
var digitRun = regexp.MustCompile(`[0-9۰-۹٠-٩][0-9۰-۹٠-٩ -]{4,}[0-9۰-۹٠-٩]`)

// nationalID is the holder's national code as the reports show it.
func (r Run) nationalID(id string) string {
	if r.ShowNationalIDs {
		return id
	}
	return MaskNationalID(id)
}

// problems are the run's problems as the reports show them: a national
// code quoted in a reason is masked unless ShowNationalIDs.
func (r Run) problems() []export.Problem {
	if r.ShowNationalIDs {
		return r.Problems
	}
	out := make([]export.Problem, len(r.Problems))
	for i, p := range r.Problems {
		out[i] = MaskProblem(p)
	}
	return out
}

// shown is one problem as the reports show it (see problems).
func (r Run) shown(p export.Problem) export.Problem {
	if r.ShowNationalIDs {
		return p
	}
	return MaskProblem(p)
}

// MaskProblem masks the national code a problem of the holder_national_id
// column quotes.
func MaskProblem(p export.Problem) export.Problem {
	if p.Column == "holder_national_id" {
		// The reason in English and the cell its message quotes, for the
		// reason in Persian.
		p = p.MapText(func(s string) string { return digitRun.ReplaceAllStringFunc(s, MaskNationalID) })
	}
	return p
}
