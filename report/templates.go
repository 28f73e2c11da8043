package report

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
	"github.com/iranict/rank/scoring"
)

// SheetGuide is the sheet of a template that explains its columns.
const SheetGuide = "راهنما"

// templateRows is how many rows of a template carry the drop-down lists
// and checks: all of a sheet's, as a surveys export has millions of rows.
const templateRows = 1048576

// Templates writes an empty workbook for every export kind into dir —
// the Persian headers evaluate reads, drop-down lists for the closed sets,
// checks on numbers and dates, a guide sheet — and the rules file, and
// returns the names written. Existing files are refused unless force.
func Templates(dir string, rules []byte, force bool) ([]string, error) {
	names := []string{}
	for _, k := range export.Kinds {
		names = append(names, k.Name+".xlsx")
	}
	names = append(names, "rules.yaml")
	if !force {
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
				return nil, fmt.Errorf("%s exists: give --force to write over it, or another folder", filepath.Join(dir, n))
			}
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	for _, k := range export.Kinds {
		if err := writeTemplate(filepath.Join(dir, k.Name+".xlsx"), k); err != nil {
			return nil, fmt.Errorf("%s.xlsx: %w", k.Name, err)
		}
	}
	if err := WriteFile(filepath.Join(dir, "rules.yaml"), rules); err != nil {
		return nil, err
	}
	return names, nil
}

// fitDimension sets a sheet's used range (excelize leaves "A1") from the
// cells it holds.
func fitDimension(f *excelize.File, sheet string) error {
	rows, err := f.GetRows(sheet)
	if err != nil {
		return err
	}
	bottom, right := 0, 0
	for i, row := range rows {
		if len(row) > 0 {
			bottom, right = i+1, max(right, len(row))
		}
	}
	if bottom == 0 {
		return f.SetSheetDimension(sheet, "A1")
	}
	return f.SetSheetDimension(sheet, "A1:"+cellName(right, bottom))
}

// templateColumn is a column of the schema as a template shows it.
type templateColumn struct {
	Name, Persian string
	Rule          string         // the guide's rule, in English
	Values        []export.Value // a closed set (the provinces too); nil when free
	Kind          string         // "text", "date", "period", "number", "whole" or "province"
	Range         export.Range   // of numbers and whole numbers
}

// templateColumns are the columns of kind k, in order.
func templateColumns(k *export.Kind) []templateColumn {
	var cols []templateColumn
	for _, c := range k.Columns {
		tc := templateColumn{Name: c.Name, Persian: c.Persian, Rule: c.Guide().String(), Kind: "text", Range: c.Range}
		switch c.Type {
		case export.OneOf:
			tc.Values = c.Category.Values
		case export.Province:
			tc.Kind = "province"
			for _, p := range scoring.Provinces {
				tc.Values = append(tc.Values, export.Value{ID: p.Slug, Persian: p.Persian})
			}
		case export.Date:
			tc.Kind = "date"
		case export.Period:
			tc.Kind = "period"
		case export.Number:
			tc.Kind = "number"
		case export.Whole:
			tc.Kind = "whole"
		}
		cols = append(cols, tc)
	}
	return cols
}

