package scoring

// SurveyTally aggregates survey responses per office as they stream in, so
// the engine never holds the responses themselves.
type SurveyTally struct {
	period  Period
	offices map[string]*SurveyCount
}

// SurveyCount is what the engine keeps of one office's responses.
type SurveyCount struct {
	Sum     int64    // of in-period scores
	Count   int64    // in-period responses
	Outside int64    // responses outside the period
	ByScore [6]int64 // in-period responses by score (1–5; 0 unused)
}

// NewSurveyTally starts an empty tally for period p.
func NewSurveyTally(p Period) *SurveyTally {
	return &SurveyTally{period: p, offices: make(map[string]*SurveyCount)}
}

// Add counts one valid response.
func (t *SurveyTally) Add(s Survey) {
	c := t.offices[s.OfficeCode]
	if c == nil {
		c = &SurveyCount{}
		t.offices[s.OfficeCode] = c
	}
	if !t.period.Contains(s.Date) {
		c.Outside++
		return
	}
	c.Sum += int64(s.Score)
	c.Count++
	if s.Score >= 0 && s.Score < len(c.ByScore) {
		c.ByScore[s.Score]++
	}
}

// Merge adds the counts of u, a tally of the same period, to t. Partial
// tallies built concurrently meet here.
func (t *SurveyTally) Merge(u *SurveyTally) {
	for code, uc := range u.offices {
		t.count(code).add(*uc)
	}
}

// count is the office's counts, made when it has none yet.
func (t *SurveyTally) count(code string) *SurveyCount {
	c := t.offices[code]
	if c == nil {
		c = &SurveyCount{}
		t.offices[code] = c
	}
	return c
}

// add adds n's counts to c.
func (c *SurveyCount) add(n SurveyCount) {
	c.Sum += n.Sum
	c.Count += n.Count
	c.Outside += n.Outside
	for i, k := range n.ByScore {
		c.ByScore[i] += k
	}
}

// Office returns the counts for one office (zero when it had no responses).
func (t *SurveyTally) Office(code string) SurveyCount {
	if t == nil {
		return SurveyCount{}
	}
	if c := t.offices[code]; c != nil {
		return *c
	}
	return SurveyCount{}
}
