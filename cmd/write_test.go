package cmd

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/iranict/rank/report"
	"github.com/iranict/rank/synth"
)

// national writes a small national export folder once per test.
func national(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	cfg := synth.National(1500, 30000, 11)
	cfg.Quirks = true
	if _, err := synth.Generate(dir, cfg); err != nil {
		t.Fatal(err)
	}
	return dir
}

// fixedClock is run.json's clock in tests, so that two runs of the same
// inputs give the same folder, run.json too.
func fixedClock() time.Time { return time.Date(2025, 10, 4, 2, 30, 0, 0, time.UTC) }

func evaluate(t *testing.T, dir, out string, csv bool) error {
	t.Helper()
	return evaluateWith(t, dir, out, csv, FolderOptions{})
}

func evaluateWith(t *testing.T, dir, out string, csv bool, fo FolderOptions) error {
	t.Helper()
	var stdout, stderr bytes.Buffer
	if fo.now == nil {
		fo.now = fixedClock
	}
	return evaluateRun(&EvaluateOptions{
		IO: &IO{Out: &stdout, Err: &stderr}, Methods: builtin(t),
		Dir: dir, Period: "1404-H1", Out: out, Format: "json", CSV: csv, Quiet: true, Folder: fo,
	})
}

// smallExport writes an export folder with offices in the provinces
// named, two each; seed varies the declarations.
func smallExport(t *testing.T, dir string, seed int, provinces ...string) string {
	t.Helper()
	files := map[string]string{
		"offices.csv":      "office_code,name,province,city,area_type,office_type,holder_national_id,license_date\n",
		"declarations.csv": "office_code,period,submitted_at,area_m2,staff_count,location_class,association_score,review_status\n",
		"surveys.csv":      "response_id,office_code,response_date,score\n",
		"violations.csv":   "case_id,office_code,violation_type,ruling_date,ruling_status\n",
	}
	n := 0
	for _, p := range provinces {
		for i := 1; i <= 2; i++ {
			n++
			code := p[:2] + string(rune('0'+i))
			files["offices.csv"] += code + ",Office " + code + "," + p + ",City,urban,pishkhan,0013542419,1394/01/01\n"
			files["declarations.csv"] += code + ",1404-H1,1404/02/01," + strconv.Itoa(20+10*seed+5*i) + "," + strconv.Itoa(1+seed+i) + ",main_street,8,confirmed\n"
			files["surveys.csv"] += strconv.Itoa(n) + "," + code + ",1404/02/05," + strconv.Itoa(1+(seed+i)%5) + "\n"
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// snapshot hashes every file in dir, hidden files and folders too.
func snapshot(t *testing.T, dir string) map[string]string {
	t.Helper()
	m := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if d.IsDir() {
			if rel != "." {
				m[rel+"/"] = "folder"
			}
			return nil
		}
		b, err := os.ReadFile(path)
		sum := sha256.Sum256(b)
		m[rel] = hex.EncodeToString(sum[:])
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameFiles(t *testing.T, a, b map[string]string) {
	t.Helper()
	if !same(a, b) {
		t.Errorf("the folders differ:\n%v\n%v", keys(a), keys(b))
	}
}

func same(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for name, h := range a {
		if b[name] != h {
			return false
		}
	}
	return true
}

func keys(m map[string]string) []string {
	var k []string
	for n := range m {
		k = append(k, n)
	}
	slices.Sort(k)
	return k
}

// names lists a folder's entries.
func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	return out
}

// nothingBeside checks that parent holds only the names given: no lock,
// no temporary folder.
func nothingBeside(t *testing.T, parent string, want ...string) {
	t.Helper()
	if got := names(t, parent); !slices.Equal(got, want) {
		t.Errorf("%s holds %q, want %q", parent, got, want)
	}
}

func TestReportsAreDeterministic(t *testing.T) {
	dir := national(t)
	a, b := t.TempDir(), t.TempDir()
	for _, out := range []string{a, b} {
		if err := evaluate(t, dir, out, true); err != nil {
			t.Fatal(err)
		}
	}
	sa, sb := snapshot(t, a), snapshot(t, b)
	if len(sa) < 30 {
		t.Fatalf("only %d files written", len(sa))
	}
	sameFiles(t, sa, sb)
}

// TestFolderHoldsOneRun: after a run the folder holds exactly its
// outputs and run.json, which lists each with its sha256: not the
// workbook of a province that has no offices now, not a ranking.csv
// the run was not asked for; and nothing is left in or beside it.
func TestFolderHoldsOneRun(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "1404-H1")
	if err := evaluate(t, smallExport(t, t.TempDir(), 1, "gilan", "tehran"), out, true); err != nil {
		t.Fatal(err)
	}
	if got := names(t, out); !slices.Equal(got, []string{"gilan.xlsx", "national.xlsx", "ranking.csv", "run.json", "tehran.xlsx"}) {
		t.Fatalf("first run wrote %q", got)
	}
	newDir := smallExport(t, t.TempDir(), 2, "gilan")
	if err := evaluate(t, newDir, out, false); err != nil {
		t.Fatal(err)
	}
	if got := names(t, out); !slices.Equal(got, []string{"gilan.xlsx", "national.xlsx", "run.json"}) {
		t.Fatalf("second run left %q", got)
	}
	nothingBeside(t, parent, "1404-H1")

	rec := readRecord(t, out)
	if rec.Command != "evaluate" || rec.Rules.Name != "default" || len(rec.Rules.SHA256) != 64 || rec.WrittenAt != "2025-10-04T02:30:00Z" {
		t.Errorf("run.json: %+v", rec)
	}
	snap := snapshot(t, out)
	var listed []string
	for _, o := range rec.Outputs {
		listed = append(listed, o.File)
		if snap[o.File] != o.SHA256 {
			t.Errorf("run.json: %s has sha256 %s, the file %s", o.File, o.SHA256, snap[o.File])
		}
	}
	if !slices.Equal(listed, []string{"gilan.xlsx", "national.xlsx"}) {
		t.Errorf("run.json lists %q", listed)
	}
	var kinds []string
	for _, in := range rec.Inputs {
		kinds = append(kinds, in.Kind)
		b, _ := os.ReadFile(in.Path)
		if sum := sha256.Sum256(b); hex.EncodeToString(sum[:]) != in.SHA256 || !strings.HasPrefix(in.Path, newDir) {
			t.Errorf("run.json: input %s %s", in.Path, in.SHA256)
		}
	}
	if !slices.Equal(kinds, []string{"offices", "declarations", "surveys", "violations"}) {
		t.Errorf("run.json: inputs %q", kinds)
	}
	var summary struct {
		Reports []string `json:"reports"`
	}
	if err := json.Unmarshal(rec.Summary, &summary); err != nil || !slices.Equal(summary.Reports, []string{"gilan.xlsx", "national.xlsx"}) {
		t.Errorf("run.json: summary %s (%v)", rec.Summary, err)
	}
}

func readRecord(t *testing.T, dir string) report.Record {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, report.RecordName))
	if err != nil {
		t.Fatal(err)
	}
	rec, err := report.ParseRecord(b)
	if err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestFolderOfSomeoneElse: rank refuses to replace a folder holding files
// it did not write, unless --force; it takes an empty folder, keeping its
// permissions and group, and one an earlier version of rank wrote.
func TestFolderOfSomeoneElse(t *testing.T) {
	exp := smallExport(t, t.TempDir(), 1, "gilan")
	refused := func(t *testing.T, out, want string) {
		t.Helper()
		before := snapshot(t, out)
		err := evaluate(t, exp, out, false)
		var f failure
		if !errors.As(err, &f) || f.kind != "refused" || !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "--force") {
			t.Fatalf("got %v, want a refusal naming %q", err, want)
		}
		sameFiles(t, before, snapshot(t, out))
		nothingBeside(t, filepath.Dir(out), filepath.Base(out))
	}

	t.Run("files of its own", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "reports")
		os.Mkdir(out, 0o755)
		os.WriteFile(filepath.Join(out, "notes.docx"), []byte("mine"), 0o644)
		refused(t, out, "notes.docx")
		if err := evaluateWith(t, exp, out, false, FolderOptions{Force: true}); err != nil {
			t.Fatal(err)
		}
		if got := names(t, out); !slices.Equal(got, []string{"gilan.xlsx", "national.xlsx", "run.json"}) {
			t.Errorf("--force left %q", got)
		}
	})
	t.Run("a file added to rank's", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "reports")
		if err := evaluate(t, exp, out, false); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(out, "notes.txt"), []byte("mine"), 0o644)
		refused(t, out, "notes.txt")
	})
	t.Run("a report changed by hand", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "reports")
		if err := evaluate(t, exp, out, false); err != nil {
			t.Fatal(err)
		}
		f, _ := os.OpenFile(filepath.Join(out, "gilan.xlsx"), os.O_APPEND|os.O_WRONLY, 0)
		f.WriteString("edited")
		f.Close()
		refused(t, out, "gilan.xlsx")
	})
	t.Run("compare's folder", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "reports")
		os.Mkdir(out, 0o755)
		rec, _ := report.MarshalRecord(report.Record{Format: report.RecordFormat, Command: "compare", Outputs: []report.RecordFile{}})
		os.WriteFile(filepath.Join(out, report.RecordName), rec, 0o644)
		refused(t, out, "rank compare")
	})
	t.Run("an empty folder", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "reports")
		os.Mkdir(out, 0o755)
		os.Chmod(out, 0o770|fs.ModeSetgid)
		if err := evaluate(t, exp, out, false); err != nil {
			t.Fatal(err)
		}
		st, _ := os.Stat(out)
		if st.Mode()&(fs.ModePerm|fs.ModeSetgid) != 0o770|fs.ModeSetgid {
			t.Errorf("the folder's mode is %v, want the one it had, drwxrws---", st.Mode())
		}
	})
	t.Run("an earlier version's", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "reports")
		os.MkdirAll(filepath.Join(out, ".rank-123456"), 0o755)
		os.WriteFile(filepath.Join(out, ".rank-123456", "gilan.xlsx"), []byte("half"), 0o644)
		os.WriteFile(filepath.Join(out, ".rank.lock"), nil, 0o644)
		os.WriteFile(filepath.Join(out, "tehran.xlsx"), []byte("old"), 0o644)
		os.WriteFile(filepath.Join(out, "ranking.csv"), []byte("old"), 0o644)
		if err := evaluate(t, exp, out, false); err != nil {
			t.Fatal(err)
		}
		if got := names(t, out); !slices.Equal(got, []string{"gilan.xlsx", "national.xlsx", "run.json"}) {
			t.Errorf("left %q", got)
		}
	})
	t.Run("the exports inside it", func(t *testing.T) {
		out := t.TempDir()
		in := smallExport(t, filepath.Join(out, "exports"), 1, "gilan")
		before := snapshot(t, out)
		err := evaluateWith(t, in, out, false, FolderOptions{Force: true})
		if err == nil || !strings.Contains(err.Error(), "which this run reads") {
			t.Fatalf("got %v", err)
		}
		sameFiles(t, before, snapshot(t, out))
	})
}

