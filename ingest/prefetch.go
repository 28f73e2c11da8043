package ingest

import (
	"encoding/csv"
	"errors"
	"io"
	"os"
	"slices"
)

// opened is a file opened ahead of its checks, with what os.Stat said
// before (to tell whether it changed while read).
type opened struct {
	before os.FileInfo
	t      table // nil: not opened yet, or err
	err    error
}

// openAhead opens the file at path (a workbook at sheet, see openTable)
// and starts parsing its records ahead.
func openAhead(path, sheet string) *opened {
	o := &opened{}
	o.before, _ = os.Stat(path) // nil: opening it says why
	t, err := openTable(path, sheet)
	if err != nil {
		o.err = err
		return o
	}
	o.t = prefetch(t)
	return o
}

// close closes a file opened ahead that will not be read.
func (o *opened) close() {
	if o != nil && o.t != nil {
		o.t.close()
	}
}

// prefetched is a table whose records are read on a goroutine of their
// own, a batch at a time, ahead of the checks: a declarations or rulings
// file is parsed while the registry is read. At most prefetchBatches
// batches wait, so a large file is not read into memory.
type prefetched struct {
	t    table
	recs chan []record
	stop chan struct{}
	cur  []record
}

type record struct {
	rec []string
	row int
	err error
}

const prefetchBatch, prefetchBatches = 1024, 128

func prefetch(t table) *prefetched {
	p := &prefetched{t: t, recs: make(chan []record, prefetchBatches), stop: make(chan struct{})}
	go func() {
		defer close(p.recs)
		for {
			batch := make([]record, 0, prefetchBatch)
			last := false
			for len(batch) < prefetchBatch && !last {
				rec, row, err := t.next()
				var perr *csv.ParseError
				last = err != nil && !errors.As(err, &perr) // io.EOF, or the file cannot be read on
				batch = append(batch, record{slices.Clone(rec), row, err})
			}
			select {
			case p.recs <- batch:
			case <-p.stop:
				return
			}
			if last {
				return
			}
		}
	}()
	return p
}

func (p *prefetched) next() ([]string, int, error) {
	if len(p.cur) == 0 {
		b, ok := <-p.recs
		if !ok {
			return nil, 0, io.EOF
		}
		p.cur = b
	}
	r := p.cur[0]
	p.cur = p.cur[1:]
	return r.rec, r.row, r.err
}

func (p *prefetched) sheet() string          { return p.t.sheet() }
func (p *prefetched) dateSystem() dateSystem { return p.t.dateSystem() }
func (p *prefetched) decimalComma() bool     { return p.t.decimalComma() }

// close stops the reading goroutine and closes the file.
func (p *prefetched) close() error {
	close(p.stop)
	for range p.recs {
	}
	return p.t.close()
}
