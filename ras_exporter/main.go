// Ras_exporter exports the client-side Windows RAS connections (dial-up and VPN) as Prometheus
// metrics: how many there are, what each one is, its state, its traffic and error counters, its
// speed, how long it has been up and its addresses, and the connections made, ended and dropped
// since it started. It reads RAS at every scrape, through the winras library, and each
// connection's statistics in the background between scrapes, so that no wrap of Windows' 32-bit
// counters is missed.
//
// Usage:
//
//	ras_exporter [FLAGS]             serve until Ctrl-C (or, started by Windows, as a service)
//	ras_exporter install [FLAGS]     install the Windows service "ras_exporter", which runs with FLAGS
//	ras_exporter uninstall           remove it
//	ras_exporter service [FLAGS]     run as the service (what Windows starts)
//	ras_exporter --version
//
// Flags:
//
//	--web.listen-address ADDRESS    where to serve (default ":10727")
//	--web.telemetry-path PATH       the metrics' path (default "/metrics")
//	--web.disable-exporter-metrics  leave out the exporter's own go_* and process_* metrics
//	--log.file PATH                 log to PATH instead of stderr (or the event log)
//
// See README.md for the metrics.
package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/winras/ras/internal/procexit"
)

func main() {
	procexit.Exit(run(os.Args[1:]))
}

// run is the program: it returns the exit status, 2 for a usage error.
func run(args []string) int {
	logger := slog.New(slog.NewTextHandler(os.Stderr, nil))
	if len(args) > 0 && args[0] == cmdService || isService() {
		// Windows started the program: its arguments are those install gave the service, which
		// start with cmdService (a service installed by hand may have none).
		if len(args) > 0 && args[0] == cmdService {
			args = args[1:]
		}
		cfg, err := parseFlags(args)
		if err != nil {
			logger.Error("bad service arguments", "err", err)
			return 2
		}
		if err := runService(cfg); err != nil {
			logger.Error("service failed", "err", err)
			return 1
		}
		return 0
	}
	cmd, cfg, err := parseArgs(args)
	if errors.Is(err, errHelp) {
		fmt.Fprint(os.Stdout, usage)
		return 0
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ras_exporter: %v\n\n%s", err, usage)
		return 2
	}
	switch cmd {
	case cmdVersion:
		fmt.Println(versionString())
		return 0
	case cmdInstall:
		err = installService(args[1:])
	case cmdUninstall:
		err = uninstallService()
	default:
		if cfg.logFile != "" {
			var f *os.File
			if f, err = openLog(cfg.logFile); err != nil {
				break
			}
			defer f.Close()
			logger = slog.New(slog.NewTextHandler(f, nil))
		}
		err = console(cfg, logger)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "ras_exporter: %v\n", err)
		return 1
	}
	return 0
}

// console serves until Ctrl-C (SIGINT) or, on Windows, the console closing (SIGTERM). The
// signals stay caught until the process ends: under Wine, a second Ctrl-C that nobody catches
// (timeout and CI runners send two) would end it with status 0 before it has closed.
func console(cfg config, logger *slog.Logger) error {
	ctx, _ := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	e, err := start(cfg, nil, logger)
	if err != nil {
		return err
	}
	logger.Info("listening", "address", e.Addr().String(), "metrics", cfg.telemetryPath, "version", versionString())
	select {
	case <-ctx.Done():
		logger.Info("stopping")
		return e.Close()
	case err := <-e.Failed():
		e.Close()
		return fmt.Errorf("serving: %w", err)
	}
}
