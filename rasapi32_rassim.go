//go:build windows && cgo && rassim

package ras

// With the rassim build tag, the library loads rasapi32.dll from the program's own folder only,
// so that tests can run against the simulator (github.com/winras/ras/rassim) on a Windows whose
// System32 is not theirs to replace. Production binaries must never be built with it: any
// rasapi32.dll beside them would be trusted.

// #cgo CFLAGS: -DWINRAS_PROGRAM_FOLDER
import "C"

const rasapi32Folder = "the program's folder"
