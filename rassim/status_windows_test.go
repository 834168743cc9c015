//go:build windows

package rassim

import (
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
)

func TestStatusAcceptsExactlyTheProfilesSizes(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	bad := []uint32{0, 4, 300, 560, 562, 604, 612, 1388, 288, 332}
	for _, size := range statusW.sizes {
		rc, _ := status(procGetConnectStatusW, h, size, 0)
		assert.EqualValues(t, 0, rc, "Win7 accepts RASCONNSTATUSW of %d bytes", size)
	}
	for _, size := range bad {
		rc, _ := status(procGetConnectStatusW, h, size, 0)
		assert.EqualValues(t, errInvalidSize, rc, "Win7 rejects RASCONNSTATUSW of %d bytes", size)
	}

	require.NoError(t, Reset(XP))
	h = add(t, Conn{Entry: "vpn"})
	for _, size := range statusW.sizes[:2] {
		rc, _ := status(procGetConnectStatusW, h, size, 0)
		assert.EqualValues(t, 0, rc, "XP accepts RASCONNSTATUSW of %d bytes", size)
	}
	rc, _ := status(procGetConnectStatusW, h, 608, 0)
	assert.EqualValues(t, errInvalidSize, rc, "XP has no 0x601 RASCONNSTATUSW")
}

func TestStatusOfUnknownHandleIsInvalidHandle(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	for _, bogus := range []ras.Handle{0, 1, 0x12345, h + 1, invalidHandle} {
		rc, _ := stateOf(bogus)
		assert.EqualValues(t, errInvalidHandle, rc, "handle %v", bogus)
	}
	assert.EqualValues(t, errInvalidParameter, rasCall(procGetConnectStatusW, uintptr(h), 0), "NULL status")
}

func TestStatusOfDiallingConnectionReportsItsIntermediateState(t *testing.T) {
	requireSim(t)
	h := dialConn(t, Conn{Entry: "vpn"})
	rc, state := stateOf(h)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, rascsOpenPort, state)

	require.NoError(t, SetState(h, rascsAuthenticate))
	_, state = stateOf(h)
	assert.EqualValues(t, rascsAuthenticate, state)

	require.NoError(t, SetState(h, 0x1234))
	_, state = stateOf(h)
	assert.EqualValues(t, 0x1234, state, "an unknown state value is reported as it is")
	assert.Empty(t, listed(t), "SetState does not list")

	require.NoError(t, Connect(h))
	_, state = stateOf(h)
	assert.EqualValues(t, rascsConnected, state)
}

func TestStatusWritesOnlyUpToTheCallersVersion(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{
		Entry: "vpn", PhoneNumber: "vpn.example.com", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
		LocalEndpoint: netip.MustParseAddr("192.0.2.10"), RemoteEndpoint: netip.MustParseAddr("2001:db8::1"), SubState: 2,
	})
	for _, size := range statusW.sizes {
		const extra = 32
		rc, b := status(procGetConnectStatusW, h, size, extra)
		require.EqualValues(t, 0, rc)
		for i, c := range b[size:] {
			require.EqualValues(t, 0xCC, c, "byte %d past dwSize %d was written", i, size)
		}
		assert.EqualValues(t, size, u32(b, 0))
		assert.EqualValues(t, rascsConnected, u32(b, 4))
		assert.EqualValues(t, 0, u32(b, 8), "dwError")
		assert.Equal(t, "vpn", str(b, statusW.devType, 17, 2))
		assert.Equal(t, "WAN Miniport (IKEv2)", str(b, statusW.devName, 129, 2))
		if size >= statusW.sizes[1] {
			assert.Equal(t, "vpn.example.com", str(b, statusW.phone, 129, 2))
		}
		if size >= statusW.sizes[2] {
			assert.EqualValues(t, 1, u32(b, statusW.localEndpoint), "IPv4")
			assert.Equal(t, []byte{192, 0, 2, 10}, b[statusW.localEndpoint+4:statusW.localEndpoint+8])
			assert.EqualValues(t, 2, u32(b, statusW.remoteEndpoint), "IPv6")
			v6 := netip.MustParseAddr("2001:db8::1").As16()
			assert.Equal(t, v6[:], b[statusW.remoteEndpoint+4:statusW.remoteEndpoint+20])
			assert.EqualValues(t, 2, u32(b, statusW.sub))
		}
	}
}

func TestStatusReportsEndpointsOfTypeZero(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "sstp", DeviceType: "vpn"})
	rc, b := status(procGetConnectStatusW, h, 608, 0)
	require.EqualValues(t, 0, rc)
	for _, off := range []int{statusW.localEndpoint, statusW.remoteEndpoint} {
		assert.EqualValues(t, 0, u32(b, off), "dwType 0: unknown")
		assert.Equal(t, make([]byte, 16), b[off+4:off+20], "no address")
	}
}

