package cmd

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// stamped is a line on stderr without a terminal: the time first.
var stamped = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(Z|[+-][0-9]{2}:[0-9]{2}) `)

// TestJSONOnEveryExit runs every way rank can end with --format json and
// checks that stdout holds one JSON object: the summary on success, and
// {"error": {message, kind, file, row, column}, "exit": N} with N the exit
// status otherwise; and that every line on stderr starts with the time.
func TestJSONOnEveryExit(t *testing.T) {
	root := t.TempDir()
	ok := smallExport(t, filepath.Join(root, "ok"), 1, "gilan")
	write := func(path, data string) {
		os.MkdirAll(filepath.Dir(path), 0o755)
		if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	copyExport := func(name string) string {
		dir := filepath.Join(root, name)
		for _, f := range []string{"offices.csv", "declarations.csv", "surveys.csv", "violations.csv"} {
			b, _ := os.ReadFile(filepath.Join(ok, f))
			write(filepath.Join(dir, f), string(b))
		}
		return dir
	}
	noColumn := copyExport("nocolumn")
	write(filepath.Join(noColumn, "surveys.csv"), "response_id,office_code,response_date\n")
	noFile := copyExport("nofile")
	os.Remove(filepath.Join(noFile, "violations.csv"))
	badRow := copyExport("badrow")
	write(filepath.Join(badRow, "declarations.csv"), "office_code,period,submitted_at,area_m2,staff_count,location_class,association_score,review_status\ngi1,1404-H1,1404/02/01,80,۰,main_street,8,confirmed\ngi2,1404-H1,1404/02/01,80,3,main_street,8,confirmed\n")
	// A required file none of whose rows can be used stops the run.
	noneUsable := copyExport("noneusable")
	write(filepath.Join(noneUsable, "declarations.csv"), "office_code,period,submitted_at,area_m2,staff_count,location_class,association_score,review_status\ngi1,1404-H1,1404/02/01,80,۰,main_street,8,confirmed\n")
	write(filepath.Join(root, "bad-rules.yaml"), "name: {en: broken}\nbonus: 3\n")
	write(filepath.Join(root, "afile"), "not a folder")
	reports := filepath.Join(root, "reports")
	if code := Main([]string{"evaluate", ok, "--period", "1404-H1", "--out", reports, "--csv", "-q"}, &IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, builtin(t)); code != 0 {
		t.Fatal("the reports to compare")
	}
	write(filepath.Join(root, "notrank", "notes.txt"), "mine")
	added := filepath.Join(root, "added")
	if code := Main([]string{"evaluate", ok, "--period", "1404-H1", "--out", added, "-q"}, &IO{Out: &bytes.Buffer{}, Err: &bytes.Buffer{}}, builtin(t)); code != 0 {
		t.Fatal("the reports to verify")
	}
	write(filepath.Join(added, "notes.txt"), "mine")
	write(filepath.Join(root, "not-ranking.csv"), "a,b\n1,2\n")

	ev := func(dir string, more ...string) []string {
		return append([]string{"evaluate", dir, "--period", "1404-H1", "--out", filepath.Join(root, "out"), "-q", "--format", "json"}, more...)
	}
	for _, c := range []struct {
		name string
		args []string
		kind string // "" for success
		exit int
		file string // the error's file, when it names one
		has  string // a key the object has besides error and exit
	}{
		{"evaluate", ev(ok), "", 0, "", "problems"},
		{"validate", []string{"validate", ok, "--period", "1404-H1", "-q", "--format", "json"}, "", 0, "", "files"},
		{"compare", []string{"compare", reports, reports, "--format", "json"}, "", 0, "", "moves"},
		{"unknown flag after --format", []string{"evaluate", ok, "--format", "json", "--bogus"}, "usage", 2, "", ""},
		{"unknown flag before --format", []string{"evaluate", "--bogus", ok, "--format=json"}, "usage", 2, "", ""},
		{"unknown command", []string{"evaluat", "--format", "json"}, "usage", 2, "", ""},
		{"a command without --format", []string{"rules", "check", "--format", "json"}, "usage", 2, "", ""},
		{"explain", []string{"explain", ok, "--period", "1404-H1", "--office", "gi1", "-q", "--format", "json"}, "", 0, "", "indicators"},
		{"explain: no such office, in JSON", []string{"explain", ok, "--period", "1404-H1", "--office", "XX9", "-q", "--format", "json"}, "failed", 1, "", ""},
		{"explain: bad --format", []string{"explain", ok, "--period", "1404-H1", "--office", "gi1", "--format", "xml"}, "usage", 2, "", ""},
		{"no --out", []string{"evaluate", ok, "--period", "1404-H1", "--format", "json"}, "usage", 2, "", ""},
		{"no --period", []string{"evaluate", ok, "--out", filepath.Join(root, "out"), "--format", "json"}, "usage", 2, "", ""},
		{"bad --period", ev(ok, "--period", "1404-H3"), "usage", 2, "", ""},
		{"nothing of the period", ev(ok, "--period", "1401-H1"), "period", 1, "declarations.csv", ""},
		{"--out the current folder", []string{"evaluate", ok, "--period", "1404-H1", "--out", ".", "--format", "json"}, "usage", 2, "", ""},
		{"rules missing", ev(ok, "--rules", filepath.Join(root, "none.yaml")), "rules", 1, filepath.Join(root, "none.yaml"), ""},
		{"rules invalid", ev(ok, "--rules", filepath.Join(root, "bad-rules.yaml")), "rules", 1, filepath.Join(root, "bad-rules.yaml"), ""},
		{"a file missing", ev(noFile), "input", 1, noFile, ""},
		{"a column missing", ev(noColumn), "input", 1, "surveys.csv", ""},
		{"--strict", ev(badRow, "--strict"), "rows", 3, "declarations.csv", "problems"},
		{"validate: rows in error", []string{"validate", badRow, "--period", "1404-H1", "-q", "--format", "json"}, "rows", 1, "", "files"},
		{"a file none of whose rows can be used", ev(noneUsable), "input", 1, "declarations.csv", ""},
		{"validate: a file none of whose rows can be used", []string{"validate", noneUsable, "--period", "1404-H1", "-q", "--format", "json"}, "input", 1, "declarations.csv", "files"},
		{"explain: no such office", []string{"explain", ok, "--period", "1404-H1", "--office", "XX9", "-q"}, "", 1, "", ""},
		{"compare: no such folder", []string{"compare", filepath.Join(root, "none"), reports, "--format", "json"}, "input", 1, filepath.Join(root, "none"), ""},
		{"compare: not a ranking.csv", []string{"compare", filepath.Join(root, "not-ranking.csv"), reports, "--format", "json"}, "input", 1, filepath.Join(root, "not-ranking.csv"), ""},
		{"compare: --out of evaluate", []string{"compare", reports, reports, "--out", reports, "--format", "json"}, "refused", 1, reports, ""},
		{"--out not rank's", ev(ok, "--out", filepath.Join(root, "notrank")), "refused", 1, filepath.Join(root, "notrank"), ""},
		{"--out a file", ev(ok, "--out", filepath.Join(root, "afile")), "output", 1, filepath.Join(root, "afile"), ""},
		{"verify", []string{"verify", reports, "--format", "json"}, "", 0, "", "outputs"},
		{"verify: no run.json", []string{"verify", filepath.Join(root, "notrank"), "--format", "json"}, "input", 1, filepath.Join(root, "notrank"), ""},
		{"verify: a file added", []string{"verify", filepath.Join(root, "added"), "--format", "json"}, "changed", 1, filepath.Join(root, "added"), "outputs"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := Main(c.args, &IO{Out: &stdout, Err: &stderr}, builtin(t))
			if code != c.exit {
				t.Fatalf("exit %d, want %d\n%s", code, c.exit, stderr.String())
			}
			for _, line := range strings.Split(strings.TrimSuffix(stderr.String(), "\n"), "\n") {
				if line != "" && !stamped.MatchString(line) {
					t.Errorf("stderr line without the time: %q", line)
				}
			}
			if !jsonWanted(c.args) {
				if strings.HasPrefix(strings.TrimSpace(stdout.String()), "{") {
					t.Errorf("JSON without --format json: %s", stdout.String())
				}
				return
			}
			var obj map[string]json.RawMessage
			dec := json.NewDecoder(&stdout)
			if err := dec.Decode(&obj); err != nil || dec.More() {
				t.Fatalf("stdout is not one JSON object (%v):\n%s", err, stdout.String())
			}
			if c.has != "" && obj[c.has] == nil {
				t.Errorf("no %q in %s", c.has, keysOf(obj))
			}
			if c.kind == "" {
				if obj["error"] != nil || obj["exit"] != nil {
					t.Errorf("a success with error or exit: %s", keysOf(obj))
				}
				return
			}
			var e struct {
				Error map[string]any `json:"error"`
				Exit  *int           `json:"exit"`
			}
			b, _ := json.Marshal(obj)
			json.Unmarshal(b, &e)
			if e.Exit == nil || *e.Exit != c.exit || e.Error["kind"] != c.kind {
				t.Errorf("got kind %v exit %v, want %s %d: %s", e.Error["kind"], e.Exit, c.kind, c.exit, b)
			}
			for _, k := range []string{"message", "kind", "file", "row", "column"} {
				if _, ok := e.Error[k]; !ok {
					t.Errorf("error has no %q: %v", k, e.Error)
				}
			}
			if msg, _ := e.Error["message"].(string); msg == "" || !strings.Contains(stderr.String(), "rank: "+strings.SplitN(msg, "\n", 2)[0]) {
				t.Errorf("the message %q is not the one on stderr:\n%s", msg, stderr.String())
			}
			if c.file != "" && e.Error["file"] != c.file {
				t.Errorf("file %v, want %s", e.Error["file"], c.file)
			}
		})
	}
}

func jsonWanted(args []string) bool {
	for i, a := range args {
		if a == "--format=json" || a == "--format" && i+1 < len(args) && args[i+1] == "json" {
			return true
		}
	}
	return false
}

func keysOf(m map[string]json.RawMessage) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	return k
}

// TestWantsJSON: --format json is known from the arguments before the
// flags are parsed, as the parser would read them.
func TestWantsJSON(t *testing.T) {
	for _, c := range []struct {
		args string
		want bool
	}{
		{"evaluate --format json", true},
		{"evaluate --format=json --bogus", true},
		{"evaluate --format json --format text", false},
		{"evaluate --format text --format=json", true},
		{"evaluate -- --format json", false},
		{"evaluate --format", false},
		{"evaluate --formats json", false},
	} {
		if got := wantsJSON(strings.Fields(c.args)); got != c.want {
			t.Errorf("%s: %v", c.args, got)
		}
	}
}
