//go:build windows

package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

const (
	userBook = `C:\users\alice\AppData\Roaming\Microsoft\Network\Connections\Pbk\rasphone.pbk`
	allBook  = `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`
)

// officeEntry connects in five states, the credentials it takes saved.
var officeEntry = rassim.Entry{
	Name: "Office VPN", Phonebook: allBook, AllUsers: true, DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
	PhoneNumber: "vpn.example.com", User: "alice", Password: "s3cret!", Saved: true,
	Script: []rassim.Step{
		{State: ras.OpenPort}, {State: ras.ConnectDevice}, {State: ras.Authenticate},
		{State: ras.Authenticated}, {State: ras.ApplySettings},
	},
}

var officeStates = []string{"OpenPort", "ConnectDevice", "Authenticate", "Authenticated", "ApplySettings", "Connected"}

func addEntry(t *testing.T, e rassim.Entry) {
	t.Helper()
	require.NoError(t, rassim.AddEntry(e))
}

func requireNoOpenHandles(t *testing.T) {
	t.Helper()
	n, err := rassim.OpenHandles()
	require.NoError(t, err)
	require.Zero(t, n, "handles RAS gave out and nobody hung up")
}

func TestEntriesPrintsATableAndJSON(t *testing.T) {
	useSim(t, rassim.Win7)
	r := rasctl(t, "entries", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "[]\n", r.stdout, "none is an empty array")
	r = rasctl(t, "entries")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Equal(t, "no phone-book entries\n", r.stdout)

	addEntry(t, rassim.Entry{Name: "Office VPN", Phonebook: userBook})
	addEntry(t, officeEntry)
	r = rasctl(t, "entries")
	require.Equal(t, 0, r.code, r.stderr)
	var want bytes.Buffer
	tw := newTable(&want)
	fmt.Fprintln(tw, "ENTRY\tBOOK\tPHONEBOOK")
	fmt.Fprintf(tw, "Office VPN\tuser\t%s\n", userBook)
	fmt.Fprintf(tw, "Office VPN\tall users\t%s\n", allBook)
	require.NoError(t, tw.Flush())
	assert.Equal(t, want.String(), r.stdout)

	r = rasctl(t, "entries", "--json", "--phonebook", allBook)
	require.Equal(t, 0, r.code, r.stderr)
	var list []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &list))
	assert.Equal(t, []map[string]any{{"name": "Office VPN", "phonebook": allBook, "all_users": true}}, list)
}

func TestDialPrintsEachStateThenTheConnection(t *testing.T) {
	useSim(t, rassim.Win7)
	addEntry(t, officeEntry)
	r := rasctl(t, "dial", "Office VPN", "--phonebook", allBook)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, len(officeStates)+1, r.stdout)
	assert.Equal(t, officeStates, lines[:len(officeStates)])
	handles, err := rassim.Connections()
	require.NoError(t, err)
	require.Len(t, handles, 1, "it stays connected after rasctl exits")
	assert.Regexp(t, `^connected `+handles[0].String()+` Office VPN in \d+ms$`, lines[len(lines)-1])
	require.Equal(t, 0, rasctl(t, "hangup", handles[0].String()).code)
	requireNoOpenHandles(t)
}

