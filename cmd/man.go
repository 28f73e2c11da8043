package cmd

import (
	"io"
	"os"
	"time"

	"github.com/spf13/cobra/doc"
)

// manDate is the date the man pages carry: fixed, so that they are
// regenerated only when a command's text changes.
var manDate = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

// WriteManPages writes a man page (section 1) for rank and each of its
// commands into dir.
func WriteManPages(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	root := NewCmdRoot(&IO{In: os.Stdin, Out: io.Discard, Err: io.Discard}, Methods{})
	root.DisableAutoGenTag = true
	return doc.GenManTree(root, &doc.GenManHeader{
		Title: "RANK", Section: "1", Date: &manDate,
		Source: "rank", Manual: "rank — evaluation of government service counter offices",
	}, dir)
}
