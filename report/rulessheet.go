package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
)

// SheetRules is the sheet that records the rules a report was made with.
const SheetRules = "روش"

// rulesTable records the rules file a report was made with — its name, its
// SHA-256 and its whole text, a line a row — so that any report can be
// reproduced and checked against the circular it claims to follow.
func rulesTable(name string, text []byte) *table {
	t := &table{name: SheetRules}
	sum := sha256.Sum256(text)
	t.header("فایل روش", name)
	t.add("SHA-256", hex.EncodeToString(sum[:]))
	t.blank()
	for _, line := range strings.Split(strings.TrimRight(string(text), "\n"), "\n") {
		t.add(line) // stored as text, never as a formula

	}
	return t
}
