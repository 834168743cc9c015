//go:build cgo

package ras_test

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// What Windows does not promise, and the simulator therefore does at a test's request: handle
// values reused, 668 after a hang-up, sizes and counts that do not fit, fields without their
// terminator, notifications that come late from another thread.

func TestWatcherSeesANewConnectionOnAReusedHandleAsTwoChanges(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	w, err := ras.NewWatcherRecheck(time.Hour) // notifications alone
	require.NoError(t, err)
	defer w.Close()
	office := add(t, officeVPN)
	require.Equal(t, ras.OpConnected, next(t, w).Op)

	// Both changes reach the watcher in one late signal, so that it lists once after both.
	require.NoError(t, rassim.SetNotifyDelay(500*time.Millisecond))
	require.NoError(t, ras.HangUp(context.Background(), office))
	require.NoError(t, rassim.ReuseHandle(office))
	lab := add(t, rassim.Conn{Entry: "Lab VPN", DeviceType: "vpn", CorrelationID: windows.GUID{Data1: 2}})
	require.Equal(t, office, lab, "the simulator reused the handle")

	gone, came := next(t, w), next(t, w)
	assert.Equal(t, ras.OpDisconnected, gone.Op)
	assert.Equal(t, "Office VPN", gone.Conn.Entry)
	assert.Equal(t, ras.OpConnected, came.Op)
	assert.Equal(t, "Lab VPN", came.Conn.Entry)
	assert.Equal(t, office, came.Conn.Handle)
}

func TestHangUpTakesNoConnectionAfterTheHangUpForGone(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetGoneCode(668))
	require.NoError(t, rassim.SetLinger(50*time.Millisecond))
	h := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), h), "668 from the status call means the hang-up worked")
	_, err := ras.Status(h)
	assert.ErrorIs(t, err, windows.Errno(668))
	assert.ErrorIs(t, err, ras.ErrConnectionGone)
	assert.ErrorIs(t, ras.HangUp(context.Background(), h), ras.ErrConnectionGone, "hanging up again")
}

func TestConnectionsRefusesASizeNearFourGiB(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	require.NoError(t, rassim.FailNth(rassim.EnumConnections, 1, uint32(errBufferSmall)))
	require.NoError(t, rassim.LieNeeded(rassim.EnumConnections, 0xFFFFFFF0))
	_, err := ras.Connections()
	assert.ErrorIs(t, err, errInvalidData)
	assert.ErrorContains(t, err, "RasEnumConnectionsW")
	assert.ErrorContains(t, err, "asking for 4294967280 bytes")

	require.NoError(t, rassim.ClearFaults())
	conns, err := ras.Connections()
	require.NoError(t, err, "a refused answer leaves the library as it was")
	assert.Len(t, conns, 1)
}

func TestConnectionsRefusesACountTheBufferCannotHold(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	require.NoError(t, rassim.LieCount(rassim.EnumConnections, 100000))
	_, err := ras.Connections()
	assert.ErrorIs(t, err, errInvalidData)
	assert.ErrorContains(t, err, "RasEnumConnectionsW reported 100000 connections in a buffer that holds")
}

func TestConnectionsRefusesACountOneItemPastTheBuffer(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	require.NoError(t, rassim.LieCountPastBuffer(rassim.EnumConnections))
	_, err := ras.Connections()
	assert.ErrorIs(t, err, errInvalidData)
	requireOnePast(t, err, "connections")
}

// requireOnePast requires err to say that a count one past the buffer was refused.
func requireOnePast(t *testing.T, err error, what string) {
	t.Helper()
	require.Error(t, err)
	m := regexp.MustCompile(`reported (\d+) ` + what + ` in a buffer that holds (\d+): refused`).FindStringSubmatch(err.Error())
	require.NotNil(t, m, "%v", err)
	reported, _ := strconv.Atoi(m[1])
	holds, _ := strconv.Atoi(m[2])
	assert.Equal(t, holds+1, reported, "the smallest count that reads past the buffer")
}

// filled is what the simulator writes for an unterminated field of n characters: its text,
// repeated.
func filled(text string, n int) string { return strings.Repeat(text, n/len(text)+1)[:n] }

