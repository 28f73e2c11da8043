package cmd

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/iranict/rank/method"
	"github.com/iranict/rank/report"
	"github.com/iranict/rank/scoring"
)

// A reports folder (--out) always holds one whole run: its reports and
// run.json, nothing else. A run builds the new folder beside the old one
// (.NAME.rank-new-…, in the same parent and so on the same file system),
// records it (run.json: the rules, the inputs and every output with its
// sha256), and swaps the two in one step; then it removes the old one.
// Killed at any moment, it leaves the folder as it was or as the run made
// it, and the next run removes what it left beside it. The lock
// (.NAME.rank-lock) is a file beside the folder too, so that it holds
// while the folder itself is swapped.

// FolderOptions are the settings of a command that writes a reports folder.
type FolderOptions struct {
	// Force replaces a folder that holds files rank did not write.
	Force bool

	at         func(step string) // called at each step of writing the folder: tests stop the command there
	now        func() time.Time  // run.json's clock
	noExchange bool              // swap by two renames, as where the system cannot exchange, for tests
}

func folderFlags(c *cobra.Command, o *FolderOptions) {
	c.Flags().BoolVar(&o.Force, "force", false, "replace the --out folder even if it holds files rank did not write (they are deleted)")
}

// writeReports writes a run's reports into opts.Out: its workbooks and,
// with --csv, ranking.csv, with run.json recording them.
func writeReports(opts *EvaluateOptions, run method.Run) ([]string, error) {
	name, text := run.Rules()
	rec := opts.record(name, text, func(written []string) ([]byte, error) {
		var b bytes.Buffer
		err := run.Print(&b, "json", written)
		return b.Bytes(), err
	})
	return writeFolder(opts.IO, opts.Out, opts.Folder, rec, func(dir string) ([]string, error) {
		return run.Write(dir, opts.CSV)
	})
}

// writeComparison writes compare.xlsx into opts.Out.
func writeComparison(opts *CompareOptions, c report.Comparison) ([]string, error) {
	var in []inputFile
	for _, f := range []inputFile{{"old", opts.Old}, {"new", opts.New}} {
		if st, err := os.Stat(f.path); err == nil && st.IsDir() {
			f.path = filepath.Join(f.path, "ranking.csv") // as ingest.ReadRanking reads it
		}
		in = append(in, f)
	}
	rec := runRecord{command: "compare", inputs: hashFiles(in), summary: func([]string) ([]byte, error) {
		var b bytes.Buffer
		err := report.CompareJSON(&b, c)
		return b.Bytes(), err
	}}
	return writeFolder(opts.IO, opts.Out, opts.Folder, rec, func(dir string) ([]string, error) {
		return report.CompareWorkbooks(dir, c)
	})
}

// writeFolder opens the reports folder out, replaces it with what write
// puts into a fresh folder, and lets it go.
func writeFolder(ios *IO, out string, opts FolderOptions, rec runRecord, write func(dir string) ([]string, error)) ([]string, error) {
	d, err := openReports(ios, out, opts, rec.command)
	if err != nil {
		return nil, err
	}
	defer d.close()
	return d.replace(rec, write)
}

// runRecord is what run.json records besides the outputs.
type runRecord struct {
	command string // "evaluate", "validate" or "compare"
	inputs  *inputHashes
	rules   *report.RecordRules
	summary func(written []string) ([]byte, error) // the --format json summary
}

// record is what run.json says of an evaluation by opts.
func (opts *EvaluateOptions) record(rulesName string, rulesText []byte, summary func([]string) ([]byte, error)) runRecord {
	rules := &report.RecordRules{Name: rulesName, SHA256: report.RulesHash(rulesText)}
	if _, builtin := opts.Methods[opts.RulesFile]; opts.RulesFile != "" && !builtin {
		rules.Path, _ = filepath.Abs(opts.RulesFile)
	}
	return runRecord{command: "evaluate", inputs: opts.inputs, rules: rules, summary: summary}
}

// hashInputs starts hashing the files an evaluation reads, beside the
// reading, for run.json; only a run that writes reports needs them.
func (opts *EvaluateOptions) hashInputs(sources []method.Source) {
	if opts.Out == "" {
		return
	}
	in := make([]inputFile, len(sources))
	for i, s := range sources {
		in[i] = inputFile{s.Kind, s.Path}
	}
	opts.inputs = hashFiles(in)
}

