// Command man writes rank's man pages, one per command, into a folder:
//
//	go run ./tools/man docs/man
//
// The pages carry a fixed date, so the same commands write the same bytes;
// go test ./cmd fails when docs/man is not what this writes.
package main

import (
	"fmt"
	"os"

	"github.com/iranict/rank/cmd"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./tools/man DIR")
		os.Exit(2)
	}
	if err := cmd.WriteManPages(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "man:", err)
		os.Exit(1)
	}
}
