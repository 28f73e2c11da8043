package report

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/iranict/rank/internal/vocab"
)

// SheetRules is the sheet that records the rules a report was made with
// (its Persian name; labels has it in English).
const SheetRules = "روش"

// rulesTable records the rules file a report was made with — its name, its
// SHA-256 and its whole text, a line a row — so that any report can be
// reproduced and checked against the circular it claims to follow. The
// text stays as written, in either language.
//
// The lines read as in an editor, left to right from the left; a line
// longer than the column wraps.
func rulesTable(name string, text []byte, lang vocab.Lang) *table {
	t := &table{name: labels.In(lang, "sheet_rules"), widest: rulesWidth}
	t.header(labels.In(lang, "rules_file"), name)
	t.add("SHA-256", RulesHash(text))
	t.blank()
	for _, line := range strings.Split(strings.TrimRight(string(text), "\n"), "\n") {
		t.add(styled(codeLook, line)) // stored as text, never as a formula
	}
	return t
}

// rulesWidth is the widest the rules sheet's columns get, in characters:
// the lines' column beside the hash's prints a page wide at 9 pt or more.
const rulesWidth = 80

// RulesHash is the SHA-256 of a rules file, in hex: what reports record so
// that `sha256sum rules.yaml` tells which file made them.
func RulesHash(text []byte) string {
	sum := sha256.Sum256(text)
	return hex.EncodeToString(sum[:])
}