func TestStatusDwErrorIsTheConnectionsOwnError(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(10*time.Millisecond))
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, Drop(h, errDisconnection))
	assert.Empty(t, listed(t))

	time.Sleep(50 * time.Millisecond)
	rc, b := status(procGetConnectStatusW, h, 608, 0)
	assert.EqualValues(t, 0, rc, "the call works: a dropped connection's handle stays valid until RasHangUp")
	assert.EqualValues(t, rascsDisconnected, u32(b, 4))
	assert.EqualValues(t, errDisconnection, u32(b, 8), "dwError says why the connection ended")

	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.Eventually(t, func() bool { rc, _ := stateOf(h); return rc == errInvalidHandle }, 2*time.Second, 5*time.Millisecond)
}

func TestHangUpReturnsAtOnceAndStatusLingersThenInvalidHandle(t *testing.T) {
	requireSim(t)
	const linger = 300 * time.Millisecond
	require.NoError(t, SetLinger(linger))
	h := add(t, Conn{Entry: "vpn"})
	keep := add(t, Conn{Entry: "other"})

	start := time.Now()
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.Less(t, time.Since(start), linger/2, "RasHangUp returns before the connection is gone")
	assert.Equal(t, []ras.Handle{keep}, listed(t), "no longer listed at once")
	rc, state := stateOf(h)
	assert.EqualValues(t, 0, rc, "the status keeps answering")
	assert.EqualValues(t, rascsDisconnected, state)

	for {
		if rc, _ = stateOf(h); rc != 0 {
			break
		}
		require.Less(t, time.Since(start), 5*time.Second)
		time.Sleep(time.Millisecond)
	}
	assert.EqualValues(t, errInvalidHandle, rc)
	// The DLL times the linger by QueryPerformanceCounter; Go's clock may lag it a little.
	assert.GreaterOrEqual(t, time.Since(start), linger*9/10)
}

func TestDefaultLingerIs250ms(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	start := time.Now()
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	for {
		if rc, _ := stateOf(h); rc == errInvalidHandle {
			break
		}
		require.Less(t, time.Since(start), 5*time.Second)
		time.Sleep(time.Millisecond)
	}
	assert.GreaterOrEqual(t, time.Since(start), 250*time.Millisecond*9/10, "allowing for Go's clock lagging the DLL's")
}

func TestHangUpTwiceGivesInvalidHandle(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	assert.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpW, uintptr(h)), "while the status still lingers")
	for _, bogus := range []ras.Handle{0, 0x12345, invalidHandle} {
		assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpW, uintptr(bogus)))
	}
	d := dialConn(t, Conn{Entry: "dialling"})
	assert.EqualValues(t, 0, rasCall(procHangUpW, uintptr(d)), "a dialling connection hangs up too")
	_, state := stateOf(d)
	assert.EqualValues(t, rascsDisconnected, state)
}

func TestSubEntryHandleNeverBecomesInvalid(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(10*time.Millisecond))
	h := add(t, Conn{Entry: "multilink"})
	require.NoError(t, AddLink(h))
	var sub1 ras.Handle
	require.EqualValues(t, 0, rasCall(procSubEntryHandleW, uintptr(h), 1, ptr(&sub1)))
	sub2, err := SubEntryHandle(h, 2)
	require.NoError(t, err)
	rc, state := stateOf(sub1)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, rascsConnected, state, "a sub-entry follows its connection")

	assert.EqualValues(t, 0, rasCall(procHangUpW, uintptr(sub1)), "hangs up one link")
	assert.Equal(t, []ras.Handle{h}, listed(t), "the connection stays up")
	rc, state = stateOf(sub1)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, rascsConnected, state, "a hung-up link's handle still follows its connection")
	assert.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	time.Sleep(100 * time.Millisecond)

	rc, _ = stateOf(h)
	assert.EqualValues(t, errInvalidHandle, rc, "the connection's handle is gone")
	for _, sub := range []ras.Handle{sub1, sub2} {
		rc, state = stateOf(sub)
		assert.EqualValues(t, 0, rc, "a sub-entry handle never returns ERROR_INVALID_HANDLE")
		assert.EqualValues(t, rascsDisconnected, state)
	}
	assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpW, uintptr(sub1)), "a second hang-up of the same handle")
}

