package main

import (
	"time"

	"github.com/winras/ras"
)

// Between scrapes the collector reads each connection's statistics in the background, often
// enough that no 32-bit byte counter wraps twice between two readings: its Meter then counts
// every wrap, however far apart the scrapes (or however long Prometheus stops scraping).
const (
	// minSampleInterval bounds the sampling below: however fast a link says it is, or its
	// counters are seen to grow, a connection is read at most once a second.
	minSampleInterval = time.Second
	// maxSampleInterval bounds it above: a connection is read at least every 15 seconds, and a
	// machine with no connection is listed as often.
	maxSampleInterval = 15 * time.Second
)

// wrapBytes is how far a byte counter goes before it wraps.
const wrapBytes = 1 << 32

// sampleInterval is how long a connection's statistics may go unread: a quarter of the time its
// byte counters take to wrap at the faster of the link's speed (bits per second, as RAS reports
// it) and the rate they were last seen to grow (bytes per second), within minSampleInterval and
// maxSampleInterval. A speed and rate of 0 (not reported; idle) give maxSampleInterval.
func sampleInterval(linkBPS uint32, seen float64) time.Duration {
	rate := max(float64(linkBPS)/8, seen)
	// A quarter of the wrap: a reading may come late by three times its interval (a busy
	// machine) and still see every wrap.
	seconds := wrapBytes / 4 / rate // +Inf for a rate of 0
	if seconds >= maxSampleInterval.Seconds() {
		return maxSampleInterval
	}
	return max(time.Duration(seconds*float64(time.Second)), minSampleInterval)
}

// track is what the collector keeps of one connection between readings of its statistics.
type track struct {
	meter    ras.Meter
	read     bool       // the meter has had Stats
	totals   ras.Totals // what the meter last returned
	at       time.Time  // when those Stats were read
	interval time.Duration
	due      time.Time // when its statistics are to be read again
}

// add gives the meter s, read at at, and sets when to read again: the interval follows the link's
// speed and the rate the byte counters grew at since the last reading.
func (t *track) add(s ras.Stats, at time.Time) ras.Totals {
	last, lastAt, had := t.totals, t.at, t.read
	t.totals = t.meter.Add(s)
	t.read = true
	seen := 0.0
	// After a reset the totals went down: no rate is seen across it.
	if had && at.After(lastAt) && t.totals.BytesSent >= last.BytesSent && t.totals.BytesReceived >= last.BytesReceived {
		moved := max(t.totals.BytesSent-last.BytesSent, t.totals.BytesReceived-last.BytesReceived)
		seen = float64(moved) / at.Sub(lastAt).Seconds()
	}
	t.interval = sampleInterval(s.LinkSpeed, seen)
	t.at = at
	t.due = at.Add(t.interval)
	return t.totals
}

// failed sets when to try again a connection whose statistics could not be read.
func (t *track) failed(at time.Time) {
	t.due = at.Add(maxSampleInterval)
}

// sampleLoop reads the connections' statistics as they fall due, until stop is closed; wake
// makes it list the connections at once (one has connected). It closes done when it returns.
func (c *collector) sampleLoop(stop, wake <-chan struct{}, done chan<- struct{}) {
	defer close(done)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-stop:
			return
		case <-wake:
		case <-timer.C:
		}
		timer.Reset(time.Until(c.sampleDue(time.Now())))
	}
}

// sampleDue lists the connections and reads the statistics of those due (and of those new) at
// now, and returns when the next one falls due. It takes its turn with the scrapes.
func (c *collector) sampleDue(now time.Time) time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	next := now.Add(maxSampleInterval)
	conns, err := ras.AppendConnections(c.conns[:0])
	if err != nil {
		return next // a scrape counts the failure
	}
	c.conns = conns
	listed := make(map[identity]bool, len(conns))
	for _, conn := range conns {
		id := identityOf(conn)
		if listed[id] {
			continue
		}
		listed[id] = true
		t := c.track(id)
		if t.due.After(now) {
			next = minTime(next, t.due)
			continue
		}
		if s, err := ras.Statistics(conn.Handle); err == nil {
			t.add(s, time.Now())
		} else {
			t.failed(now) // a scrape counts the failure; a connection gone is forgotten next time
		}
		next = minTime(next, t.due)
	}
	c.forget(listed)
	return next
}

// track is the track of connection id, new if need be.
func (c *collector) track(id identity) *track {
	t := c.tracks[id]
	if t == nil {
		t = new(track)
		c.tracks[id] = t
	}
	return t
}

// forget drops the tracks of the connections not listed: one listed again later is a new one.
func (c *collector) forget(listed map[identity]bool) {
	for id := range c.tracks {
		if !listed[id] {
			delete(c.tracks, id)
		}
	}
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}