// reportsDir is a reports folder opened for writing: locked, and checked
// to be rank's to replace.
type reportsDir struct {
	ios     *IO
	opts    FolderOptions
	command string
	given   string // --out as given, for messages
	path    string // absolute, with symlinks resolved: what is replaced
	parent  string
	key     string // the base of the names beside it: .KEY.rank-…
	unlock  func()
	unstop  func()
}

// openReports resolves out, takes its lock, puts back a folder a killed
// run had moved aside, removes what killed runs left beside it, and checks
// that it may be replaced.
func openReports(ios *IO, out string, opts FolderOptions, command string) (*reportsDir, error) {
	d := &reportsDir{ios: ios, opts: opts, command: command, given: out}
	if err := d.resolve(); err != nil {
		return nil, err
	}
	unlock, err := lockFolder(d.beside("lock"), currentHolder(d.now()))
	if err != nil {
		var locked lockedError
		if errors.As(err, &locked) {
			locked.out = out
			return nil, failure{"locked", out, locked}
		}
		if errors.Is(err, errReadOnly) || errors.Is(err, fs.ErrPermission) && !canEmpty(d.parent) {
			err = fmt.Errorf("rank makes its lock and the new folder beside it, in %s, which is not writable for you: %w", d.parent, err)
		}
		return nil, d.writeError(err)
	}
	d.unlock = unlock
	d.unstop = ios.stop.onStop(func() string { d.unlock(); return "" })
	d.step("locked")
	d.putBack()
	d.clean()
	if err := d.check(); err != nil {
		d.close()
		return nil, err
	}
	return d, nil
}

// close lets the folder go: nothing of the lock stays.
func (d *reportsDir) close() {
	if d.unlock == nil {
		return
	}
	d.unstop()
	d.unlock()
	d.unlock = nil
	d.step("unlocked")
}

func (d *reportsDir) step(name string) {
	if d.opts.at != nil {
		d.opts.at(name)
	}
}

func (d *reportsDir) now() time.Time {
	if d.opts.now != nil {
		return d.opts.now()
	}
	return time.Now()
}

// resolve finds the folder that --out names: an absolute path, symlinks
// resolved (a link to the reports stays a link to the new reports), its
// parent made if missing. The folder must not be the one the user is in
// (the shell would be left in the removed one), nor a mount point (the new
// folder is built beside it, and must be on its file system).
func (d *reportsDir) resolve() error {
	abs, err := filepath.Abs(d.given)
	if err != nil {
		return d.writeError(err)
	}
	if filepath.Dir(abs) == abs {
		return usagef("--out %s: the reports need a folder of their own, e.g. --out reports/1404-H1", d.given)
	}
	switch _, err := os.Lstat(abs); {
	case err == nil:
		real, err := filepath.EvalSymlinks(abs)
		if err != nil {
			return d.writeError(fmt.Errorf("it is a link to a folder that cannot be reached: %w", err))
		}
		abs = real
	case errors.Is(err, fs.ErrNotExist):
		parent := filepath.Dir(abs)
		if err := os.MkdirAll(parent, 0o777); err != nil {
			return d.writeError(err)
		}
		real, err := filepath.EvalSymlinks(parent)
		if err != nil {
			return d.writeError(err)
		}
		abs = filepath.Join(real, filepath.Base(abs))
	default:
		return d.writeError(err)
	}
	d.path, d.parent = abs, filepath.Dir(abs)
	d.key = besideKey(filepath.Base(abs))
	if wd, err := os.Getwd(); err == nil {
		if wd, err := filepath.EvalSymlinks(wd); err == nil && within(wd, d.path) {
			return usagef("--out %s is the folder you are in (or holds it): rank replaces the reports folder whole, and your shell would be left in the removed one; run rank from outside it, e.g. cd %s", d.given, d.parent)
		}
	}
	st, err := os.Stat(d.path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return d.writeError(err)
	}
	if !st.IsDir() {
		return d.writeError(errors.New("it is a file, not a folder"))
	}
	if pst, err := os.Stat(d.parent); err == nil && !sameDevice(st, pst) {
		return d.writeError(fmt.Errorf("it is a mount point: rank builds the new reports beside the folder, on the same file system, and swaps the two; give a folder inside it, e.g. --out %s", filepath.Join(d.given, "reports")))
	}
	return nil
}

