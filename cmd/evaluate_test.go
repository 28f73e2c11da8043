package cmd

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
	"github.com/iranict/rank/synth"
)

// builtin is the methods main.go embeds, read from the project's root.
func builtin(t *testing.T) Methods {
	t.Helper()
	m := Methods{}
	for name, file := range map[string]string{"offices": "../rules.yaml", "agencies": "../agencies.yaml"} {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m[name] = b
	}
	return m
}

type summary struct {
	Period    string `json:"period"`
	Rules     string `json:"rules"`
	Provinces []struct {
		Province         string         `json:"province"`
		Name             string         `json:"name"`
		Offices          int            `json:"offices"`
		Participants     int            `json:"participants"`
		CarriedForward   int            `json:"carried_forward"`
		NotParticipating int            `json:"not_participating"`
		Grades           map[string]int `json:"grades"`
	} `json:"provinces"`
	Totals struct {
		Offices, Participants int
		Grades                map[string]int `json:"grades"`
	} `json:"totals"`
	Inputs map[string]struct {
		File          string `json:"file"`
		Rows          int64  `json:"rows"`
		Used          int64  `json:"used"`
		OutsidePeriod int64  `json:"outside_period"`
		Superseded    int64  `json:"superseded"`
		Errors        int64  `json:"errors"`
		Warnings      int64  `json:"warnings"`
	} `json:"inputs"`
	Reports []string `json:"reports"`
}

// TestEvaluateUnseenFolders evaluates export folders generated for the
// test — provinces, quirks, encodings and formats the shipped sample does
// not have — and checks every office, every province's counts and every
// file's accounting against what the generator designed.
func TestEvaluateUnseenFolders(t *testing.T) {
	// Under -short the national folders are smaller: the same quirks,
	// encodings and formats, fewer rows.
	scale := 1
	if testing.Short() {
		scale = 4
	}
	mixed := synth.National(900/scale, int64(40000/scale), 99)
	mixed.Quirks = true
	mixed.Format = synth.Format{
		XLSX:           synth.Offices | synth.Surveys | synth.Services,
		PersianHeaders: synth.AllKinds,
		Windows1256:    synth.Declarations | synth.Violations,
		CRLF:           synth.Declarations,
		PersianDigits:  true,
	}
	h2 := synth.National(400/scale, int64(15000/scale), 5)
	h2.Period = scoring.Period{Year: 1403, Half: 2} // ends on 1403/12/30, a leap day
	h2.Format.BOM = synth.AllKinds
	h2.ServicesCoverage = 0.5
	gilan := synth.Gilan()
	gilan.Seed = 31337

	for name, cfg := range map[string]synth.Config{"mixed formats": mixed, "second half, leap year": h2, "gilan, another seed": gilan} {
		t.Run(name, func(t *testing.T) {
			dir, out := t.TempDir(), t.TempDir()
			plan, err := synth.Generate(dir, cfg)
			if err != nil {
				t.Fatal(err)
			}
			var stdout, stderr bytes.Buffer
			opts := &EvaluateOptions{
				IO: &IO{Out: &stdout, Err: &stderr}, Methods: builtin(t),
				Dir: dir, Period: cfg.Period.String(), Out: out, Format: "json", CSV: true,
			}
			if err := evaluateRun(opts); err != nil {
				t.Fatalf("evaluate: %v\n%s", err, stderr.String())
			}
			var sum summary
			if err := json.Unmarshal(stdout.Bytes(), &sum); err != nil {
				t.Fatalf("summary: %v\n%s", err, stdout.String())
			}
			checkProvinces(t, plan, sum)
			checkInputs(t, plan, sum)
			checkOffices(t, plan, filepath.Join(out, "ranking.csv"))
			for _, name := range sum.Reports {
				if _, err := os.Stat(filepath.Join(out, name)); err != nil {
					t.Errorf("report %s listed but not written: %v", name, err)
				}
			}
		})
	}
}

