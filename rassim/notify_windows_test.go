//go:build windows

package rassim

import (
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

func register(t testing.TB, h ras.Handle, ev windows.Handle, flags uint32) {
	t.Helper()
	require.EqualValues(t, 0, rasCall(procNotificationW, uintptr(h), uintptr(ev), uintptr(flags)))
}

func TestNotificationForAllConnectionsFiresOnConnect(t *testing.T) {
	requireSim(t)
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)

	h := dialConn(t, Conn{Entry: "vpn"})
	assert.False(t, signalled(ev, quiet), "not while dialling")
	require.NoError(t, Connect(h))
	assert.True(t, signalled(ev, 5*time.Second), "RASCN_Connection")

	add(t, Conn{Entry: "second"})
	assert.True(t, signalled(ev, 5*time.Second), "the registration stays")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.False(t, signalled(ev, quiet), "a Connection registration ignores disconnections")
}

func TestNotificationForAllConnectionsFiresOnDisconnect(t *testing.T) {
	requireSim(t)
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnDisconnection)

	a := add(t, Conn{Entry: "a"})
	b := add(t, Conn{Entry: "b"})
	assert.False(t, signalled(ev, quiet), "a Disconnection registration ignores connections")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(a)))
	assert.True(t, signalled(ev, 5*time.Second), "on RasHangUp")
	require.NoError(t, Drop(b, errDisconnection))
	assert.True(t, signalled(ev, 5*time.Second), "when the remote side drops it")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(b)))
	assert.False(t, signalled(ev, quiet), "a dropped connection's hang-up does not disconnect it again")
}

func TestNotificationForOneHandleFiresOnlyForThatConnection(t *testing.T) {
	requireSim(t)
	a := add(t, Conn{Entry: "a"})
	b := add(t, Conn{Entry: "b"})
	ev := newEvent(t)
	register(t, a, ev, rascnDisconnection)

	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(b)))
	assert.False(t, signalled(ev, quiet), "another connection")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(a)))
	assert.True(t, signalled(ev, 5*time.Second))
}

func TestConnectionNotificationWithAHandleIsInvalidParameter(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	ev := newEvent(t)
	assert.EqualValues(t, errInvalidParameter, rasCall(procNotificationW, uintptr(h), uintptr(ev), rascnConnection),
		"RASCN_Connection is only for INVALID_HANDLE_VALUE")
	assert.EqualValues(t, errInvalidParameter, rasCall(procNotificationW, uintptr(h), uintptr(ev), rascnConnection|rascnDisconnection))
}

func TestConnectionNotificationRejectsBadArguments(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	ev := newEvent(t)
	assert.EqualValues(t, errInvalidParameter, rasCall(procNotificationW, uintptr(invalidHandle), 0, rascnConnection), "NULL event")
	assert.EqualValues(t, errInvalidParameter, rasCall(procNotificationW, uintptr(invalidHandle), uintptr(ev), 0), "no flags")
	assert.EqualValues(t, errInvalidParameter, rasCall(procNotificationW, uintptr(invalidHandle), uintptr(ev), 0x10), "unknown flag")
	assert.EqualValues(t, errInvalidHandle, rasCall(procNotificationW, 0x12345, uintptr(ev), rascnDisconnection), "unknown connection")
	assert.EqualValues(t, errInvalidHandle, rasCall(procNotificationW, uintptr(h), 0x7FFFFFF0, rascnDisconnection), "not an event")
	n, err := Registrations()
	require.NoError(t, err)
	assert.Zero(t, n)
}

func TestBandwidthNotificationsForMultilinkHandle(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "multilink"})
	added, removed, gone := newEvent(t), newEvent(t), newEvent(t)
	register(t, h, added, rascnBandwidthAdded)
	register(t, h, removed, rascnBandwidthRemoved)
	register(t, h, gone, rascnDisconnection)

	require.NoError(t, AddLink(h))
	assert.True(t, signalled(added, 5*time.Second), "a link was added")
	assert.False(t, signalled(removed, quiet))
	require.NoError(t, AddLink(h))
	assert.True(t, signalled(added, 5*time.Second))

	require.NoError(t, RemoveLink(h))
	assert.True(t, signalled(removed, 5*time.Second), "a link was removed")
	sub, err := SubEntryHandle(h, 2)
	require.NoError(t, err)
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(sub)))
	assert.True(t, signalled(removed, 5*time.Second), "hanging up a link's sub-entry handle removes it")
	assert.False(t, signalled(gone, quiet), "the connection is up while a link is")
	assert.Error(t, RemoveLink(h), "the last link is not removed, it is dropped")
}

