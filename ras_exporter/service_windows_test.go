//go:build windows

package main

import (
	"fmt"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/registry"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/eventlog"
	"golang.org/x/sys/windows/svc/mgr"
)

// These tests drive the service's Execute as Windows' service control manager would, through
// its request and status channels; scm_windows_test.go runs the service for real.

// execute runs s.Execute on a goroutine, and returns its channels and its result's.
func execute(s *service) (chan<- svc.ChangeRequest, <-chan svc.Status, <-chan [2]any) {
	requests := make(chan svc.ChangeRequest)
	status := make(chan svc.Status)
	done := make(chan [2]any, 1)
	go func() {
		ssec, code := s.Execute(nil, requests, status)
		done <- [2]any{ssec, code}
	}()
	return requests, status, done
}

func TestServiceServesUntilWindowsStopsIt(t *testing.T) {
	for _, stop := range []svc.Cmd{svc.Stop, svc.Shutdown} {
		t.Run(fmt.Sprint(stop), func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			require.NoError(t, err)
			url := "http://" + ln.Addr().String() + "/metrics"
			requests, status, done := execute(&service{cfg: config{telemetryPath: "/metrics"}, logger: testLogger(t), ln: ln})

			assert.Equal(t, svc.Status{State: svc.StartPending}, <-status)
			running := <-status
			assert.Equal(t, svc.Status{State: svc.Running, Accepts: svc.AcceptStop | svc.AcceptShutdown}, running)
			resp, err := fresh.Get(url)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, http.StatusOK, resp.StatusCode)

			requests <- svc.ChangeRequest{Cmd: svc.Interrogate, CurrentStatus: running}
			assert.Equal(t, running, <-status, "an interrogation is answered with the current status")

			requests <- svc.ChangeRequest{Cmd: stop}
			assert.Equal(t, svc.Status{State: svc.StopPending}, <-status)
			assert.Equal(t, [2]any{false, uint32(0)}, <-done, "a clean stop")
			_, err = fresh.Get(url)
			assert.Error(t, err, "the server stopped with the service")
		})
	}
}

func TestServiceThatCannotListenSaysSo(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()
	_, status, done := execute(&service{cfg: config{listenAddress: taken.Addr().String(), telemetryPath: "/metrics"}, logger: testLogger(t)})
	assert.Equal(t, svc.Status{State: svc.StartPending}, <-status)
	assert.Equal(t, [2]any{true, uint32(exitCannotStart)}, <-done)
}

// Wine has a service control manager: install and uninstall are tested against it, under a
// name of the test's own (Windows keeps a deleted service's name a while: each run takes a new one).
func TestInstallAndUninstall(t *testing.T) {
	m, err := connectManager()
	if err != nil {
		t.Skipf("no service control manager: %v", err)
	}
	defer m.Disconnect()
	name := fmt.Sprintf("ras_exporter_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	exe := `C:\Program Files\ras_exporter\ras_exporter.exe`
	display := name + " display" // a display name is unique too: concurrent runs of the test share Wine's
	require.NoError(t, install(m, name, display, exe, []string{"--web.listen-address", ":9999"}))
	installed := true
	defer func() {
		if installed {
			uninstall(m, name)
		}
	}()
	assert.ErrorContains(t, install(m, name, display, exe, nil), "already installed")

	path, start, shown := serviceConfig(t, m, name)
	assert.Equal(t, `"`+exe+`" --web.listen-address :9999`, path)
	assert.Equal(t, uint32(mgr.StartAutomatic), start)
	assert.Equal(t, name+" display", shown)
	source := `SYSTEM\CurrentControlSet\Services\EventLog\Application\` + name
	k, err := registry.OpenKey(registry.LOCAL_MACHINE, source, registry.QUERY_VALUE)
	require.NoError(t, err, "the event log source")
	k.Close()

	require.NoError(t, uninstall(m, name))
	installed = false
	_, err = registry.OpenKey(registry.LOCAL_MACHINE, source, registry.QUERY_VALUE)
	assert.Error(t, err, "the event log source is gone")
	err = uninstall(m, name)
	assert.True(t, err != nil && strings.Contains(err.Error(), "not installed"), "%v", err)
}

// An uninstall that failed half-way may leave the event log source: install keeps it, and the
// next uninstall removes it.
func TestInstallKeepsAnEventLogSourceLeftBehind(t *testing.T) {
	m, err := connectManager()
	require.NoError(t, err, "Wine has a service control manager")
	defer m.Disconnect()
	name := fmt.Sprintf("ras_exporter_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	require.NoError(t, eventlog.InstallAsEventCreate(name, eventlog.Info))
	require.NoError(t, install(m, name, name+" display", `C:\ras_exporter.exe`, nil))
	require.NoError(t, uninstall(m, name))
	assert.False(t, eventSourceExists(name))
}

// serviceConfig reads a service's command line, start type and display name with
// QueryServiceConfigW (mgr's Config also asks QueryServiceConfig2W for more, which Wine refuses).
func serviceConfig(t *testing.T, m *mgr.Mgr, name string) (path string, start uint32, display string) {
	t.Helper()
	s, err := m.OpenService(name)
	require.NoError(t, err)
	defer s.Close()
	var needed uint32
	err = windows.QueryServiceConfig(s.Handle, nil, 0, &needed)
	require.ErrorIs(t, err, windows.ERROR_INSUFFICIENT_BUFFER)
	buf := make([]byte, needed)
	c := (*windows.QUERY_SERVICE_CONFIG)(unsafe.Pointer(&buf[0]))
	require.NoError(t, windows.QueryServiceConfig(s.Handle, c, needed, &needed))
	return windows.UTF16PtrToString(c.BinaryPathName), c.StartType, windows.UTF16PtrToString(c.DisplayName)
}
