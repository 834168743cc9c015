//go:build windows

package main

import (
	"errors"
	"fmt"

	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
	"golang.org/x/sys/windows/svc/eventlog"
	"golang.org/x/sys/windows/svc/mgr"
)

// connectManager connects to the service control manager, saying what it takes when it refuses.
func connectManager() (*mgr.Mgr, error) {
	m, err := mgr.Connect()
	if errors.Is(err, windows.ERROR_ACCESS_DENIED) {
		return nil, fmt.Errorf("connecting to the service control manager: %w (run it as an administrator)", err)
	}
	if err != nil {
		return nil, fmt.Errorf("connecting to the service control manager: %w", err)
	}
	return m, nil
}

// install creates the service name, shown as display (Windows wants both unique), started with
// Windows, which runs exe with args, and its event log source. A source that is there already
// (an uninstall that failed half-way left it) is kept as it is.
func install(m *mgr.Mgr, name, display, exe string, args []string) error {
	if s, err := m.OpenService(name); err == nil {
		s.Close()
		return fmt.Errorf("the service %s is already installed (uninstall it first)", name)
	}
	s, err := m.CreateService(name, exe, mgr.Config{
		DisplayName: display,
		Description: "Exports this machine's RAS connections (dial-up and VPN) as Prometheus metrics.",
		StartType:   mgr.StartAutomatic,
	}, args...)
	if err != nil {
		return fmt.Errorf("creating the service %s: %w", name, err)
	}
	defer s.Close()
	if eventSourceExists(name) {
		return nil
	}
	if err := eventlog.InstallAsEventCreate(name, eventlog.Error|eventlog.Warning|eventlog.Info); err != nil {
		s.Delete()
		return fmt.Errorf("registering the event log source %s: %w", name, err)
	}
	return nil
}

// uninstall deletes the service name (Windows removes it once it has stopped) and its event log
// source.
func uninstall(m *mgr.Mgr, name string) error {
	s, err := m.OpenService(name)
	if err != nil {
		return fmt.Errorf("the service %s is not installed: %w", name, err)
	}
	defer s.Close()
	if err := s.Delete(); err != nil {
		return fmt.Errorf("deleting the service %s: %w", name, err)
	}
	if err := eventlog.Remove(name); err != nil {
		return fmt.Errorf("removing the event log source %s: %w", name, err)
	}
	return nil
}

// eventSourceExists reports whether the Application event log has the source name.
func eventSourceExists(name string) bool {
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, `SYSTEM\CurrentControlSet\Services\EventLog\Application\`+name, registry.QUERY_VALUE)
	if err != nil {
		return false
	}
	k.Close()
	return true
}