func TestBandwidthNotificationsAreForTheirConnectionOnly(t *testing.T) {
	requireSim(t)
	a := add(t, Conn{Entry: "a"})
	b := add(t, Conn{Entry: "b"})
	all, ofA, ofB := newEvent(t), newEvent(t), newEvent(t)
	register(t, invalidHandle, all, rascnBandwidthAdded|rascnBandwidthRemoved)
	register(t, a, ofA, rascnBandwidthAdded|rascnBandwidthRemoved)
	register(t, b, ofB, rascnBandwidthAdded|rascnBandwidthRemoved)

	require.NoError(t, AddLink(a))
	assert.True(t, signalled(ofA, 5*time.Second), "a's link")
	require.NoError(t, RemoveLink(a))
	assert.True(t, signalled(ofA, 5*time.Second), "a's link")
	assert.False(t, signalled(ofB, quiet), "not b's")
	assert.False(t, signalled(all, 0), "nor a registration for every connection: Windows documents the bandwidth events for one handle")
}

func TestAHungUpLinkGoesDownAfterTheLingerAndItsHandleStillAnswers(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(2*time.Second))
	h := add(t, Conn{Entry: "multilink"})
	require.NoError(t, AddLink(h))
	removed := newEvent(t)
	register(t, h, removed, rascnBandwidthRemoved)
	var sub, again ras.Handle
	require.EqualValues(t, 0, rasCall(procSubEntryHandleW, uintptr(h), 2, ptr(&sub)))

	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(sub)), "returns at once")
	require.EqualValues(t, 0, rasCall(procSubEntryHandleW, uintptr(h), 2, ptr(&again)), "the link is still up")
	assert.Equal(t, sub, again)
	assert.False(t, signalled(removed, 0), "not removed yet")

	require.True(t, signalled(removed, 20*time.Second), "RASCN_BandwidthRemoved once the link is down")
	assert.EqualValues(t, errPortNotOpen, rasCall(procSubEntryHandleW, uintptr(h), 2, ptr(&again)), "down")
	rc, state := stateOf(sub)
	assert.EqualValues(t, 0, rc, "the link's handle still answers, as Microsoft warns")
	assert.EqualValues(t, rascsConnected, state, "with its connection's state")
	assert.Equal(t, []ras.Handle{h}, listed(t), "the connection stays")

	require.NoError(t, AddLink(h))
	require.EqualValues(t, 0, rasCall(procSubEntryHandleW, uintptr(h), 2, ptr(&again)), "link 2 connects again")
	assert.NotEqual(t, sub, again, "with a handle of its own")
}

func TestFiresOnceModeSignalsEachRegistrationOnlyOnce(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetFiresOnce(true))
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)

	add(t, Conn{Entry: "first"})
	assert.True(t, signalled(ev, 5*time.Second))
	add(t, Conn{Entry: "second"})
	assert.False(t, signalled(ev, quiet), "the registration has fired")
	n, err := Registrations()
	require.NoError(t, err)
	assert.Zero(t, n, "and is gone")

	register(t, invalidHandle, ev, rascnConnection)
	add(t, Conn{Entry: "third"})
	assert.True(t, signalled(ev, 5*time.Second), "registering again works once more")
}

func TestNotificationSurvivesTheCallerClosingItsHandle(t *testing.T) {
	requireSim(t)
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	var keep windows.Handle
	self := windows.CurrentProcess()
	require.NoError(t, windows.DuplicateHandle(self, ev, self, &keep, 0, false, windows.DUPLICATE_SAME_ACCESS))
	t.Cleanup(func() { windows.CloseHandle(keep) })

	register(t, invalidHandle, ev, rascnConnection)
	require.NoError(t, windows.CloseHandle(ev))
	add(t, Conn{Entry: "vpn"})
	assert.True(t, signalled(keep, 5*time.Second), "the service holds its own reference to the event")
}

