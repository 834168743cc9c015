//go:build windows

package rassim

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

// RAS_STATS's DWORDs, by index.
const (
	statSize = iota
	statBytesSent
	statBytesReceived
	statFramesSent
	statFramesReceived
	statCRC
	statTimeout
	statAlignment
	statHardwareOverrun
	statFraming
	statBufferOverrun
	statCompressionIn
	statCompressionOut
	statBps
	statDuration
	statAfter // a DWORD past RAS_STATS, which must stay untouched
)

// rasStats is RAS_STATS followed by a DWORD that no call may write.
type rasStats [statAfter + 1]uint32

func newRasStats() *rasStats {
	st := &rasStats{statSize: 60}
	st[statAfter] = 0xCCCCCCCC
	return st
}

// connStats calls RasGetConnectionStatistics(h).
func connStats(h ras.Handle) (uint32, *rasStats) {
	st := newRasStats()
	return rasCall(procStatistics, uintptr(h), ptr(st)), st
}

// linkStats calls RasGetLinkStatistics(h, sub).
func linkStats(h ras.Handle, sub uint32) (uint32, *rasStats) {
	st := newRasStats()
	return rasCall(procLinkStatistics, uintptr(h), uintptr(sub), ptr(st)), st
}

func TestSetStatsReportsEveryValueAsSet(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	require.NoError(t, SetStats(h, 0, Stats{
		BytesSent: 1001, BytesReceived: 1002, FramesSent: 1003, FramesReceived: 1004,
		CRCErrors: 1005, TimeoutErrors: 1006, AlignmentErrors: 1007, HardwareOverrunErrors: 1008,
		FramingErrors: 1009, BufferOverrunErrors: 1010, CompressionRatioIn: 1011, CompressionRatioOut: 1012,
		Bps: 1013, Duration: 5 * time.Second,
	}))
	rc, st := connStats(h)
	require.EqualValues(t, 0, rc)
	for i := statBytesSent; i <= statBps; i++ {
		assert.EqualValues(t, 1000+i, st[i], "RAS_STATS DWORD %d, with no rate", i)
	}
	assert.GreaterOrEqual(t, st[statDuration], uint32(5000), "counted on from the duration set")
	assert.Less(t, st[statDuration], uint32(5000+60_000), "from the duration set, not from connecting")
	assert.EqualValues(t, 60, st[statSize], "dwSize is the caller's")
	assert.EqualValues(t, uint32(0xCCCCCCCC), st[statAfter], "nothing past RAS_STATS")

	rc, st = linkStats(h, 1)
	require.EqualValues(t, 0, rc)
	assert.Zero(t, st[statBytesSent], "a link's statistics are its own")
}

func TestStatsCountersGrowByTheirRatesAndWrap(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	const start = math.MaxUint32 - 2 // milliseconds: the duration wraps too
	set := Stats{
		BytesSent: math.MaxUint32 - 999, BytesSentPerSecond: 1_000_000,
		BytesReceived: 7,
		FramesSent:    0, FramesSentPerSecond: 1000,
		FramesReceived: math.MaxUint32, FramesReceivedPerSecond: math.MaxUint32,
		CRCErrors: 3,
		Duration:  start * time.Millisecond,
	}
	require.NoError(t, SetStats(h, 0, set))
	// The DLL reads its clock once per call: the duration it reports says how long it counted
	// the rates for, and every counter must agree with it exactly.
	// Read once within the first second and once past it: whole seconds and the rest are
	// counted apart, so that no product overflows.
	for _, after := range []uint64{5, 1005} {
		var st *rasStats
		var elapsed uint64
		for deadline := time.Now().Add(10 * time.Second); elapsed < after; time.Sleep(time.Millisecond) {
			require.True(t, time.Now().Before(deadline), "the duration did not advance")
			var rc uint32
			rc, st = connStats(h)
			require.EqualValues(t, 0, rc)
			elapsed = uint64(st[statDuration] - start)
		}
		require.Less(t, elapsed, uint64(time.Hour/time.Millisecond), "the duration counts on from the one set")
		assert.Less(t, st[statDuration], uint32(start), "the duration wrapped at 2^32 ms")

		grown := func(v, perSec uint32) uint32 { return uint32(uint64(v) + uint64(perSec)*elapsed/1000) }
		assert.Equal(t, grown(set.BytesSent, set.BytesSentPerSecond), st[statBytesSent], "after %d ms", elapsed)
		assert.Less(t, st[statBytesSent], set.BytesSent, "the byte counter wrapped at 2^32")
		assert.EqualValues(t, 7, st[statBytesReceived], "no rate, no growth")
		assert.Equal(t, grown(0, 1000), st[statFramesSent], "after %d ms", elapsed)
		assert.Equal(t, grown(set.FramesReceived, set.FramesReceivedPerSecond), st[statFramesReceived],
			"after %d ms: a rate near 2^32 a second", elapsed)
		assert.EqualValues(t, 3, st[statCRC], "the error counters have no rate")
	}
}

