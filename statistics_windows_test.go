//go:build cgo

package ras_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// everyCounter gives each RAS_STATS value a number of its own.
var everyCounter = rassim.Stats{
	BytesSent: 1_000_001, BytesReceived: 2_000_002, FramesSent: 3003, FramesReceived: 4004,
	CRCErrors: 5, TimeoutErrors: 6, AlignmentErrors: 7, HardwareOverrunErrors: 8, FramingErrors: 9,
	BufferOverrunErrors: 10, CompressionRatioIn: 11, CompressionRatioOut: 12, Bps: 100_000_000,
	Duration: 90 * time.Second,
}

func TestStatisticsGivesEveryField(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.SetStats(h, 0, everyCounter))
	st, err := ras.Statistics(h)
	require.NoError(t, err)
	// The duration goes on counting on the simulator's clock: 10 s is 10x what any call takes.
	assert.GreaterOrEqual(t, st.Duration, 90*time.Second)
	assert.Less(t, st.Duration, 100*time.Second)
	st.Duration = 0
	assert.Equal(t, ras.Stats{
		BytesSent: 1_000_001, BytesReceived: 2_000_002, FramesSent: 3003, FramesReceived: 4004,
		CRCErrors: 5, TimeoutErrors: 6, AlignmentErrors: 7, HardwareOverrunErrors: 8, FramingErrors: 9,
		BufferOverrunErrors: 10, CompressionRatioIn: 11, CompressionRatioOut: 12, LinkSpeed: 100_000_000,
	}, st)
}

func TestLinkStatisticsAreTheLinksOwn(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.AddLink(h))
	require.NoError(t, rassim.SetStats(h, 2, rassim.Stats{BytesSent: 77, Bps: 56000}))
	st, err := ras.LinkStatistics(h, 2)
	require.NoError(t, err)
	assert.Equal(t, uint32(77), st.BytesSent)
	assert.Equal(t, uint32(56000), st.LinkSpeed)
	_, err = ras.LinkStatistics(h, 3)
	assert.ErrorIs(t, err, windows.Errno(618), "a link that is not connected")
	assert.ErrorContains(t, err, "RasGetLinkStatistics")
}

func TestStatisticsOfAGoneConnectionIsErrConnectionGone(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	h := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), h))
	_, err := ras.Statistics(h)
	assert.ErrorIs(t, err, ras.ErrConnectionGone)
	assert.ErrorContains(t, err, "RasGetConnectionStatistics")
}

func TestStatisticsReadsTheHRESULTOfABadArgument(t *testing.T) {
	useSim(t)
	_, err := ras.Statistics(0) // documented: E_INVALIDARG for a NULL handle
	var e *ras.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "RasGetConnectionStatistics", e.Call)
	assert.Equal(t, windows.Errno(0x80070057), e.Code)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_PARAMETER)
	assert.Equal(t, "ras: RasGetConnectionStatistics: error 0x80070057: The parameter is incorrect.", err.Error())
	assert.NotErrorIs(t, err, ras.ErrConnectionGone)
}

// meterOf is a Meter of connection h: each call sets its statistics in the simulator, reads them
// and gives them to the Meter.
func meterOf(t *testing.T, h ras.Handle) func(rassim.Stats) ras.Totals {
	var m ras.Meter
	return func(s rassim.Stats) ras.Totals {
		t.Helper()
		require.NoError(t, rassim.SetStats(h, 0, s))
		st, err := ras.Statistics(h)
		require.NoError(t, err)
		return m.Add(st)
	}
}

// The duration goes on between the samples: the counters that went down wrapped.
func TestMeterTotalsAreRightWhenACounterWrapsBetweenTwoSamples(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	sample := meterOf(t, h)
	sample(rassim.Stats{BytesSent: 0xFFFFFF00, BytesReceived: 5, FramesSent: 0xFFFFFFFF, Duration: time.Minute})
	got := sample(rassim.Stats{BytesSent: 0x100, BytesReceived: 6, FramesSent: 1, Duration: 2 * time.Minute})
	assert.Equal(t, uint64(0x1_0000_0100), got.BytesSent, "0x200 more, across the wrap")
	assert.Equal(t, uint64(6), got.BytesReceived)
	assert.Equal(t, uint64(0x1_0000_0001), got.FramesSent)
}

func TestMeterCountsACounterThatWrapsAsItGrows(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	// 100 MB/s from 20 MB below the wrap: it wraps 200 ms after, on the simulator's clock, and
	// a byte counter at that rate wraps every 43 s, far more than the second between samples.
	require.NoError(t, rassim.SetStats(h, 0, rassim.Stats{BytesReceived: 0xFFFFFFFF - 20_000_000, BytesReceivedPerSecond: 100_000_000}))
	var m ras.Meter
	first, err := ras.Statistics(h)
	require.NoError(t, err)
	m.Add(first)
	time.Sleep(time.Second)
	second, err := ras.Statistics(h)
	require.NoError(t, err)
	total := m.Add(second)
	require.Less(t, second.BytesReceived, first.BytesReceived, "the counter wrapped")
	assert.Greater(t, total.BytesReceived, uint64(0xFFFFFFFF), "the total did not")
	assert.Less(t, total.BytesReceived, uint64(first.BytesReceived)+1_000_000_000, "10x the bytes of a second")
}

// Windows started the connection's statistics again: the counters and the duration went back.
func TestMeterStartsAgainWhenTheStatisticsWereReset(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	sample := meterOf(t, h)
	sample(rassim.Stats{BytesSent: 3_000_000_000, FramesSent: 9000, Duration: time.Hour})
	got := sample(rassim.Stats{BytesSent: 700, FramesSent: 2, Duration: time.Second})
	assert.Equal(t, uint64(700), got.BytesSent, "a reset, not a wrap of 4 GiB")
	assert.Equal(t, uint64(2), got.FramesSent)
	assert.Less(t, got.Duration, time.Minute)
}
