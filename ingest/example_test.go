package ingest_test

import (
	"fmt"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/scoring"
)

func ExampleNormalize() {
	fmt.Printf("%q\n", ingest.Normalize(" \u200fكد ۱۲٣ "))
	// Output: "کد 123"
}

func ExampleParseDate() {
	d, err := ingest.ParseDate("۱۴۰۳-۱۲-۳۰")
	fmt.Println(d, err)
	_, err = ingest.ParseDate("1404/12/30")
	fmt.Println(err)
	// Output:
	// 1403/12/30 <nil>
	// is not a day of the Jalali calendar: 1404/12 has 29 days
}

func ExampleProblem_Error() {
	p := export.Problem{Kind: scoring.KindDeclarations, File: "declarations.csv", Row: 42,
		Column: "staff_count", Reason: `must be a whole number ≥ 1, got "۰"`}
	fmt.Println(p.Error())
	// Output: declarations.csv:42:staff_count: must be a whole number ≥ 1, got "۰"
}
