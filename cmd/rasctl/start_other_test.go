//go:build !windows

package main

import (
	"os/exec"
	"testing"

	"github.com/stretchr/testify/require"
)

// startRasctl starts the command newCmd makes.
func startRasctl(t *testing.T, newCmd func() *exec.Cmd) *exec.Cmd {
	t.Helper()
	cmd := newCmd()
	require.NoError(t, cmd.Start())
	return cmd
}