func writeTemplate(path string, k *export.Kind) error {
	f := excelize.NewFile()
	defer f.Close()
	cols := templateColumns(k)
	sheet := k.Title.FA
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(SheetGuide); err != nil {
		return err
	}
	rtl := true
	for _, s := range []string{sheet, SheetGuide} {
		if err := f.SetSheetView(s, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
			return err
		}
	}
	if err := f.SetDefaultFont(bookFont); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: font(true, ""), Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"D9E1F2"}}})
	if err != nil {
		return err
	}
	textStyle, err := f.NewStyle(&excelize.Style{NumFmt: 49}) // "@": codes and dates stay text
	if err != nil {
		return err
	}

	// The guide: a row per column, then each closed set's labels, which
	// the drop-down lists take their values from.
	guide := [][]any{{"ستون", "column", "قاعده / rule", "مقادیر / values"}}
	listCol := 6
	lists := map[int]string{}
	for i, c := range cols {
		var vals []string
		for _, v := range c.Values {
			vals = append(vals, v.Persian+" ("+v.ID+")")
		}
		guide = append(guide, []any{c.Persian, c.Name, c.Rule, strings.Join(vals, "، ")})
		if len(c.Values) == 0 {
			continue
		}
		col, _ := excelize.ColumnNumberToName(listCol)
		if err := f.SetCellValue(SheetGuide, col+"1", c.Persian); err != nil {
			return err
		}
		for j, v := range c.Values {
			if err := f.SetCellValue(SheetGuide, col+strconv.Itoa(j+2), v.Persian); err != nil {
				return err
			}
		}
		lists[i] = fmt.Sprintf("'%s'!$%s$2:$%s$%d", SheetGuide, col, col, len(c.Values)+1)
		listCol++
	}
	for r, row := range guide {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		if err := f.SetSheetRow(SheetGuide, cell, &row); err != nil {
			return err
		}
	}
	if err := f.SetRowStyle(SheetGuide, 1, 1, bold); err != nil {
		return err
	}
	// The guide prints its four columns, the rule and the values wrapped;
	// the lists beside them are for the drop-downs.
	guideWidths := []float64{24, 22, 40, 40}
	for c, w := range guideWidths {
		col, _ := excelize.ColumnNumberToName(c + 1)
		if err := f.SetColWidth(SheetGuide, col, col, w); err != nil {
			return err
		}
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}})
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(SheetGuide, "A2", fmt.Sprintf("D%d", len(guide)), wrap); err != nil {
		return err
	}
	for r, row := range guide {
		lines := 1
		for c, v := range row {
			// Letters are narrower than the digit a width counts:
			// about six to five.
			lines = max(lines, wrappedLines(fmt.Sprint(v), int(guideWidths[c]*1.2)-cellPadding))
		}
		if lines > 1 {
			if err := f.SetRowHeight(SheetGuide, r+1, linesHeight(lines)); err != nil {
				return err
			}
		}
	}
	head := runningHead{subject: labels.In(vocab.Persian, "template_subject", k.Title.In(vocab.Persian))}
	guidePage := sheetPage{head: head, lang: vocab.Persian, widths: guideWidths, titleRows: 1, area: fmt.Sprintf("$A$1:$D$%d", len(guide))}
	if err := guidePage.set(f, SheetGuide); err != nil {
		return err
	}

	// The export's sheet: the header row, frozen, and a check per column.
	header := make([]any, len(cols))
	for i, c := range cols {
		header[i] = c.Persian
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	if err := f.SetRowStyle(sheet, 1, 1, bold); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	widths := make([]float64, len(cols))
	for i, c := range cols {
		widths[i] = float64(max(14, len([]rune(c.Persian))+4))
	}
	if err := (sheetPage{head: head, lang: vocab.Persian, widths: widths, titleRows: 1}).set(f, sheet); err != nil {
		return err
	}
	for i, c := range cols {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, widths[i]); err != nil {
			return err
		}
		sqref := fmt.Sprintf("%s2:%s%d", col, col, templateRows)
		dv := excelize.NewDataValidation(true)
		dv.Sqref = sqref
		dv.SetInput(c.Persian, c.Rule)
		switch {
		case lists[i] != "":
			dv.SetSqrefDropList(lists[i])
		case c.Kind == "number" || c.Kind == "whole":
			typ := excelize.DataValidationTypeDecimal
			if c.Kind == "whole" {
				typ = excelize.DataValidationTypeWhole
			}
			hi := 1e9
			if c.Range.HasMax {
				hi = c.Range.Max
			}
			if err := dv.SetRange(c.Range.Min, hi, typ, excelize.DataValidationOperatorBetween); err != nil {
				return err
			}
		case c.Kind == "date":
			// 1404/7/3 to 1404/07/03: 8 to 10 characters, two separators / or -.
			dv.Type = "custom"
			dv.Formula1 = fmt.Sprintf(`AND(LEN(%[1]s2)&gt;=8,LEN(%[1]s2)&lt;=10,LEN(%[1]s2)-LEN(SUBSTITUTE(SUBSTITUTE(%[1]s2,"-",""),"/",""))=2)`, col)
		case c.Kind == "period":
			// 1404-H1: seven characters, "-H" after the year, half 1 or 2.
			dv.Type = "custom"
			dv.Formula1 = fmt.Sprintf(`AND(LEN(%[1]s2)=7,MID(%[1]s2,5,2)="-H",OR(RIGHT(%[1]s2,1)="1",RIGHT(%[1]s2,1)="2"))`, col)
		}
		if lists[i] != "" || c.Kind != "text" {
			dv.SetError(excelize.DataValidationErrorStyleStop, c.Persian, c.Rule)
		}
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return err
		}
		if c.Kind == "text" || c.Kind == "date" || c.Kind == "period" {
			if err := f.SetColStyle(sheet, col, textStyle); err != nil {
				return err
			}
		}
	}
	for _, s := range []string{sheet, SheetGuide} {
		if err := fitDimension(f, s); err != nil {
			return err
		}
	}
	setCoreProps(f, "fa-IR")
	buf, err := f.WriteToBuffer()
	if err != nil {
		return err
	}
	return WriteFile(path, buf.Bytes())
}
