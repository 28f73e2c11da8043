// Command rank evaluates and ranks Iran's government service counter offices
// (and, with another rules file, other programs) from the regulator's exports.
package main

import (
	_ "embed"
	"os"

	"github.com/iranict/rank/cmd"
)

//go:embed rules.yaml
var rules []byte

func main() {
	os.Exit(cmd.Main(os.Args[1:], cmd.System(), rules))
}
