package procexit

import (
	"os"

	"golang.org/x/sys/windows"
)

// Exit ends the process with code, by TerminateProcess on itself.
func Exit(code int) {
	_ = windows.TerminateProcess(windows.CurrentProcess(), uint32(code))
	// Only a TerminateProcess that failed returns.
	os.Exit(code)
}
