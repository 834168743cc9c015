//go:build windows

package rassim

import (
	"errors"
	"fmt"
	"os/exec"
	"syscall"
)

// errNotStarted is what CreateProcess gives under Wine 8 when the new process died inside Wine's
// own loader, before any of the program ran: ERROR_INTERNAL_ERROR ("Internal error"; Wine's
// STATUS_INTERNAL_ERROR for a child that ended before it started).
const errNotStarted = syscall.Errno(1359)

// startTries is how many times StartProcess tries.
const startTries = 3

// StartProcess starts the command newCmd makes, and when Wine failed to start the process at all,
// which Wine 8 now and then does (about one start in a few hundred, seen in this project's CI), a
// new command newCmd makes, up to three times: an exec.Cmd cannot be started twice, hence newCmd.
// A start that failed ran none of the program, so trying again hides nothing of it. Any other
// error is returned at once. Windows itself never needs this; tests that start processes under
// Wine do.
func StartProcess(newCmd func() *exec.Cmd) (*exec.Cmd, error) {
	return startTrying(func() (*exec.Cmd, error) {
		cmd := newCmd()
		return cmd, cmd.Start()
	})
}

// startTrying calls start until it succeeds, fails otherwise than by errNotStarted, or has been
// called startTries times.
func startTrying(start func() (*exec.Cmd, error)) (*exec.Cmd, error) {
	for try := 1; ; try++ {
		cmd, err := start()
		if err == nil || !errors.Is(err, errNotStarted) {
			return cmd, err
		}
		if try == startTries {
			return cmd, fmt.Errorf("rassim: Wine did not start %s in %d tries: %w", cmd.Path, startTries, err)
		}
	}
}
