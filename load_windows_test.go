//go:build cgo

package ras_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

// requireLoadedFrom lists the modules named rasapi32.dll in this process, after a first RAS call,
// and requires exactly one, from dir.
func requireLoadedFrom(t *testing.T, dir string) {
	t.Helper()
	_, err := ras.Connections()
	require.NoError(t, err)
	var modules [1024]windows.Handle
	var needed uint32
	require.NoError(t, windows.EnumProcessModules(windows.CurrentProcess(), &modules[0],
		uint32(unsafe.Sizeof(modules)), &needed))
	n := min(int(needed/uint32(unsafe.Sizeof(modules[0]))), len(modules))
	var paths []string
	for _, m := range modules[:n] {
		var buf [windows.MAX_PATH]uint16
		n, err := windows.GetModuleFileName(m, &buf[0], uint32(len(buf)))
		require.NoError(t, err)
		path := windows.UTF16ToString(buf[:n])
		if strings.EqualFold(filepath.Base(path), "rasapi32.dll") {
			paths = append(paths, path)
		}
	}
	require.Len(t, paths, 1, "one rasapi32.dll: %q", paths)
	assert.True(t, strings.EqualFold(filepath.Dir(paths[0]), dir), "loaded %s, not the one in %s", paths[0], dir)
}

// A Windows without RAS (raswine exec -backend none, where Wine has no rasapi32.dll at all): the
// program starts, and every call says what is missing.
func TestWithoutRasapi32EveryCallSaysSo(t *testing.T) {
	if os.Getenv("WINRAS_BACKEND") != "none" {
		t.Skipf("needs a Windows without rasapi32.dll (raswine exec -backend none); WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	_, err := ras.Connections()
	require.Error(t, err)
	assert.ErrorIs(t, err, windows.ERROR_MOD_NOT_FOUND)
	var rerr *ras.Error
	require.ErrorAs(t, err, &rerr)
	assert.Equal(t, "LoadLibraryExW", rerr.Call)
	assert.Contains(t, err.Error(), "rasapi32.dll could not be loaded from "+wantFolder)
	_, serr := ras.Status(1)
	_, terr := ras.Statistics(1)
	_, lerr := ras.LinkStatistics(1, 1)
	_, perr := ras.Projection(1)
	nerr := ras.Notify(ras.AllConnections, 1, ras.NotifyConnection)
	for _, e := range []error{serr, terr, lerr, perr, nerr, ras.HangUp(context.Background(), 1)} {
		assert.Equal(t, err, e, "every call gives the same error")
	}
	w, err := ras.NewWatcher()
	require.NoError(t, err, "a watcher starts, and reports that it cannot list")
	assert.ErrorIs(t, <-w.Errors, windows.ERROR_MOD_NOT_FOUND)
	require.NoError(t, w.Close())
}
