//go:build windows

package main

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// useSim skips the test unless it runs against the simulator (wine/exec.sh with WINRAS_SIM set)
// and empties the simulated RAS service.
func useSim(t *testing.T) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skipf("needs the simulator; WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	require.True(t, rassim.Available(), "WINRAS_BACKEND=sim, but the loaded rasapi32.dll is not the simulator")
	require.NoError(t, rassim.Reset(rassim.Win7))
	t.Cleanup(func() { assert.NoError(t, rassim.Reset(rassim.Win7)) })
}

// rassimctl runs the command line args in this process and returns its exit status and output.
func rassimctl(args ...string) (code int, stdout, stderr string) {
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// handle runs a command line that prints a handle, and returns it.
func handle(t *testing.T, args ...string) ras.Handle {
	t.Helper()
	code, stdout, stderr := rassimctl(args...)
	require.Equal(t, 0, code, stderr)
	require.Regexp(t, "^0x[0-9a-f]+\n$", stdout, "printed as rasctl prints handles")
	h, err := parseNumber(strings.TrimSpace(stdout), "HANDLE")
	require.NoError(t, err)
	return ras.Handle(h)
}

func mustList(t *testing.T) []ras.Conn {
	t.Helper()
	conns, err := ras.Connections()
	require.NoError(t, err)
	return conns
}

func TestAddMakesAConnectionWithEveryField(t *testing.T) {
	useSim(t)
	h := handle(t, "add", "--entry", "Office VPN", "--phone", "vpn.example.com", "--device-name", "WAN Miniport (IKEv2)",
		"--phonebook", `C:\pbk\rasphone.pbk`, "--subentry", "1", "--entry-id", "{6B29FC40-CA47-1067-B31D-00DD010662DA}",
		"--correlation-id", "{00000001-0000-0000-0000-0000000000FF}", "--flags", "all_users,0x40",
		"--local", "192.0.2.10", "--remote", "2001:db8::1", "--substate", "2")
	conns := mustList(t)
	require.Len(t, conns, 1)
	c := conns[0]
	assert.Equal(t, h, c.Handle)
	assert.Equal(t, "Office VPN", c.Entry)
	assert.Equal(t, "vpn", c.DeviceType, "the default")
	assert.Equal(t, "WAN Miniport (IKEv2)", c.DeviceName)
	assert.Equal(t, `C:\pbk\rasphone.pbk`, c.Phonebook)
	assert.Equal(t, uint32(1), c.SubEntry)
	assert.Equal(t, "{6B29FC40-CA47-1067-B31D-00DD010662DA}", c.EntryID.String())
	assert.Equal(t, "{00000001-0000-0000-0000-0000000000FF}", c.CorrelationID.String())
	assert.Equal(t, ras.AllUsers|0x40, c.Flags)

	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Connected, st.State)
	assert.Equal(t, "vpn.example.com", st.PhoneNumber)
	assert.Equal(t, netip.MustParseAddr("192.0.2.10"), st.LocalEndpoint)
	assert.Equal(t, netip.MustParseAddr("2001:db8::1"), st.RemoteEndpoint)
	assert.Equal(t, ras.SubStateReconnecting, st.SubState)

	code, stdout, _ := rassimctl("list")
	assert.Equal(t, 0, code)
	assert.Equal(t, h.String()+"\n", stdout)
}

func TestDialStateConnectAndDrop(t *testing.T) {
	useSim(t)
	h := handle(t, "dial", "--phone", "5550123", "--device-type", "modem")
	assert.Empty(t, mustList(t), "RAS lists a connection once it has connected")

	code, _, stderr := rassimctl("state", h.String(), "authenticate")
	require.Equal(t, 0, code, stderr)
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Authenticate, st.State)

	code, _, stderr = rassimctl("state", h.String(), "0x1000")
	require.Equal(t, 0, code, stderr)
	st, err = ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Interactive, st.State)

	code, _, stderr = rassimctl("connect", h.String())
	require.Equal(t, 0, code, stderr)
	conns := mustList(t)
	require.Len(t, conns, 1)
	assert.Equal(t, "5550123", conns[0].PhoneNumber)
	assert.Empty(t, conns[0].Entry)

	code, _, stderr = rassimctl("drop", h.String(), "651")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, mustList(t))
	st, err = ras.Status(h)
	require.NoError(t, err, "a dropped connection's handle stays valid until it is hung up")
	assert.Equal(t, ras.Disconnected, st.State)
	var e *ras.Error
	require.ErrorAs(t, st.Err, &e)
	assert.EqualValues(t, 651, e.Code)
}