func TestEveryRegistrationOfOneEventIsKept(t *testing.T) {
	requireSim(t)
	ev := newEvent(t)
	for i := 0; i < 5; i++ {
		register(t, invalidHandle, ev, rascnConnection)
	}
	n, err := Registrations()
	require.NoError(t, err)
	assert.Equal(t, 5, n, "Windows promises no merging of one handle value's registrations")

	add(t, Conn{Entry: "vpn"})
	assert.True(t, signalled(ev, 5*time.Second))
	sent, _ := signals(t)
	assert.EqualValues(t, 5, sent, "each registration signalled")
}

func TestRegistrationsMergeWhenRegistrationPerCallIsOff(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetRegistrationPerCall(false))
	ev := newEvent(t)
	for i := 0; i < 5; i++ {
		register(t, invalidHandle, ev, rascnConnection)
	}
	register(t, invalidHandle, ev, rascnDisconnection)
	n, err := Registrations()
	require.NoError(t, err)
	assert.Equal(t, 1, n)

	h := add(t, Conn{Entry: "vpn"})
	assert.True(t, signalled(ev, 5*time.Second))
	sent, _ := signals(t)
	assert.EqualValues(t, 1, sent, "one signal for the one registration")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.True(t, signalled(ev, 5*time.Second), "the merged registration has both flags")

	require.NoError(t, SetRegistrationPerCall(true))
	register(t, invalidHandle, ev, rascnConnection)
	n, err = Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "a registration of its own again")
}

func TestNotificationsWithoutDelayComeFromTheChangingThread(t *testing.T) {
	requireSim(t)
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	add(t, Conn{Entry: "vpn"})
	assert.True(t, signalled(ev, 0), "set before RasSimAdd returned")
	n, thread := signals(t)
	assert.EqualValues(t, 1, n)
	assert.Equal(t, windows.GetCurrentThreadId(), thread)
}

func TestNotifyDelaySignalsLateFromAThreadOfItsOwn(t *testing.T) {
	requireSim(t)
	const delay = 300 * time.Millisecond
	require.NoError(t, SetNotifyDelay(delay))
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()

	before := qpc()
	add(t, Conn{Entry: "vpn"})
	assert.False(t, signalled(ev, 0), "RasSimAdd returned before the event was set")
	require.True(t, signalled(ev, 10*time.Second))
	assert.GreaterOrEqual(t, qpc()-before, qpcTicks(delay), "not before the delay, on the DLL's clock")
	n, thread := signals(t)
	assert.EqualValues(t, 1, n)
	assert.NotZero(t, thread)
	assert.NotEqual(t, windows.GetCurrentThreadId(), thread, "signalled from another thread")
}

func TestNotifyDelayCoalescesTheChangesWithinIt(t *testing.T) {
	requireSim(t)
	const delay = time.Second
	require.NoError(t, SetNotifyDelay(delay))
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection|rascnDisconnection)
	one := newEvent(t)
	register(t, invalidHandle, one, rascnConnection)

	start := qpc()
	a := add(t, Conn{Entry: "a"})
	b := add(t, Conn{Entry: "b"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(a)))
	require.Less(t, qpc()-start, qpcTicks(delay/10), "the three changes were within the delay")
	require.True(t, signalled(ev, 10*time.Second))
	require.True(t, signalled(one, 10*time.Second))
	// Signals that did not coalesce would be due within microseconds of the first.
	time.Sleep(delay)
	n, _ := signals(t)
	assert.EqualValues(t, 2, n, "one signal per registration for three changes")
	assert.False(t, signalled(ev, 0))

	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(b)))
	require.True(t, signalled(ev, 10*time.Second), "a change after the signal has one of its own")
	n, _ = signals(t)
	assert.EqualValues(t, 3, n)
}

