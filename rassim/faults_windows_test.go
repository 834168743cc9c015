//go:build windows

package rassim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

func errorStringW(code uint32, cch int) (uint32, string) {
	buf := make([]uint16, cch+1)
	rc := rasCall(procErrorStringW, uintptr(code), ptr(&buf[0]), uintptr(cch))
	return rc, windows.UTF16ToString(buf)
}

func TestFailNthFailsOnlyTheNthCall(t *testing.T) {
	requireSim(t)
	require.NoError(t, FailNth(GetErrorString, 3, errUnknown))
	for i, want := range []uint32{0, 0, errUnknown, 0, 0} {
		rc, _ := errorStringW(603, 512)
		assert.EqualValues(t, want, rc, "call %d", i+1)
	}
	assert.Error(t, FailNth(GetErrorString, 0, errUnknown))
	assert.Error(t, FailNth(Func(99), 1, errUnknown))
}

func TestFailAlwaysFailsEveryCallUntilCleared(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, FailAlways(HangUp, errRasmanInit))
	for i := 0; i < 3; i++ {
		assert.EqualValues(t, errRasmanInit, rasCall(procHangUpW, uintptr(h)))
	}
	_, state := stateOf(h)
	assert.EqualValues(t, rascsConnected, state, "a failed hang-up did nothing")

	require.NoError(t, ClearFaults())
	assert.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
}

func TestInjectedBufferTooSmallReportsALargerSize(t *testing.T) {
	requireSim(t)
	add(t, Conn{Entry: "a"})
	add(t, Conn{Entry: "b"})
	size := connW.sizes[2]
	require.NoError(t, FailNth(EnumConnections, 1, errBufferTooSmall))
	r := fill(procEnumConnectionsW, size, 2*size, 0)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, 3*size, r.cb, "room for one more, at the caller's dwSize")
	assert.EqualValues(t, 3, r.count)

	r = fill(procEnumConnectionsW, size, r.cb, 0)
	assert.EqualValues(t, 0, r.rc)
	assert.EqualValues(t, 2, r.count)
}

func TestServiceCostBusyWaitsInEveryRASCall(t *testing.T) {
	requireSim(t)
	// The DLL times its busy-wait by QueryPerformanceCounter and Go reads another clock, which
	// under Wine can lag it by a millisecond or two: the bounds leave room both ways, and the
	// cost is long enough that no scheduling delay on a loaded machine blurs paid and unpaid.
	const cost = 200 * time.Millisecond
	const paid, unpaid = cost * 9 / 10, cost / 2
	require.NoError(t, SetServiceCost(cost))
	h := add(t, Conn{Entry: "vpn"})
	for name, call := range map[string]func(){
		"RasGetErrorStringW":   func() { errorStringW(603, 512) },
		"RasEnumConnectionsW":  func() { probe(procEnumConnectionsW) },
		"RasGetConnectStatusW": func() { stateOf(h) },
	} {
		start := time.Now()
		call()
		assert.GreaterOrEqual(t, time.Since(start), paid, name)
	}
	start := time.Now()
	_, err := Connections()
	require.NoError(t, err)
	assert.Less(t, time.Since(start), unpaid, "control calls do not pay it")

	require.NoError(t, SetServiceCost(0))
	start = time.Now()
	errorStringW(603, 512)
	assert.Less(t, time.Since(start), unpaid)
}

func TestCallsCountEveryRASCallPerFunction(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, ResetCalls())
	for i := 0; i < 3; i++ {
		probe(procEnumConnectionsW)
	}
	probe(procEnumConnectionsA)
	var n uint32
	rasCall(procEnumConnectionsW, 0, 0, ptr(&n)) // invalid calls count too
	stateOf(h)
	require.NoError(t, FailAlways(GetErrorString, errUnknown))
	errorStringW(6, 512)

	assert.EqualValues(t, 5, Calls(EnumConnections), "W and A together")
	assert.EqualValues(t, 1, Calls(GetConnectStatus))
	assert.EqualValues(t, 1, Calls(GetErrorString), "a failed call counts")
	assert.EqualValues(t, 0, Calls(HangUp))
	assert.EqualValues(t, 0, Calls(Func(99)))

	require.NoError(t, ResetCalls())
	assert.EqualValues(t, 0, Calls(EnumConnections))
}

