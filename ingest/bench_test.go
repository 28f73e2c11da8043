package ingest

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/iranict/rank/scoring"
)

const benchSurveys = 1_000_000

// BenchmarkReadSurveys reads a surveys file of a million responses with
// the simple path, one row at a time.
func BenchmarkReadSurveys(b *testing.B) {
	files := writeBenchSurveys(b)
	b.ResetTimer()
	for b.Loop() {
		var count int
		exp, err := Read(files, func(scoring.Survey) { count++ })
		if err != nil || count != benchSurveys || len(exp.Problems) != 0 {
			b.Fatalf("err %v, %d surveys, problems %v", err, count, exp.Problems)
		}
	}
	b.ReportMetric(float64(benchSurveys)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReadIntoSurveys reads the same file with the fast reader.
func BenchmarkReadIntoSurveys(b *testing.B) {
	files := writeBenchSurveys(b)
	b.ResetTimer()
	for b.Loop() {
		tally := scoring.NewSurveyTally(scoring.Period{Year: 1404, Half: 1})
		exp, err := ReadInto(files, tally)
		if err != nil || len(exp.Problems) != 0 || tally.Office("G-001").Count+tally.Office("G-001").Outside == 0 {
			b.Fatalf("err %v, problems %v", err, exp.Problems)
		}
	}
	b.ReportMetric(float64(benchSurveys)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}

func writeBenchSurveys(b *testing.B) Files {
	const n = benchSurveys
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
	return files
}