// besideKey is the part of the names beside a folder that names it, kept
// short enough for a file name; folded where names are case-blind.
func besideKey(name string) string {
	if runtime.GOOS == "darwin" || runtime.GOOS == "windows" {
		name = strings.ToLower(name)
	}
	if len(name) > 160 {
		sum := sha256.Sum256([]byte(name))
		name = strings.ToValidUTF8(name[:100], "") + "~" + hex.EncodeToString(sum[:8])
	}
	return name
}

// beside is the path of one of the folder's hidden neighbours:
// .KEY.rank-lock, .KEY.rank-new-HEX (being built; after an exchange, the
// old folder being removed), .KEY.rank-old-HEX (the old folder, renamed
// aside where folders cannot be exchanged), .KEY.rank-gone-HEX (a new
// folder given up, being removed).
func (d *reportsDir) beside(what string) string {
	return filepath.Join(d.parent, "."+d.key+".rank-"+what)
}

func (d *reportsDir) besideNew(what string) string {
	b := make([]byte, 8)
	rand.Read(b)
	return d.beside(what + "-" + hex.EncodeToString(b))
}

// leftover matches the folders a run makes beside KEY: only a run holding
// KEY's lock makes them, so when this run holds it they are a killed
// run's.
func (d *reportsDir) leftover() *regexp.Regexp {
	return regexp.MustCompile(`^\.` + regexp.QuoteMeta(d.key) + `\.rank-(new|old|gone)-[0-9a-f]{16}$`)
}

// leftovers are the folders killed runs left beside this one: others,
// and those that held the folder before a swap by two renames.
func (d *reportsDir) leftovers() (others, olds []string) {
	ents, err := os.ReadDir(d.parent)
	if err != nil {
		return nil, nil
	}
	re := d.leftover()
	for _, e := range ents {
		m := re.FindStringSubmatch(e.Name())
		if m == nil || e.Type()&fs.ModeType != fs.ModeDir {
			continue
		}
		p := filepath.Join(d.parent, e.Name())
		if m[1] == "old" {
			olds = append(olds, p)
		} else {
			others = append(others, p)
		}
	}
	return others, olds
}

// putBack undoes the half of a swap by two renames that a killed run did:
// with the folder gone and the earlier one aside, whole (its run.json goes
// first when it is removed), the earlier one is put back.
func (d *reportsDir) putBack() {
	if _, err := os.Lstat(d.path); !errors.Is(err, fs.ErrNotExist) {
		return
	}
	_, olds := d.leftovers()
	if len(olds) != 1 {
		return
	}
	if _, err := os.Stat(filepath.Join(olds[0], report.RecordName)); err != nil {
		return
	}
	if err := renameNew(olds[0], d.path); err == nil {
		d.warnf("put back the reports in %s that a run killed while replacing them had moved aside", d.given)
	}
}

// clean removes what killed runs left beside the folder.
func (d *reportsDir) clean() {
	others, olds := d.leftovers()
	for _, p := range append(others, olds...) {
		if err := os.RemoveAll(p); err != nil {
			d.warnf("could not remove %s, left by a run that was killed: %v", p, err)
		}
		d.step("cleaned")
	}
}

// check refuses to replace a folder that holds files rank did not write,
// unless --force: a run would delete them. A folder rank wrote holds
// run.json and only the files it lists, at the sizes it gives; one an
// earlier version of rank wrote holds its .rank.lock and only reports.
func (d *reportsDir) check() error {
	ents, err := os.ReadDir(d.path)
	if errors.Is(err, fs.ErrNotExist) || err == nil && len(ents) == 0 {
		return nil
	}
	if err != nil {
		return d.writeError(err)
	}
	if !canEmpty(d.path) {
		return d.writeError(errors.New("you may not remove the files in it (the folder is not writable for you), and rank replaces the folder whole; ask its owner to make it group-writable (chmod g+w), or choose another --out"))
	}
	if d.opts.Force {
		return nil
	}
	why := d.foreign(ents)
	if why == "" {
		return nil
	}
	return failure{"refused", d.given, fmt.Errorf("%s %s; rank replaces the reports folder whole, so they would be lost: move them elsewhere, choose another --out, or give --force to replace the folder anyway", d.given, why)}
}

