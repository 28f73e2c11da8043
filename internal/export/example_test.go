package export_test

import (
	"fmt"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

func ExampleLabel() {
	fmt.Println(export.Label("office_type", "rural_ict", vocab.Persian))
	fmt.Println(export.Label("office_type", "rural_ict", vocab.English))
	// Output:
	// دفتر ICT روستایی
	// rural ICT office
}

func ExampleProblem_ReasonIn() {
	staff := export.Declarations.Column("staff_count")
	p := export.Problem{Kind: export.KindDeclarations, File: "declarations.csv", Row: 42, Column: staff.Name}
	p.Because(export.Msg("got", staff.Breaks(), "0"))
	fmt.Println(p.Error())
	fmt.Println(p.ReasonIn(vocab.Persian))
	// Output:
	// declarations.csv:42:staff_count: must be a whole number ≥ 1, got "0"
	// باید عدد صحیحی برابر با 1 یا بیشتر باشد؛ مقدار واردشده: «0»
}
