package synth_test

import (
	"fmt"
	"os"

	"github.com/iranict/rank/synth"
)

func ExampleGenerate() {
	dir, _ := os.MkdirTemp("", "gilan")
	defer os.RemoveAll(dir)
	plan, err := synth.Generate(dir, synth.Gilan())
	if err != nil {
		fmt.Println(err)
		return
	}
	g := plan.Provinces["gilan"]
	fmt.Printf("%s: %d offices, %d taking part, %d / %d / %d, %d not taking part\n",
		plan.Period, g.Offices, g.Participants, g.Grades[0], g.Grades[1], g.Grades[2], g.NotParticipating)
	fmt.Println(plan.Files["surveys"].ErrorCounts())
	// Output:
	// 1400-H1: 734 offices, 394 taking part, 284 / 109 / 1, 340 not taking part
	// map[duplicate_response_id:1 score_out_of_range:1 unknown_office:1]
}
