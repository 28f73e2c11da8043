package scoring

import "strings"

// The rows of an export, as ingest delivers them: validated, normalised and
// with categorical columns reduced to their ids (for example "urban",
// "confirmed", "forgery"). Row is the 1-based line or sheet row the record
// came from, header included, so results can point back at their source.

// Office is a licensed, active office of the registry.
type Office struct {
	Code             string
	Name             string
	Province         Province
	City             string
	AreaType         string // "urban" | "rural"
	OfficeType       string // "pishkhan" | "public_nongov" | "rural_ict"
	HolderNationalID string
	LicenseDate      Date
	Row              int
}

// Declaration is an office's self-declaration for a period, with the
// region's review.
type Declaration struct {
	OfficeCode       string
	Period           Period
	SubmittedAt      Date
	AreaM2           float64
	StaffCount       int
	LocationClass    string // "main_street" | "secondary_street" | "alley"
	AssociationScore float64
	ReviewStatus     string // "confirmed" | "rejected" | "pending"
	Row              int
}

// Survey is one citizen's response. Response ids are checked for repeats by
// ingest; the engine needs only what it aggregates.
type Survey struct {
	OfficeCode string
	Date       Date
	Score      int // 1–5
}

// Violation is a ruling of a violation committee.
type Violation struct {
	CaseID     string
	OfficeCode string
	Type       string // "overcharging" | "forgery" | "unauthorized_relocation" | "no_accessibility"
	RulingDate Date
	Status     string // "final" | "appealed" | "dismissed"
	Row        int
}

// Service is the number of services available in an area.
type Service struct {
	Province  Province
	City      string
	AreaType  string
	Available int
	Row       int
}

// AreaKey identifies an area: a city, or the villages of a city, of a province.
type AreaKey struct {
	Province string // slug
	City     string
	AreaType string
}

// Area is the area an office serves.
func (o Office) Area() AreaKey { return areaKey(o.Province, o.City, o.AreaType) }

// Area is the area a services row describes.
func (s Service) Area() AreaKey { return areaKey(s.Province, s.City, s.AreaType) }

// areaKey folds the city's case and inner blanks, so that "Bandar Anzali"
// in the registry meets "bandar  anzali" in the services file.
func areaKey(p Province, city, areaType string) AreaKey {
	return AreaKey{p.Slug, strings.Join(strings.Fields(strings.ToLower(city)), " "), areaType}
}

// DeclarationInError is a declaration row ingest left out, of an office
// of the registry: the engine says so of an office that does not take
// part for want of a declaration.
type DeclarationInError struct {
	OfficeCode string
	Period     Period // the period it declares for; zero when that cell is in error too
	Row        int
}

// Inputs is everything the engine evaluates for one period.
type Inputs struct {
	Offices      []Office
	Declarations []Declaration
	Surveys      *SurveyTally
	Violations   []Violation
	Services     []Service
	// DeclarationsInError are the declaration rows in error that name an
	// office of the registry, in file order.
	DeclarationsInError []DeclarationInError
}
