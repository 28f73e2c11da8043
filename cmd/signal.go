package cmd

import (
	"os"
	"os/signal"
	"sync"
	"syscall"
)

// stopSignals are the signals that stop a run in order: Ctrl-C, kill's
// and systemd's default, a closed terminal. The exit status is 128 plus
// the signal's number: 130, 143, 129.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP}

// stopper turns a stop signal into an orderly exit: what the run has
// registered is undone (its temporary folder removed, its lock let go),
// stderr says what happened, and the process exits with 128 plus the
// signal's number. Once the new reports are being put in place (commit),
// a signal waits: the run finishes and exits as it would have, so that
// a signal never leaves a half-done step behind.
//
// A nil *stopper does nothing, for tests that call a command's run
// function directly.
type stopper struct {
	mu        sync.Mutex
	undo      []*undoStep
	committed bool
	noted     []os.Signal // signals that came after commit
	sigs      chan os.Signal
	done      chan struct{}
	waited    chan struct{}                      // closed when wait returns
	exit      func(sig os.Signal, what []string) // reports and exits; does not return
}

type undoStep struct {
	f func() string // undoes a step; returns what it left as it was, for the message
}

func newStopper(exit func(sig os.Signal, what []string)) *stopper {
	s := &stopper{sigs: make(chan os.Signal, 1), done: make(chan struct{}), waited: make(chan struct{}), exit: exit}
	for _, sig := range stopSignals {
		// A signal the process was started with ignored (nohup, a
		// background job of a script) stays ignored: Notify would undo that.
		if !signal.Ignored(sig) {
			signal.Notify(s.sigs, sig)
		}
	}
	go s.wait()
	return s
}

func (s *stopper) wait() {
	defer close(s.waited)
	for {
		select {
		case sig := <-s.sigs:
			s.mu.Lock()
			if s.committed {
				s.noted = append(s.noted, sig)
				s.mu.Unlock()
				continue
			}
			// Held to the end: no step starts while the run is undone.
			var what []string
			for i := len(s.undo) - 1; i >= 0; i-- {
				if w := s.undo[i].f(); w != "" {
					what = append(what, w)
				}
			}
			s.exit(sig, what)
		case <-s.done:
			return
		}
	}
}

// close stops listening and gives the signals that came after commit,
// including one delivered but not yet taken by wait.
func (s *stopper) close() []os.Signal {
	if s == nil {
		return nil
	}
	signal.Stop(s.sigs)
	close(s.done)
	<-s.waited
	s.mu.Lock()
	defer s.mu.Unlock()
	for {
		select {
		case sig := <-s.sigs:
			s.noted = append(s.noted, sig)
		default:
			return s.noted
		}
	}
}

// onStop registers f to undo a step if a signal comes; the function it
// returns unregisters it.
func (s *stopper) onStop(f func() string) (remove func()) {
	if s == nil {
		return func() {}
	}
	u := &undoStep{f}
	s.mu.Lock()
	s.undo = append(s.undo, u)
	s.mu.Unlock()
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for i, v := range s.undo {
			if v == u {
				s.undo = append(s.undo[:i], s.undo[i+1:]...)
				return
			}
		}
	}
}

// commit makes signals wait from now on. It blocks while a signal is
// being handled (which then exits).
func (s *stopper) commit() {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.committed = true
	s.mu.Unlock()
}

// uncommit undoes commit after the step failed: a signal that came
// meanwhile is handled now.
func (s *stopper) uncommit() {
	if s == nil {
		return
	}
	s.mu.Lock()
	s.committed = false
	noted := s.noted
	s.noted = nil
	s.mu.Unlock()
	if len(noted) > 0 {
		select {
		case s.sigs <- noted[0]:
		default: // one is waiting already
		}
	}
}

// exitStatus is the status of a process stopped by sig: 128 + its number.
func exitStatus(sig os.Signal) int {
	if n, ok := sig.(syscall.Signal); ok {
		return 128 + int(n)
	}
	return ExitFailed
}
