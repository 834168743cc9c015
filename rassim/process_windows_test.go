//go:build windows

package rassim

import (
	"errors"
	"os"
	"os/exec"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// startFailing is a start that fails with errs in turn, then succeeds, counting its calls.
func startFailing(calls *int, errs ...error) func() (*exec.Cmd, error) {
	return func() (*exec.Cmd, error) {
		*calls++
		cmd := exec.Command("child.exe")
		if *calls <= len(errs) {
			return cmd, &os.PathError{Op: "fork/exec", Path: cmd.Path, Err: errs[*calls-1]}
		}
		return cmd, nil
	}
}

func TestStartProcessTriesAgainWhenWineDidNotStartIt(t *testing.T) {
	calls := 0
	_, err := startTrying(startFailing(&calls, errNotStarted, errNotStarted))
	require.NoError(t, err)
	assert.Equal(t, 3, calls)

	calls = 0
	_, err = startTrying(startFailing(&calls, errNotStarted, errNotStarted, errNotStarted))
	assert.ErrorIs(t, err, errNotStarted)
	assert.ErrorContains(t, err, "Wine did not start child.exe in 3 tries")
	assert.Equal(t, 3, calls, "bounded")

	calls = 0
	denied := errors.New("access denied")
	_, err = startTrying(startFailing(&calls, denied))
	assert.ErrorIs(t, err, denied)
	assert.Equal(t, 1, calls, "any other error at once")
}

func TestStartProcessStartsARealProcess(t *testing.T) {
	self, err := os.Executable()
	require.NoError(t, err)
	cmd, err := StartProcess(func() *exec.Cmd { return exec.Command(self, "-test.run=^$") })
	require.NoError(t, err)
	require.NoError(t, cmd.Wait())
}
