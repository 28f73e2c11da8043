package scoring

import (
	"reflect"
	"testing"
)

func TestCompare(t *testing.T) {
	o := func(code, province string, grade int) RankedOffice {
		return RankedOffice{Code: code, Province: province, Grade: grade}
	}
	old := []RankedOffice{o("A", "tehran", 1), o("B", "gilan", 2), o("C", "gilan", 0), o("D", "gilan", 3), o("E", "tehran", 1)}
	new := []RankedOffice{o("A", "tehran", 1), o("B", "gilan", 1), o("C", "gilan", 2), o("D", "gilan", 0), o("F", "gilan", 3)}
	c := Compare(old, new)
	if c.Same != 1 || len(c.Moves) != 3 {
		t.Fatalf("same %d, moves %+v", c.Same, c.Moves)
	}
	// Moves by province code (gilan 01 before tehran 23), then code.
	var moved []string
	for _, m := range c.Moves {
		moved = append(moved, m.New.Code)
	}
	if !reflect.DeepEqual(moved, []string{"B", "C", "D"}) {
		t.Errorf("moves %v", moved)
	}
	want := map[[2]int]int{{1, 1}: 1, {2, 1}: 1, {0, 2}: 1, {3, 0}: 1}
	if !reflect.DeepEqual(c.Moved, want) {
		t.Errorf("moved %v, want %v", c.Moved, want)
	}
	if len(c.New) != 1 || c.New[0].Code != "F" || len(c.Gone) != 1 || c.Gone[0].Code != "E" {
		t.Errorf("new %+v gone %+v", c.New, c.Gone)
	}
	if !reflect.DeepEqual(c.Grades, []int{1, 2, 3}) {
		t.Errorf("grades %v", c.Grades)
	}
	wantP := []ProvinceMove{
		{"gilan", map[int]int{2: 1, 3: 1}, map[int]int{1: 1, 2: 1, 3: 1}, 3, 4},
		{"tehran", map[int]int{1: 2}, map[int]int{1: 1}, 2, 1},
	}
	if !reflect.DeepEqual(c.Provinces, wantP) {
		t.Errorf("provinces %+v, want %+v", c.Provinces, wantP)
	}
	wantT := ProvinceMove{"", map[int]int{1: 2, 2: 1, 3: 1}, map[int]int{1: 2, 2: 1, 3: 1}, 5, 5}
	if !reflect.DeepEqual(c.Total, wantT) {
		t.Errorf("total %+v, want %+v", c.Total, wantT)
	}
	for _, tt := range []struct {
		p        ProvinceMove
		old, new int
	}{{c.Provinces[0], 1, 1}, {c.Provinces[1], 0, 0}, {c.Total, 1, 1}} {
		if o, n := tt.p.Ungraded(); o != tt.old || n != tt.new {
			t.Errorf("%q not taking part %d → %d, want %d → %d", tt.p.Province, o, n, tt.old, tt.new)
		}
	}
}

// The grades run from 1 to the largest seen: a grade no office has in
// either period is still a column, with zeros.
func TestCompareGradeGap(t *testing.T) {
	c := Compare(
		[]RankedOffice{{Code: "A", Province: "gilan", Grade: 1}},
		[]RankedOffice{{Code: "A", Province: "gilan", Grade: 3}, {Code: "B", Province: "gilan"}},
	)
	if !reflect.DeepEqual(c.Grades, []int{1, 2, 3}) {
		t.Errorf("grades %v, want [1 2 3]", c.Grades)
	}
	if o, n := c.Total.Ungraded(); o != 0 || n != 1 {
		t.Errorf("not taking part %d → %d, want 0 → 1", o, n)
	}
}
