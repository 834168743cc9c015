//go:build !windows

package procexit

import "os"

// Exit ends the process with code: os.Exit, since only Windows under Wine needs more.
func Exit(code int) { os.Exit(code) }
