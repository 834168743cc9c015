//go:build cgo && !rassim

package ras_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras/rassim"
)

// wantFolder is where the library loads rasapi32.dll from in this build.
const wantFolder = "System32"

// childEnv marks a copy of the test binary that a test of loading started to look at itself.
const childEnv = "WINRAS_LOAD_CHILD"

// runChild runs the test named test in a copy of this binary in a folder of its own, with a
// rasapi32.dll planted beside it, and fails unless it passes. Where rasapi32.dll comes from is
// decided when a process first loads it, so the case needs a process that has not. (Wine passes
// its own variables, WINEDLLOVERRIDES among them, from the parent's start to the child, whatever
// the child's environment says: the child loads DLLs as the parent was told to.)
func runChild(t *testing.T, test string) {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	data, err := os.ReadFile(exe)
	require.NoError(t, err)
	// Beside the test binary, in go test's own folder, which it removes: Wine may still hold the
	// child's image for a moment after it exits, and t.TempDir's removal would fail.
	dir, err := os.MkdirTemp(filepath.Dir(exe), "child")
	require.NoError(t, err)
	child := filepath.Join(dir, "child.exe")
	require.NoError(t, os.WriteFile(child, data, 0o755))
	// Whatever rasapi32.dll System32 has (the simulator, in the sim backend): a program that
	// searched its own folder would load this copy instead.
	system, err := windows.GetSystemDirectory()
	require.NoError(t, err)
	planted, err := os.ReadFile(filepath.Join(system, "rasapi32.dll"))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "rasapi32.dll"), planted, 0o644))
	var out strings.Builder
	cmd, err := rassim.StartProcess(func() *exec.Cmd {
		cmd := exec.Command(child, "-test.run=^"+test+"$", "-test.v")
		cmd.Env = append(os.Environ(), childEnv+"="+test)
		cmd.Stdout, cmd.Stderr = &out, &out
		return cmd
	})
	require.NoError(t, err)
	require.NoError(t, cmd.Wait(), "the child failed:\n%s", out.String())
	require.Contains(t, out.String(), "--- PASS: "+test, "the child ran the test:\n%s", out.String())
}

// The loader's search order puts the program's folder first: the library must not.
func TestARasapi32BesideTheProgramIsNotLoaded(t *testing.T) {
	if os.Getenv(childEnv) == t.Name() {
		system, err := windows.GetSystemDirectory()
		require.NoError(t, err)
		requireLoadedFrom(t, system)
		exe, err := os.Executable()
		require.NoError(t, err)
		_, err = os.Stat(filepath.Join(filepath.Dir(exe), "rasapi32.dll"))
		require.NoError(t, err, "one was planted beside the program")
		return
	}
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skip("needs a native rasapi32.dll in System32 to plant (the sim backend); Wine's builtin is not a file")
	}
	// rasapi32=n: Wine takes a native rasapi32.dll wherever the search finds one.
	runChild(t, t.Name())
}
