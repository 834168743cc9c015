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
