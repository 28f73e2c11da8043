package report

import (
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// TestWorkbookGroups writes a workbook per region or one for all, as the
// rules' reports.group_by says.
func TestWorkbookGroups(t *testing.T) {
	for _, tt := range []struct {
		groupBy, scope string
		regions        map[string][]string
		files          []string
		// the office codes of the first workbook's ranking sheet, in order
		codes string
		// its summary's offices line
		offices string
		// whether its ranking names each office's province
		province bool
	}{
		{"province", "province", nil, []string{"gilan.xlsx", "tehran.xlsx", "national.xlsx"}, "G1 G2 G3", "تعداد دفاتر\t3", false},
		{"region", "province", map[string][]string{"north west": {"gilan"}}, []string{"north-west.xlsx", "tehran.xlsx", "national.xlsx"}, "G1 G2 G3", "تعداد دفاتر\t3", true},
		{"region", "region", map[string][]string{"all of it": {"gilan", "tehran"}}, []string{"all-of-it.xlsx", "national.xlsx"}, "G1 T1 G2 G3", "تعداد دفاتر\t4", true},
		{"none", "province", nil, []string{"all.xlsx", "national.xlsx"}, "G1 G2 G3 T1", "تعداد دفاتر\t4", true},
	} {
		t.Run(tt.groupBy+"/"+tt.scope, func(t *testing.T) {
			run := testRun(t)
			run.Rules.Reports.GroupBy, run.Rules.Ranking.Scope, run.Rules.Regions = tt.groupBy, tt.scope, tt.regions
			dir := t.TempDir()
			names, err := Workbooks(dir, run)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(names, tt.files) {
				t.Fatalf("written %v, want %v", names, tt.files)
			}
			ranking, err := DumpSheet(filepath.Join(dir, names[0]), SheetRanking)
			if err != nil {
				t.Fatal(err)
			}
			lines := strings.Split(strings.TrimSpace(ranking), "\n")
			var codes []string
			for _, l := range lines[1:] {
				codes = append(codes, strings.Split(l, "\t")[1]) // after the rank
			}
			if got := strings.Join(codes, " "); got != tt.codes {
				t.Errorf("ranking codes %s, want %s", got, tt.codes)
			}
			if hasProvince := strings.Contains(lines[0], "\tاستان\t"); hasProvince != tt.province {
				t.Errorf("province column %v in %q", hasProvince, lines[0])
			}
			summary, _ := DumpSheet(filepath.Join(dir, names[0]), SheetSummary)
			if !strings.Contains(summary, tt.offices+"\n") {
				t.Errorf("summary lacks %q:\n%s", tt.offices, summary)
			}
			if tt.scope == "region" && !strings.Contains(lines[0], "جایگاه در منطقه") {
				t.Errorf("rank column not named for the region: %q", lines[0])
			}
		})
	}
}