func TestErrorStringReturnsWindowsMessages(t *testing.T) {
	requireSim(t)
	for code, want := range map[uint32]string{
		6:   "The handle is invalid.",
		87:  "The parameter is incorrect.",
		603: "The caller's buffer is too small.",
		618: "The specified port is not open.",
		628: "The connection was terminated by the remote computer before it could be completed. For further assistance, click More Info or search Help and Support Center for this error number.",
		632: "An incorrect structure size was detected.",
		635: "There was an unknown error.",
		668: "The connection was terminated.",
		691: "Access was denied because the username and/or password was invalid on the domain.",
		711: "A configuration error on this computer is preventing this connection. For further assistance, click More Info or search Help and Support Center for this error number.",
		720: "A connection to the remote computer could not be established. You might need to change the network settings for this connection. For further assistance, click More Info or search Help and Support Center for this error number.",
		800: "Unable to establish the VPN connection.  The VPN server may be unreachable, or security parameters may not be configured properly for this connection.",
	} {
		rc, got := errorStringW(code, 512)
		assert.EqualValues(t, 0, rc, "RasGetErrorStringW(%d)", code)
		assert.Equal(t, want, got, "RasGetErrorStringW(%d)", code)

		buf := make([]byte, 512)
		assert.EqualValues(t, 0, rasCall(procErrorStringA, uintptr(code), bufPtr(buf), 512), "RasGetErrorStringA(%d)", code)
		assert.Equal(t, want, windows.ByteSliceToString(buf), "RasGetErrorStringA(%d)", code)
	}
}

func TestErrorStringRejectsUnknownCodesAndSmallBuffers(t *testing.T) {
	requireSim(t)
	for _, code := range []uint32{0, 599, 999, 13801, 0xFFFFFFFF} {
		rc, _ := errorStringW(code, 512)
		assert.EqualValues(t, errInvalidParameter, rc, "code %d", code)
	}
	assert.EqualValues(t, errInvalidParameter, rasCall(procErrorStringW, 603, 0, 512), "NULL buffer")
	assert.EqualValues(t, errInvalidParameter, rasCall(procErrorStringA, 603, 0, 512), "NULL buffer")

	text := "The caller's buffer is too small."
	rc, _ := errorStringW(603, len(text))
	assert.EqualValues(t, errInsufficientBuffer, rc, "no room for the terminator")
	rc, got := errorStringW(603, len(text)+1)
	assert.EqualValues(t, 0, rc)
	assert.Equal(t, text, got)
	buf := make([]byte, len(text))
	assert.EqualValues(t, errInsufficientBuffer, rasCall(procErrorStringA, 603, bufPtr(buf), uintptr(len(buf))))
}

func TestResetClearsConnectionsRegistrationsFaultsAndCounters(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	gone := add(t, Conn{Entry: "gone"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(gone)))
	require.NoError(t, ReuseHandle(gone))
	register(t, invalidHandle, newEvent(t), rascnConnection)
	h := add(t, Conn{Entry: "vpn"})
	require.Equal(t, gone, h)
	require.NoError(t, FailAlways(GetConnectStatus, errUnknown))
	require.NoError(t, SetServiceCost(time.Millisecond))
	require.NoError(t, AppearBetweenProbeAndFill(3))
	require.NoError(t, SetFiresOnce(true))
	require.NoError(t, SetLinger(time.Hour))
	require.NoError(t, SetGoneCode(errNoConnection))
	require.NoError(t, LieNeeded(EnumConnections, 1))
	require.NoError(t, LieCount(EnumConnections, 9))
	require.NoError(t, SetNotifyDelay(time.Second))
	require.NoError(t, SetRegistrationPerCall(false))
	require.NoError(t, Drop(h, errDisconnection))
	errorStringW(603, 512)
	gone = add(t, Conn{Entry: "reuse pending"})
	require.NoError(t, SetLinger(0))
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(gone)))
	require.NoError(t, ReuseHandle(gone))
	sent, _ := signals(t)
	require.NotZero(t, sent)

	require.NoError(t, Reset(Win7))
	assert.Empty(t, listed(t), "no connections")
	n, err := Registrations()
	require.NoError(t, err)
	assert.Zero(t, n)
	rc, _ := stateOf(h)
	assert.EqualValues(t, errInvalidHandle, rc, "no fault, the old handle is gone, and gone is 6 again")
	assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpW, uintptr(h)))
	assert.EqualValues(t, 0, Calls(GetErrorString), "counting from the reset")
	sent, thread := signals(t)
	assert.Zero(t, sent, "counting signals from the reset")
	assert.Zero(t, thread)

	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)
	register(t, invalidHandle, ev, rascnConnection)
	n, err = Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "each call a registration of its own again")
	h = add(t, Conn{Entry: "vpn"})
	assert.NotEqual(t, gone, h, "no reuse pending")
	assert.True(t, signalled(ev, 0), "no notification delay")
	pr := probe(procEnumConnectionsW)
	assert.EqualValues(t, connW.newest(), pr.cb, "no lie about the size")
	r := fill(procEnumConnectionsW, connW.newest(), pr.cb, 0)
	assert.EqualValues(t, 1, r.count, "nor about the count")
	assert.Equal(t, []ras.Handle{h}, listed(t), "nothing appears after the probe")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.Eventually(t, func() bool { rc, _ := stateOf(h); return rc == errInvalidHandle }, 5*time.Second, 5*time.Millisecond,
		"the linger is back to its default")
}

