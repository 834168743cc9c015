package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	versioncollector "github.com/prometheus/client_golang/prometheus/collectors/version"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/winras/ras"
)

// shutdownGrace bounds how long Close waits for scrapes in progress before it closes their
// connections. A connection that never sent a request counts as busy for 5 seconds (net/http's
// rule for new connections, which browsers open ahead): within 3, Close cuts it.
const shutdownGrace = 3 * time.Second

// exporter is a running exporter: its HTTP server, the collector's background sampling, and
// the Watcher that counts connections.
type exporter struct {
	server  *http.Server
	addr    net.Addr
	served  chan error // Serve's error: the server failed
	watcher *ras.Watcher
	events  *events
	// stopSampling ends the collector's sampleLoop, which closes sampled when it has returned.
	stopSampling chan struct{}
	sampled      chan struct{}
}

// start starts serving cfg's metrics on ln, or when ln is nil on cfg.listenAddress. Its Watcher
// takes its first listing before start returns: connections made from then on are counted.
func start(cfg config, ln net.Listener, logger *slog.Logger) (*exporter, error) {
	if ln == nil {
		var err error
		if ln, err = net.Listen("tcp", cfg.listenAddress); err != nil {
			return nil, err
		}
	}
	reg := prometheus.NewRegistry()
	c := newCollector(logger)
	reg.MustRegister(c, versioncollector.NewCollector("ras_exporter"))
	if !cfg.disableExporterMetrics {
		reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	}
	e := &exporter{addr: ln.Addr(), served: make(chan error, 1), stopSampling: make(chan struct{}), sampled: make(chan struct{})}
	// A connection that comes up is read at once: its counters may be fast from the start.
	connected := make(chan struct{}, 1)
	if w, err := ras.NewWatcher(); err != nil {
		// Off Windows, or without the events it waits on: the rest still works.
		logger.Warn("no RAS watcher: connections made, ended and dropped are not counted", "err", err)
	} else {
		e.watcher, e.events = w, newEvents(logger, connected)
		reg.MustRegister(e.events)
		go e.events.watch(w)
	}
	go c.sampleLoop(e.stopSampling, connected, e.sampled)

	var metrics http.Handler = promhttp.HandlerFor(reg, promhttp.HandlerOpts{
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelError),
		// A metric that cannot be gathered is logged and left out: the scrape still answers.
		ErrorHandling: promhttp.ContinueOnError,
	})
	if !cfg.disableExporterMetrics {
		metrics = promhttp.InstrumentMetricHandler(reg, metrics)
	}
	mux := http.NewServeMux()
	mux.Handle(cfg.telemetryPath, metrics)
	mux.Handle("/", landingPage(cfg.telemetryPath))
	e.server = &http.Server{
		Handler:           mux,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	go func() { e.served <- e.server.Serve(ln) }()
	return e, nil
}

// Addr is the address the exporter serves on.
func (e *exporter) Addr() net.Addr { return e.addr }

// Failed delivers the error that ended serving before Close.
func (e *exporter) Failed() <-chan error { return e.served }

// Close stops serving, waiting up to shutdownGrace for scrapes in progress, and stops the
// sampling and the Watcher.
func (e *exporter) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), shutdownGrace)
	defer cancel()
	err := e.server.Shutdown(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		err = e.server.Close()
	}
	if err != nil {
		err = fmt.Errorf("stopping the HTTP server: %w", err)
	}
	close(e.stopSampling)
	<-e.sampled
	if e.watcher != nil {
		if werr := e.watcher.Close(); werr != nil {
			err = errors.Join(err, fmt.Errorf("stopping the RAS watcher: %w", werr))
		}
		<-e.events.done
	}
	return err
}