func TestUnterminatedFieldsAreReadWholeAndNoFurther(t *testing.T) {
	useSim(t)
	c := officeVPN
	c.PhoneNumber = "vpn.example.com"
	c.Unterminated = rassim.FieldDeviceType | rassim.FieldDeviceName | rassim.FieldPhonebook | rassim.FieldPhoneNumber
	h := add(t, c)
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	got := conns[0]
	assert.Equal(t, "Office VPN", got.Entry)
	assert.Equal(t, filled("vpn", 17), got.DeviceType)
	assert.Equal(t, filled("WAN Miniport (IKEv2)", 129), got.DeviceName)
	assert.Equal(t, filled(officeVPN.Phonebook, 260), got.Phonebook)
	assert.Equal(t, entryID, got.EntryID, "the fields after them are intact")

	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, filled("vpn", 17), st.DeviceType)
	assert.Equal(t, filled("WAN Miniport (IKEv2)", 129), st.DeviceName)
	assert.Equal(t, filled("vpn.example.com", 129), st.PhoneNumber)
	assert.Equal(t, officeVPN.LocalEndpoint, st.LocalEndpoint)
}

func TestOnlyAGoneConnectionIsErrConnectionGoneForNotify(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	live := add(t, officeVPN)
	gone := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), gone))
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	defer windows.CloseHandle(ev)
	closed, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	require.NoError(t, windows.CloseHandle(closed))

	err = ras.Notify(gone, ev, ras.NotifyDisconnection)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_HANDLE)
	assert.ErrorIs(t, err, ras.ErrConnectionGone)
	for _, h := range []ras.Handle{live, ras.AllConnections} {
		err = ras.Notify(h, closed, ras.NotifyDisconnection)
		assert.ErrorIs(t, err, windows.ERROR_INVALID_HANDLE, "Notify(%v) with a closed event", h)
		assert.NotErrorIs(t, err, ras.ErrConnectionGone, "Notify(%v): the event is bad, not the connection", h)
	}
}

func TestWatcherTakesLateNotificationsFromAnotherThread(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetNotifyDelay(100*time.Millisecond))
	// A re-check may come before a late signal; the signal then comes within the interval, and
	// the watcher, whose next fails on any error, must not take it for missed.
	w, err := ras.NewWatcherRecheck(time.Second)
	require.NoError(t, err)
	defer w.Close()
	a := add(t, rassim.Conn{Entry: "A"})
	assert.Equal(t, ras.Event{Op: ras.OpConnected, Conn: ras.Conn{Handle: a, Entry: "A", HasCorrelationID: true}}, next(t, w))
	b := add(t, rassim.Conn{Entry: "B"})
	assert.Equal(t, ras.Event{Op: ras.OpConnected, Conn: ras.Conn{Handle: b, Entry: "B", HasCorrelationID: true}}, next(t, w))
	require.NoError(t, rassim.Drop(a, 628))
	e := next(t, w)
	assert.Equal(t, ras.Event{Op: ras.OpDisconnected, Conn: ras.Conn{Handle: a, Entry: "A", HasCorrelationID: true}}, ras.Event{Op: e.Op, Conn: e.Conn})
	assert.ErrorIs(t, e.Err, windows.Errno(628), "the drop's error")
	time.Sleep(1500 * time.Millisecond) // a re-check or two after the last signal
	select {
	case err := <-w.Errors:
		t.Fatalf("unexpected error: %v", err)
	default:
	}
	_, thread, err := rassim.Signals()
	require.NoError(t, err)
	assert.NotEqual(t, windows.GetCurrentThreadId(), thread, "signalled from the simulator's own thread")
}

func TestWatcherRegistersOnceWhereEachCallHoldsARegistration(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetRegistrationPerCall(true))
	w, err := ras.NewWatcherRecheck(10 * time.Millisecond)
	require.NoError(t, err)
	defer w.Close()
	add(t, rassim.Conn{Entry: "A"})
	next(t, w)
	time.Sleep(50 * time.Millisecond) // re-checks
	n, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 1, n)
}
