//go:build cgo

package ras

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

// Wine's builtin rasapi32 is stubs written by people who are not us: it lists nothing, answers
// every status call with success without writing, and never signals.

func TestBuiltinListsNoConnections(t *testing.T) {
	requireBackend(t, "builtin")
	conns, err := Connections()
	require.NoError(t, err)
	assert.Empty(t, conns)
}

func TestBuiltinStatusReadsZeroesNotGarbage(t *testing.T) {
	requireBackend(t, "builtin")
	st, err := Status(0x1234)
	require.NoError(t, err)
	assert.Equal(t, ConnStatus{State: OpenPort, HasSubState: true}, st, "Wine accepts the Windows 7 RASCONNSTATUSW and writes nothing into it")
}

func TestBuiltinHangUpEndsAtItsBoundWithATimeoutError(t *testing.T) {
	requireBackend(t, "builtin")
	start := time.Now()
	err := HangUp(context.Background(), 0x1234)
	assert.ErrorIs(t, err, ErrHangUpTimeout)
	assert.Less(t, time.Since(start), DefaultHangUpTimeout+2*time.Second)
}

func TestBuiltinWatcherFallsBackToRechecking(t *testing.T) {
	requireBackend(t, "builtin")
	w, err := NewWatcherRecheck(10 * time.Millisecond)
	require.NoError(t, err)
	assert.True(t, w.Polling())
	select {
	case err := <-w.Errors:
		assert.ErrorIs(t, err, ErrNotifyUnavailable)
		assert.ErrorContains(t, err, "RasConnectionNotificationW")
	case <-time.After(5 * time.Second):
		t.Fatal("no fallback notice")
	}
	time.Sleep(50 * time.Millisecond) // a few re-checks
	require.NoError(t, w.Close())
	require.NoError(t, w.Close())
}

func TestBuiltinErrorsFallBackToTheSystemMessage(t *testing.T) {
	requireBackend(t, "builtin")
	e := newError("RasGetConnectStatusW", errInvalidHandle)
	assert.NotEmpty(t, e.Message)
	assert.Contains(t, e.Error(), "RasGetConnectStatusW: error 6")
}

func TestBuiltinNotifyFailsWithAClearError(t *testing.T) {
	requireBackend(t, "builtin")
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	defer windows.CloseHandle(ev)
	err = Notify(AllConnections, ev, NotifyConnection|NotifyDisconnection)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_FUNCTION, "Wine's stub answers 1")
	assert.ErrorContains(t, err, "RasConnectionNotificationW")
}

func TestBuiltinStatisticsFailWithItsCode(t *testing.T) {
	requireBackend(t, "builtin")
	_, err := Statistics(0x1234)
	assert.ErrorIs(t, err, windows.Errno(635), "Wine's stub answers ERROR_UNKNOWN")
	assert.ErrorContains(t, err, "RasGetConnectionStatistics: error 635")
	assert.NotErrorIs(t, err, ErrConnectionGone)
}

func TestBuiltinLinkStatisticsReadZeroesNotGarbage(t *testing.T) {
	requireBackend(t, "builtin")
	st, err := LinkStatistics(0x1234, 1)
	require.NoError(t, err, "Wine's stub answers 0 and writes nothing")
	assert.Equal(t, Stats{}, st)
}

func TestBuiltinProjectionIsUnavailable(t *testing.T) {
	requireBackend(t, "builtin")
	_, err := Projection(0x1234)
	assert.ErrorIs(t, err, ErrProjectionUnavailable, "Wine has no RasGetProjectionInfoEx, and its RasGetProjectionInfoW answers 1")
	assert.ErrorIs(t, err, windows.ERROR_INVALID_FUNCTION)
	assert.ErrorContains(t, err, "RasGetProjectionInfoW")
	assert.NotErrorIs(t, err, ErrNotProjected)
}

func TestBuiltinDialFailsAtOnceWithAClearError(t *testing.T) {
	requireBackend(t, "builtin")
	start := time.Now()
	h, err := Dial(context.Background(), DialParams{Entry: "Office VPN", User: "alice", Password: "pw"},
		func(DialEvent) { t.Error("progress from a dial Wine never started") })
	assert.Zero(t, h)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_FUNCTION, "Wine's RasDialW answers 1 and gives no handle")
	assert.ErrorContains(t, err, "RasDialW")
	assert.Less(t, time.Since(start), 10*DialRecheck, "no waiting for notifications that never come")
}

func TestBuiltinListsNoEntries(t *testing.T) {
	requireBackend(t, "builtin")
	list, err := Entries("")
	require.NoError(t, err)
	assert.Empty(t, list)
}
