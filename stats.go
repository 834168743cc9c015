package ras

import "time"

// Stats are a connection's or a link's statistics, as RasGetConnectionStatistics and
// RasGetLinkStatistics report them. The counters are Windows' 32-bit DWORDs: the byte counts
// wrap at 4 GiB and Duration at about 49.7 days. A Meter turns successive Stats into totals that
// keep counting.
type Stats struct {
	BytesSent      uint32
	BytesReceived  uint32
	FramesSent     uint32
	FramesReceived uint32

	CRCErrors             uint32
	TimeoutErrors         uint32
	AlignmentErrors       uint32
	HardwareOverrunErrors uint32
	FramingErrors         uint32
	BufferOverrunErrors   uint32

	// The compression ratios, in percent: how much smaller the data became.
	CompressionRatioIn  uint32
	CompressionRatioOut uint32

	LinkSpeed uint32        // bits per second
	Duration  time.Duration // how long the connection has been up (RAS counts milliseconds)
}

// Statistics returns the statistics of the connection h, from RasGetConnectionStatistics:
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasgetconnectionstatistics
//
// A handle that is no longer valid gives an error matching ErrConnectionGone.
func Statistics(h Handle) (Stats, error) { return statistics(h) }

// LinkStatistics returns the statistics of link subEntry (from 1) of the multilink connection
// h, from RasGetLinkStatistics:
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasgetlinkstatistics
func LinkStatistics(h Handle, subEntry uint32) (Stats, error) { return linkStatistics(h, subEntry) }

// Totals are a connection's counters as 64-bit totals, which do not wrap.
type Totals struct {
	BytesSent      uint64
	BytesReceived  uint64
	FramesSent     uint64
	FramesReceived uint64

	CRCErrors             uint64
	TimeoutErrors         uint64
	AlignmentErrors       uint64
	HardwareOverrunErrors uint64
	FramingErrors         uint64
	BufferOverrunErrors   uint64

	Duration time.Duration
}

// Meter keeps the Totals of one connection. Feed it the connection's Stats, in the order they
// were read, with Add. The zero value is ready: its first Stats are the start of the totals.
//
// A counter that went down since the last Stats has either wrapped past 2^32 or started again:
//   - When the connection's Duration went back too, Windows started the connection's statistics
//     again (a new era of the same connection): the totals start again from these Stats, as a
//     new Meter's would, so that a Prometheus counter made from them resets (and rate() counts
//     the new era from zero) rather than jumps by 4 GiB. A Duration that went back starts the
//     totals again even when every counter happens to have gone up: they started from zero too.
//     The Duration went back when it is lower than before, unless it wrapped: it wrapped (at
//     2^32 ms, 49.7 days) when it moved forward round the wrap by at most DurationWrapSlack.
//   - Otherwise the counter wrapped, once: sample often enough that no counter wraps twice
//     between two samples. At 1 Gbit/s a byte counter wraps every 34 seconds, at 100 Mbit/s
//     every 5.7 minutes.
//
// Use a new Meter for a new connection (the Watcher tells one from another): a connection's
// counters start from zero again.
type Meter struct {
	last    Stats
	totals  Totals
	started bool
}

// DurationWrapSlack is how far past its wrap a connection's 32-bit duration may have moved
// between two Stats given to a Meter for the Meter to take it as a wrap; lower, it went back.
const DurationWrapSlack = 24 * time.Hour

// Add takes the next Stats of the connection and returns the totals so far.
func (m *Meter) Add(s Stats) Totals {
	if !m.started || m.reset(s) {
		m.started = true
		m.last = s
		m.totals = Totals{
			BytesSent: uint64(s.BytesSent), BytesReceived: uint64(s.BytesReceived),
			FramesSent: uint64(s.FramesSent), FramesReceived: uint64(s.FramesReceived),
			CRCErrors: uint64(s.CRCErrors), TimeoutErrors: uint64(s.TimeoutErrors),
			AlignmentErrors: uint64(s.AlignmentErrors), HardwareOverrunErrors: uint64(s.HardwareOverrunErrors),
			FramingErrors: uint64(s.FramingErrors), BufferOverrunErrors: uint64(s.BufferOverrunErrors),
			Duration: s.Duration,
		}
		return m.totals
	}
	t, last := &m.totals, m.last
	t.BytesSent += since(last.BytesSent, s.BytesSent)
	t.BytesReceived += since(last.BytesReceived, s.BytesReceived)
	t.FramesSent += since(last.FramesSent, s.FramesSent)
	t.FramesReceived += since(last.FramesReceived, s.FramesReceived)
	t.CRCErrors += since(last.CRCErrors, s.CRCErrors)
	t.TimeoutErrors += since(last.TimeoutErrors, s.TimeoutErrors)
	t.AlignmentErrors += since(last.AlignmentErrors, s.AlignmentErrors)
	t.HardwareOverrunErrors += since(last.HardwareOverrunErrors, s.HardwareOverrunErrors)
	t.FramingErrors += since(last.FramingErrors, s.FramingErrors)
	t.BufferOverrunErrors += since(last.BufferOverrunErrors, s.BufferOverrunErrors)
	t.Duration += time.Duration(since(durationMS(last.Duration), durationMS(s.Duration))) * time.Millisecond
	m.last = s
	return m.totals
}

// reset reports whether s starts a new era of the connection's statistics: the duration went
// back.
func (m *Meter) reset(s Stats) bool {
	return durationWentBack(durationMS(m.last.Duration), durationMS(s.Duration))
}

// durationWentBack reports whether RAS's milliseconds went from then to now backwards rather
// than forwards round their wrap.
func durationWentBack(then, now uint32) bool {
	return now < then && since(then, now) > uint64(DurationWrapSlack/time.Millisecond)
}

// since is how far a 32-bit counter moved from then to now, once round if it went down.
func since(then, now uint32) uint64 {
	return uint64(now - then) // modulo 2^32: a wrap comes out right
}

// durationMS is d as RAS's DWORD of milliseconds.
func durationMS(d time.Duration) uint32 { return uint32(d / time.Millisecond) }