// TestOutForms: --out through a symlink, as the current folder, and as a
// mount point.
func TestOutForms(t *testing.T) {
	exp := smallExport(t, t.TempDir(), 1, "gilan")
	t.Run("a symlink", func(t *testing.T) {
		parent := t.TempDir()
		real := filepath.Join(parent, "real")
		os.Mkdir(real, 0o755)
		link := filepath.Join(t.TempDir(), "current")
		if err := os.Symlink(real, link); err != nil {
			t.Fatal(err)
		}
		for range 2 {
			if err := evaluate(t, exp, link, false); err != nil {
				t.Fatal(err)
			}
		}
		if st, err := os.Lstat(link); err != nil || st.Mode()&fs.ModeSymlink == 0 {
			t.Fatalf("the link is gone: %v", err)
		}
		if got := names(t, link); !slices.Equal(got, []string{"gilan.xlsx", "national.xlsx", "run.json"}) {
			t.Errorf("through the link: %q", got)
		}
		nothingBeside(t, parent, "real")
		nothingBeside(t, filepath.Dir(link), "current")
	})
	t.Run("the current folder", func(t *testing.T) {
		out := t.TempDir()
		methods := builtin(t)
		t.Chdir(out)
		err := evaluateRun(&EvaluateOptions{IO: &IO{Out: io.Discard, Err: io.Discard}, Methods: methods, Dir: exp, Period: "1404-H1", Out: ".", Quiet: true})
		var usage usageError
		if !errors.As(err, &usage) || !strings.Contains(err.Error(), "the folder you are in") {
			t.Fatalf("got %v", err)
		}
		if got := names(t, out); len(got) != 0 {
			t.Errorf("wrote %q", got)
		}
	})
	t.Run("a mount point", func(t *testing.T) {
		mnt := t.TempDir()
		if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=1m"); err != nil {
			t.Skipf("cannot mount a tmpfs here (needs root): %v", err)
		}
		t.Cleanup(func() { syscall.Unmount(mnt, 0) })
		err := evaluate(t, exp, mnt, false)
		if err == nil || !strings.Contains(err.Error(), "mount point") || !strings.Contains(err.Error(), filepath.Join(mnt, "reports")) {
			t.Fatalf("got %v", err)
		}
		if err := evaluate(t, exp, filepath.Join(mnt, "reports"), false); err != nil {
			t.Fatal(err)
		}
	})
	t.Run("a bind mount", func(t *testing.T) {
		parent := t.TempDir()
		src, mnt := filepath.Join(parent, "src"), filepath.Join(parent, "reports")
		os.Mkdir(src, 0o755)
		os.Mkdir(mnt, 0o755)
		if err := syscall.Mount(src, mnt, "", syscall.MS_BIND, ""); err != nil {
			t.Skipf("cannot bind-mount here (needs root): %v", err)
		}
		t.Cleanup(func() { syscall.Unmount(mnt, 0) })
		err := evaluate(t, exp, mnt, false)
		if err == nil || !strings.Contains(err.Error(), "mount point") {
			t.Fatalf("got %v", err)
		}
		nothingBeside(t, parent, "reports", "src")
	})
}

