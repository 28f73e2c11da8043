package scoring

import "github.com/iranict/rank/internal/export"

// The closed sets of the exports' categorical columns, by id, as the
// export's schema declares them and ingest reads them. A rules file that
// prices a value outside them is a mistake: no row can have it.
var (
	AreaTypes       = export.AreaTypes.IDs()
	OfficeTypes     = export.OfficeTypes.IDs()
	LocationClasses = export.LocationClasses.IDs()
	ReviewStatuses  = export.ReviewStatuses.IDs()
	ViolationTypes  = export.ViolationTypes.IDs()
	RulingStatuses  = export.RulingStatuses.IDs()
)

// categoryIDs is the closed set of a categorical source, or nil when free
// (a city).
func categoryIDs(s Source) []string {
	switch {
	case s.Declaration == "location_class":
		return LocationClasses
	case s.Registry == "area_type":
		return AreaTypes
	case s.Registry == "office_type":
		return OfficeTypes
	case s.Registry == "province":
		slugs := make([]string, len(Provinces))
		for i, p := range Provinces {
			slugs[i] = p.Slug
		}
		return slugs
	}
	return nil
}
