package main

import (
	"errors"
	"fmt"
	"log/slog"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/winras/ras"
)

// failures counts the RAS calls that failed during scrapes, by call and Windows code. Both label
// sets are bounded: the calls are the few the exporter makes, the codes Windows' error codes.
type failures struct {
	counts *prometheus.CounterVec
	logger *slog.Logger
	logged map[[2]string]bool // the calls and codes logged; the collector's lock guards it
}

func newFailures(logger *slog.Logger) *failures {
	return &failures{
		counts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "ras_call_failures_total",
			Help: "RAS calls that failed during scrapes, by call and Windows error code (711: the RAS service is not running).",
		}, []string{"call", "code"}),
		logger: logger,
		logged: map[[2]string]bool{},
	}
}

// add counts err, a failure of call; an error that names its call (a ras.Error) counts under
// that name. The first failure of each call and code is logged: a scrape every few seconds while
// RAS is down would flood the log.
func (f *failures) add(call string, err error) {
	call, code := callAndCode(call, err)
	if key := [2]string{call, code}; !f.logged[key] {
		f.logged[key] = true
		f.logger.Warn("RAS call failed (counted in ras_call_failures_total; logged once per call and code)",
			"call", call, "code", code, "err", err)
	}
	f.counts.WithLabelValues(call, code).Inc()
}

// callAndCode are the labels of a failure: the call and code a ras.Error names, as
// ras.Error.Error prints them (an HRESULT in hexadecimal), or call and "none" for an error with
// no Windows code (ras.ErrNotSupported, off Windows).
func callAndCode(call string, err error) (string, string) {
	var e *ras.Error
	if !errors.As(err, &e) {
		return call, "none"
	}
	if e.Call != "" {
		call = e.Call
	}
	return call, codeLabel(e.Code)
}

// codeLabel is a Windows code as ras.Error prints it: decimal, or hexadecimal for an HRESULT.
func codeLabel(code ras.Errno) string {
	if uint32(code) >= 1<<31 {
		return fmt.Sprintf("%#08x", uint32(code))
	}
	return fmt.Sprint(uint32(code))
}
