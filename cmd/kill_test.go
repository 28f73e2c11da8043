package cmd

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// TestHelperProcess is the command the tests below run as a process of
// its own, to kill it or send it signals: rank's Main, with the evaluate
// command's folder options set from the environment. It does nothing in
// a plain test run.
//
//	RANK_HELPER=1  RANK_ARGS  the arguments, one a line
//	RANK_AT=N      at the Nth step of writing the folder, send RANK_SIGNAL
//	               (a number; SIGKILL when empty) to itself; RANK_BLOCK=1:
//	               then wait for it, as a step cut short would
//	RANK_FALLBACK=1  swap by two renames
func TestHelperProcess(t *testing.T) {
	if os.Getenv("RANK_HELPER") != "1" {
		return
	}
	methods := builtin(t)
	at, _ := strconv.Atoi(os.Getenv("RANK_AT"))
	sig := syscall.SIGKILL
	if n, err := strconv.Atoi(os.Getenv("RANK_SIGNAL")); err == nil {
		sig = syscall.Signal(n)
	}
	steps := 0
	hook := func(string) {
		if steps++; steps != at {
			return
		}
		if sig == syscall.SIGKILL || os.Getenv("RANK_BLOCK") == "1" {
			syscall.Kill(os.Getpid(), sig)
			time.Sleep(time.Minute) // the signal ends the process first
			os.Exit(99)
		}
		// Go on once the signal has reached the run's handler: signal.Stop
		// returns after the delivery to every channel, ours and the run's.
		seen := make(chan os.Signal, 1)
		signal.Notify(seen, sig)
		syscall.Kill(os.Getpid(), sig)
		<-seen
		signal.Stop(seen)
	}
	newRoot := func(ios *IO) *cobra.Command {
		root := NewCmdRoot(ios, methods)
		for _, c := range root.Commands() {
			if c.Name() == "evaluate" {
				root.RemoveCommand(c)
			}
		}
		root.AddCommand(NewCmdEvaluate(ios, methods, func(o *EvaluateOptions) error {
			o.Folder.at, o.Folder.now = hook, fixedClock
			o.Folder.noExchange = os.Getenv("RANK_FALLBACK") == "1"
			return evaluateRun(o)
		}))
		return root
	}
	os.Exit(mainWith(strings.Split(os.Getenv("RANK_ARGS"), "\n"), System(), newRoot))
}

// helper runs TestHelperProcess with args and the environment given.
func helper(t *testing.T, args []string, env ...string) (stdout, stderr *bytes.Buffer, err error) {
	t.Helper()
	c := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
	c.Env = append(os.Environ(), append([]string{"RANK_HELPER=1", "RANK_ARGS=" + strings.Join(args, "\n")}, env...)...)
	stdout, stderr = &bytes.Buffer{}, &bytes.Buffer{}
	c.Stdout, c.Stderr = stdout, stderr
	return stdout, stderr, c.Run()
}

func killedBy(err error, sig syscall.Signal) bool {
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		return false
	}
	ws, ok := exit.Sys().(syscall.WaitStatus)
	return ok && ws.Signaled() && ws.Signal() == sig
}

func exitCode(err error) int {
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return exit.ExitCode()
	}
	if err != nil {
		return -1
	}
	return 0
}

// sets are the two sets a folder may hold after a kill, and how often it
// held each.
type sets struct {
	old, new       map[string]string
	sawOld, sawNew int
}

func (s *sets) check(t *testing.T, out, when string) {
	t.Helper()
	switch snap := snapshot(t, out); {
	case same(snap, s.old):
		s.sawOld++
	case same(snap, s.new):
		s.sawNew++
	default:
		t.Errorf("%s: the folder holds neither set: %v", when, keys(snap))
	}
}

