package ras

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

func TestMeterStartsFromTheFirstStats(t *testing.T) {
	var m Meter
	got := m.Add(Stats{BytesSent: 100, BytesReceived: 200, FramesSent: 3, FramesReceived: 4, CRCErrors: 1, Duration: time.Second})
	assert.Equal(t, Totals{BytesSent: 100, BytesReceived: 200, FramesSent: 3, FramesReceived: 4, CRCErrors: 1, Duration: time.Second}, got)
}

func TestMeterKeepsCountingWhenACounterWraps(t *testing.T) {
	var m Meter
	m.Add(Stats{BytesSent: 0xFFFFFF00, BytesReceived: 10, Duration: 4294967000 * time.Millisecond})
	got := m.Add(Stats{BytesSent: 0x100, BytesReceived: 20, Duration: 704 * time.Millisecond})
	assert.Equal(t, uint64(0xFFFFFF00)+0x200, got.BytesSent, "0x100 past the wrap")
	assert.Equal(t, uint64(20), got.BytesReceived)
	assert.Equal(t, (4294967000+1000)*time.Millisecond, got.Duration, "the duration wraps at 2^32 ms")

	got = m.Add(Stats{BytesSent: 0xFFFFFFFF, BytesReceived: 20, Duration: time.Second})
	assert.Equal(t, uint64(0xFFFFFF00)+0x200+0xFFFFFEFF, got.BytesSent, "beyond 4 GiB in all, from the totals not the last counter")
}

func TestMeterCountsEveryCounter(t *testing.T) {
	var m Meter
	m.Add(Stats{})
	got := m.Add(Stats{FramesSent: 1, FramesReceived: 2, CRCErrors: 3, TimeoutErrors: 4, AlignmentErrors: 5,
		HardwareOverrunErrors: 6, FramingErrors: 7, BufferOverrunErrors: 8, LinkSpeed: 9, CompressionRatioIn: 50})
	assert.Equal(t, Totals{FramesSent: 1, FramesReceived: 2, CRCErrors: 3, TimeoutErrors: 4, AlignmentErrors: 5,
		HardwareOverrunErrors: 6, FramingErrors: 7, BufferOverrunErrors: 8}, got)
}

// A new era of the same connection: the counters and the duration both went back. The totals
// start again from it, as a Prometheus counter resets, instead of counting a wrap (4 GiB more).
func TestMeterStartsAgainWhenACounterAndTheDurationWentBack(t *testing.T) {
	var m Meter
	m.Add(Stats{BytesSent: 5_000_000, BytesReceived: 7_000_000, FramesSent: 900, CRCErrors: 2, Duration: time.Hour})
	got := m.Add(Stats{BytesSent: 1000, BytesReceived: 2000, FramesSent: 3, Duration: 2 * time.Second})
	assert.Equal(t, Totals{BytesSent: 1000, BytesReceived: 2000, FramesSent: 3, Duration: 2 * time.Second}, got)
	got = m.Add(Stats{BytesSent: 1500, BytesReceived: 2000, FramesSent: 4, Duration: 3 * time.Second})
	assert.Equal(t, Totals{BytesSent: 1500, BytesReceived: 2000, FramesSent: 4, Duration: 3 * time.Second}, got, "and counts on from there")
}

func TestMeterTakesACounterThatWentDownAsAWrapWhileTheDurationGoesOn(t *testing.T) {
	var m Meter
	m.Add(Stats{BytesSent: 0xFFFFFF00, Duration: time.Hour})
	got := m.Add(Stats{BytesSent: 0x100, Duration: time.Hour + time.Second})
	assert.Equal(t, uint64(0x1_0000_0100), got.BytesSent)
	got = m.Add(Stats{BytesSent: 0x10, Duration: time.Hour + time.Second})
	assert.Equal(t, uint64(0x2_0000_0010), got.BytesSent, "a duration that stood still did not go back")
}

// Windows started the statistics again, and the new era's counters already passed the old
// ones: still a reset, or the totals would miss what the new era counted before them.
func TestMeterStartsAgainWhenTheDurationWentBackWhileTheCountersWentUp(t *testing.T) {
	var m Meter
	m.Add(Stats{BytesSent: 100, Duration: time.Hour})
	got := m.Add(Stats{BytesSent: 300, Duration: time.Second})
	assert.Equal(t, Totals{BytesSent: 300, Duration: time.Second}, got)
}

// The duration's 32 bits wrap after 49.7 days: a counter that wraps in the same interval is a
// wrap, not a reset, when the duration moved forward by no more than DurationWrapSlack.
func TestMeterTellsADurationThatWrappedFromOneThatWentBack(t *testing.T) {
	const top = 4294967295 * time.Millisecond
	for _, c := range []struct {
		name     string
		from, to time.Duration
		reset    bool
	}{
		{"wrapped by a second", top - time.Second, time.Second, false},
		{"wrapped by the slack", top - DurationWrapSlack + 2*time.Millisecond, time.Millisecond, false},
		{"back by a millisecond more than the slack lets wrap", top - DurationWrapSlack, 0, true},
		{"forward by two days", time.Hour, 49 * time.Hour, false},
		{"back from a day", 24 * time.Hour, time.Second, true},
		{"back by a millisecond", 5 * time.Second, 5*time.Second - time.Millisecond, true},
	} {
		var m Meter
		m.Add(Stats{FramesReceived: 0xFFFFFFF0, Duration: c.from})
		got := m.Add(Stats{FramesReceived: 0x10, Duration: c.to})
		if c.reset {
			assert.Equal(t, uint64(0x10), got.FramesReceived, c.name)
		} else {
			assert.Equal(t, uint64(0x1_0000_0010), got.FramesReceived, c.name)
		}
	}
}
