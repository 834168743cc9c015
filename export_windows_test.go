//go:build cgo

package ras

// The helpers the external tests (package ras_test, which drive the simulator through rassim,
// and rassim imports ras) share with the internal ones.
var (
	RequireBackend = requireBackend
	SkipUnderRace  = skipUnderRace
	// DialsInProgress is how many dials the shim holds (0 once every Dial has returned).
	DialsInProgress = dialsInProgress
	// DialCallsRunning is how many calls of the dial notifier are under way.
	DialCallsRunning = dialCallsRunning
	// PauseNotifier makes the notifier pause after it has set a dial's event.
	PauseNotifier = pauseNotifier
)
