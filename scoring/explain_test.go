package scoring

import (
	"reflect"
	"testing"
)

func TestExplainPoints(t *testing.T) {
	f := func(x float64) *float64 { return &x }
	tables := IndicatorRule{Tables: []StepTable{
		{When: map[string]string{"area_type": "urban"}, Steps: []Step{{AtLeast: 20, Points: 5}, {AtLeast: 60, Points: 15}}},
		{Steps: []Step{{AtLeast: 10, Points: 4}}},
	}}
	urban, rural := Office{AreaType: "urban"}, Office{AreaType: "rural"}
	tests := []struct {
		name string
		ind  IndicatorRule
		o    Office
		v    IndicatorValue
		want PointsReason
	}{
		{"urban step 2", tables, urban, IndicatorValue{Value: 80}, PointsReason{Kind: "table", Table: 1, When: map[string]string{"area_type": "urban"}, Step: 2, AtLeast: 60, Raw: 15}},
		{"urban at 59.9999999999 reaches 60", tables, urban, IndicatorValue{Value: 59.9999999999}, PointsReason{Kind: "table", Table: 1, When: map[string]string{"area_type": "urban"}, Step: 2, AtLeast: 60, Raw: 15}},
		{"urban below", tables, urban, IndicatorValue{Value: 5}, PointsReason{Kind: "table", Table: 1, When: map[string]string{"area_type": "urban"}}},
		{"rural falls to table 2", tables, rural, IndicatorValue{Value: 12}, PointsReason{Kind: "table", Table: 2, Step: 1, AtLeast: 10, Raw: 4}},
		{"category", IndicatorRule{Categories: map[string]float64{"alley": 3}}, urban, IndicatorValue{Category: "alley"}, PointsReason{Kind: "categories", Category: "alley", Raw: 3}},
		{"per unit capped", IndicatorRule{PerUnit: f(1.5), Max: f(15)}, urban, IndicatorValue{Value: 12}, PointsReason{Kind: "per_unit", Raw: 18, Bound: "max"}},
		{"per unit under the cap", IndicatorRule{PerUnit: f(1.5), Max: f(15)}, urban, IndicatorValue{Value: 4}, PointsReason{Kind: "per_unit", Raw: 6}},
		{"scale", IndicatorRule{Scale: &Scale{From: [2]float64{1, 5}, To: [2]float64{0, 35}}}, urban, IndicatorValue{Value: 3}, PointsReason{Kind: "scale", Raw: 17.5}},
		{"value floored", IndicatorRule{Min: f(0)}, urban, IndicatorValue{Value: -2}, PointsReason{Kind: "value", Raw: -2, Bound: "min"}},
	}
	for _, tt := range tests {
		if got := ExplainPoints(tt.ind, tt.o, tt.v); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
}