func TestFailedRunLeavesEarlierReports(t *testing.T) {
	dir := national(t)
	out := filepath.Join(t.TempDir(), "reports")
	if err := evaluate(t, dir, out, true); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)

	// The same folder with a column gone: the run fails, nothing changes.
	data, err := os.ReadFile(filepath.Join(dir, "violations.csv"))
	if err != nil {
		t.Fatal(err)
	}
	header, rest, _ := strings.Cut(string(data), "\n")
	header = strings.Replace(header, "ruling_status", "status_of_ruling", 1)
	if err := os.WriteFile(filepath.Join(dir, "violations.csv"), []byte(header+"\n"+rest), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := evaluate(t, dir, out, true); err == nil || !strings.Contains(err.Error(), "violations.csv") {
		t.Fatalf("broken input: %v", err)
	}
	sameFiles(t, before, snapshot(t, out))
	nothingBeside(t, filepath.Dir(out), "reports")
}

func TestUnwritableOutput(t *testing.T) {
	dir := smallExport(t, t.TempDir(), 1, "gilan")
	file := filepath.Join(t.TempDir(), "reports")
	if err := os.WriteFile(file, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := evaluate(t, dir, filepath.Join(file, "1404-H1"), false)
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("got %v", err)
	}
	err = evaluate(t, dir, file, false)
	if err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Fatalf("got %v", err)
	}
}

