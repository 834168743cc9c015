package ras

import "testing"

// skipUnderRace skips a test that counts allocations: the race detector changes what escapes.
func skipUnderRace(t *testing.T) {
	if raceEnabled {
		t.Skip("counts allocations, which the race detector changes")
	}
}
