// Command rank evaluates and ranks Iran's government service counter offices
// (and, with another rules file, other programs) from the regulator's exports.
package main

import (
	_ "embed"
	"os"

	"github.com/iranict/rank/cmd"
)

// The built-in methods: the offices' (the default) and the agencies'
// e-services program's. Each is a plain rules file, documented in
// docs/rules.md.
var (
	//go:embed rules.yaml
	rules []byte
	//go:embed agencies.yaml
	agencies []byte

	methods = cmd.Methods{"offices": rules, "agencies": agencies}
)

func main() {
	os.Exit(cmd.Main(os.Args[1:], cmd.System(), methods))
}
