package cmd

import (
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
	"syscall"
)

// writeWith has write put every report into a fresh folder inside out and
// moves them into place only when all are written, so a failed or
// interrupted run leaves the previous reports as they were and no
// temporary files.
func writeWith(out string, write func(tmp string) ([]string, error)) ([]string, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, fmt.Errorf("reports: %w", err)
	}
	release, err := lockOut(out)
	if err != nil {
		return nil, err
	}
	defer release()
	tmp, err := os.MkdirTemp(out, ".rank-")
	if err != nil {
		return nil, fmt.Errorf("reports: cannot write to %s: %w", out, err)
	}

	// An interrupt while writing removes the temporary folder; one while
	// the finished reports are moved into place waits until all are moved.
	var moving sync.Mutex
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	done := make(chan struct{})
	defer func() {
		signal.Stop(sigs)
		close(done)
		os.RemoveAll(tmp)
	}()
	go func() {
		select {
		case <-sigs:
			moving.Lock()
			os.RemoveAll(tmp)
			release()
			os.Exit(130)
		case <-done:
		}
	}()

	written, err := write(tmp)
	if err != nil {
		return nil, err
	}
	beforeMove()
	moving.Lock()
	defer moving.Unlock()
	for _, name := range written {
		if err := os.Rename(filepath.Join(tmp, name), filepath.Join(out, name)); err != nil {
			return nil, fmt.Errorf("reports: %w", err)
		}
	}
	return written, nil
}

// beforeMove lets tests act between writing the reports and moving them
// into place.
var beforeMove = func() {}