// TestKillWhileReplacing kills rank (SIGKILL) at every step of replacing
// an earlier run's reports: each time the folder holds exactly the old
// set or exactly the new one, and the next run puts things right and
// leaves nothing in or beside the folder. The old set has a province
// (tehran) that the new export no longer has, and ranking.csv, which the
// new run is not asked for. With the fallback of two renames the folder
// may be missing after a kill; the next run puts the old one back before
// anything else, which is checked too.
func TestKillWhileReplacing(t *testing.T) {
	for _, fallback := range []bool{false, true} {
		name := "exchange"
		if fallback {
			name = "two renames"
		}
		t.Run(name, func(t *testing.T) { killEverywhere(t, fallback) })
	}
}

func killEverywhere(t *testing.T, fallback bool) {
	oldExp := smallExport(t, t.TempDir(), 1, "gilan", "tehran")
	newExp := smallExport(t, t.TempDir(), 2, "gilan")
	ref := t.TempDir()
	if err := evaluate(t, oldExp, filepath.Join(ref, "old"), true); err != nil {
		t.Fatal(err)
	}
	if err := evaluate(t, newExp, filepath.Join(ref, "new"), false); err != nil {
		t.Fatal(err)
	}
	oldSet, newSet := snapshot(t, filepath.Join(ref, "old")), snapshot(t, filepath.Join(ref, "new"))
	if _, ok := oldSet["tehran.xlsx"]; !ok || newSet["tehran.xlsx"] != "" || newSet["ranking.csv"] != "" {
		t.Fatalf("the sets: %v, %v", keys(oldSet), keys(newSet))
	}

	earlier := func() string {
		out := filepath.Join(t.TempDir(), "reports")
		if err := evaluate(t, oldExp, out, true); err != nil {
			t.Fatal(err)
		}
		return out
	}
	// The steps, as the process below takes them.
	var steps []string
	out := earlier()
	if err := evaluateWith(t, newExp, out, false, FolderOptions{noExchange: fallback, at: func(s string) { steps = append(steps, s) }}); err != nil {
		t.Fatal(err)
	}
	sameFiles(t, newSet, snapshot(t, out))

	args := []string{"evaluate", newExp, "--period", "1404-H1", "--format", "json", "-q", "--out"}
	fb := "RANK_FALLBACK=0"
	if fallback {
		fb = "RANK_FALLBACK=1"
	}
	tally := sets{old: oldSet, new: newSet}
	sawMissing := 0
	for i := 1; i <= len(steps); i++ {
		out := earlier()
		_, stderr, err := helper(t, append(args, out), "RANK_AT="+strconv.Itoa(i), fb)
		if !killedBy(err, syscall.SIGKILL) {
			t.Fatalf("step %d (%s): not killed: %v\n%s", i, steps[i-1], err, stderr)
		}
		if _, err := os.Lstat(out); errors.Is(err, os.ErrNotExist) {
			if !fallback {
				t.Errorf("killed at step %d (%s): the folder is missing", i, steps[i-1])
				continue
			}
			sawMissing++
			d, err := openReports(&IO{Err: io.Discard}, out, FolderOptions{}, "evaluate")
			if err != nil {
				t.Fatal(err)
			}
			d.close()
		}
		tally.check(t, out, fmt.Sprintf("killed at step %d (%s)", i, steps[i-1]))
		// A later run cleans up after it.
		if err := evaluate(t, newExp, out, false); err != nil {
			t.Fatalf("after a kill at step %d (%s): %v", i, steps[i-1], err)
		}
		sameFiles(t, newSet, snapshot(t, out))
		nothingBeside(t, filepath.Dir(out), "reports")
	}
	if tally.sawOld == 0 || tally.sawNew == 0 {
		t.Errorf("%d kills left the old set and %d the new: some step is not covered", tally.sawOld, tally.sawNew)
	}
	t.Logf("%d steps %q: killed at each, %d left the old set, %d the new (%d with the folder aside, put back)", len(steps), steps, tally.sawOld, tally.sawNew, sawMissing)
}

