package main

import (
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/winras/ras"
)

// collector reads RAS at every scrape, so no value is older than the scrape that reports it.
// Between scrapes it reads each connection's statistics in the background (sampleLoop), so that
// its byte totals miss no wrap of Windows' 32-bit counters; a scrape reports the totals so kept,
// brought up to date.
type collector struct {
	// mu makes scrapes and the background readings take turns: a Meter must be given a
	// connection's Stats in the order they were read.
	mu       sync.Mutex
	tracks   map[identity]*track // one per connection listed at the last listing
	conns    []ras.Conn          // the last listing, whose array the next one reuses
	failures *failures
	logger   *slog.Logger
	// statsAvailable is what the last scrape found, to log a change: nil before the first.
	statsAvailable *bool
}

func newCollector(logger *slog.Logger) *collector {
	return &collector{tracks: map[identity]*track{}, failures: newFailures(logger), logger: logger}
}

// Describe sends the descriptions of every metric Collect may send.
func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range descs {
		ch <- d
	}
	c.failures.counts.Describe(ch)
}

// Collect reads RAS and sends what it read. A failure is in the metrics (ras_up,
// ras_call_failures_total) and never fails the scrape: a scrape always answers.
func (c *collector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.collectConnections(ch)
	ch <- gauge(statisticsAvailableDesc, c.statisticsAvailable())
	c.failures.counts.Collect(ch)
}

// collectConnections lists the connections and sends each one's series, then forgets the tracks
// of connections no longer listed: a connection listed again later is a new one.
func (c *collector) collectConnections(ch chan<- prometheus.Metric) {
	defer func() {
		// A bug here must not end the exporter (the registry collects on a goroutine of its own,
		// where a panic would): say so in the log and in the metrics.
		if r := recover(); r != nil {
			c.logger.Error("scrape panicked", "panic", r, "stack", string(debug.Stack()))
			c.failures.add("ras_exporter", fmt.Errorf("panic: %v", r))
		}
	}()
	conns, err := ras.AppendConnections(c.conns[:0])
	if err != nil {
		c.failures.add("RasEnumConnectionsW", err)
		ch <- gauge(upDesc, false)
		return
	}
	c.conns = conns
	ch <- gauge(upDesc, true)
	listed := make(map[identity]bool, len(conns))
	handles := make(map[ras.Handle]bool, len(conns))
	n := 0
	for _, conn := range conns {
		// Two series with the same labels are an error the registry reports instead of them: a
		// listing that repeats a handle (Windows promises none does) reports it once.
		if handles[conn.Handle] {
			continue
		}
		handles[conn.Handle] = true
		id := identityOf(conn)
		listed[id] = true
		r, ok := c.read(conn)
		if !ok {
			continue // it ended since it was listed
		}
		if r.hasStats {
			t := c.track(id)
			r.totals = t.add(r.stats, r.statsAt)
			r.interval = t.interval
		}
		r.send(ch)
		n++
	}
	c.forget(listed)
	ch <- prometheus.MustNewConstMetric(connectionsDesc, prometheus.GaugeValue, float64(n))
}

// read reads one connection's status, statistics and projection. It reports false when the
// connection ended since it was listed: such a connection is left out of the scrape. A call
// that fails otherwise leaves its own series out, and is counted.
func (c *collector) read(conn ras.Conn) (r reading, ok bool) {
	r.conn = conn
	var err error
	r.status, err = ras.Status(conn.Handle)
	switch {
	case errors.Is(err, ras.ErrConnectionGone):
		return r, false
	case err != nil:
		c.failures.add("RasGetConnectStatusW", err)
	default:
		r.hasStatus = true
	}
	r.stats, err = ras.Statistics(conn.Handle)
	switch {
	case errors.Is(err, ras.ErrConnectionGone):
		return r, false
	case err != nil:
		c.failures.add("RasGetConnectionStatistics", err)
	default:
		r.statsAt, r.hasStats = time.Now(), true
	}
	r.projection, err = ras.Projection(conn.Handle)
	switch {
	case errors.Is(err, ras.ErrConnectionGone):
		return r, false
	case errors.Is(err, ras.ErrNotProjected), errors.Is(err, ras.ErrProtocolNotConfigured),
		errors.Is(err, ras.ErrProjectionUnavailable):
		// Nothing to report, and nothing wrong: a connection without IP, or a Windows that
		// cannot tell.
	case err != nil:
		c.failures.add("RasGetProjectionInfoEx", err)
	default:
		r.hasProjection = true
	}
	return r, true
}

// statisticsAvailable asks RasGetConnectionStatistics about a NULL handle, which Windows
// documents to answer E_INVALIDARG: a Windows that answers otherwise cannot give statistics
// (Wine's stubs answer ERROR_UNKNOWN, 635, to every call). It tells even with no connection to
// read, and logs when the answer changes.
func (c *collector) statisticsAvailable() bool {
	_, err := ras.Statistics(0)
	ok := err == nil || errors.Is(err, ras.Errno(87)) || errors.Is(err, ras.ErrConnectionGone)
	if c.statsAvailable == nil || *c.statsAvailable != ok {
		c.statsAvailable = &ok
		if ok {
			c.logger.Info("connection statistics are available")
		} else {
			c.logger.Warn("connection statistics are unavailable (ras_statistics_available 0)", "err", err)
		}
	}
	return ok
}

func gauge(d *prometheus.Desc, v bool) prometheus.Metric {
	f := 0.0
	if v {
		f = 1
	}
	return prometheus.MustNewConstMetric(d, prometheus.GaugeValue, f)
}