// A process that made a change delivers its late signal before it ends, each way it can end:
// ExitProcess (os.Exit) through DllMain, and TerminateProcess (Exit) after DeliverLate.
func TestNotifyDelayDeliversWhatIsPendingWhenTheProcessEnds(t *testing.T) {
	requireSim(t)
	const delay = time.Second
	for _, role := range []string{"addlate", "addlatedeliver"} {
		t.Run(role, func(t *testing.T) {
			require.NoError(t, Reset(Win7))
			require.NoError(t, SetNotifyDelay(delay))
			ev := newEvent(t)
			register(t, invalidHandle, ev, rascnConnection)

			// The child adds a connection and ends at once, long before its signal is due.
			cmd := startChildOutput(t, role)
			out, err := cmd()
			require.NoError(t, err, "the child process")
			before, err := strconv.ParseInt(strings.TrimSpace(out), 10, 64)
			require.NoError(t, err, "the child prints the time before its change: %q", out)
			require.True(t, signalled(ev, 10*time.Second), "signalled by the ending process")
			assert.GreaterOrEqual(t, qpc()-before, qpcTicks(delay), "still late")
			n, _ := signals(t)
			assert.EqualValues(t, 1, n)
		})
	}
}

func TestDeliverLateReturnsOnceTheSignalIsDelivered(t *testing.T) {
	requireSim(t)
	const delay = 300 * time.Millisecond
	require.NoError(t, SetNotifyDelay(delay))
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)
	before := qpc()
	add(t, Conn{Entry: "vpn"})
	require.False(t, signalled(ev, 0), "late")
	require.NoError(t, DeliverLate())
	assert.True(t, signalled(ev, 0), "delivered when DeliverLate returned")
	assert.GreaterOrEqual(t, qpc()-before, qpcTicks(delay), "at its time, not before")
	require.NoError(t, DeliverLate(), "nothing left: returns at once")
}

func TestResetDropsLateSignals(t *testing.T) {
	requireSim(t)
	const delay = 200 * time.Millisecond
	require.NoError(t, SetNotifyDelay(delay))
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)
	add(t, Conn{Entry: "vpn"})
	require.NoError(t, Reset(Win7))
	assert.False(t, signalled(ev, 3*delay), "a registration from before the reset")
	n, _ := signals(t)
	assert.Zero(t, n)
}

func TestNotifyDelayIsAtMostTenSeconds(t *testing.T) {
	requireSim(t)
	assert.NoError(t, SetNotifyDelay(10*time.Second))
	assert.Error(t, SetNotifyDelay(10*time.Second+time.Microsecond))
	assert.Error(t, SetNotifyDelay(-time.Millisecond))
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetDelay, 10_000_001), "the DLL checks too")
}

// The scripted two-process check: one process registers and waits, another adds a connection,
// the first is signalled and enumerates it.
func TestTwoProcessesShareOneService(t *testing.T) {
	requireSim(t)
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)

	cmd := startChild(t, "add")
	woke := signalled(ev, 30*time.Second)
	require.NoError(t, cmd.Wait(), "the child process")
	require.True(t, woke, "the registration of this process fires when another process connects")

	r := fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0)
	require.EqualValues(t, 0, r.rc)
	require.EqualValues(t, 1, r.count)
	assert.Equal(t, "added by child", str(r.buf, connW.entry, 257, 2))
	assert.EqualValues(t, 2, Calls(EnumConnections), "counters count the calls of every process")
}

func TestRegistrationOfAnExitedProcessIsDropped(t *testing.T) {
	requireSim(t)
	runChild(t, "register")
	n, err := Registrations()
	require.NoError(t, err)
	require.Equal(t, 1, n, "the child's registration")

	add(t, Conn{Entry: "vpn"})
	n, err = Registrations()
	require.NoError(t, err)
	assert.Zero(t, n, "dropped when it could not be signalled")
}

func TestLockHeldByAnExitedProcessIsTakenOver(t *testing.T) {
	requireSim(t)
	runChild(t, "holdlock")
	done := make(chan uint32, 1)
	go func() { done <- probe(procEnumConnectionsW).rc }()
	select {
	case rc := <-done:
		assert.EqualValues(t, 0, rc)
	case <-time.After(20 * time.Second):
		t.Fatal("RasEnumConnectionsW waits forever on a lock whose owner has exited")
	}
}
