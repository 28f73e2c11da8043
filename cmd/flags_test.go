package cmd

import (
	"bytes"
	"testing"
)

// TestFlagsTakePersianDigits: a period or an office code typed on a
// Persian keyboard reaches the command as the ASCII digits it means.
func TestFlagsTakePersianDigits(t *testing.T) {
	for _, tt := range []struct {
		name           string
		args           []string
		period, office string
	}{
		{"persian", []string{"--period", "۱۴۰۴-H1", "--office", "۱۰-۰۰۰۳۳"}, "1404-H1", "10-00033"},
		{"arabic-indic", []string{"--period=١٤٠٤-H2", "--office=١٠-٠٠٠٣٣"}, "1404-H2", "10-00033"},
		{"mixed and padded", []string{"--period", " 14۰4-H1 ", "--office", "G۲"}, "1404-H1", "G2"},
		{"ascii", []string{"--period", "1404-H1", "--office", "01-00001"}, "1404-H1", "01-00001"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ios := &IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}
			var got *ExplainOptions
			c := NewCmdExplain(ios, nil, func(o *ExplainOptions) error { got = o; return nil })
			c.SetArgs(append([]string{"dir"}, tt.args...))
			if err := c.Execute(); err != nil {
				t.Fatal(err)
			}
			if got.Period != tt.period || got.Office != tt.office {
				t.Errorf("period %q, office %q; want %q, %q", got.Period, got.Office, tt.period, tt.office)
			}
		})
	}
	for _, new := range []func() (string, *string){
		func() (string, *string) {
			var p *string
			c := NewCmdEvaluate(&IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, nil, func(o *EvaluateOptions) error { p = &o.Period; return nil })
			c.SetArgs([]string{"--period", "۱۴۰۴-H1", "--out", "x"})
			if err := c.Execute(); err != nil {
				t.Fatal(err)
			}
			return "evaluate", p
		},
		func() (string, *string) {
			var p *string
			c := NewCmdValidate(&IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, nil, func(o *EvaluateOptions) error { p = &o.Period; return nil })
			c.SetArgs([]string{"--period", "۱۴۰۴-H1"})
			if err := c.Execute(); err != nil {
				t.Fatal(err)
			}
			return "validate", p
		},
	} {
		name, p := new()
		if *p != "1404-H1" {
			t.Errorf("%s: period %q, want 1404-H1", name, *p)
		}
	}
}
