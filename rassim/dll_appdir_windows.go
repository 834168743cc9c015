//go:build windows && rassim

package rassim

import (
	"os"
	"path/filepath"

	"golang.org/x/sys/windows"
)

// rasapi32 is the rasapi32.dll in the program's own folder and no other, as ras loads it when
// built with the rassim tag (LOAD_LIBRARY_SEARCH_APPLICATION_DIR): the simulator copied beside
// a test binary (raswine exec -beside does) must answer both the control calls and ras's RAS calls,
// and Windows' own, in System32, must not.
var rasapi32 = windows.NewLazyDLL(besideProgram("rasapi32.dll"))

// besideProgram is the full path of the file name in the program's folder. Loaded by its full
// path, the DLL is that file or nothing: no search. Should the program's own path be unknown,
// it is a path that names no file, so that loading fails rather than search elsewhere.
func besideProgram(name string) string {
	exe, err := os.Executable()
	if err != nil {
		return `\\?\rassim: the program's folder is unknown: ` + err.Error() + `\` + name
	}
	return filepath.Join(filepath.Dir(exe), name)
}
