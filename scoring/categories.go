package scoring

// The closed sets of the exports' categorical columns, by id, as ingest
// reduces them (ingest's tests hold its lists to these). A rules file
// that prices a value outside them is a mistake: no row can have it.
var (
	AreaTypes       = []string{"urban", "rural"}
	OfficeTypes     = []string{"pishkhan", "public_nongov", "rural_ict"}
	LocationClasses = []string{"main_street", "secondary_street", "alley"}
	ReviewStatuses  = []string{"confirmed", "rejected", "pending"}
	ViolationTypes  = []string{"overcharging", "forgery", "unauthorized_relocation", "no_accessibility"}
	RulingStatuses  = []string{"final", "appealed", "dismissed"}
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
