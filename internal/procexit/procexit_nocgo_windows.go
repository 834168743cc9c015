//go:build !cgo

package procexit

import (
	"os"

	"golang.org/x/sys/windows"
)

// Exit ends the process with code, by TerminateProcess on itself. Without cgo the other threads
// are not parked first (procexit_windows.go says why they are): a program built without cgo
// has no RAS, and its threads are Go's own.
func Exit(code int) {
	_ = windows.TerminateProcess(windows.CurrentProcess(), uint32(code))
	// Only a TerminateProcess that failed returns.
	os.Exit(code)
}