func checkProvinces(t *testing.T, plan *synth.Plan, sum summary) {
	t.Helper()
	if len(sum.Provinces) != len(plan.Provinces) {
		t.Errorf("%d provinces, want %d", len(sum.Provinces), len(plan.Provinces))
	}
	for _, p := range sum.Provinces {
		want := plan.Provinces[p.Province]
		got := fmt.Sprintf("%d offices, %d taking part (%d carried), %d / %d / %d, %d absent",
			p.Offices, p.Participants, p.CarriedForward, p.Grades["1"], p.Grades["2"], p.Grades["3"], p.NotParticipating)
		exp := fmt.Sprintf("%d offices, %d taking part (%d carried), %d / %d / %d, %d absent",
			want.Offices, want.Participants, want.CarriedForward, want.Grades[0], want.Grades[1], want.Grades[2], want.NotParticipating)
		if got != exp {
			t.Errorf("%s: %s, want %s", p.Province, got, exp)
		}
	}
	total := plan.Total()
	if sum.Totals.Offices != total.Offices || sum.Totals.Grades["1"] != total.Grades[0] {
		t.Errorf("totals %+v, want %+v", sum.Totals, total)
	}
}

func checkInputs(t *testing.T, plan *synth.Plan, sum summary) {
	t.Helper()
	for kind, fp := range plan.Files {
		got, ok := sum.Inputs[kind]
		if !ok {
			t.Errorf("inputs: no %s", kind)
			continue
		}
		if got.File != fp.Name || got.Rows != fp.Rows || got.Errors != int64(len(fp.Errors)) || got.Warnings != int64(len(fp.Warnings)) ||
			got.Used != fp.Used || got.OutsidePeriod != fp.OutsidePeriod || got.Superseded != fp.Superseded {
			t.Errorf("%s: got %+v\nwant %s rows %d used %d outside %d superseded %d errors %d warnings %d",
				kind, got, fp.Name, fp.Rows, fp.Used, fp.OutsidePeriod, fp.Superseded, len(fp.Errors), len(fp.Warnings))
		}
		if got.Rows != got.Used+got.OutsidePeriod+got.Superseded+got.Errors {
			t.Errorf("%s: %d rows but %d used + %d outside + %d superseded + %d errors", kind, got.Rows, got.Used, got.OutsidePeriod, got.Superseded, got.Errors)
		}
	}
}

func checkOffices(t *testing.T, plan *synth.Plan, path string) {
	t.Helper()
	rows := readCSV(t, path, true)
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	seen := 0
	lastRank := map[string]int{}
	for _, row := range rows[1:] {
		code := row[col["office_code"]]
		want, ok := plan.Offices[code]
		if !ok {
			t.Errorf("office %s not in the plan", code)
			continue
		}
		seen++
		status := row[col["status"]]
		if status != string(want.Status) {
			t.Errorf("%s: status %s, want %s", code, status, want.Status)
			continue
		}
		if !want.Status.Participates() {
			// The rules' grade for those not taking part, as in the workbooks.
			if row[col["grade"]] != strconv.Itoa(want.Grade) || row[col["rank"]] != "" {
				t.Errorf("%s: non-participant with grade %q rank %q, want %d and none", code, row[col["grade"]], row[col["rank"]], want.Grade)
			}
			continue
		}
		if g := row[col["grade"]]; g != strconv.Itoa(want.Grade) {
			t.Errorf("%s: grade %s, want %d", code, g, want.Grade)
		}
		if tot := row[col["total"]]; tot != report.Fixed(want.Points.Total, 2) {
			t.Errorf("%s: total %s, want %.2f", code, tot, want.Points.Total)
		}
		rank, _ := strconv.Atoi(row[col["rank"]])
		prov := row[col["province"]]
		if rank != lastRank[prov]+1 {
			t.Errorf("%s: rank %d after %d in %s", code, rank, lastRank[prov], prov)
		}
		lastRank[prov] = rank
	}
	if seen != len(plan.Offices) {
		t.Errorf("ranking.csv has %d offices, want %d", seen, len(plan.Offices))
	}
}

// readCSV reads a CSV file; a ranking.csv rank wrote (bom) must start
// with UTF-8's byte-order mark, which Excel on Windows needs to read
// Persian.
func readCSV(t *testing.T, path string, bom bool) [][]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if bom && !bytes.HasPrefix(data, []byte("\ufeff")) {
		t.Errorf("%s does not start with a byte-order mark", path)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}
