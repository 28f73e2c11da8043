package report

import (
	"io"
)

// Verification is rank verify's finding on a reports folder: each file
// run.json lists, and each file it does not, held against the record.
type Verification struct {
	Folder    string       `json:"folder"`
	Command   string       `json:"command"`
	WrittenAt string       `json:"written_at"`
	Outputs   []FileCheck  `json:"outputs"` // the folder's files: as written, changed, missing, or not rank's
	Inputs    []FileCheck  `json:"inputs"`  // the inputs at their paths: unchanged, changed or missing
	Rules     *RecordRules `json:"rules,omitempty"`
	OK        bool         `json:"ok"` // every output as rank wrote it, and nothing else in the folder
}

// FileCheck is one file held against run.json.
type FileCheck struct {
	Kind   string `json:"kind,omitempty"` // of an input
	File   string `json:"file"`           // an output's name, an input's path
	Status string `json:"status"`         // ok, changed, missing, extra (in the folder, not in run.json)
}

// Check statuses.
const (
	CheckOK      = "ok"
	CheckChanged = "changed"
	CheckMissing = "missing"
	CheckExtra   = "extra"
)

// VerificationText prints a verification: what is not as recorded, then
// a line in all.
func VerificationText(w io.Writer, v Verification) error {
	ew := &errWriter{w: w}
	ew.printf("%s: written by rank %s at %s\n", v.Folder, v.Command, v.WrittenAt)
	count := func(cs []FileCheck, what, as string) {
		n := 0
		for _, c := range cs {
			if c.Status == CheckOK {
				n++
				continue
			}
			ew.printf("  %s %s: %s\n", what, c.File, describe(c.Status, what))
		}
		ew.printf("%d of %d %ss %s\n", n, len(cs), what, as)
	}
	count(v.Outputs, "report", "as rank wrote them")
	count(v.Inputs, "input", "unchanged where run.json says they are")
	if v.OK {
		ew.printf("ok: every report is as rank wrote it\n")
	} else {
		ew.printf("NOT OK: the folder is not as rank wrote it\n")
	}
	return ew.err
}

func describe(status, what string) string {
	switch status {
	case CheckChanged:
		return "changed since (its sha256 differs from run.json's)"
	case CheckMissing:
		if what == "input" {
			return "not found at that path"
		}
		return "missing"
	case CheckExtra:
		return "not written by rank (run.json does not list it)"
	}
	return status
}

// VerificationJSON writes a verification for scripts.
func VerificationJSON(w io.Writer, v Verification) error {
	return writeJSON(w, v)
}