// foreign says what in the folder rank did not write, or "".
func (d *reportsDir) foreign(ents []fs.DirEntry) string {
	data, err := os.ReadFile(filepath.Join(d.path, report.RecordName))
	if err != nil {
		if legacyReports(ents) {
			return ""
		}
		return "is not a reports folder rank wrote (it has no run.json) and holds " + someNames(ents)
	}
	rec, err := report.ParseRecord(data)
	if err != nil {
		return "has a run.json that is not rank's and holds " + someNames(ents)
	}
	if rec.Command != d.command {
		return fmt.Sprintf("holds the reports of rank %s, which rank %s would replace", rec.Command, d.command)
	}
	size := map[string]int64{report.RecordName: -1}
	for _, o := range rec.Outputs {
		size[o.File] = o.Bytes
	}
	var extra, changed []fs.DirEntry
	for _, e := range ents {
		want, ok := size[e.Name()]
		if !ok {
			extra = append(extra, e)
			continue
		}
		if info, err := e.Info(); want >= 0 && (err != nil || !info.Mode().IsRegular() || info.Size() != want) {
			changed = append(changed, e)
		}
	}
	switch {
	case len(extra) > 0:
		return "holds files rank did not write: " + someNames(extra)
	case len(changed) > 0:
		return "holds reports changed since rank wrote them (their sizes differ from run.json's): " + someNames(changed)
	}
	return ""
}

// legacyReports tells a folder written by rank before run.json: its empty
// .rank.lock, workbooks by province, ranking.csv, and temporary folders
// (.rank-NNNN) of runs that were killed.
func legacyReports(ents []fs.DirEntry) bool {
	known := map[string]bool{report.NationalWorkbook: true, report.IndexWorkbook: true, report.CompareWorkbook: true, "ranking.csv": true}
	for _, p := range scoring.Provinces {
		known[p.Slug+".xlsx"] = true
	}
	lock := false
	for _, e := range ents {
		switch n := e.Name(); {
		case n == ".rank.lock" && e.Type().IsRegular():
			lock = true
		case strings.HasPrefix(n, ".rank-") && e.IsDir():
		case known[n] && e.Type().IsRegular():
		default:
			return false
		}
	}
	return lock
}

// someNames lists the first few entries' names.
func someNames(ents []fs.DirEntry) string {
	var names []string
	for _, e := range ents[:min(len(ents), 5)] {
		names = append(names, e.Name())
	}
	s := strings.Join(names, ", ")
	if len(ents) > 5 {
		s += fmt.Sprintf(" and %d more", len(ents)-5)
	}
	return s
}

// replace writes the new reports into a folder beside the old, records
// them in run.json, swaps the two and removes the old. The reports are
// the files write lists, in its order.
func (d *reportsDir) replace(rec runRecord, write func(dir string) ([]string, error)) ([]string, error) {
	if err := d.checkInputs(rec.inputs.paths()); err != nil {
		return nil, err
	}
	tmp := d.besideNew("new")
	// Registered before the folder exists: a signal in between finds
	// nothing to remove.
	unstop := d.ios.stop.onStop(func() string {
		removeFolder(d, tmp)
		return fmt.Sprintf("the reports being written were removed; %s is as it was", d.given)
	})
	defer unstop()
	written, err := d.build(tmp, rec, write)
	if err != nil {
		removeFolder(d, tmp)
		return nil, err
	}
	d.step("ready")

	// From here a signal waits: the swap and the removal of the old folder
	// are done whole.
	d.ios.stop.commit()
	old, err := d.swap(tmp)
	if err != nil {
		removeFolder(d, tmp)
		d.ios.stop.uncommit()
		if errors.Is(err, syscall.EXDEV) || errors.Is(err, syscall.EBUSY) {
			// A bind mount, which the device numbers do not tell.
			err = fmt.Errorf("%w: is it a mount point? rank builds the new reports beside the folder and swaps the two; give a folder inside it", err)
		}
		return nil, d.writeError(err)
	}
	unstop()
	d.step("swapped")
	syncDir(d.parent)
	if old != "" {
		d.removeOld(old)
	}
	return written, nil
}

