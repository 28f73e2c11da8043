package report_test

import (
	"fmt"
	"strings"

	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

func ExampleCSV() {
	qom, _ := scoring.ProvinceBySlug("qom")
	res := &scoring.Result{
		Period:     scoring.Period{Year: 1404, Half: 1},
		Indicators: []scoring.IndicatorRule{{ID: "satisfaction"}},
		Grades:     []scoring.GradeRule{{Grade: 1, AtLeast: 60}, {Grade: 2, AtLeast: 40}, {Grade: 3}},
		Offices: []scoring.OfficeResult{
			{Office: scoring.Office{Code: "Q1", Name: "Qom One", Province: qom, City: "Qom", AreaType: "urban", OfficeType: "pishkhan"},
				Status: scoring.Participating, ReviewStatus: "confirmed", Points: []float64{70.126}, Total: 70.126, Grade: 1, Rank: 1},
			{Office: scoring.Office{Code: "Q2", Name: "=2+2", Province: qom, City: "Qom", AreaType: "urban", OfficeType: "pishkhan"},
				Status: scoring.NotParticipating, Absence: scoring.Absence{Why: scoring.NoDeclaration}, Points: []float64{0}, Grade: 3},
		},
	}
	var out strings.Builder
	if err := report.CSV(&out, report.Run{Result: res}); err != nil {
		panic(err)
	}
	// UTF-8 with a byte-order mark, which Excel on Windows needs to read
	// the Persian names.
	fmt.Println(strings.HasPrefix(out.String(), "\ufeff"))
	fmt.Print(strings.TrimPrefix(out.String(), "\ufeff"))
	// Output:
	// true
	// office_code,name,province,city,area_type,office_type,holder_national_id,status,review_status,satisfaction,penalty,total,grade,rank,service_quota_pct,service_quota,period,not_participating_reason
	// Q1,Qom One,qom,Qom,urban,pishkhan,,participating,confirmed,70.13,0.00,70.13,1,1,,,1404-H1,
	// Q2,'=2+2,qom,Qom,urban,pishkhan,,not_participating,,0.00,0.00,0.00,3,,,,1404-H1,no_declaration
}
