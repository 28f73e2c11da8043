package ingest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/iranict/rank/scoring"
)

// FuzzReadCSV feeds arbitrary bytes to Read as a surveys or declarations
// file: it must not panic, and every row it reads must be accounted for.
func FuzzReadCSV(f *testing.F) {
	f.Add([]byte(baseExport["surveys.csv"]), false)
	f.Add([]byte(baseExport["declarations.csv"]), true)
	f.Add([]byte("response_id,office_code,response_date,score\n1,G-001,\"1404/02/01\n,5\n\"x\"y,\n"), false)
	f.Add([]byte("\ufeffشناسه پاسخ,کد دفتر,تاریخ پاسخ,امتیاز\r\n۱,G-001,۱۴۰۴/۰۲/۰۱,۵\r\n"), false)
	f.Add([]byte("\xd4\xe4\xc7\xd3\xe5 \xdf\xc7\xd3\xce,office_code\n"), true)
	f.Add([]byte("PK\x03\x04"), false)
	dir := f.TempDir()
	for name, content := range baseExport {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(content), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, declarations bool) {
		files := Files{
			Offices:      filepath.Join(dir, "offices.csv"),
			Declarations: filepath.Join(dir, "declarations.csv"),
			Surveys:      filepath.Join(dir, "surveys.csv"),
			Violations:   filepath.Join(dir, "violations.csv"),
		}
		target, index := filepath.Join(dir, "fuzz-surveys.csv"), 2
		files.Surveys = target
		if declarations {
			target, index = filepath.Join(dir, "fuzz-declarations.csv"), 1
			files.Declarations, files.Surveys = target, filepath.Join(dir, "surveys.csv")
		}
		if err := os.WriteFile(target, data, 0o644); err != nil {
			t.Fatal(err)
		}
		var surveys int64
		exp, err := Read(files, func(scoring.Survey) { surveys++ })
		if err != nil {
			var fe *FileError
			if !errors.As(err, &fe) || fe.File != filepath.Base(target) {
				t.Fatalf("error %v is not a *FileError for %s", err, filepath.Base(target))
			}
			return
		}
		stat := exp.Stats[index]
		valid := surveys
		if declarations {
			valid = int64(len(exp.Declarations))
		}
		if valid+stat.Errors != stat.Rows {
			t.Errorf("valid %d + errors %d != rows %d", valid, stat.Errors, stat.Rows)
		}
		var byProvince int64
		for _, n := range stat.RowsByProvince {
			byProvince += n
		}
		if byProvince != stat.Rows {
			t.Errorf("rows by province %v do not add up to %d", stat.RowsByProvince, stat.Rows)
		}
		for _, p := range exp.Problems {
			if p.Row < 2 || p.Reason == "" {
				t.Errorf("problem %+v", p)
			}
		}
	})
}
