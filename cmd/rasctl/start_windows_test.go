//go:build windows

package main

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/winras/ras/rassim"
)

// startRasctl starts the command newCmd makes, again when Wine failed to start the process at all
// (rassim.StartProcess).
func startRasctl(t *testing.T, newCmd func() *exec.Cmd) *exec.Cmd {
	t.Helper()
	cmd, err := rassim.StartProcess(newCmd)
	require.NoError(t, err)
	return cmd
}
