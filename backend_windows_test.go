//go:build cgo

package ras

import (
	"os"
	"testing"
)

// requireBackend skips a test unless the harness (raswine exec) runs it against the named
// rasapi32: "sim" (the simulator) or "builtin" (Wine's own).
func requireBackend(t *testing.T, want string) {
	t.Helper()
	if got := os.Getenv("WINRAS_BACKEND"); got != want {
		t.Skipf("needs the %s rasapi32; WINRAS_BACKEND=%q", want, got)
	}
}