// TestKillAfterDelays kills rank after delays spread over the later part
// of a run, moments between the steps above (within the writing of the
// workbooks, of a national folder's 32). The
// delays only choose the moments; at any moment the folder must hold one
// whole set.
func TestKillAfterDelays(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a dozen processes")
	}
	oldExp := smallExport(t, t.TempDir(), 1, "gilan", "tehran")
	newExp := national(t)
	earlier := func() string {
		out := filepath.Join(t.TempDir(), "reports")
		if err := evaluate(t, oldExp, out, true); err != nil {
			t.Fatal(err)
		}
		return out
	}
	oldSet := snapshot(t, earlier())
	args := []string{"evaluate", newExp, "--period", "1404-H1", "-q", "--out"}
	full := earlier()
	start := time.Now()
	if _, stderr, err := helper(t, append(args, full)); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	whole := time.Since(start)
	tally := sets{old: oldSet, new: snapshot(t, full)}
	delay := func(k int) time.Duration { return whole * time.Duration(40+5*k) / 100 } // 40 % … 115 %
	for k := range 16 {
		out := earlier()
		c := exec.Command(os.Args[0], "-test.run=^TestHelperProcess$")
		c.Env = append(os.Environ(), "RANK_HELPER=1", "RANK_ARGS="+strings.Join(append(args, out), "\n"))
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay(k))
		c.Process.Kill()
		c.Wait()
		tally.check(t, out, fmt.Sprintf("killed after %v", delay(k)))
	}
	t.Logf("a run took %v; 16 kills from 40 %% to 115 %% of that: %d left the old set, %d the new", whole, tally.sawOld, tally.sawNew)
}

// TestStopSignals: SIGINT and SIGTERM while the reports are written say
// so on stderr (and stdout, as JSON), remove what the run made, and exit
// 130 or 143; one that comes while the new reports are put in place lets
// the run finish.
func TestStopSignals(t *testing.T) {
	oldExp := smallExport(t, t.TempDir(), 1, "gilan", "tehran")
	newExp := smallExport(t, t.TempDir(), 2, "gilan")
	var steps []string
	probe := filepath.Join(t.TempDir(), "reports")
	evaluate(t, oldExp, probe, true)
	evaluateWith(t, newExp, probe, false, FolderOptions{at: func(s string) { steps = append(steps, s) }})
	stepNo := func(name string) string {
		for i, s := range steps {
			if s == name {
				return strconv.Itoa(i + 1)
			}
		}
		t.Fatalf("no step %q in %q", name, steps)
		return ""
	}
	for _, c := range []struct {
		sig  syscall.Signal
		step string
		exit int
		kept bool // the old set stays
	}{
		{syscall.SIGINT, "written", 130, true},
		{syscall.SIGTERM, "building", 143, true},
		{syscall.SIGTERM, "locked", 143, true},
		{syscall.SIGHUP, "recorded", 129, true},
		{syscall.SIGTERM, "removing", 0, false},
	} {
		t.Run(signalName(c.sig)+" at "+c.step, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "reports")
			if err := evaluate(t, oldExp, out, true); err != nil {
				t.Fatal(err)
			}
			before := snapshot(t, out)
			args := []string{"evaluate", newExp, "--period", "1404-H1", "--format", "json", "-q", "--out", out}
			stdout, stderr, err := helper(t, args, "RANK_AT="+stepNo(c.step), "RANK_SIGNAL="+strconv.Itoa(int(c.sig)), "RANK_BLOCK="+strconv.Itoa(boolInt(c.kept)))
			if got := exitCode(err); got != c.exit {
				t.Fatalf("exit %d, want %d (%v)\n%s", got, c.exit, err, stderr)
			}
			var obj map[string]any
			dec := json.NewDecoder(stdout)
			if err := dec.Decode(&obj); err != nil || dec.More() {
				t.Fatalf("stdout is not one JSON object (%v): %s", err, stdout)
			}
			if c.kept {
				sameFiles(t, before, snapshot(t, out))
				want := "rank: stopped by " + signalName(c.sig)
				if !strings.Contains(stderr.String(), want) {
					t.Errorf("stderr does not say %q:\n%s", want, stderr)
				}
				if c.step != "locked" && !strings.Contains(stderr.String(), out+" is as it was") {
					t.Errorf("stderr does not say the folder is as it was:\n%s", stderr)
				}
				e, _ := obj["error"].(map[string]any)
				if e["kind"] != "interrupted" || obj["exit"] != float64(c.exit) {
					t.Errorf("stdout: %v", obj)
				}
			} else {
				if _, ok := obj["error"]; ok || !strings.Contains(stderr.String(), "the run finished first") {
					t.Errorf("stdout %v\nstderr %s", obj, stderr)
				}
				if names(t, out)[0] != "gilan.xlsx" || len(names(t, out)) != 3 {
					t.Errorf("the folder holds %q", names(t, out))
				}
			}
			nothingBeside(t, filepath.Dir(out), "reports")
		})
	}
}

