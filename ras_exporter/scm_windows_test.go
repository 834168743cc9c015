//go:build windows

package main

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
	"golang.org/x/sys/windows/svc"
	"golang.org/x/sys/windows/svc/mgr"

	"github.com/winras/ras/internal/procexit"
	"github.com/winras/ras/rassim"
)

// runMainEnv makes the test binary run the program with its arguments instead of the tests: so
// a test runs "ras_exporter install", and the service control manager "ras_exporter service",
// with this binary standing for ras_exporter.exe.
const runMainEnv = "RAS_EXPORTER_TEST_MAIN"

// TestMain ends the process as main does, and the test binary as rassim.Exit does: the way Wine
// 8 cannot turn into a SIGKILL (wine/README.md).
func TestMain(m *testing.M) {
	if os.Getenv(runMainEnv) != "" || len(os.Args) > 1 && os.Args[1] == cmdService {
		procexit.Exit(run(os.Args[1:]))
	}
	rassim.Exit(m.Run())
}

// scmBound bounds each wait on the service control manager, and the stop: "within seconds",
// with room for a loaded machine.
const scmBound = 20 * time.Second

// The service for real, under Wine's service control manager: "ras_exporter install", a start,
// a scrape, a stop request (which ends the process within seconds), "ras_exporter uninstall".
// It logs to the file --log.file names (Wine's event log keeps nothing to read back).
func TestTheServiceRunsUnderTheServiceControlManager(t *testing.T) {
	m, err := connectManager()
	require.NoError(t, err, "Wine has a service control manager")
	defer m.Disconnect()
	removeService(m) // what a run that failed half-way left
	waitUninstalled(t, m)
	// Not in t.TempDir: Wine 8 cannot remove a folder as Go 1.26 does ("Invalid function").
	logFile := filepath.Join(os.TempDir(), fmt.Sprintf("ras_exporter_test_%d.log", os.Getpid()))
	t.Cleanup(func() { os.Remove(logFile) })

	runMain(t, "install", "--web.listen-address", "127.0.0.1:0", "--log.file", logFile)
	t.Cleanup(func() { removeService(m) })
	s, err := m.OpenService(serviceName)
	require.NoError(t, err)
	closed := false
	defer func() {
		if !closed {
			s.Close()
		}
	}()
	require.NoError(t, s.Start())
	running := waitState(t, s, svc.Running)
	process, err := windows.OpenProcess(windows.SYNCHRONIZE, false, running.ProcessId)
	require.NoError(t, err, "the service's process, %d", running.ProcessId)
	defer windows.CloseHandle(process)

	addr := listening(t, logFile)
	resp, err := fresh.Get("http://" + addr + "/metrics")
	require.NoError(t, err)
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Regexp(t, `(?m)^ras_up 1$`, string(body))
	assert.Regexp(t, `(?m)^ras_exporter_build_info\{.*\} 1$`, string(body))

	_, err = s.Control(svc.Stop)
	require.NoError(t, err)
	stopped := waitState(t, s, svc.Stopped)
	assert.Equal(t, uint32(0), stopped.Win32ExitCode, "a clean stop")
	ev, err := windows.WaitForSingleObject(process, uint32(scmBound/time.Millisecond))
	require.NoError(t, err)
	assert.Equal(t, uint32(windows.WAIT_OBJECT_0), ev, "the process ended with the service")
	log, err := os.ReadFile(logFile)
	require.NoError(t, err)
	assert.Contains(t, string(log), "msg=stopped")

	s.Close() // Windows deletes a service once no handle to it is open
	closed = true
	runMain(t, "uninstall")
	waitUninstalled(t, m)
}

// runMain runs the program (this test binary, as TestMain makes it) with args, which must
// succeed.
func runMain(t *testing.T, args ...string) {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	var out bytes.Buffer
	cmd, err := rassim.StartProcess(func() *exec.Cmd {
		cmd := exec.Command(exe, args...)
		cmd.Env = append(os.Environ(), runMainEnv+"=1")
		cmd.Stdout, cmd.Stderr = &out, &out
		return cmd
	})
	require.NoError(t, err)
	require.NoError(t, cmd.Wait(), "ras_exporter %s: %s", strings.Join(args, " "), out.String())
}

// waitState waits until the service is in state, and returns its status.
func waitState(t *testing.T, s *mgr.Service, state svc.State) svc.Status {
	t.Helper()
	deadline := time.Now().Add(scmBound)
	for {
		st, err := s.Query()
		require.NoError(t, err)
		if st.State == state {
			return st
		}
		require.True(t, time.Now().Before(deadline), "the service is in state %d, not %d, after %v", st.State, state, scmBound)
		time.Sleep(50 * time.Millisecond)
	}
}

// waitUninstalled waits until no service has the exporter's name: Windows deletes one when the
// last handle to it closes.
func waitUninstalled(t *testing.T, m *mgr.Mgr) {
	t.Helper()
	deadline := time.Now().Add(scmBound)
	for {
		s, err := m.OpenService(serviceName)
		if err != nil {
			return
		}
		s.Close()
		require.True(t, time.Now().Before(deadline), "the service %s is still installed after %v", serviceName, scmBound)
		time.Sleep(50 * time.Millisecond)
	}
}

// listening waits for the service's log to say where it listens, and returns the address.
func listening(t *testing.T, logFile string) string {
	t.Helper()
	re := regexp.MustCompile(`msg=listening address=(\S+)`)
	deadline := time.Now().Add(scmBound)
	for {
		if f, err := os.Open(logFile); err == nil {
			sc := bufio.NewScanner(f)
			for sc.Scan() {
				if m := re.FindStringSubmatch(sc.Text()); m != nil {
					f.Close()
					return m[1]
				}
			}
			f.Close()
		}
		require.True(t, time.Now().Before(deadline), "the service did not log where it listens in %v", scmBound)
		time.Sleep(50 * time.Millisecond)
	}
}

// removeService stops and deletes the exporter's service if it is there: it starts with Windows,
// and would start with the next Wine server of the prefix.
func removeService(m *mgr.Mgr) {
	if s, err := m.OpenService(serviceName); err == nil {
		s.Control(svc.Stop)
		s.Delete()
		s.Close()
	}
}
