//go:build cgo && rassim

package ras_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
)

// wantFolder is where the library loads rasapi32.dll from in this build.
const wantFolder = "the program's folder"

// With the rassim tag, the simulator beside the program (raswine exec -beside) is the one loaded.
func TestWithTheRassimTagRasapi32ComesFromTheProgramFolder(t *testing.T) {
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skip("needs the simulator beside the program (raswine exec -beside)")
	}
	_, err := ras.Connections()
	require.NoError(t, err)
	exe, err := os.Executable()
	require.NoError(t, err)
	paths := loadedRasapi32(t)
	require.Len(t, paths, 1, "one rasapi32.dll: %q", paths)
	assert.True(t, strings.EqualFold(filepath.Dir(paths[0]), filepath.Dir(exe)), "loaded %s, not the one beside %s", paths[0], exe)
}
