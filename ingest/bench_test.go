package ingest

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iranict/rank/scoring"
)

// BenchmarkReadSurveys reads a surveys file of a million responses.
func BenchmarkReadSurveys(b *testing.B) {
	const n = 1_000_000
	dir := writeExport(b, nil)
	path := filepath.Join(dir, "surveys.csv")
	fh, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	w := bufio.NewWriter(fh)
	w.WriteString("response_id,office_code,response_date,score\n")
	codes := []string{"G-001", "G-002", "T-001"}
	var line []byte
	for i := range n {
		line = strconv.AppendInt(line[:0], int64(1000000+i), 10)
		line = append(line, ',')
		line = append(line, codes[i%3]...)
		line = append(line, ",1404/0"...)
		line = strconv.AppendInt(line, int64(1+i%6), 10)
		line = append(line, '/')
		line = strconv.AppendInt(line, int64(10+i%20), 10)
		line = append(line, ',')
		line = strconv.AppendInt(line, int64(1+i%5), 10)
		line = append(line, '\n')
		w.Write(line)
	}
	w.Flush()
	fh.Close()
	files, err := Find(dir, Files{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		var count int
		exp, err := Read(files, func(scoring.Survey) { count++ })
		if err != nil || count != n || len(exp.Problems) != 0 {
			b.Fatalf("err %v, %d surveys, problems %v", err, count, exp.Problems)
		}
	}
}