// build makes the new folder at tmp: the reports, then run.json, each
// synced, then the folder.
func (d *reportsDir) build(tmp string, rec runRecord, write func(dir string) ([]string, error)) ([]string, error) {
	if err := os.Mkdir(tmp, 0o777); err != nil {
		return nil, d.writeError(err)
	}
	d.keepMode(tmp)
	d.step("building")
	written, err := write(tmp)
	if err != nil {
		return nil, d.writeError(err)
	}
	d.step("written")
	summary, err := rec.summary(written)
	if err != nil {
		return nil, err
	}
	inputs, err := rec.inputs.wait()
	if err != nil {
		return nil, err
	}
	outputs, err := hashFolder(tmp)
	if err != nil {
		return nil, d.writeError(err)
	}
	version, commit := buildVersion()
	data, err := report.MarshalRecord(report.Record{
		Format: report.RecordFormat, Command: rec.command, Version: version, Commit: commit,
		WrittenAt: d.now().Format(time.RFC3339), User: userName(), Host: hostName(),
		Rules: rec.rules, Inputs: inputs, Outputs: outputs, Summary: bytes.TrimSpace(summary),
	})
	if err != nil {
		return nil, err
	}
	if err := report.WriteFile(filepath.Join(tmp, report.RecordName), data); err != nil {
		return nil, d.writeError(err)
	}
	d.step("recorded")
	syncDir(tmp)
	// Files may have been put into the folder while this run read and
	// wrote: look again.
	if err := d.check(); err != nil {
		return nil, err
	}
	return written, nil
}

// keepMode gives the new folder the old one's permissions and group, so
// that a folder shared with colleagues stays shared; a new folder keeps
// the umask's.
func (d *reportsDir) keepMode(dir string) {
	st, err := os.Stat(d.path)
	if err != nil {
		return
	}
	os.Chmod(dir, st.Mode()&(fs.ModePerm|fs.ModeSetgid|fs.ModeSticky))
	keepGroup(dir, st)
}

// swap puts tmp in the folder's place and gives where the old folder is
// now ("" when there was none). Where the system cannot exchange two
// folders in one step, the old one is renamed aside and tmp into its
// place: between the two the folder is missing, and a run killed there
// leaves the old one aside, which the next run puts back (putBack).
func (d *reportsDir) swap(tmp string) (old string, err error) {
	if _, err := os.Lstat(d.path); errors.Is(err, fs.ErrNotExist) {
		return "", renameNew(tmp, d.path)
	}
	if !d.opts.noExchange {
		if err := exchange(tmp, d.path); err != errNoExchange {
			return tmp, err
		}
	}
	aside := d.besideNew("old")
	if err := os.Rename(d.path, aside); err != nil {
		return "", err
	}
	d.step("aside")
	if err := os.Rename(tmp, d.path); err != nil {
		os.Rename(aside, d.path)
		return "", err
	}
	return aside, nil
}

// removeOld removes the old folder, its run.json first so that a folder
// half removed is never taken for whole (putBack).
func (d *reportsDir) removeOld(old string) {
	ents, err := os.ReadDir(old)
	if err == nil {
		slices.SortStableFunc(ents, func(a, b fs.DirEntry) int {
			return boolInt(b.Name() == report.RecordName) - boolInt(a.Name() == report.RecordName)
		})
		for _, e := range ents {
			if err = os.RemoveAll(filepath.Join(old, e.Name())); err != nil {
				break
			}
			d.step("removing")
		}
	}
	if err == nil {
		err = os.Remove(old)
	}
	if err != nil {
		d.warnf("the earlier reports, moved to %s, could not all be removed (%v); the next run into %s removes them", old, err, d.given)
	}
	d.step("removed")
}

