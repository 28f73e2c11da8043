package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// errNoLibreOffice: LibreOffice is not installed, so a form that only it
// reads cannot be read.
var errNoLibreOffice = errors.New("LibreOffice (soffice) is not installed")

// findLibreOffice finds LibreOffice's program (tests that must not run it
// replace it).
var findLibreOffice = func() (string, error) {
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errNoLibreOffice
}

// convertTimeout bounds a conversion: LibreOffice that hangs on a file
// must not hang a run from cron.
const convertTimeout = 2 * time.Minute

// convertWithLibreOffice reads a workbook of a form rank does not read
// itself (Excel 5.0/95, Excel 2003 XML) through LibreOffice: converted to
// xlsx in a folder of its own, which goes when the table is closed. The
// workbook is read at sheet, as openTable says.
func convertWithLibreOffice(path, sheet string) (table, error) {
	soffice, err := findLibreOffice()
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp("", "rank-convert-")
	if err != nil {
		return nil, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	// A copy under a plain name: LibreOffice picks its import filter by
	// the name too, and the output's name is the input's.
	in := filepath.Join(dir, "in", "table"+filepath.Ext(abs))
	if err := copyFile(abs, in); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), convertTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(filepath.Join(dir, "profile")),
		"--headless", "--calc", "--convert-to", "xlsx", "--outdir", filepath.Join(dir, "out"), in)
	out, err := cmd.CombinedOutput()
	converted := filepath.Join(dir, "out", "table.xlsx")
	if _, serr := os.Stat(converted); err != nil || serr != nil {
		os.RemoveAll(dir)
		msg := strings.TrimSpace(string(out))
		if err == nil {
			err = errors.New("it wrote nothing")
		}
		return nil, fmt.Errorf("%v %s", err, lastLine(msg))
	}
	t, err := openWorkbook(converted, sheet)
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &convertedTable{table: t, dir: dir}, nil
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o700); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o600)
}

func lastLine(s string) string {
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// convertedTable is a table read from LibreOffice's conversion.
type convertedTable struct {
	table
	dir string
}

func (t *convertedTable) close() error {
	err := t.table.close()
	os.RemoveAll(t.dir)
	return err
}
