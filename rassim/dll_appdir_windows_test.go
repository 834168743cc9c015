//go:build windows && rassim

package rassim

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

// programFolder says where this build loads rasapi32.dll from.
const programFolder = true

func TestTheRassimTagLoadsTheDLLBesideTheProgram(t *testing.T) {
	requireSim(t)
	exe, err := os.Executable()
	require.NoError(t, err)
	require.NoError(t, rasapi32.Load())
	buf := make([]uint16, windows.MAX_LONG_PATH)
	n, err := windows.GetModuleFileName(windows.Handle(rasapi32.Handle()), &buf[0], uint32(len(buf)))
	require.NoError(t, err)
	loaded := windows.UTF16ToString(buf[:n])
	assert.True(t, strings.EqualFold(filepath.Join(filepath.Dir(exe), "rasapi32.dll"), loaded), "loaded %s, beside %s", loaded, exe)
}
