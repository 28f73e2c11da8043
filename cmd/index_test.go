package cmd

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iranict/rank/report"
)

// TestEvaluateHDI runs `rank evaluate` with the HDI rules file on the
// UNDP's published components and checks ranking.csv against the
// published HDI, rank and group of all 193 countries.
func TestEvaluateHDI(t *testing.T) {
	out := t.TempDir()
	var stdout, stderr bytes.Buffer
	err := evaluateRun(&EvaluateOptions{IO: &IO{Out: &stdout, Err: &stderr}, Methods: builtin(t),
		Dir: "../testdata/hdi", RulesFile: "../testdata/hdi/hdi.yaml", Out: out, Format: "json", CSV: true})
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	published := byKey(readCSV(t, "../testdata/hdi/hdr2022.csv", false))
	got := byKey(readCSV(t, filepath.Join(out, "ranking.csv"), true))
	if len(got) != 193 {
		t.Fatalf("%d countries ranked", len(got))
	}
	for key, g := range got {
		p := published[key]
		hdi, _ := strconv.ParseFloat(p["hdi_2022"], 64)
		if g["total"] != report.Fixed(hdi, 3) || g["rank"] != p["hdi_rank_2022"] || g["band"] != p["hdicode"] {
			t.Errorf("%s: %s rank %s %s; published %s rank %s %s", key, g["total"], g["rank"], g["band"], p["hdi_2022"], p["hdi_rank_2022"], p["hdicode"])
		}
	}
	if _, err := os.Stat(filepath.Join(out, report.IndexWorkbook)); err != nil {
		t.Error(err)
	}
}

// byKey is a CSV file's rows by their first column.
func byKey(rows [][]string) map[string]map[string]string {
	m := map[string]map[string]string{}
	for _, row := range rows[1:] {
		r := map[string]string{}
		for i, h := range rows[0] {
			r[h] = row[i]
		}
		m[row[0]] = r
	}
	return m
}
