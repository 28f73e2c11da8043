package method

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"

	"github.com/iranict/rank/report"
)

// writeReports writes a run's workbooks into dir and, with csv,
// ranking.csv, made while the workbooks are written.
func writeReports(dir string, csv bool, workbooks func(dir string) ([]string, error), ranking func(io.Writer) error) ([]string, error) {
	var buf bytes.Buffer
	csvErr := make(chan error, 1)
	if csv {
		go func() { csvErr <- ranking(&buf) }()
	}
	written, err := workbooks(dir)
	if csv {
		if cerr := <-csvErr; err == nil && cerr != nil {
			return nil, fmt.Errorf("ranking.csv: %w", cerr)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	if csv {
		if err := report.WriteFile(filepath.Join(dir, "ranking.csv"), buf.Bytes()); err != nil {
			return nil, fmt.Errorf("ranking.csv: %w", err)
		}
		written = append(written, "ranking.csv")
	}
	return written, nil
}
