package report

import (
	"strings"
	"testing"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// A masked problem quotes the national code masked in either language.
func TestMaskProblemInEitherLanguage(t *testing.T) {
	p := export.Problem{Kind: "offices", File: "offices.csv", Row: 3, Column: "holder_national_id", Warning: true}
	p.Because(export.Msg("got", export.Msg("national_id_check"), "0013542418"))
	m := MaskProblem(p)
	for _, l := range []vocab.Lang{vocab.English, vocab.Persian} {
		if s := m.ReasonIn(l); strings.Contains(s, "0013542418") || !strings.Contains(s, MaskNationalID("0013542418")) {
			t.Errorf("masked reason in %s: %q", l, s)
		}
	}
}