func TestLieNeededWritesItsSizeOnEveryBufferTooSmall(t *testing.T) {
	requireSim(t)
	add(t, Conn{Entry: "vpn"})
	const lie = 0xFFFFFFF0 // near 4 GiB: on 386 n + header wraps
	require.NoError(t, LieNeeded(EnumConnections, lie))
	for _, p := range []struct {
		proc *windows.LazyProc
		l    connLayout
	}{{procEnumConnectionsW, connW}, {procEnumConnectionsA, connA}} {
		r := probe(p.proc)
		assert.EqualValues(t, errBufferTooSmall, r.rc, p.proc.Name)
		assert.EqualValues(t, uint32(lie), r.cb, "%s: the sizing probe", p.proc.Name)
		assert.EqualValues(t, 1, r.count, "the count tells the truth")
		size := p.l.newest()
		r = fill(p.proc, size, size-1, 1)
		assert.EqualValues(t, errBufferTooSmall, r.rc)
		assert.EqualValues(t, uint32(lie), r.cb, "%s: a buffer too small", p.proc.Name)
		r = fill(p.proc, size, size, 0)
		assert.EqualValues(t, 0, r.rc)
		assert.EqualValues(t, size, r.cb, "a success writes the truth")
	}
	require.NoError(t, FailNth(EnumConnections, 1, errBufferTooSmall))
	r := fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, uint32(lie), r.cb, "an injected 603 too")

	require.NoError(t, LieNeeded(EnumEntries, 1<<31))
	require.NoError(t, FailNth(EnumEntries, 1, errBufferTooSmall))
	var cb, n uint32
	assert.EqualValues(t, errBufferTooSmall, rasCall(procEnumEntriesW, 0, 0, 0, ptr(&cb), ptr(&n)))
	assert.EqualValues(t, uint32(1<<31), cb, "RasEnumEntries")

	require.NoError(t, ClearFaults())
	assert.EqualValues(t, connW.newest(), probe(procEnumConnectionsW).cb, "ClearFaults ends it")
}

func TestLieCountWritesItsCountOnEverySuccess(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, LieCount(EnumConnections, 2))
	for _, p := range []struct {
		proc *windows.LazyProc
		l    connLayout
	}{{procEnumConnectionsW, connW}, {procEnumConnectionsA, connA}} {
		size := p.l.newest()
		r := fill(p.proc, size, size, 0)
		assert.EqualValues(t, 0, r.rc, p.proc.Name)
		assert.EqualValues(t, 2, r.count, "%s: one more than the buffer holds", p.proc.Name)
		assert.EqualValues(t, size, r.cb, "the size tells the truth")
		assert.Equal(t, h, handleAt(r.buf, 4), "the buffer holds what there is")
		r = probe(p.proc)
		assert.EqualValues(t, errBufferTooSmall, r.rc)
		assert.EqualValues(t, 1, r.count, "a 603 is not a success")
	}
	require.NoError(t, Reset(Win7))
	require.NoError(t, LieCount(EnumConnections, 1))
	r := probe(procEnumConnectionsW)
	assert.EqualValues(t, 0, r.rc)
	assert.EqualValues(t, 1, r.count, "a count with no buffer at all")

	require.NoError(t, LieCount(EnumEntries, 3))
	var cb, n uint32
	assert.EqualValues(t, 0, rasCall(procEnumEntriesA, 0, 0, 0, ptr(&cb), ptr(&n)))
	assert.EqualValues(t, 3, n, "RasEnumEntries")

	require.NoError(t, ClearFaults())
	r = probe(procEnumConnectionsW)
	assert.EqualValues(t, 0, r.count, "ClearFaults ends it")
}