func TestStatsDurationCountsFromConnectingThenFromTheDurationSet(t *testing.T) {
	requireSim(t)
	dialling := dialConn(t, Conn{Entry: "dialling"})
	h := add(t, Conn{Entry: "vpn"})
	sub, err := SubEntryHandle(h, 1)
	require.NoError(t, err)
	// Go's clock lags the DLL's under Wine: the bounds are ten times inside what was slept.
	time.Sleep(50 * time.Millisecond)
	rc, st := connStats(h)
	require.EqualValues(t, 0, rc)
	assert.GreaterOrEqual(t, st[statDuration], uint32(5), "before SetStats: the milliseconds since it connected")
	for i := statBytesSent; i <= statBps; i++ {
		assert.Zero(t, st[i], "before SetStats: zeros (DWORD %d)", i)
	}
	rc, st = connStats(sub)
	require.EqualValues(t, 0, rc)
	assert.GreaterOrEqual(t, st[statDuration], uint32(5), "a link counts from its connection's connecting")
	rc, st = linkStats(h, 1)
	require.EqualValues(t, 0, rc)
	assert.GreaterOrEqual(t, st[statDuration], uint32(5), "asked for by number too")
	rc, st = connStats(dialling)
	require.EqualValues(t, 0, rc)
	assert.Zero(t, st[statDuration], "a connection still dialling has not connected")

	require.NoError(t, SetStats(h, 0, Stats{Duration: time.Hour}))
	_, first := connStats(h)
	assert.Less(t, first[statDuration], uint32((time.Hour+time.Minute)/time.Millisecond), "the duration set, not the one counted")
	time.Sleep(50 * time.Millisecond)
	_, second := connStats(h)
	assert.GreaterOrEqual(t, second[statDuration]-first[statDuration], uint32(5), "and it goes on")
}

func TestLinkStatisticsAreEachLinksOwn(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "multilink"})
	require.NoError(t, AddLink(h))
	require.NoError(t, SetStats(h, 0, Stats{BytesSent: 100}))
	require.NoError(t, SetStats(h, 2, Stats{BytesSent: 222, Bps: 64000}))

	rc, st := linkStats(h, 2)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 222, st[statBytesSent])
	assert.EqualValues(t, 64000, st[statBps])
	assert.EqualValues(t, uint32(0xCCCCCCCC), st[statAfter], "nothing past RAS_STATS")
	rc, st = linkStats(h, 1)
	require.EqualValues(t, 0, rc)
	assert.Zero(t, st[statBytesSent], "link 1 was not set")
	rc, st = connStats(h)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 100, st[statBytesSent], "the connection's are apart from its links'")

	sub, err := SubEntryHandle(h, 2)
	require.NoError(t, err)
	rc, st = connStats(sub)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 222, st[statBytesSent], "a link's own handle reports the link's")

	rc, _ = linkStats(h, 3)
	assert.EqualValues(t, errPortNotOpen, rc, "a link that is not connected")
	require.NoError(t, SetStats(h, 3, Stats{BytesSent: 333}), "a link may be set before it connects")
	rc, _ = linkStats(h, 3)
	assert.EqualValues(t, errPortNotOpen, rc, "and still is not connected")
	require.NoError(t, AddLink(h))
	rc, st = linkStats(h, 3)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 333, st[statBytesSent], "connected now")

	require.NoError(t, SetLinger(0))
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(sub)))
	rc, _ = linkStats(h, 2)
	assert.EqualValues(t, errPortNotOpen, rc, "a hung-up link, with no linger")
}

func TestLinkStatisticsValidateLikeWindows(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	st := newRasStats()
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procLinkStatistics, uintptr(h), 0, ptr(st)), "sub-entry 0, as documented")
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procLinkStatistics, 0, 1, ptr(st)), "zero handle")
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procLinkStatistics, uintptr(h), 1, 0), "NULL statistics")
	st[statSize] = 64
	assert.EqualValues(t, uint32(eInvalidArg), rasCall(procLinkStatistics, uintptr(h), 1, ptr(st)), "wrong dwSize")

	rc, _ := linkStats(0x12345, 1)
	assert.EqualValues(t, errInvalidHandle, rc)
	require.NoError(t, SetGoneCode(errNoConnection))
	rc, _ = linkStats(0x12345, 1)
	assert.EqualValues(t, errNoConnection, rc, "the gone code")
	require.NoError(t, SetGoneCode(errInvalidHandle))

	sub, err := SubEntryHandle(h, 1)
	require.NoError(t, err)
	rc, _ = linkStats(sub, 1)
	assert.EqualValues(t, errInvalidHandle, rc, "a sub-entry has no links")
	rc, _ = linkStats(dialConn(t, Conn{Entry: "dialling"}), 1)
	assert.EqualValues(t, errPortNotOpen, rc, "a connection not connected has no link up")
	require.NoError(t, Drop(h, errDisconnection))
	rc, _ = linkStats(h, 1)
	assert.EqualValues(t, errPortNotOpen, rc, "nor has a dropped one")
}

func TestSetStatsRefusesWhatItCannotSet(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	assert.ErrorIs(t, SetStats(0x12345, 0, Stats{}), windows.ERROR_INVALID_HANDLE)
	assert.ErrorIs(t, SetStats(h, 33, Stats{}), windows.ERROR_INVALID_PARAMETER, "32 sub-entries at most")
	sub, err := SubEntryHandle(h, 1)
	require.NoError(t, err)
	assert.ErrorIs(t, SetStats(sub, 1, Stats{}), windows.ERROR_INVALID_HANDLE, "a sub-entry has no sub-entries")
	assert.NoError(t, SetStats(sub, 0, Stats{}), "but statistics of its own: its link's")
	assert.Error(t, SetStats(h, 0, Stats{Duration: -time.Millisecond}))
	assert.Error(t, SetStats(h, 0, Stats{Duration: (math.MaxUint32 + 1) * time.Millisecond}), "a DWORD of milliseconds")
	assert.NoError(t, SetStats(h, 0, Stats{Duration: math.MaxUint32 * time.Millisecond}))

	raw := &rawStats{Size: 72}
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetStats, uintptr(h), 0, ptr(raw)), "wrong dwSize")
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetStats, uintptr(h), 0, 0), "NULL")
}
