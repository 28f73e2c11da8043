package report

import (
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"
)

// SheetNames lists a workbook's sheets in order.
func SheetNames(path string) ([]string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.GetSheetList(), nil
}

// DumpSheet prints a workbook's sheet ("" for the first) as text: a line
// per row, cells as displayed (numbers with their format), separated by tabs.
// Tests assert on workbooks with it.
func DumpSheet(path, sheet string) (string, error) {
	f, err := excelize.OpenFile(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	if sheet == "" {
		sheet = f.GetSheetName(0)
	}
	if idx, err := f.GetSheetIndex(sheet); err != nil || idx < 0 {
		return "", fmt.Errorf("%s: no sheet %q (sheets: %s)", path, sheet, strings.Join(f.GetSheetList(), ", "))
	}
	rows, err := f.GetRows(sheet)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	for _, row := range rows {
		b.WriteString(strings.Join(row, "\t"))
		b.WriteByte('\n')
	}
	return b.String(), nil
}