func TestLieCountPastBufferCountsOneMoreThanTheBufferHolds(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, LieCountPastBuffer(EnumConnections))
	for _, p := range []struct {
		proc *windows.LazyProc
		l    connLayout
	}{{procEnumConnectionsW, connW}, {procEnumConnectionsA, connA}} {
		size := p.l.newest()
		for _, c := range []struct{ cb, count uint32 }{{size, 2}, {3*size + size/2, 4}} {
			r := fill(p.proc, size, c.cb, 0)
			assert.EqualValues(t, 0, r.rc, p.proc.Name)
			assert.Equal(t, c.count, r.count, "%s: %d bytes hold %d", p.proc.Name, c.cb, c.count-1)
			assert.EqualValues(t, size, r.cb, "the size tells the truth")
			assert.Equal(t, h, handleAt(r.buf, 4), "the buffer holds what there is")
		}
		r := fill(p.proc, p.l.sizes[0], 2*p.l.sizes[0], 0)
		assert.EqualValues(t, 3, r.count, "%s: at the caller's dwSize", p.proc.Name)
	}

	require.NoError(t, LieCount(EnumConnections, 7))
	assert.EqualValues(t, 7, fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0).count, "LieCount replaces it")
	require.NoError(t, LieCountPastBuffer(EnumConnections))
	assert.EqualValues(t, 2, fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0).count, "and it LieCount")

	addEntry(t, Entry{Name: "Office", Phonebook: bookA})
	require.NoError(t, LieCountPastBuffer(EnumEntries))
	r := entryW.enum(nil, 1048, 2*1048)
	assert.EqualValues(t, 0, r.rc)
	assert.EqualValues(t, 3, r.count, "RasEnumEntries")

	require.NoError(t, ClearFaults())
	assert.EqualValues(t, 1, fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0).count, "ClearFaults ends it")
	assert.ErrorIs(t, LieCountPastBuffer(GetProjectionInfoEx), windows.ERROR_INVALID_PARAMETER, "a call without a count")
}

func TestLiesAreForFunctionsThatAnswerWithSizes(t *testing.T) {
	requireSim(t)
	for _, f := range []Func{GetConnectStatus, HangUp, ConnectionNotification, GetErrorString, GetSubEntryHandle,
		GetConnectionStatistics, Func(99)} {
		assert.ErrorIs(t, LieNeeded(f, 1), windows.ERROR_INVALID_PARAMETER, f)
		assert.ErrorIs(t, LieCount(f, 1), windows.ERROR_INVALID_PARAMETER, f)
	}
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetLie, uintptr(EnumConnections), 3, 1), "one kind at a time")
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetLie, uintptr(EnumConnections), 0, 1), "no kind")
}

func TestStatisticsAndProjectionCallsAreCountedAndFailOnRequest(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, SetProjection(h, Projection{Type: PPP}))
	for f, call := range map[Func]func() uint32{
		GetLinkStatistics:   func() uint32 { rc, _ := linkStats(h, 1); return rc },
		GetProjectionInfoEx: func() uint32 { rc, _ := projectionEx(h, exBuffer(projInfoSize, version601), projInfoSize); return rc },
		GetProjectionInfo:   func() uint32 { rc, _, _ := projectionW(h, raspPppIp, pppIPSize, pppIPSize); return rc },
	} {
		require.NoError(t, ResetCalls())
		assert.EqualValues(t, 0, call(), f)
		assert.EqualValues(t, 0, call(), f)
		assert.EqualValues(t, 2, Calls(f), f)
		assert.Zero(t, Calls(GetConnectStatus), "%v counts as itself", f)
		require.NoError(t, FailNth(f, 2, errUnknown))
		assert.EqualValues(t, 0, call(), f)
		assert.EqualValues(t, errUnknown, call(), f)
		require.NoError(t, FailAlways(f, errRasmanInit))
		assert.EqualValues(t, errRasmanInit, call(), f)
		require.NoError(t, ClearFaults())
		assert.EqualValues(t, 0, call(), f)
	}
}
