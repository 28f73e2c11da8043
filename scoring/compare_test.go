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

func TestCompareCases(t *testing.T) {
	o := func(code, province string, grade int) RankedOffice {
		return RankedOffice{Code: code, Province: province, Grade: grade}
	}
	codes := func(os []RankedOffice) []string {
		var s []string
		for _, o := range os {
			s = append(s, o.Code)
		}
		return s
	}
	tests := []struct {
		name                   string
		old, new               []RankedOffice
		same                   int
		moves, added, gone     []string // codes, in province then code order
		grades                 []int
		oldOffices, newOffices map[string]int // by province
	}{
		{name: "both empty"},
		{
			name:  "old empty: every office is new",
			new:   []RankedOffice{o("T1", "tehran", 2), o("G1", "gilan", 0)},
			added: []string{"G1", "T1"}, grades: []int{1, 2},
			oldOffices: map[string]int{"gilan": 0, "tehran": 0}, newOffices: map[string]int{"gilan": 1, "tehran": 1},
		},
		{
			name: "new empty: every office is gone",
			old:  []RankedOffice{o("G2", "gilan", 1), o("G1", "gilan", 1)},
			gone: []string{"G1", "G2"}, grades: []int{1},
			oldOffices: map[string]int{"gilan": 2}, newOffices: map[string]int{"gilan": 0},
		},
		{
			name: "an office that moved province counts in each period's own",
			old:  []RankedOffice{o("X", "gilan", 1)},
			new:  []RankedOffice{o("X", "tehran", 1)},
			same: 1, grades: []int{1},
			oldOffices: map[string]int{"gilan": 1, "tehran": 0}, newOffices: map[string]int{"gilan": 0, "tehran": 1},
		},
		{
			name:  "taking part and leaving off are moves to and from no grade",
			old:   []RankedOffice{o("A", "gilan", 0), o("B", "gilan", 2)},
			new:   []RankedOffice{o("A", "gilan", 2), o("B", "gilan", 0)},
			moves: []string{"A", "B"}, grades: []int{1, 2},
			oldOffices: map[string]int{"gilan": 2}, newOffices: map[string]int{"gilan": 2},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := Compare(tt.old, tt.new)
			var moves []string
			for _, m := range c.Moves {
				moves = append(moves, m.New.Code)
			}
			if c.Same != tt.same || !reflect.DeepEqual(moves, tt.moves) || !reflect.DeepEqual(codes(c.New), tt.added) || !reflect.DeepEqual(codes(c.Gone), tt.gone) {
				t.Errorf("same %d moves %v new %v gone %v, want %d %v %v %v", c.Same, moves, codes(c.New), codes(c.Gone), tt.same, tt.moves, tt.added, tt.gone)
			}
			if !reflect.DeepEqual(c.Grades, tt.grades) {
				t.Errorf("grades %v, want %v", c.Grades, tt.grades)
			}
			var oldSum, newSum int
			for _, p := range c.Provinces {
				if p.OldOffices != tt.oldOffices[p.Province] || p.NewOffices != tt.newOffices[p.Province] {
					t.Errorf("%s offices %d → %d, want %d → %d", p.Province, p.OldOffices, p.NewOffices, tt.oldOffices[p.Province], tt.newOffices[p.Province])
				}
				oldSum += p.OldOffices
				newSum += p.NewOffices
			}
			if len(c.Provinces) != len(tt.oldOffices) {
				t.Errorf("%d provinces, want %d", len(c.Provinces), len(tt.oldOffices))
			}
			if c.Total.OldOffices != len(tt.old) || c.Total.NewOffices != len(tt.new) || oldSum != len(tt.old) || newSum != len(tt.new) {
				t.Errorf("total %d → %d, provinces %d → %d, want %d → %d", c.Total.OldOffices, c.Total.NewOffices, oldSum, newSum, len(tt.old), len(tt.new))
			}
			if n := c.Same + len(c.Moves) + len(c.New) + len(c.Gone); n != len(codes(tt.old))+len(tt.new)-c.Same-len(c.Moves) {
				t.Errorf("every office once: same+moves+new+gone = %d", n)
			}
		})
	}
}
