//go:build !unix

package cmd

import (
	"errors"
	"io/fs"
	"os"
)

// lockFolder takes the lock at path, a file beside the reports folder, so
// that two runs never write one folder at once. Without flock the lock is
// a file made exclusively and removed when the run ends; one a killed run
// left behind stays, and the message names its holder and says to delete
// it if that run is gone.
func lockFolder(path string, me lockHolder) (release func(), err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o666)
	if errors.Is(err, fs.ErrExist) {
		b, _ := os.ReadFile(path)
		return nil, lockedError{path: path, holder: parseHolder(b), stale: true}
	}
	if err != nil {
		return nil, err
	}
	f.Write(me.json())
	f.Close()
	return func() { os.Remove(path) }, nil
}

func sameDevice(a, b fs.FileInfo) bool { return true }

func canEmpty(dir string) bool { return true }

func keepGroup(dir string, st fs.FileInfo) {}

// errReadOnly: no such error here.
var errReadOnly = errors.New("read-only file system")
