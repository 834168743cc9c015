//go:build race

package ras

// raceEnabled says the race detector is on (see skipUnderRace).
const raceEnabled = true
