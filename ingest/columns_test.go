package ingest

import (
	"slices"
	"testing"

	"github.com/iranict/rank/scoring"
)

// TestCategoriesAreTheRulesOnes: the closed sets ingest reads are the ones
// rules check holds rules files to, id for id.
func TestCategoriesAreTheRulesOnes(t *testing.T) {
	for name, c := range map[string]struct {
		cat *category
		ids []string
	}{
		"area_type":      {areaTypes, scoring.AreaTypes},
		"office_type":    {officeTypes, scoring.OfficeTypes},
		"location_class": {locationClasses, scoring.LocationClasses},
		"review_status":  {reviewStatuses, scoring.ReviewStatuses},
		"violation_type": {violationTypes, scoring.ViolationTypes},
		"ruling_status":  {rulingStatuses, scoring.RulingStatuses},
	} {
		var got []string
		for _, v := range c.cat.values {
			got = append(got, v.id)
		}
		if !slices.Equal(got, c.ids) {
			t.Errorf("%s: ingest reads %v, rules check knows %v", name, got, c.ids)
		}
	}
}
