package ras_test

import (
	"testing"

	"github.com/winras/ras/rassim"
)

// TestMain ends the test binary as rassim.Exit does: under Wine 8, os.Exit right after a test
// that dialled can be turned into a SIGKILL by the simulator's dial thread still ending.
func TestMain(m *testing.M) { rassim.Exit(m.Run()) }
