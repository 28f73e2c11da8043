package scoring

// IndicatorValue is how one indicator of one office was worked out: the
// value read (a number, or a category id), the value after the rules'
// transforms, and whether it counted at all.
type IndicatorValue struct {
	Input    float64 // as read: the declaration's column, the survey aggregate, the years …
	Category string  // for a categorical source: the category id
	Value    float64 // after the transforms: what the points were given for
	// Counted is false when the indicator did not apply: the office does
	// not take part, or the indicator is self-declared and the declaration
	// is not one whose self-declared values count.
	Counted bool
}

// PointsReason says which part of an indicator's rule gave its points.
type PointsReason struct {
	Kind     string            // "categories", "table", "scale", "per_unit" or "value"
	Table    int               // the step table used, from 1; 0: none applied
	When     map[string]string // that table's conditions
	Step     int               // the step reached, from 1; 0: below the first step
	AtLeast  float64           // that step's threshold
	Category string            // the category priced
	Raw      float64           // the points before max and min
	Bound    string            // "max" or "min" when a bound changed the points
}

// ExplainPoints retraces toPoints for an office's value: the table and step
// or category that gave the points, and whether max or min applied.
func ExplainPoints(ind IndicatorRule, o Office, v IndicatorValue) PointsReason {
	var why PointsReason
	switch {
	case ind.Categories != nil:
		why.Kind, why.Category, why.Raw = "categories", v.Category, ind.Categories[v.Category]
	case ind.Tables != nil:
		why.Kind = "table"
		for i, t := range ind.Tables {
			if !matches(t.When, o) {
				continue
			}
			why.Table, why.When = i+1, t.When
			for j, s := range t.Steps {
				if atLeast(v.Value, s.AtLeast) {
					why.Step, why.AtLeast, why.Raw = j+1, s.AtLeast, s.Points
				}
			}
			break
		}
	case ind.Scale != nil:
		why.Kind = "scale"
	case ind.PerUnit != nil:
		why.Kind = "per_unit"
	default:
		why.Kind = "value"
	}
	pts := toPoints(ind, o, v.Value, v.Category)
	if why.Kind == "scale" || why.Kind == "per_unit" || why.Kind == "value" {
		why.Raw = toPoints(IndicatorRule{Categories: ind.Categories, Tables: ind.Tables, Scale: ind.Scale, PerUnit: ind.PerUnit}, o, v.Value, v.Category)
	}
	switch {
	case ind.Max != nil && pts == *ind.Max && why.Raw > pts:
		why.Bound = "max"
	case ind.Min != nil && pts == *ind.Min && why.Raw < pts:
		why.Bound = "min"
	}
	return why
}

// GradeReason is the grade rule that gave a participant its grade, from
// 1 in the rules' order; 0: the last grade, by default.
func GradeReason(r *Rules, or OfficeResult, ranked int) int {
	for i, g := range r.Grades {
		if g.Grade == grade(r, or.Total, or.Rank, ranked) {
			return i + 1
		}
	}
	return 0
}
