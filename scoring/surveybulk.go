package scoring

// Period is the period t counts responses within.
func (t *SurveyTally) Period() Period { return t.period }

// AddCount adds the counts of responses already split by period (as a
// reader that tallies in bulk has them) to the office's counts. Counts of
// no response are not recorded, as Add would not record them.
func (t *SurveyTally) AddCount(code string, n SurveyCount) {
	if n.Count == 0 && n.Outside == 0 {
		return
	}
	t.count(code).add(n)
}

// Each calls f with every office that had responses and its counts.
func (t *SurveyTally) Each(f func(code string, c SurveyCount)) {
	for code, c := range t.offices {
		f(code, *c)
	}
}
