package main

import (
	"log/slog"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/winras/ras"
)

// events counts what a ras.Watcher reports: connections made and ended since the exporter
// started, and the drops by the Windows error that ended them. Scrapes alone would miss a
// connection made and ended between two of them; the Watcher, woken by Windows' notifications,
// misses far fewer.
//
// It is a collector of its own, whose counts a scrape reads together under one lock: a scrape
// never shows a disconnection without the drop it was.
type events struct {
	mu           sync.Mutex
	connected    uint64
	disconnected uint64
	dropped      map[string]uint64 // by code
	logger       *slog.Logger
	done         chan struct{} // closed when the Watcher's channels are
	// connectedTo is told (without waiting) of each connection made.
	connectedTo chan<- struct{}
}

var (
	connectedDesc = prometheus.NewDesc("ras_connections_connected_total",
		"Connections made since the exporter started (those already up when it started are not counted).", nil, nil)
	disconnectedDesc = prometheus.NewDesc("ras_connections_disconnected_total",
		"Connections ended since the exporter started, hung up or dropped.", nil, nil)
	droppedDesc = prometheus.NewDesc("ras_connections_dropped_total",
		"Connections ended with an error since the exporter started, by the Windows error code that ended them (RASCONNSTATUS dwError).",
		[]string{"code"}, nil)
)

func newEvents(logger *slog.Logger, connected chan<- struct{}) *events {
	return &events{dropped: map[string]uint64{}, logger: logger, done: make(chan struct{}), connectedTo: connected}
}

// Describe sends the descriptions of the three counters.
func (e *events) Describe(ch chan<- *prometheus.Desc) {
	ch <- connectedDesc
	ch <- disconnectedDesc
	ch <- droppedDesc
}

// Collect sends the counts.
func (e *events) Collect(ch chan<- prometheus.Metric) {
	e.mu.Lock()
	defer e.mu.Unlock()
	ch <- prometheus.MustNewConstMetric(connectedDesc, prometheus.CounterValue, float64(e.connected))
	ch <- prometheus.MustNewConstMetric(disconnectedDesc, prometheus.CounterValue, float64(e.disconnected))
	for code, n := range e.dropped {
		ch <- prometheus.MustNewConstMetric(droppedDesc, prometheus.CounterValue, float64(n), code)
	}
}

// watch counts w's events and logs its errors until w is closed.
func (e *events) watch(w *ras.Watcher) {
	defer close(e.done)
	events, errs := w.Events, w.Errors
	last := ""
	for events != nil || errs != nil {
		select {
		case ev, ok := <-events:
			if !ok {
				events = nil
				continue
			}
			e.count(ev)
		case err, ok := <-errs:
			if !ok {
				errs = nil
				continue
			}
			// The watcher re-lists every few seconds: while RAS is down, each re-listing fails
			// alike. Log a failure when it differs from the last.
			if msg := err.Error(); msg != last {
				last = msg
				e.logger.Warn("watcher", "err", err)
			}
		}
	}
}

// count counts one event. A drop's error is the connection's own (ras.Event.Err), which Windows
// still reports for a moment after the drop; a hang-up has none.
func (e *events) count(ev ras.Event) {
	e.mu.Lock()
	defer e.mu.Unlock()
	switch ev.Op {
	case ras.OpConnected:
		e.connected++
		select {
		case e.connectedTo <- struct{}{}:
		default: // already told
		}
	case ras.OpDisconnected:
		e.disconnected++
		if ev.Err != nil {
			_, code := callAndCode("", ev.Err)
			e.dropped[code]++
		}
	}
}