// TestFullDisk writes into a 64 KiB file system: the run fails with the
// system's reason, and the earlier reports and nothing beside them remain.
func TestFullDisk(t *testing.T) {
	dir := national(t)
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, 0) })
	out := filepath.Join(mnt, "reports")
	os.Mkdir(out, 0o755)
	if err := os.WriteFile(filepath.Join(out, "national.xlsx"), []byte("the earlier report"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	err := evaluateWith(t, dir, out, true, FolderOptions{Force: true})
	if err == nil || !errors.Is(err, syscall.ENOSPC) && !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("got %v, want no space left on device", err)
	}
	sameFiles(t, before, snapshot(t, out))
	nothingBeside(t, mnt, "reports")
}

// TestSecondRunIsLockedOut: a run into a folder another run is writing is
// refused, naming who holds it and since when; the lock is made with the
// umask's mode, and nothing of it stays.
func TestSecondRunIsLockedOut(t *testing.T) {
	exp := smallExport(t, t.TempDir(), 1, "gilan")
	parent := t.TempDir()
	out := filepath.Join(parent, "reports")
	lock := filepath.Join(parent, ".reports.rank-lock")

	old := syscall.Umask(0o002)
	release, err := lockFolder(lock, currentHolder(fixedClock()))
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	if st, err := os.Stat(lock); err != nil || st.Mode().Perm() != 0o664 {
		t.Errorf("the lock file's mode is %v (%v), want 0664 under umask 002", st.Mode(), err)
	}
	err = evaluate(t, exp, out, false)
	var f failure
	if !errors.As(err, &f) || f.kind != "locked" {
		t.Fatalf("second run: %v", err)
	}
	for _, want := range []string{"another rank run is writing " + out, "process " + strconv.Itoa(os.Getpid()), "since 2025-10-04T02:30:00Z"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	release()
	nothingBeside(t, parent)

	// A lock file a killed run left (no process holds it): taken over,
	// and gone after the run.
	os.WriteFile(lock, currentHolder(fixedClock()).json(), 0o444)
	if err := evaluate(t, exp, out, false); err != nil {
		t.Fatal(err)
	}
	nothingBeside(t, parent, "reports")
}
