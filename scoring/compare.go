package scoring

import (
	"cmp"
	"slices"
)

// RankedOffice is one office of a period's ranking.csv.
type RankedOffice struct {
	Code, Name, Province string
	Status               string  // participating, carried_forward, not_participating
	Total                float64 // 0 for offices not taking part
	Grade, Rank          int     // 0 when not taking part / not ranked
	Row                  int
}

// Comparison is two periods' results side by side.
type Comparison struct {
	Moves     []GradeMove    // offices in both whose grade changed, by province and code
	Same      int            // offices in both whose grade did not change
	New, Gone []RankedOffice // in the new period only, in the old only
	Provinces []ProvinceMove // by province
	Total     ProvinceMove   // every province; Province is ""
	Grades    []int          // 1 … the largest grade seen (a grade no office has is still a row)
	Moved     map[[2]int]int // offices by (old grade, new grade); 0 is "not taking part"
}

// GradeMove is one office whose grade changed; a grade of 0 means it did
// not take part in that period.
type GradeMove struct {
	Old, New RankedOffice
}

// ProvinceMove is a province's participants by grade in both periods, and
// all its offices (those not taking part have no grade).
type ProvinceMove struct {
	Province               string
	Old, New               map[int]int // grade → participants
	OldOffices, NewOffices int
}

// Ungraded is the offices without a grade (not taking part) in the old
// and the new period.
func (p ProvinceMove) Ungraded() (old, new int) {
	old, new = p.OldOffices, p.NewOffices
	for _, n := range p.Old {
		old -= n
	}
	for _, n := range p.New {
		new -= n
	}
	return old, new
}

// Compare sets two periods' rankings side by side.
func Compare(old, new []RankedOffice) Comparison {
	c := Comparison{Moved: map[[2]int]int{}, Total: ProvinceMove{Old: map[int]int{}, New: map[int]int{}}}
	oldBy := map[string]RankedOffice{}
	for _, o := range old {
		oldBy[o.Code] = o
	}
	newBy := map[string]bool{}
	provinces := map[string]*ProvinceMove{}
	grades := map[int]bool{}
	count := func(o RankedOffice, old bool) {
		p := provinces[o.Province]
		if p == nil {
			p = &ProvinceMove{Province: o.Province, Old: map[int]int{}, New: map[int]int{}}
			provinces[o.Province] = p
		}
		for _, p := range []*ProvinceMove{p, &c.Total} {
			if old {
				p.OldOffices++
			} else {
				p.NewOffices++
			}
			if o.Grade == 0 {
				continue
			}
			grades[o.Grade] = true
			if old {
				p.Old[o.Grade]++
			} else {
				p.New[o.Grade]++
			}
		}
	}
	for _, o := range old {
		count(o, true)
	}
	for _, n := range new {
		newBy[n.Code] = true
		count(n, false)
		o, ok := oldBy[n.Code]
		if !ok {
			c.New = append(c.New, n)
			continue
		}
		c.Moved[[2]int{o.Grade, n.Grade}]++
		if o.Grade != n.Grade {
			c.Moves = append(c.Moves, GradeMove{o, n})
		} else {
			c.Same++
		}
	}
	for _, o := range old {
		if !newBy[o.Code] {
			c.Gone = append(c.Gone, o)
		}
	}
	byPlace := func(a, b RankedOffice) int {
		return cmp.Or(compareProvinces(a.Province, b.Province), cmp.Compare(a.Code, b.Code))
	}
	slices.SortFunc(c.Moves, func(a, b GradeMove) int { return byPlace(a.New, b.New) })
	slices.SortFunc(c.New, byPlace)
	slices.SortFunc(c.Gone, byPlace)
	for _, p := range provinces {
		c.Provinces = append(c.Provinces, *p)
	}
	slices.SortFunc(c.Provinces, func(a, b ProvinceMove) int { return compareProvinces(a.Province, b.Province) })
	top := 0
	for g := range grades {
		top = max(top, g)
	}
	for g := 1; g <= top; g++ {
		c.Grades = append(c.Grades, g)
	}
	return c
}

// compareProvinces orders provinces by their code; a name that is not a
// province comes after, by name.
func compareProvinces(a, b string) int {
	pa, oka := LookupProvince(a)
	pb, okb := LookupProvince(b)
	switch {
	case oka && okb:
		return cmp.Compare(pa.Code, pb.Code)
	case oka != okb:
		if oka {
			return -1
		}
		return 1
	}
	return cmp.Compare(a, b)
}
