package report

import (
	"strconv"
	"strings"

	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// absenceLabels say why an office does not take part (scoring.Absence),
// briefly, for a column of the Ranking sheet.
var absenceLabels = vocab.Catalogue{
	string(scoring.NoDeclaration): {FA: "خوداظهاری ندارد", EN: "no declaration"},
	"in_error_row":                {FA: "خوداظهاری خطا دارد (ردیف %s)", EN: "declaration in error (row %s)"},
	"in_error_rows":               {FA: "خوداظهاری خطا دارد (ردیف‌های %s)", EN: "declaration in error (rows %s)"},
	string(scoring.NotCarriedForward): {FA: "خوداظهاری %s «%s» است و به این دوره منتقل نمی‌شود",
		EN: "the %s declaration is %s: not carried forward"},
}

// absenceText says briefly, in lang, why an office does not take part; ""
// for a participant.
func absenceText(a scoring.Absence, lang vocab.Lang) string {
	switch a.Why {
	case "":
		return ""
	case scoring.InError:
		id := "in_error_row"
		if len(a.Rows) > 1 {
			id = "in_error_rows"
		}
		return absenceLabels.In(lang, id, rowList(a.Rows, lang))
	case scoring.NotCarriedForward:
		return absenceLabels.In(lang, string(a.Why), a.Previous.Period.String(), categoryLabel("review_status", a.Previous.ReviewStatus, lang))
	}
	return absenceLabels.In(lang, string(a.Why))
}

// absenceID says why an office does not take part as ranking.csv writes
// it, for programs: the reason's id, and in brackets the rows in error or
// the declaration not carried forward — "declaration_in_error (row 12)",
// "not_carried_forward (1403-H2 rejected)"; "" for a participant.
func absenceID(a scoring.Absence) string {
	switch a.Why {
	case scoring.InError:
		rows := "row "
		if len(a.Rows) > 1 {
			rows = "rows "
		}
		return string(a.Why) + " (" + rows + rowList(a.Rows, vocab.English) + ")"
	case scoring.NotCarriedForward:
		return string(a.Why) + " (" + a.Previous.Period.String() + " " + a.Previous.ReviewStatus + ")"
	}
	return string(a.Why)
}

// rowList is rows as a list in lang.
func rowList(rows []int, lang vocab.Lang) string {
	s := make([]string, len(rows))
	for i, r := range rows {
		s[i] = strconv.Itoa(r)
	}
	if lang == vocab.Persian {
		return strings.Join(s, "، ")
	}
	return strings.Join(s, ", ")
}
