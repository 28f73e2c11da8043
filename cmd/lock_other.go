//go:build !unix

package cmd

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// lockOut takes the output folder's lock so that two runs never write into
// one folder at once. Without flock the lock is a file created exclusively;
// a run that was killed leaves it behind, and the message says so.
func lockOut(out string) (release func(), err error) {
	path := filepath.Join(out, ".rank.lock")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return nil, fmt.Errorf("another rank run is writing reports to %s; wait for it to finish (if none is running, delete %s)", out, path)
	}
	if err != nil {
		return nil, fmt.Errorf("reports: cannot lock %s: %w", out, err)
	}
	f.Close()
	return func() { os.Remove(path) }, nil
}
