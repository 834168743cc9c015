//go:build windows

package main

import (
	"encoding/json"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// These tests run rasctl against Wine's builtin rasapi32 (raswine exec -backend builtin):
// stubs that list nothing, answer every status call, and cannot give statistics or projections.

func useBuiltin(t *testing.T) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "builtin" {
		t.Skipf("needs Wine's builtin rasapi32; WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
}

func TestStatsOnAWindowsThatCannotGiveThemExitsWithStatus1(t *testing.T) {
	useBuiltin(t)
	for _, args := range [][]string{{"stats", "0x1234"}, {"stats", "0x1234", "--json"}} {
		r := rasctl(t, args...)
		assert.Equal(t, 1, r.code, args)
		assert.Contains(t, r.stderr, "rasctl stats: 0x1234: ras: RasGetConnectionStatistics: error 635", args)
		if len(args) < 3 {
			assert.Empty(t, r.stdout, args)
			continue
		}
		assert.EqualValues(t, 635, failureOf(t, r.stdout).Error.Code)
	}
}

func TestStatusWithoutAProjectionGivesNull(t *testing.T) {
	useBuiltin(t)
	r := rasctl(t, "status", "0x1234", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr, "a Windows that cannot tell is no failure")
	var st map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
	assert.Contains(t, st, "projection")
	assert.Nil(t, st["projection"])

	r = rasctl(t, "status", "0x1234")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Protocol:         -\n")
	assert.Contains(t, r.stdout, "IPv4 address:     -\n")
}
