package cmd

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/iranict/rank/report"
)

// VerifyOptions are the inputs of rank verify.
type VerifyOptions struct {
	IO     *IO
	Dir    string
	Format string // "text" | "json"
}

// NewCmdVerify builds `rank verify`: a reports folder held against its
// run.json.
func NewCmdVerify(ios *IO, runF func(*VerifyOptions) error) *cobra.Command {
	opts := &VerifyOptions{IO: ios}
	c := &cobra.Command{
		Use: "verify DIR",
		Annotations: map[string]string{
			exit0: "every report is as rank wrote it",
			exit1: "a report changed, is missing or is not rank's, or run.json cannot be read",
		},
		Short: "Check that a reports folder is as rank wrote it, by its run.json",
		Long: `Verify reads DIR/run.json, the record rank evaluate and rank compare
keep in every reports folder, and checks every report in DIR against the
sha256 it gives: changed, missing, and files rank did not write are
listed. It checks the inputs too, where they still are at the paths the
record gives, and says which changed since; they do not change the exit
status, which is 0 when every report is as rank wrote it and 1 otherwise.`,
		Example: `  $ rank verify reports/1404-H1
  $ rank verify reports/1404-H1 --format json`,
		Args: usageArgs(cobra.ExactArgs(1)),
		RunE: func(c *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if opts.Format != "text" && opts.Format != "json" {
				return usagef("--format %q: want text or json", opts.Format)
			}
			if runF != nil {
				return runF(opts)
			}
			return verifyRun(opts)
		},
	}
	c.Flags().StringVar(&opts.Format, "format", "text", "what to print: text or json")
	return c
}

// errNotAsWritten is a folder that is not as rank wrote it: exit 1, the
// findings printed.
var errNotAsWritten = errors.New("the folder is not as rank wrote it")

func verifyRun(opts *VerifyOptions) error {
	data, err := os.ReadFile(filepath.Join(opts.Dir, report.RecordName))
	if err != nil {
		return failure{"input", opts.Dir, fmt.Errorf("%s: no record of rank's (%w)", opts.Dir, err)}
	}
	rec, err := report.ParseRecord(data)
	if err != nil {
		return failure{"input", filepath.Join(opts.Dir, report.RecordName), err}
	}
	v := report.Verification{Folder: opts.Dir, Command: rec.Command, WrittenAt: rec.WrittenAt, Rules: rec.Rules, OK: true}
	listed := map[string]bool{report.RecordName: true}
	for _, o := range rec.Outputs {
		listed[o.File] = true
		st := check(filepath.Join(opts.Dir, o.File), o)
		v.OK = v.OK && st == report.CheckOK
		v.Outputs = append(v.Outputs, report.FileCheck{File: o.File, Status: st})
	}
	ents, err := os.ReadDir(opts.Dir)
	if err != nil {
		return failure{"input", opts.Dir, err}
	}
	for _, e := range ents {
		if !listed[e.Name()] {
			v.OK = false
			v.Outputs = append(v.Outputs, report.FileCheck{File: e.Name(), Status: report.CheckExtra})
		}
	}
	for _, in := range rec.Inputs {
		v.Inputs = append(v.Inputs, report.FileCheck{Kind: in.Kind, File: in.Path, Status: check(in.Path, in)})
	}
	if opts.Format == "json" {
		err = report.VerificationJSON(opts.IO.Out, v)
	} else {
		err = report.VerificationText(opts.IO.Out, v)
	}
	if err != nil {
		return err
	}
	if !v.OK {
		return failure{"changed", opts.Dir, errNotAsWritten}
	}
	return nil
}

// check holds the file at path against its record.
func check(path string, want report.RecordFile) string {
	got, err := hashFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return report.CheckMissing
	case err != nil, got.SHA256 != want.SHA256:
		return report.CheckChanged
	}
	return report.CheckOK
}
