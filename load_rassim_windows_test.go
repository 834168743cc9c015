//go:build cgo && rassim

package ras_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// wantFolder is where the library loads rasapi32.dll from in this build.
const wantFolder = "the program's folder"

// With the rassim tag, the simulator beside the program (raswine exec -beside) is the one loaded.
func TestWithTheRassimTagRasapi32ComesFromTheProgramFolder(t *testing.T) {
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skip("needs the simulator beside the program (raswine exec -beside)")
	}
	exe, err := os.Executable()
	require.NoError(t, err)
	requireLoadedFrom(t, filepath.Dir(exe))
}
