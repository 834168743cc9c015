//go:build windows

package main

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"strings"

	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/eventlog"
)

// serviceName is the Windows service's name, and its event log source's.
const (
	serviceName        = "ras_exporter"
	serviceDisplayName = "Prometheus RAS exporter"
)

// isService reports whether Windows' service control manager started the program.
func isService() bool {
	ok, err := svc.IsWindowsService()
	return err == nil && ok
}

// runService runs the exporter as the service until Windows stops it; it logs to cfg.logFile,
// or without one to the Application event log, under the source install registered.
func runService(cfg config) error {
	var out io.Writer = io.Discard
	var logFileErr error
	if cfg.logFile != "" {
		f, err := openLog(cfg.logFile)
		if err == nil {
			defer f.Close()
			out = f
		}
		logFileErr = err
	}
	if out == io.Discard {
		if elog, err := eventlog.Open(serviceName); err == nil {
			defer elog.Close()
			out = eventlogWriter{elog}
		}
	}
	logger := slog.New(slog.NewTextHandler(out, nil))
	if logFileErr != nil {
		logger.Error("cannot log to the file: logging here instead", "err", logFileErr)
	}
	return svc.Run(serviceName, &service{cfg: cfg, logger: logger})
}

// service is the exporter as a Windows service.
type service struct {
	cfg    config
	logger *slog.Logger
	ln     net.Listener // when set, served on instead of cfg.listenAddress
}

// The exit codes Execute returns, as service-specific codes.
const (
	exitCannotStart = 1 // it could not listen
	exitServeFailed = 2 // serving failed
)

// Execute serves until Windows asks the service to stop (a stop request, or the machine
// shutting down), then stops serving and returns. It implements svc.Handler.
func (s *service) Execute(_ []string, requests <-chan svc.ChangeRequest, status chan<- svc.Status) (bool, uint32) {
	status <- svc.Status{State: svc.StartPending}
	e, err := start(s.cfg, s.ln, s.logger)
	if err != nil {
		s.logger.Error("cannot start", "err", err)
		return true, exitCannotStart
	}
	s.logger.Info("listening", "address", e.Addr().String(), "metrics", s.cfg.telemetryPath, "version", versionString())
	status <- svc.Status{State: svc.Running, Accepts: svc.AcceptStop | svc.AcceptShutdown}
	for {
		select {
		case r := <-requests:
			switch r.Cmd {
			case svc.Interrogate:
				status <- r.CurrentStatus
			case svc.Stop, svc.Shutdown:
				status <- svc.Status{State: svc.StopPending}
				if err := e.Close(); err != nil {
					s.logger.Warn("stopping", "err", err)
				}
				s.logger.Info("stopped")
				return false, 0
			default:
				s.logger.Warn("unexpected service request", "cmd", r.Cmd)
			}
		case err := <-e.Failed():
			s.logger.Error("serving failed", "err", err)
			status <- svc.Status{State: svc.StopPending}
			e.Close()
			return true, exitServeFailed
		}
	}
}

// eventlogWriter writes each log line as an event of the line's level.
type eventlogWriter struct{ log *eventlog.Log }

// Write writes one line that slog's text handler made: an error event for level=ERROR, a
// warning for level=WARN, else information.
func (w eventlogWriter) Write(p []byte) (int, error) {
	line := strings.TrimSpace(string(p))
	var err error
	switch {
	case strings.Contains(line, " level=ERROR "):
		err = w.log.Error(1, line)
	case strings.Contains(line, " level=WARN "):
		err = w.log.Warning(1, line)
	default:
		err = w.log.Info(1, line)
	}
	if err != nil {
		return 0, fmt.Errorf("event log: %w", err)
	}
	return len(p), nil
}

// installService installs the service, to start with Windows and run the program as the
// service with args (flags, which parseArgs has checked), and registers its event log source.
func installService(args []string) error {
	exe, err := os.Executable()
	if err != nil {
		return err
	}
	m, err := connectManager()
	if err != nil {
		return err
	}
	defer m.Disconnect()
	return install(m, serviceName, serviceDisplayName, exe, append([]string{cmdService}, args...))
}

// uninstallService removes the service and its event log source.
func uninstallService() error {
	m, err := connectManager()
	if err != nil {
		return err
	}
	defer m.Disconnect()
	return uninstall(m, serviceName)
}
