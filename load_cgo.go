//go:build windows && cgo

package ras

/*
#include "shim_load.h"
*/
import "C"

import (
	"fmt"
	"sync"
	"syscall"
)

var (
	loadOnce sync.Once
	loadErr  error
)

// loaded loads rasapi32.dll on the first call and says whether that worked, then and on every
// later call: each function that calls into the shim asks it first.
func loaded() error {
	loadOnce.Do(load)
	return loadErr
}

func load() {
	res := C.winras_load()
	if res.rc == 0 {
		return
	}
	code := syscall.Errno(res.rc)
	what := C.GoString(res.what)
	if what == "LoadLibraryExW" {
		loadErr = &Error{Call: "LoadLibraryExW", Code: code, Message: fmt.Sprintf(
			"rasapi32.dll could not be loaded from %s (a Windows without the Remote Access Service?): %v",
			rasapi32Folder, code)}
		return
	}
	loadErr = &Error{Call: "GetProcAddress", Code: code, Message: fmt.Sprintf(
		"the rasapi32.dll in %s has no %s: %v", rasapi32Folder, what, code)}
}