func TestDialJSONIsAStateALineThenTheOutcome(t *testing.T) {
	useSim(t, rassim.Win7)
	addEntry(t, officeEntry)
	r := rasctlWithInput(t, "s3cret!\r\n", "dial", "--json", "Office VPN", "--phonebook", allBook, "--user", "alice", "--password-stdin")
	require.Equal(t, 0, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, len(officeStates)+1, r.stdout)
	for i, line := range lines[:len(officeStates)] {
		var s map[string]any
		require.NoError(t, json.Unmarshal([]byte(line), &s), line)
		assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d)$`, s["time"])
		assert.Equal(t, officeStates[i], s["state"])
		assert.Len(t, s, 3, line)
	}
	assert.Contains(t, lines[0], `"state_code":0}`)
	assert.Contains(t, lines[len(officeStates)-1], `"state":"Connected","state_code":8192}`)
	var outcome struct {
		Connection *connJSON
		Connected  bool
		Error      *errorJSON
		ElapsedMS  *int64 `json:"elapsed_ms"`
	}
	last := lines[len(lines)-1]
	require.NoError(t, json.Unmarshal([]byte(last), &outcome))
	assert.True(t, outcome.Connected)
	assert.Nil(t, outcome.Error)
	assert.Contains(t, last, `"error":null`)
	require.NotNil(t, outcome.ElapsedMS)
	require.NotNil(t, outcome.Connection)
	assert.Equal(t, "Office VPN", outcome.Connection.Entry)
	assert.Equal(t, allBook, outcome.Connection.Phonebook)
	assert.Equal(t, []string{"all_users"}, outcome.Connection.Flags)
	require.Equal(t, 0, rasctl(t, "hangup", outcome.Connection.Handle).code)
	requireNoOpenHandles(t)
}

func TestDialThatFailsHangsUpAndExitsWith1(t *testing.T) {
	useSim(t, rassim.Win7)
	addEntry(t, officeEntry)
	r := rasctlWithInput(t, "wrong-Password\n", "dial", "Office VPN", "--phonebook", allBook, "--user", "alice", "--password-stdin", "--json")
	require.Equal(t, 1, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	var outcome dialJSON
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &outcome))
	assert.False(t, outcome.Connected)
	assert.Nil(t, outcome.Connection)
	require.NotNil(t, outcome.Error)
	assert.Equal(t, uint32(691), outcome.Error.Code)
	assert.Contains(t, outcome.Error.Message, "failed at Authenticate")
	assert.Contains(t, lines[len(lines)-1], `"connection":null`)
	assert.Contains(t, r.stderr, "rasctl dial: ")
	assert.NotContains(t, r.stdout+r.stderr, "wrong-Password")
	requireNoOpenHandles(t)

	r = rasctl(t, "dial", "Nowhere")
	assert.Equal(t, 1, r.code)
	assert.Contains(t, r.stderr, "623")
	requireNoOpenHandles(t)
}

func TestDialReadsOneLineOfPassword(t *testing.T) {
	useSim(t, rassim.Win7)
	addEntry(t, officeEntry)
	r := rasctlWithInput(t, "", "dial", "Office VPN", "--user", "alice", "--password-stdin")
	assert.Equal(t, 2, r.code)
	assert.Contains(t, r.stderr, "--password-stdin: no password on standard input")
	r = rasctlWithInput(t, "s3cret!", "dial", "Office VPN", "--phonebook", allBook, "--user", "alice", "--password-stdin")
	require.Equal(t, 0, r.code, "a last line without its line ending: %s", r.stderr)
	handles, err := rassim.Connections()
	require.NoError(t, err)
	require.Len(t, handles, 1)
	require.Equal(t, 0, rasctl(t, "hangup", handles[0].String()).code)
}

func TestDialThatTimesOutHangsUpAndExitsWith1(t *testing.T) {
	useSim(t, rassim.Win7)
	slow := officeEntry
	slow.Script = []rassim.Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: time.Hour}}
	addEntry(t, slow)
	r := rasctl(t, "dial", "Office VPN", "--timeout", "300ms", "--json")
	require.Equal(t, 1, r.code, r.stderr)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	require.Len(t, lines, 2, r.stdout)
	assert.Contains(t, lines[0], `"state":"OpenPort"`)
	var outcome dialJSON
	require.NoError(t, json.Unmarshal([]byte(lines[1]), &outcome))
	assert.False(t, outcome.Connected)
	require.NotNil(t, outcome.Error)
	assert.Contains(t, outcome.Error.Message, "context deadline exceeded; hung up")
	assert.GreaterOrEqual(t, outcome.ElapsedMS, int64(300))
	requireNoOpenHandles(t)
}

func TestDialInterruptedByCtrlCHangsUpAndExitsWith1(t *testing.T) {
	for _, presses := range []int{1, 2} {
		t.Run(fmt.Sprintf("%d Ctrl-C", presses), func(t *testing.T) { testDialInterrupted(t, presses) })
	}
}

// testDialInterrupted interrupts a dial with presses Ctrl-Cs in a row: the later ones come while
// rasctl hangs up (the simulator takes its time to say the connection is gone), and must not end
// it before that (timeout and CI runners send two, to the process and to its group; under Wine a
// Ctrl-C nobody catches ends the process with status 0).
func testDialInterrupted(t *testing.T, presses int) {
	useSim(t, rassim.Win7)
	require.NoError(t, rassim.SetLinger(time.Second))
	slow := officeEntry
	slow.Script = []rassim.Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: time.Hour}}
	addEntry(t, slow)
	var out io.Reader
	var stderr bytes.Buffer
	cmd := startRasctl(t, func() *exec.Cmd {
		cmd := rasctlCommand(t, "dial", "Office VPN")
		cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_CONSOLE}
		pipe, err := cmd.StdoutPipe()
		require.NoError(t, err)
		out, cmd.Stderr = pipe, &stderr
		return cmd
	})
	t.Cleanup(func() { cmd.Process.Kill() })
	lines := bufio.NewReader(out)
	assert.Equal(t, "OpenPort\n", readLine(t, lines))

	for range presses {
		pressCtrlC(t, cmd.Process.Pid)
	}
	rest, err := io.ReadAll(lines)
	require.NoError(t, err)
	err = cmd.Wait()
	var exit *exec.ExitError
	require.ErrorAs(t, err, &exit, "rasctl exited with status 0: it said the dial succeeded")
	assert.Equal(t, 1, exit.ExitCode())
	assert.Empty(t, rest)
	assert.Contains(t, stderr.String(), "context canceled; hung up")
	requireNoOpenHandles(t)
}
