package cmd

import (
	"github.com/spf13/pflag"

	"github.com/iranict/rank/ingest"
)

// normalized is a flag whose value is normalised as the exports' cells
// are (ingest.Normalize): an analyst typing on a Persian keyboard writes
// --period ۱۴۰۴-H1 or --office ۱۰-۰۰۰۳۳, and means what the ASCII digits
// say.
type normalized struct{ p *string }

func (n normalized) String() string {
	if n.p == nil {
		return ""
	}
	return *n.p
}

func (n normalized) Set(s string) error {
	*n.p = ingest.Normalize(s)
	return nil
}

func (normalized) Type() string { return "string" }

// normalizedVar defines a string flag that takes Persian and Arabic digits
// (and letters) as the exports do: a period, an office code.
func normalizedVar(f *pflag.FlagSet, p *string, name, value, usage string) {
	*p = value
	f.Var(normalized{p}, name, usage)
}
