package cmd

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

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

func evaluate(t *testing.T, dir, out string, csv bool) error {
	t.Helper()
	var stdout, stderr bytes.Buffer
	return evaluateRun(&EvaluateOptions{
		IO: &IO{Out: &stdout, Err: &stderr}, Methods: builtin(t),
		Dir: dir, Period: "1404-H1", Out: out, Format: "json", CSV: csv,
	})
}

// snapshot hashes every file in dir, temporary folders included.
func snapshot(t *testing.T, dir string) map[string][32]byte {
	t.Helper()
	m := map[string][32]byte{}
	err := filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		rel, _ := filepath.Rel(dir, path)
		m[rel] = sha256.Sum256(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func sameFiles(t *testing.T, a, b map[string][32]byte) {
	t.Helper()
	if len(a) != len(b) {
		t.Errorf("%d files, then %d", len(a), len(b))
	}
	for name, h := range a {
		if b[name] != h {
			t.Errorf("%s differs", name)
		}
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

func TestFailedRunLeavesEarlierReports(t *testing.T) {
	dir := national(t)
	out := t.TempDir()
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
}

func TestUnwritableOutput(t *testing.T) {
	dir := national(t)
	file := filepath.Join(t.TempDir(), "reports")
	if err := os.WriteFile(file, []byte("not a folder"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := evaluate(t, dir, filepath.Join(file, "1404-H1"), false)
	if err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("got %v", err)
	}
}

// TestFullDisk writes into a 64 KiB file system: the run fails with the
// system's reason, and the earlier reports and no temporary files remain.
func TestFullDisk(t *testing.T) {
	dir := national(t)
	mnt := t.TempDir()
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", 0, "size=64k"); err != nil {
		t.Skipf("cannot mount a small tmpfs here (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(mnt, 0) })
	if err := os.WriteFile(filepath.Join(mnt, "national.xlsx"), []byte("the earlier report"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, mnt)
	err := evaluate(t, dir, mnt, true)
	if err == nil || !errors.Is(err, syscall.ENOSPC) && !strings.Contains(err.Error(), "no space left") {
		t.Fatalf("got %v, want no space left on device", err)
	}
	after := snapshot(t, mnt)
	delete(after, ".rank.lock")
	sameFiles(t, before, after)
}

// TestInterruptLeavesEarlierReports interrupts a run after its reports are
// written and before they are moved into place: it exits 130 and leaves
// the earlier reports and no temporary folder.
func TestInterruptLeavesEarlierReports(t *testing.T) {
	if os.Getenv("RANK_INTERRUPT_HELPER") == "1" {
		beforeMove = func() {
			syscall.Kill(os.Getpid(), syscall.SIGINT)
			time.Sleep(5 * time.Second) // the handler exits first
		}
		os.Exit(Main([]string{"evaluate", os.Getenv("RANK_DIR"), "--period", "1404-H1", "--out", os.Getenv("RANK_OUT")}, System(), builtin(t)))
	}
	dir := national(t)
	out := t.TempDir()
	if err := evaluate(t, dir, out, false); err != nil {
		t.Fatal(err)
	}
	// An earlier report of a province the new run would rewrite.
	if err := os.WriteFile(filepath.Join(out, "tehran.xlsx"), []byte("earlier"), 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, out)
	cmd := exec.Command(os.Args[0], "-test.run=^TestInterruptLeavesEarlierReports$")
	cmd.Env = append(os.Environ(), "RANK_INTERRUPT_HELPER=1", "RANK_DIR="+dir, "RANK_OUT="+out)
	outb, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.ExitCode() != 130 {
		t.Fatalf("helper: %v\n%s", err, outb)
	}
	sameFiles(t, before, snapshot(t, out))
}

func TestSecondRunIsLockedOut(t *testing.T) {
	out := t.TempDir()
	release, err := lockOut(out)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	_, err = lockOut(out)
	if err == nil || !strings.Contains(err.Error(), "another rank run") {
		t.Fatalf("second lock: %v", err)
	}
}
