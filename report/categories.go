package report

import (
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// categoryLabel is how a workbook shows a category value of the exports —
// area_type urban as شهری or urban — in lang, as the export schema
// labels it (its short label where it has one: rural_ict is "دفتر ICT
// روستایی"). A value its category does not list is shown as it is.
// Categories are named by their export column.
func categoryLabel(category, id string, lang vocab.Lang) string {
	return export.Label(category, id, lang)
}

// labelledCategories are the categories the workbooks show.
var labelledCategories = []string{"area_type", "office_type", "review_status", "violation_type", "ruling_status"}