// TestSharedFolder: colleagues share a group-writable reports folder (the
// parent setgid, umask 002). A run by one leaves nothing that locks the
// other out, not even the lock file a killed run of the first left (mode
// 0644, which the second may not write): the second, another user in the
// group, replaces the folder, which stays the group's.
func TestSharedFolder(t *testing.T) {
	if os.Getuid() != 0 {
		t.Skip("needs root, to run a command as another user")
	}
	const group, colleague = 4242, 65534
	base, err := os.MkdirTemp("", "rank-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(base) })
	os.Chmod(base, 0o755)
	bin := filepath.Join(base, "rank.test")
	self, _ := os.ReadFile(os.Args[0])
	if err := os.WriteFile(bin, self, 0o755); err != nil {
		t.Fatal(err)
	}
	exp := smallExport(t, filepath.Join(base, "exports"), 1, "gilan")
	shared := filepath.Join(base, "shared")
	os.Mkdir(shared, 0o755)
	os.Chown(shared, 0, group)
	os.Chmod(shared, 0o775|os.ModeSetgid)
	out := filepath.Join(shared, "reports")

	old := syscall.Umask(0o002)
	defer syscall.Umask(old)
	if err := evaluate(t, exp, out, false); err != nil {
		t.Fatal(err)
	}
	// What a killed run of this user leaves: its lock file, as rank made
	// it before (0644).
	lock := filepath.Join(shared, ".reports.rank-lock")
	if err := os.WriteFile(lock, currentHolder(fixedClock()).json(), 0o644); err != nil {
		t.Fatal(err)
	}

	c := exec.Command(bin, "-test.run=^TestHelperProcess$")
	c.Env = append(os.Environ(), "RANK_HELPER=1", "RANK_ARGS="+strings.Join([]string{"evaluate", exp, "--period", "1404-H1", "--out", out, "-q", "--csv"}, "\n"))
	c.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: colleague, Gid: colleague, Groups: []uint32{group}}}
	var stderr bytes.Buffer
	c.Stderr = &stderr
	if err := c.Run(); err != nil {
		t.Fatalf("the colleague's run: %v\n%s", err, stderr.String())
	}
	if got := names(t, out); strings.Join(got, " ") != "gilan.xlsx national.xlsx ranking.csv run.json" {
		t.Errorf("the folder holds %q", got)
	}
	nothingBeside(t, shared, "reports")
	st, _ := os.Stat(out)
	sys := st.Sys().(*syscall.Stat_t)
	if st.Mode()&(os.ModePerm|os.ModeSetgid) != 0o775|os.ModeSetgid || sys.Gid != group || sys.Uid != colleague {
		t.Errorf("the folder is %v, uid %d gid %d; want drwxrwsr-x of the colleague, group %d", st.Mode(), sys.Uid, sys.Gid, group)
	}
	// And back: the first user replaces the colleague's folder.
	if err := evaluate(t, exp, out, false); err != nil {
		t.Fatal(err)
	}
	nothingBeside(t, shared, "reports")
}
