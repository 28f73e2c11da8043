package report

import (
	"bytes"
	"encoding/json"
	"io"
)

// Failure is what a command that failed prints on stdout with --format
// json, so that a script always reads one object (docs/json.md).
type Failure struct {
	Message string // as printed on stderr after "rank: "
	Kind    string // usage, rules, input, rows, output, locked, refused, interrupted, failed
	File    string // the file or folder it is about, as the message names it; "" for none
	Row     int    // 1-based row or line in File; 0 for none
	Column  string // the column's header name, or a rules file's column number; "" for none
	Exit    int    // the exit status
}

// MarshalJSON writes every key, null where unknown, so that the shape
// does not depend on the failure.
func (f Failure) MarshalJSON() ([]byte, error) {
	type detail struct {
		Message string  `json:"message"`
		Kind    string  `json:"kind"`
		File    *string `json:"file"`
		Row     *int    `json:"row"`
		Column  *string `json:"column"`
	}
	d := detail{Message: f.Message, Kind: f.Kind}
	if f.File != "" {
		d.File = &f.File
	}
	if f.Row > 0 {
		d.Row = &f.Row
	}
	if f.Column != "" {
		d.Column = &f.Column
	}
	return json.Marshal(struct {
		Error detail `json:"error"`
		Exit  int    `json:"exit"`
	}{d, f.Exit})
}

// FailureJSON writes f as one JSON object. partial is what the command
// had printed before it failed: when it is a JSON object (rank validate's
// accounting, printed before it exits 1 on rows in error) its keys follow
// "error" and "exit" in the same object; otherwise it is dropped.
func FailureJSON(w io.Writer, f Failure, partial []byte) error {
	head, err := json.Marshal(f)
	if err != nil {
		return err
	}
	out := head
	if rest := bytes.TrimSpace(partial); len(rest) > 2 && rest[0] == '{' && json.Valid(rest) {
		body := bytes.TrimSpace(rest[1 : len(rest)-1])
		if len(body) > 0 {
			merged := append(head[:len(head)-1:len(head)-1], ',')
			merged = append(merged, body...)
			out = append(merged, '}')
		}
	}
	var b bytes.Buffer
	if err := json.Indent(&b, out, "", "  "); err != nil {
		return err
	}
	b.WriteByte('\n')
	_, err = w.Write(b.Bytes())
	return err
}