func TestResetForgetsEveryConnectionAndCanAnswerAsXP(t *testing.T) {
	useSim(t)
	handle(t, "add", "--entry", "Office VPN")
	code, _, stderr := rassimctl("reset", "--xp")
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, mustList(t))
	handle(t, "add", "--entry", "Office VPN")
	conns := mustList(t)
	require.Len(t, conns, 1)
	assert.False(t, conns[0].HasCorrelationID, "Windows XP's RASCONN has none")
}

func TestUsageErrorsExitWithStatus2(t *testing.T) {
	useSim(t)
	for _, tc := range []struct {
		args []string
		says string
	}{
		{nil, "Usage:"},
		{[]string{"remove"}, `rassimctl: unknown command "remove"`},
		{[]string{"connect"}, "rassimctl connect: missing HANDLE"},
		{[]string{"state", "0x801"}, "rassimctl state: missing STATE"},
		{[]string{"state", "0x801", "Dozing"}, `STATE "Dozing": not a number nor a state's name`},
		{[]string{"drop", "0x801", "651", "more"}, `unexpected argument "more"`},
		{[]string{"drop", "VPN"}, `HANDLE "VPN": not a number`},
		{[]string{"add", "--entry-id", "6B29FC40"}, `--entry-id "6B29FC40": not a GUID`},
		{[]string{"add", "--flags", "everyone"}, `--flags "everyone": all_users, global_creds or a number`},
		{[]string{"add", "--remote", "vpn.example.com"}, "--remote: ParseAddr"},
		{[]string{"reset", "--vista"}, "flag provided but not defined: -vista"},
	} {
		code, stdout, stderr := rassimctl(tc.args...)
		assert.Equal(t, 2, code, tc.args)
		assert.Empty(t, stdout, tc.args)
		assert.Contains(t, stderr, tc.says, tc.args)
	}
	assert.Empty(t, mustList(t), "no usage error added a connection")
}

func TestHelpGoesToStdout(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"help"}, {"add", "--help"}, {"drop", "-h"}} {
		code, stdout, stderr := rassimctl(args...)
		assert.Equal(t, 0, code, args)
		assert.Equal(t, usageText, stdout, args)
		assert.Empty(t, stderr, args)
	}
}

func TestHoldKeepsTheServiceUntilItsContextEnds(t *testing.T) {
	useSim(t)
	ctx, cancel := context.WithCancel(context.Background())
	var out, errOut bytes.Buffer
	code := make(chan int, 1)
	go func() { code <- run(ctx, []string{"hold"}, &out, &errOut) }()
	select {
	case c := <-code:
		t.Fatalf("hold ended before its context, with status %d: %s", c, errOut.String())
	case <-time.After(100 * time.Millisecond):
	}
	cancel()
	assert.Equal(t, 0, <-code)
	assert.Empty(t, out.String())
	assert.Regexp(t, `^holding the simulated RAS service of namespace "[^"]+"; Ctrl-C ends it\n$`, errOut.String())
}

func TestItSaysWhenTheLoadedRasapi32IsNotTheSimulator(t *testing.T) {
	if os.Getenv("WINRAS_BACKEND") != "builtin" {
		t.Skipf("needs Wine's builtin rasapi32; WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	code, _, stderr := rassimctl("list")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "rassimctl list: the loaded rasapi32.dll is not the simulator")
}