// checkInputs refuses to replace a folder that holds the run's own
// inputs, even with --force: the exports would be deleted.
func (d *reportsDir) checkInputs(paths []string) error {
	for _, p := range paths {
		abs, err := filepath.Abs(p)
		if err != nil {
			continue
		}
		if real, err := filepath.EvalSymlinks(abs); err == nil {
			abs = real
		}
		if within(abs, d.path) {
			return failure{"refused", d.given, fmt.Errorf("%s holds %s, which this run reads; rank replaces the reports folder whole, so it would be deleted: give the reports a folder of their own", d.given, p)}
		}
	}
	return nil
}

// writeError is a failure to write the reports folder.
func (d *reportsDir) writeError(err error) error {
	return failure{"output", d.given, fmt.Errorf("cannot write the reports to %s: %w", d.given, err)}
}

func (d *reportsDir) warnf(format string, a ...any) {
	fmt.Fprintf(d.ios.Err, "rank: "+format+"\n", a...)
}

// removeFolder removes a folder that may still be being written to:
// renamed first, no file can appear in it by its old path meanwhile.
func removeFolder(d *reportsDir, dir string) {
	gone := d.besideNew("gone")
	if os.Rename(dir, gone) == nil {
		dir = gone
	}
	os.RemoveAll(dir)
}

// within tells whether path is dir or inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// errNoExchange: the system or file system cannot swap two folders in
// one step.
var errNoExchange = errors.New("cannot exchange folders here")

// renameAbsent renames a to b if nothing is at b.
func renameAbsent(a, b string) error {
	if _, err := os.Lstat(b); err == nil {
		return &os.LinkError{Op: "rename", Old: a, New: b, Err: fs.ErrExist}
	}
	return os.Rename(a, b)
}

// syncDir makes a folder's entries durable, so that after a power cut the
// swap is seen whole too. The files are synced as they are written; a file
// system that cannot sync a folder is taken at its word.
func syncDir(dir string) {
	if f, err := os.Open(dir); err == nil {
		f.Sync()
		f.Close()
	}
}

// hashFolder lists every file of the folder with its size and sha256.
func hashFolder(dir string) ([]report.RecordFile, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	out := []report.RecordFile{}
	for _, e := range ents {
		f, err := hashFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, err
		}
		f.File = e.Name()
		out = append(out, f)
	}
	return out, nil
}

func hashFile(path string) (report.RecordFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return report.RecordFile{}, err
	}
	defer f.Close()
	before, err := f.Stat()
	if err != nil {
		return report.RecordFile{}, err
	}
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return report.RecordFile{}, err
	}
	after, err := os.Stat(path)
	if err != nil || after.Size() != before.Size() || !after.ModTime().Equal(before.ModTime()) || n != before.Size() {
		return report.RecordFile{}, fmt.Errorf("%s changed while it was read: run again once it is complete", filepath.Base(path))
	}
	return report.RecordFile{Bytes: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

// inputFile is a file a run reads.
type inputFile struct{ kind, path string }

// inputHashes hashes a run's inputs while the run reads them.
type inputHashes struct {
	files []inputFile
	done  chan struct{}
	out   []report.RecordFile
	err   error
}

func hashFiles(files []inputFile) *inputHashes {
	h := &inputHashes{files: files, done: make(chan struct{})}
	go func() {
		defer close(h.done)
		h.out = []report.RecordFile{}
		for _, in := range files {
			f, err := hashFile(in.path)
			if err != nil {
				h.err = failure{"input", in.path, err}
				return
			}
			f.Kind = in.kind
			f.Path, _ = filepath.Abs(in.path)
			h.out = append(h.out, f)
		}
	}()
	return h
}

func (h *inputHashes) wait() ([]report.RecordFile, error) {
	if h == nil {
		return []report.RecordFile{}, nil
	}
	<-h.done
	return h.out, h.err
}

func (h *inputHashes) paths() []string {
	if h == nil {
		return nil
	}
	var out []string
	for _, f := range h.files {
		out = append(out, f.path)
	}
	return out
}

// buildVersion is rank's version and commit, for run.json.
func buildVersion() (version, commit string) {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)", ""
	}
	version = info.Main.Version
	if version == "" {
		version = "(devel)"
	}
	for _, kv := range info.Settings {
		if kv.Key == "vcs.revision" {
			commit = kv.Value
		}
	}
	return version, commit
}