func TestGetSubEntryHandleChecksConnectionAndIndex(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	h := add(t, Conn{Entry: "multilink"})
	var sub, again ras.Handle
	assert.EqualValues(t, errInvalidHandle, rasCall(procSubEntryHandleW, 0x12345, 1, ptr(&sub)))
	d := dialConn(t, Conn{Entry: "dialling"})
	assert.EqualValues(t, errInvalidHandle, rasCall(procSubEntryHandleW, uintptr(d), 1, ptr(&sub)), "not a connected entry")
	assert.EqualValues(t, errNoMoreItems, rasCall(procSubEntryHandleW, uintptr(h), 0, ptr(&sub)))
	assert.EqualValues(t, errNoMoreItems, rasCall(procSubEntryHandleW, uintptr(h), 33, ptr(&sub)))
	assert.EqualValues(t, errNoMoreItems, rasCall(procSubEntryHandleW, uintptr(h), 2, ptr(&sub)), "past the last sub-entry")
	require.NoError(t, AddLink(h))
	require.NoError(t, RemoveLink(h))
	assert.EqualValues(t, errPortNotOpen, rasCall(procSubEntryHandleW, uintptr(h), 2, ptr(&sub)), "sub-entry 2 is not connected")
	assert.EqualValues(t, errInvalidParameter, rasCall(procSubEntryHandleW, uintptr(h), 1, 0))

	require.EqualValues(t, 0, rasCall(procSubEntryHandleW, uintptr(h), 1, ptr(&sub)))
	require.EqualValues(t, 0, rasCall(procSubEntryHandleA, uintptr(h), 1, ptr(&again)))
	assert.Equal(t, sub, again, "the same sub-entry has the same handle")
	assert.NotEqual(t, h, sub)
	assert.EqualValues(t, errInvalidHandle, rasCall(procSubEntryHandleW, uintptr(sub), 1, ptr(&again)), "a sub-entry has no sub-entries")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(sub)))
	assert.EqualValues(t, errPortNotOpen, rasCall(procSubEntryHandleW, uintptr(h), 1, ptr(&again)), "a hung-up link, with no linger")
}

func TestConnectionStatisticsValidateLikeWindows(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	stats := make([]uint32, 16)
	stats[0] = 60
	// Slept longer than asserted: the DLL counts whole milliseconds by QueryPerformanceCounter,
	// which Go's sleep can fall a millisecond short of under Wine.
	time.Sleep(30 * time.Millisecond)
	require.EqualValues(t, 0, rasCall(procStatistics, uintptr(h), ptr(&stats[0])))
	assert.GreaterOrEqual(t, stats[14], uint32(20), "dwConnectDuration in milliseconds")
	assert.Zero(t, stats[15], "nothing past RAS_STATS")

	stats[0] = 64
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procStatistics, uintptr(h), ptr(&stats[0])), "wrong dwSize")
	stats[0] = 60
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procStatistics, 0, ptr(&stats[0])), "zero handle")
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procStatistics, uintptr(h), 0), "NULL statistics")
	assert.EqualValues(t, errInvalidHandle, rasCall(procStatistics, 0x12345, ptr(&stats[0])))
}

func TestEnumEntriesListsAnEmptyPhoneBook(t *testing.T) {
	requireSim(t)
	for _, p := range []struct {
		name  string
		sizes []uint32
	}{{"RasEnumEntriesW", []uint32{520, 1048}}, {"RasEnumEntriesA", []uint32{264, 532}}} {
		proc := procEnumEntriesW
		if p.name == "RasEnumEntriesA" {
			proc = procEnumEntriesA
		}
		var cb, n uint32
		assert.EqualValues(t, 0, rasCall(proc, 0, 0, 0, ptr(&cb), ptr(&n)), p.name)
		assert.Zero(t, n)
		for _, size := range p.sizes {
			buf := make([]byte, size)
			putU32(buf, 0, size)
			cb = size
			assert.EqualValues(t, 0, rasCall(proc, 0, 0, bufPtr(buf), ptr(&cb), ptr(&n)), "%s dwSize %d", p.name, size)
			assert.Zero(t, n)
		}
		buf := make([]byte, 2000)
		putU32(buf, 0, 1000)
		cb = 2000
		assert.EqualValues(t, errInvalidSize, rasCall(proc, 0, 0, bufPtr(buf), ptr(&cb), ptr(&n)), p.name)
		assert.EqualValues(t, errInvalidParameter, rasCall(proc, 0, 0, 0, 0, ptr(&n)), p.name)
		assert.EqualValues(t, errInvalidParameter, rasCall(proc, 1, 0, 0, ptr(&cb), ptr(&n)), "%s: reserved must be NULL", p.name)
	}
}
