//go:build windows && cgo && !rassim

package ras

// rasapi32Folder is where the library loads rasapi32.dll from: System32 only, as x/sys/windows
// loads system DLLs, so that a rasapi32.dll planted beside the program is never the one called.
const rasapi32Folder = "System32"
