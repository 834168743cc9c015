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
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
	"golang.org/x/sys/windows"
)

// The simulator's RAS exports, called directly where a test pins the exact answer.
var (
	rasapi32           = windows.NewLazyDLL("rasapi32.dll")
	procHangUp         = rasapi32.NewProc("RasHangUpW")
	procEnumConns      = rasapi32.NewProc("RasEnumConnectionsW")
	procEnumEntries    = rasapi32.NewProc("RasEnumEntriesW")
	procNotification   = rasapi32.NewProc("RasConnectionNotificationW")
	invalidHandleValue = ^uintptr(0)
)

//go:uintptrescapes
func rasCall(p *windows.LazyProc, args ...uintptr) uint32 {
	r, _, _ := p.Call(args...)
	return uint32(r)
}

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
		{[]string{"add", "--unterminated", "entry,name"}, `--unterminated "name": entry, device-type, device-name, phonebook or phone`},
		{[]string{"reuse"}, "rassimctl reuse: missing HANDLE"},
		{[]string{"gone-code", "87"}, "CODE 87: 6 or 668"},
		{[]string{"lie", "HangUp", "needed", "1"}, `FUNC "HangUp": EnumConnections or EnumEntries`},
		{[]string{"lie", "EnumConnections", "maybe", "1"}, `KIND "maybe": needed or count`},
		{[]string{"lie", "EnumConnections", "needed"}, "missing VALUE"},
		{[]string{"clear-faults", "now"}, `unexpected argument "now"`},
		{[]string{"notify-delay", "soon"}, `DURATION "soon": not a duration`},
		{[]string{"registration-per-call", "yes"}, `"yes": on or off`},
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

func TestReuseGivesTheNextConnectionAGoneHandle(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	h := handle(t, "add", "--entry", "Office VPN")
	require.EqualValues(t, 0, rasCall(procHangUp, uintptr(h)))
	code, _, stderr := rassimctl("reuse", h.String())
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, h, handle(t, "dial", "--entry", "Office VPN"), "the same handle, a new connection")

	code, _, stderr = rassimctl("reuse", h.String())
	assert.Equal(t, 1, code, "a valid handle")
	assert.Contains(t, stderr, "rassimctl reuse: ")
}

func TestGoneCodeSetsWhatAGoneHandleAnswers(t *testing.T) {
	useSim(t)
	code, _, stderr := rassimctl("gone-code", "668")
	require.Equal(t, 0, code, stderr)
	assert.EqualValues(t, 668, rasCall(procHangUp, 0x12345), "ERROR_NO_CONNECTION")
	code, _, stderr = rassimctl("gone-code", "6")
	require.Equal(t, 0, code, stderr)
	assert.EqualValues(t, 6, rasCall(procHangUp, 0x12345))
}

func TestLieAndClearFaults(t *testing.T) {
	useSim(t)
	handle(t, "add", "--entry", "Office VPN")
	code, _, stderr := rassimctl("lie", "EnumConnections", "needed", "0xFFFFFFF0")
	require.Equal(t, 0, code, stderr)
	var cb, n uint32
	assert.EqualValues(t, 603, rasCall(procEnumConns, 0, uintptr(unsafe.Pointer(&cb)), uintptr(unsafe.Pointer(&n))))
	assert.EqualValues(t, uint32(0xFFFFFFF0), cb)

	code, _, stderr = rassimctl("lie", "enumentries", "count", "3")
	require.Equal(t, 0, code, stderr)
	assert.EqualValues(t, 0, rasCall(procEnumEntries, 0, 0, 0, uintptr(unsafe.Pointer(&cb)), uintptr(unsafe.Pointer(&n))))
	assert.EqualValues(t, 3, n, "any case")

	code, _, stderr = rassimctl("clear-faults")
	require.Equal(t, 0, code, stderr)
	rasCall(procEnumEntries, 0, 0, 0, uintptr(unsafe.Pointer(&cb)), uintptr(unsafe.Pointer(&n)))
	assert.EqualValues(t, 0, n, "the truth again")
	conns := mustList(t)
	assert.Len(t, conns, 1)
}

func TestNotifyDelayMakesNotificationsLate(t *testing.T) {
	useSim(t)
	code, _, stderr := rassimctl("notify-delay", "300ms")
	require.Equal(t, 0, code, stderr)
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	defer windows.CloseHandle(ev)
	require.EqualValues(t, 0, rasCall(procNotification, invalidHandleValue, uintptr(ev), 1))
	handle(t, "add", "--entry", "Office VPN")
	r, _ := windows.WaitForSingleObject(ev, 0)
	assert.NotEqual(t, uint32(windows.WAIT_OBJECT_0), r, "not signalled when add returned")
	r, _ = windows.WaitForSingleObject(ev, 10_000)
	assert.Equal(t, uint32(windows.WAIT_OBJECT_0), r, "signalled later")

	code, _, stderr = rassimctl("notify-delay", "11s")
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr, "out of range")
}

func TestRegistrationPerCallStopsMerging(t *testing.T) {
	useSim(t)
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	defer windows.CloseHandle(ev)
	code, _, stderr := rassimctl("registration-per-call", "on")
	require.Equal(t, 0, code, stderr)
	for i := 0; i < 2; i++ {
		require.EqualValues(t, 0, rasCall(procNotification, invalidHandleValue, uintptr(ev), 1))
	}
	n, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n)

	code, _, stderr = rassimctl("registration-per-call", "off")
	require.Equal(t, 0, code, stderr)
	require.EqualValues(t, 0, rasCall(procNotification, invalidHandleValue, uintptr(ev), 1))
	n, err = rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "merged again")
}

func TestUnterminatedFillsTheNamedFields(t *testing.T) {
	useSim(t)
	h := handle(t, "add", "--entry", "Office", "--phone", "vpn.example.com", "--unterminated", "entry, phone")
	conns := mustList(t)
	require.Len(t, conns, 1)
	assert.Equal(t, strings.Repeat("Office", 43)[:257], conns[0].Entry)
	assert.Equal(t, "vpn", conns[0].DeviceType, "a field not named")
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("vpn.example.com", 9)[:129], st.PhoneNumber)
}
