package report

import (
	"encoding/json"
	"fmt"
)

// RecordName is the name of the record every reports folder holds.
const RecordName = "run.json"

// RecordFormat marks a run.json as rank's; a folder whose run.json does
// not carry it was not written by rank.
const RecordFormat = "rank-run/1"

// Record is run.json: what wrote a reports folder, from what, and every
// file in it with its sha256, so that the folder can be told as rank's
// and an auditor can check that nothing in it was changed (rank verify).
type Record struct {
	Format    string          `json:"format"`
	Command   string          `json:"command"` // "evaluate" or "compare"
	Version   string          `json:"version"` // rank's, as rank version prints it first
	Commit    string          `json:"commit,omitempty"`
	WrittenAt string          `json:"written_at"` // RFC 3339, when the folder was complete
	User      string          `json:"user,omitempty"`
	Host      string          `json:"host,omitempty"`
	Rules     *RecordRules    `json:"rules,omitempty"` // none for compare
	Inputs    []RecordFile    `json:"inputs"`
	Outputs   []RecordFile    `json:"outputs"` // every other file of the folder, by name
	Summary   json.RawMessage `json:"summary"` // what --format json printed
}

// RecordRules names the rules a run applied.
type RecordRules struct {
	Name   string `json:"name"`           // "default", "agencies" or the file's base name
	Path   string `json:"path,omitempty"` // the file's absolute path; none for a built-in method
	SHA256 string `json:"sha256"`
}

// RecordFile is one file read or written, with its size and sha256.
// Inputs carry their kind (offices, surveys …; old and new for compare)
// and absolute path, outputs their name in the folder.
type RecordFile struct {
	Kind   string `json:"kind,omitempty"`
	Path   string `json:"path,omitempty"`
	File   string `json:"file,omitempty"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// MarshalRecord gives run.json's bytes: indented, with a final newline.
func MarshalRecord(r Record) ([]byte, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ParseRecord reads run.json; it fails on a file that is not rank's.
func ParseRecord(data []byte) (Record, error) {
	var r Record
	if err := json.Unmarshal(data, &r); err != nil {
		return Record{}, fmt.Errorf("%s: %w", RecordName, err)
	}
	if r.Format != RecordFormat {
		return Record{}, fmt.Errorf("%s: not a record written by rank (format %q, want %q)", RecordName, r.Format, RecordFormat)
	}
	return r, nil
}
