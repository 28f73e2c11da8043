package cmd

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/schollz/progressbar/v3"

	"github.com/iranict/rank/ingest"
	"github.com/iranict/rank/internal/export"
	"github.com/iranict/rank/internal/vocab"
)

// progress tells the analyst where a long run is: a bar over the bytes of
// the export on a terminal, a plain line per step otherwise (cron's mail,
// a log file), nothing with --quiet.
type progress interface {
	ingest.Progress
	Step(format string, a ...any) // a step after reading: scoring, writing
	Done()
}

func newProgress(ios *IO, quiet bool, total int64) progress {
	switch {
	case quiet:
		return nopProgress{}
	case ios.ErrIsTerminal:
		return &barProgress{bar: progressbar.NewOptions64(total,
			progressbar.OptionSetWriter(ios.Err),
			progressbar.OptionShowBytes(true),
			progressbar.OptionSetWidth(30),
			progressbar.OptionClearOnFinish(),
			progressbar.OptionThrottle(100*time.Millisecond),
		)}
	}
	return &logProgress{w: ios.Err, start: time.Now()}
}

type nopProgress struct{}

func (nopProgress) Reading(string, string, int64) {}
func (nopProgress) Read(export.FileStat)          {}
func (nopProgress) Step(string, ...any)           {}
func (nopProgress) Done()                         {}

// logProgress writes a line per file and step, with the time since the
// start (and, through the stampWriter Main puts on stderr, the time of
// day): what a cron job's log should say. Files read side by side each
// have their line when they start and when they are done.
type logProgress struct {
	w     io.Writer
	start time.Time
	mu    sync.Mutex
	at    map[string]time.Time // when each kind's file was started
}

func (p *logProgress) line(format string, a ...any) {
	fmt.Fprintf(p.w, "rank: %5.1fs  %s\n", time.Since(p.start).Seconds(), fmt.Sprintf(format, a...))
}

func (p *logProgress) Reading(kind, file string, size int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.at == nil {
		p.at = map[string]time.Time{}
	}
	p.at[kind] = time.Now()
	p.line("reading %s (%s)", file, byteSize(size))
}

func (p *logProgress) Read(s export.FileStat) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.line("read %s: %s, %d in error (%.1fs)", s.File, vocab.Count(int64(s.Rows), "row"), s.Errors, time.Since(p.at[s.Kind]).Seconds())
}

func (p *logProgress) Step(format string, a ...any) { p.line(format, a...) }
func (p *logProgress) Done()                        { p.line("done") }

// barProgress moves a bar as each file is read.
type barProgress struct {
	bar  *progressbar.ProgressBar
	mu   sync.Mutex
	size map[string]int64 // of each kind's file
}

func (p *barProgress) Reading(kind, file string, size int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.size == nil {
		p.size = map[string]int64{}
	}
	p.size[kind] = size
	p.bar.Describe("reading " + file)
}

func (p *barProgress) Read(s export.FileStat) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.bar.Add64(p.size[s.Kind])
}

func (p *barProgress) Step(format string, a ...any) { p.bar.Describe(fmt.Sprintf(format, a...)) }

func (p *barProgress) Done() {
	p.bar.Finish()
	p.bar.Clear()
}

func byteSize(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d B", n)
}

// exportSize is the bytes of the files a run reads, for the bar.
func exportSize(files ingest.Files) int64 {
	var n int64
	for _, p := range []string{files.Offices, files.Declarations, files.Surveys, files.Violations, files.Services} {
		if p == "" {
			continue
		}
		if st, err := statFile(p); err == nil {
			n += st
		}
	}
	return n
}

func statFile(path string) (int64, error) {
	st, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return st.Size(), nil
}

// stampLayout is the time each line of a log starts with: ISO 8601 to the
// second, with the zone, so that a log appended night after night can be
// split and read by runs.
const stampLayout = "2006-01-02T15:04:05Z07:00"

// stampWriter starts every line written through it with the time, for
// stderr when it is not a terminal (cron's mail, a log file).
type stampWriter struct {
	mu   sync.Mutex
	w    io.Writer
	now  func() time.Time
	mid  bool // the last write ended within a line
	line []byte
}

func newStampWriter(w io.Writer, now func() time.Time) *stampWriter {
	return &stampWriter{w: w, now: now}
}

// Write writes p at once, each line that starts in it stamped; a line
// written in pieces is stamped once.
func (s *stampWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	b := s.line[:0]
	for rest := p; len(rest) > 0; {
		if !s.mid {
			b = s.now().AppendFormat(b, stampLayout)
			b = append(b, ' ')
		}
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			b = append(b, rest...)
			s.mid = true
			break
		}
		b = append(b, rest[:i+1]...)
		s.mid = false
		rest = rest[i+1:]
	}
	s.line = b
	if _, err := s.w.Write(b); err != nil {
		return 0, err
	}
	return len(p), nil
}
