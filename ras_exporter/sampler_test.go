package main

import (
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"

	"github.com/winras/ras"
)

func TestTheSampleIntervalIsAQuarterOfTheWrapAtTheLinksSpeed(t *testing.T) {
	for _, c := range []struct {
		bps  uint32
		want time.Duration
	}{
		{1_000_000_000, 8_589_934_592 * time.Nanosecond}, // 2^32 bytes at 125 MB/s: 34.4 s
		{4_000_000_000, 2_147_483_648 * time.Nanosecond},
		{math.MaxUint32, 2 * time.Second}, // the fastest a DWORD can say: 8 s a wrap
		{4_294_967_296 / 15 * 2, 15 * time.Second},
		{100_000_000, maxSampleInterval}, // 5.7 minutes a wrap
		{56_000, maxSampleInterval},
		{0, maxSampleInterval}, // no speed reported: not a division by zero, not a spin
	} {
		got := sampleInterval(c.bps, 0)
		assert.Equal(t, c.want, got, "%d bit/s", c.bps)
		assert.GreaterOrEqual(t, got, minSampleInterval, "%d bit/s", c.bps)
	}
}

// Counters faster than the link says (or a link that says 0) are read by the rate they grew at,
// never more often than once a second.
func TestTheSampleIntervalFollowsCountersFasterThanTheLink(t *testing.T) {
	assert.Equal(t, 2*time.Second, sampleInterval(0, 536_870_912), "2^29 B/s: a wrap every 8 s")
	assert.Equal(t, 2*time.Second, sampleInterval(100_000_000, 536_870_912), "the faster of the two")
	assert.Equal(t, 2*time.Second, sampleInterval(math.MaxUint32, 1000), "the faster of the two")
	assert.Equal(t, minSampleInterval, sampleInterval(0, 4e9), "a wrap a second: the floor")
	assert.Equal(t, minSampleInterval, sampleInterval(math.MaxUint32, math.Inf(1)))
	assert.Equal(t, maxSampleInterval, sampleInterval(0, 1e-300))
}

func TestATrackReadsAgainByTheRateItsCountersGrew(t *testing.T) {
	var tr track
	at := time.Unix(1_000_000, 0)
	tr.add(ras.Stats{BytesReceived: 1000, LinkSpeed: 100_000_000, Duration: time.Minute}, at)
	assert.Equal(t, maxSampleInterval, tr.interval, "a first reading sees no rate: the link's")
	assert.Equal(t, at.Add(maxSampleInterval), tr.due)

	// 2^30 bytes in a second: 4 s a wrap, read every second.
	at = at.Add(time.Second)
	tr.add(ras.Stats{BytesReceived: 1000 + 1<<30, LinkSpeed: 100_000_000, Duration: time.Minute + time.Second}, at)
	assert.Equal(t, minSampleInterval, tr.interval)
	assert.Equal(t, at.Add(minSampleInterval), tr.due)

	// Sent grows at 2^28 B/s, past a wrap of its counter (the totals see it): 16 s a wrap.
	at = at.Add(2 * time.Second)
	got := tr.add(ras.Stats{BytesSent: 1 << 29, BytesReceived: 1000 + 1<<30, LinkSpeed: 100_000_000, Duration: time.Minute + 3*time.Second}, at)
	assert.Equal(t, uint64(1<<29), got.BytesSent)
	assert.Equal(t, 4*time.Second, tr.interval)

	// Windows started the statistics again: the totals went down, and no rate is seen.
	at = at.Add(time.Second)
	got = tr.add(ras.Stats{BytesSent: 5, LinkSpeed: 100_000_000, Duration: time.Second}, at)
	assert.Equal(t, uint64(5), got.BytesSent)
	assert.Equal(t, maxSampleInterval, tr.interval)
}
