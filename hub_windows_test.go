//go:build cgo

package ras_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

func TestWatcherCyclesAddNoRegistrationAfterTheFirst(t *testing.T) {
	useSim(t)
	cycle := func() {
		w, err := ras.NewWatcherRecheck(time.Hour)
		require.NoError(t, err)
		require.False(t, w.Polling())
		require.NoError(t, w.Close())
	}
	cycle()
	first, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 1, first, "one registration, for every connection")
	for range 100 {
		cycle()
	}
	n, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, first, n, "the service holds every registration it is given: Watchers share one")

	w, err := ras.NewWatcherRecheck(time.Hour) // notifications alone
	require.NoError(t, err)
	defer w.Close()
	h := add(t, officeVPN)
	e := next(t, w)
	assert.Equal(t, ras.OpConnected, e.Op, "the shared registration still signals the next Watcher")
	assert.Equal(t, h, e.Conn.Handle)
}

func TestEveryOpenWatcherHearsTheSharedRegistration(t *testing.T) {
	useSim(t)
	var ws []*ras.Watcher
	for range 3 {
		w, err := ras.NewWatcherRecheck(time.Hour) // notifications alone
		require.NoError(t, err)
		defer w.Close()
		ws = append(ws, w)
	}
	h := add(t, officeVPN)
	for i, w := range ws {
		e := next(t, w)
		assert.Equal(t, ras.OpConnected, e.Op, "watcher %d", i)
		assert.Equal(t, h, e.Conn.Handle, "watcher %d", i)
	}
	require.NoError(t, ws[0].Close())
	require.NoError(t, rassim.SetLinger(0))
	require.NoError(t, ras.HangUp(context.Background(), h))
	for i, w := range ws[1:] {
		assert.Equal(t, ras.OpDisconnected, next(t, w).Op, "watcher %d, after another closed", i+1)
	}
	n, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
