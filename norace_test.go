//go:build !race

package ras

const raceEnabled = false
