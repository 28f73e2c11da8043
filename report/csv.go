package report

import (
	"encoding/csv"
	"io"
	"strconv"
)

// CSV writes ranking.csv: a row per registry office, in the result's order,
// with ids rather than labels so that other programs can read it, and the
// period last (rank compare names the periods by it). Text cells that a
// spreadsheet would take for a formula are prefixed with '. An office not
// taking part has the rules' grade for it (3 by default) and no rank, as
// in the workbooks.
func CSV(w io.Writer, run Run) error {
	if err := writeBOM(w); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	h := []string{"office_code", "name", "province", "city", "area_type", "office_type", "holder_national_id", "status", "review_status"}
	for _, ind := range run.Result.Indicators {
		h = append(h, ind.ID)
	}
	h = append(h, "penalty", "total", "grade", "rank", "service_quota_pct", "service_quota", "period")
	h = append(h, "not_participating_reason") // why an office does not take part
	if err := cw.Write(h); err != nil {
		return err
	}
	row := make([]string, 0, len(h))
	period := run.Result.Period.String()
	for _, o := range run.Result.Offices {
		row = row[:0]
		for _, s := range []string{o.Code, o.Name, o.Province.Slug, o.City, o.AreaType, o.OfficeType, run.nationalID(o.HolderNationalID), string(o.Status), o.ReviewStatus} {
			row = append(row, safeText(s))
		}
		for i := range run.Result.Indicators {
			var pts float64
			if i < len(o.Points) {
				pts = o.Points[i]
			}
			row = append(row, fixed2(pts))
		}
		row = append(row, fixed2(o.Penalty), fixed2(o.Total), blankZeroText(o.Grade), blankZeroText(o.Rank))
		if o.HasServices {
			row = append(row, strconv.FormatFloat(o.QuotaPct, 'f', -1, 64), strconv.Itoa(o.Quota))
		} else {
			row = append(row, "", "")
		}
		row = append(row, period, absenceID(o.Absence))
		if err := cw.Write(row); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func fixed2(x float64) string { return Fixed(x, 2) }

// writeBOM starts a CSV file with UTF-8's byte-order mark: without it
// Excel on Windows, opening the file with a double click, reads it in the
// system's code page and shows Persian garbled.
func writeBOM(w io.Writer) error {
	_, err := io.WriteString(w, "\ufeff")
	return err
}

// safeText keeps a spreadsheet from reading a text cell as a formula.
func safeText(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + s
	}
	return s
}
