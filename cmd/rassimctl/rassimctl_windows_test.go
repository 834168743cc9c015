//go:build windows

package main

import (
	"bytes"
	"context"
	"encoding/binary"
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
	rasapi32            = windows.NewLazyDLL("rasapi32.dll")
	procHangUp          = rasapi32.NewProc("RasHangUpW")
	procEnumConns       = rasapi32.NewProc("RasEnumConnectionsW")
	procEnumEntries     = rasapi32.NewProc("RasEnumEntriesW")
	procNotification    = rasapi32.NewProc("RasConnectionNotificationW")
	procStatistics      = rasapi32.NewProc("RasGetConnectionStatistics")
	procLinkStatistics  = rasapi32.NewProc("RasGetLinkStatistics")
	procProjectionEx    = rasapi32.NewProc("RasGetProjectionInfoEx")
	procProjectionW     = rasapi32.NewProc("RasGetProjectionInfoW")
	procDial            = rasapi32.NewProc("RasDialW")
	procEntryDialParams = rasapi32.NewProc("RasGetEntryDialParamsW")
	invalidHandleValue  = ^uintptr(0)
)

//go:uintptrescapes
func rasCall(p *windows.LazyProc, args ...uintptr) uint32 {
	r, _, _ := p.Call(args...)
	return uint32(r)
}

// useSim skips the test unless it runs against the simulator (raswine exec -backend sim)
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
	h, err := parseHandle(strings.TrimSpace(stdout))
	require.NoError(t, err)
	return h
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

func TestOpenHandlesCountsWhatIsNotHungUp(t *testing.T) {
	useSim(t)
	code, stdout, stderr := rassimctl("open-handles")
	require.Equal(t, 0, code, stderr)
	assert.Equal(t, "0\n", stdout)
	h := handle(t, "add", "--entry", "Office VPN")
	handle(t, "dial", "--phone", "5550123")
	_, stdout, _ = rassimctl("open-handles")
	assert.Equal(t, "2\n", stdout, "a connected one and a dialling one")
	require.NoError(t, ras.HangUp(context.Background(), h))
	_, stdout, _ = rassimctl("open-handles")
	assert.Equal(t, "1\n", stdout)
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
		{[]string{"lie", "HangUp", "needed", "1"}, `FUNC "HangUp": EnumConnections, EnumEntries, GetProjectionInfoEx or GetProjectionInfo`},
		{[]string{"lie", "GetProjectionInfoEx", "count", "1"}, "GetProjectionInfoEx answers no count"},
		{[]string{"lie", "EnumConnections", "maybe", "1"}, `KIND "maybe": needed or count`},
		{[]string{"lie", "EnumConnections", "needed"}, "missing VALUE"},
		{[]string{"clear-faults", "now"}, `unexpected argument "now"`},
		{[]string{"notify-delay", "soon"}, `DURATION "soon": not a duration`},
		{[]string{"registration-per-call", "yes"}, `"yes": on or off`},
		{[]string{"stats"}, "rassimctl stats: missing HANDLE"},
		{[]string{"stats", "0x801", "--bytes-sent", "lots"}, `invalid value "lots" for flag -bytes-sent: "lots": not a number`},
		{[]string{"stats", "0x801", "--rate-bytes-sent", "5/min"}, `"5/min": not a number per second`},
		{[]string{"stats", "0x801", "--crc-errors", "0x100000000"}, "not a number"},
		{[]string{"stats", "0x801", "--duration", "50d"}, `invalid value "50d" for flag -duration`},
		{[]string{"stats", "0x801", "--duration", "1200h"}, "--duration 1200h0m0s: 0 to 2^32-1 milliseconds"},
		{[]string{"stats", "0x801", "--rate-crc-errors", "1"}, "flag provided but not defined: -rate-crc-errors"},
		{[]string{"project", "0x801"}, "missing --type (ppp, ikev2 or none)"},
		{[]string{"project", "0x801", "--type", "l2tp"}, `--type "l2tp": ppp, ikev2 or none`},
		{[]string{"project", "0x801", "--type", "none", "--ipv4", "10.0.0.2"}, "--ipv4: --type none takes no other flag"},
		{[]string{"project", "0x801", "--type", "ppp", "--prefix", "64"}, "--prefix: not reported for --type ppp"},
		{[]string{"project", "0x801", "--type", "ikev2", "--interface-id", "0011223344556677"}, "--interface-id: not reported for --type ikev2"},
		{[]string{"project", "0x801", "--type", "ppp", "--interface-id", "0011:2233"}, `--interface-id "0011:2233": 8 bytes as 16 hex digits`},
		{[]string{"project", "0x801", "--type", "ikev2", "--server", "vpn.example.com"}, `invalid value "vpn.example.com" for flag -server`},
		{[]string{"project", "0x801", "--type", "ppp", "--ipv4", "ten"}, "--ipv4: ParseAddr"},
		{[]string{"project", "0x801", "--type", "ppp", "--not-configured", "ipx"}, `--not-configured "ipx": ipv4 or ipv6`},
		{[]string{"project", "0x801", "--type", "ppp", "--auth", "psk"}, `--auth "psk": pap, spap, chap, mschap, mschapv2, eap or a number for ppp`},
		{[]string{"project", "0x801", "--type", "ikev2", "--auth", "mschapv2"}, `--auth "mschapv2": machine-certificate, eap, psk or a number for ikev2`},
		{[]string{"project", "0x801", "--type", "ppp", "--auth", "chap", "--auth-data", "5"}, "--auth-data goes with a numeric --auth"},
		{[]string{"project", "0x801", "--type", "ppp", "--encryption", "aes-256"}, `--encryption "aes-256": none, mppe-40, mppe-56 or mppe-128 for ppp`},
		{[]string{"project", "0x801", "--type", "ikev2", "--encryption", "mppe-128"}, `--encryption "mppe-128": des, 3des`},
		{[]string{"reset", "--xp", "--win10"}, "--xp or --win10, not both"},
		{[]string{"entry"}, "rassimctl entry: missing NAME"},
		{[]string{"entry", "VPN", "--script", "OpenPort,Dozing"}, `--script: STATE "Dozing": not a number nor a state's name`},
		{[]string{"entry", "VPN", "--script", "OpenPort:soon"}, `--script "OpenPort:soon": DELAY "soon": a duration`},
		{[]string{"entry", "VPN", "--script", "OpenPort:2h"}, `DELAY "2h": a duration (as "300ms") up to 1h0m0s`},
		{[]string{"entry", "VPN", "--script", "Authenticate:1s:lots"}, `--script "Authenticate:1s:lots": ERROR "lots": not a number`},
		{[]string{"entry", "VPN", "--script", "Authenticate::691:x"}, `EXTENDED "x": not a number`},
		{[]string{"entry", "VPN", "--script", "Authenticate:1s:691:0:9"}, `--script "Authenticate:1s:691:0:9": STATE[:DELAY[:ERROR[:EXTENDED]]]`},
		{[]string{"entry", "VPN", "--script", strings.Repeat("OpenPort,", 32) + "OpenPort"}, "--script: 33 steps; 32 at most"},
		{[]string{"entry", "VPN", "--password", "secret"}, "--password and --domain go with --user"},
		{[]string{"entry", "VPN", "--entry-id", "6B29FC40"}, `--entry-id "6B29FC40": not a GUID`},
		{[]string{"entry", "VPN", "--connect-delay", "-1s"}, "--connect-delay -1s: 0 to 1h0m0s"},
		{[]string{"entry", "VPN", "more"}, `unexpected argument "more"`},
		{[]string{"entries", "all"}, `unexpected argument "all"`},
	} {
		code, stdout, stderr := rassimctl(tc.args...)
		assert.Equal(t, 2, code, tc.args)
		assert.Empty(t, stdout, tc.args)
		assert.Contains(t, stderr, tc.says, tc.args)
	}
	assert.Empty(t, mustList(t), "no usage error added a connection")
	es, err := rassim.Entries()
	require.NoError(t, err)
	assert.Empty(t, es, "nor an entry")
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

func TestRegistrationPerCallOffMerges(t *testing.T) {
	useSim(t)
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	defer windows.CloseHandle(ev)
	code, _, stderr := rassimctl("registration-per-call", "off")
	require.Equal(t, 0, code, stderr)
	for i := 0; i < 2; i++ {
		require.EqualValues(t, 0, rasCall(procNotification, invalidHandleValue, uintptr(ev), 1))
	}
	n, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 1, n, "merged")

	code, _, stderr = rassimctl("registration-per-call", "on")
	require.Equal(t, 0, code, stderr)
	require.EqualValues(t, 0, rasCall(procNotification, invalidHandleValue, uintptr(ev), 1))
	n, err = rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "a registration of its own")
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

// stats calls RasGetConnectionStatistics (sub 0) or RasGetLinkStatistics and returns its answer
// and RAS_STATS's 15 DWORDs.
func stats(h ras.Handle, sub uint32) (uint32, [15]uint32) {
	st := [15]uint32{60}
	if sub == 0 {
		return rasCall(procStatistics, uintptr(h), uintptr(unsafe.Pointer(&st))), st
	}
	return rasCall(procLinkStatistics, uintptr(h), uintptr(sub), uintptr(unsafe.Pointer(&st))), st
}

func TestStatsSetsWhatStatisticsReport(t *testing.T) {
	useSim(t)
	h := handle(t, "add", "--entry", "Office VPN")
	code, _, stderr := rassimctl("stats", h.String(), "--bytes-sent", "100", "--bytes-received", "0x200", "--frames-sent", "3",
		"--frames-received", "4", "--crc-errors", "5", "--timeout-errors", "6", "--alignment-errors", "7",
		"--hardware-overrun-errors", "8", "--framing-errors", "9", "--buffer-overrun-errors", "10",
		"--compression-in", "11", "--compression-out", "12", "--bps", "64000", "--duration", "1h")
	require.Equal(t, 0, code, stderr)
	rc, st := stats(h, 0)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, []uint32{100, 0x200, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 64000}, st[1:14])
	assert.GreaterOrEqual(t, st[14], uint32(3_600_000), "dwConnectDuration counts on from an hour")
	assert.Less(t, st[14], uint32(3_600_000+60_000))

	require.NoError(t, rassim.AddLink(h))
	code, _, stderr = rassimctl("stats", "--sub", "2", h.String(), "--frames-received", "0xFFFFFFF0",
		"--rate-frames-received", "1000000/s")
	require.Equal(t, 0, code, "flags before and after HANDLE: %s", stderr)
	rc, st = stats(h, 2)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 0, st[13], "values not given are 0")
	assert.Eventually(t, func() bool { _, st := stats(h, 2); return st[4] < 0xFFFFFFF0 }, 5*time.Second, time.Millisecond,
		"at a million a second the counter wraps within a millisecond")
	rc, st = stats(h, 0)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 100, st[1], "the connection's are apart from link 2's")

	code, _, stderr = rassimctl("stats", "0x12345", "--bytes-sent", "1")
	assert.Equal(t, 1, code, "an unknown handle")
	assert.Contains(t, stderr, "rassimctl stats: rassim: RasSimSetStats: ")
	code, _, _ = rassimctl("stats", h.String(), "--sub", "33")
	assert.Equal(t, 1, code, "32 links at most")
}

func TestProjectSetsWhatProjectionReports(t *testing.T) {
	useSim(t)
	h := handle(t, "add", "--entry", "Office VPN")
	code, _, stderr := rassimctl("project", h.String(), "--type", "ikev2", "--ipv4", "10.0.0.2", "--ipv4-server", "10.0.0.1",
		"--ipv6", "2001:db8::2", "--ipv6-server", "2001:db8::1", "--prefix", "64", "--server", "192.0.2.1",
		"--server", "2001:db8::53", "--server", "192.0.2.2", "--auth", "eap", "--eap-type", "26",
		"--encryption", "aes-256", "--ike-flags", "3", "--ipv4-error", "0", "--ipv6-error", "0")
	require.Equal(t, 0, code, stderr)
	buf := make([]byte, 108+2*4+16)
	buf[0] = 4 // RASAPIVERSION_601
	size := uint32(len(buf))
	require.EqualValues(t, 0, rasCall(procProjectionEx, uintptr(h), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size))))
	u32 := func(off int) uint32 { return binary.LittleEndian.Uint32(buf[off:]) }
	assert.EqualValues(t, 2, u32(4), "PROJECTION_INFO_TYPE_IKEv2")
	assert.Equal(t, []byte{10, 0, 0, 2}, buf[12:16])
	assert.Equal(t, netip.MustParseAddr("2001:db8::1").AsSlice(), buf[40:56])
	assert.EqualValues(t, 64, u32(56), "dwPrefixLength")
	assert.EqualValues(t, 2, u32(60), "RASIKEv2_AUTH_EAP")
	assert.EqualValues(t, 26, u32(64), "dwEapTypeId")
	assert.EqualValues(t, 3, u32(68), "dwFlags")
	assert.EqualValues(t, 5, u32(72), "dwEncryptionMethod")
	assert.EqualValues(t, 2, u32(76), "two IPv4 servers")
	assert.Equal(t, []byte{192, 0, 2, 1, 192, 0, 2, 2}, buf[108:116], "in the order given")
	assert.Equal(t, netip.MustParseAddr("2001:db8::53").AsSlice(), buf[116:132])

	code, _, stderr = rassimctl("project", h.String(), "--type", "ppp", "--ipv4", "10.1.2.3", "--auth", "mschapv2",
		"--encryption", "mppe-128", "--ccp-options", "0x1", "--interface-id", "02:11:22:ff:fe:33:44:55", "--not-configured", "ipv6")
	require.Equal(t, 0, code, stderr)
	size = uint32(len(buf))
	require.EqualValues(t, 0, rasCall(procProjectionEx, uintptr(h), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size))))
	assert.EqualValues(t, 1, u32(4), "PROJECTION_INFO_TYPE_PPP")
	assert.Equal(t, []byte{0x02, 0x11, 0x22, 0xff, 0xfe, 0x33, 0x44, 0x55}, buf[32:40], "bInterfaceIdentifier")
	assert.EqualValues(t, 0xC223, u32(56), "RASLCPAP_CHAP")
	assert.EqualValues(t, 0x81, u32(60), "RASLCPAD_CHAP_MSV2")
	assert.EqualValues(t, 0x41, u32(100), "dwCcpOptions: MPPE 128 and compression")
	ip := make([]byte, 80)
	ip[0] = 80
	cb := uint32(len(ip))
	require.EqualValues(t, 0, rasCall(procProjectionW, uintptr(h), 0x8021, uintptr(unsafe.Pointer(&ip[0])), uintptr(unsafe.Pointer(&cb))))
	assert.Equal(t, "10.1.2.3", windows.UTF16ToString(unsafe.Slice((*uint16)(unsafe.Pointer(&ip[8])), 16)))
	cb = 28
	assert.EqualValues(t, 731, rasCall(procProjectionW, uintptr(h), 0x8057, uintptr(unsafe.Pointer(&ip[0])), uintptr(unsafe.Pointer(&cb))),
		"IPv6 is not configured")

	code, _, stderr = rassimctl("project", h.String(), "--type", "none")
	require.Equal(t, 0, code, stderr)
	size = uint32(len(buf))
	assert.EqualValues(t, 730, rasCall(procProjectionEx, uintptr(h), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&size))),
		"not projected")

	code, _, stderr = rassimctl("project", "0x12345", "--type", "ppp")
	assert.Equal(t, 1, code, "an unknown handle")
	assert.Contains(t, stderr, "rassimctl project: rassim: RasSimSetProjection: ")
}

// dialW dials entry with RasDialW and no notifier, with a 0x400 RASDIALPARAMSW holding creds
// (user, password, domain) if given.
func dialW(entry string, creds ...string) (uint32, ras.Handle) {
	params := make([]byte, 2096)
	binary.LittleEndian.PutUint32(params, 2096)
	for i, f := range append([]string{entry}, creds...) {
		off := []int{4, 1034, 1548, 2062}[i]
		for j, c := range windows.StringToUTF16(f) {
			binary.LittleEndian.PutUint16(params[off+2*j:], c)
		}
	}
	var h ras.Handle
	rc := rasCall(procDial, 0, 0, uintptr(unsafe.Pointer(&params[0])), 0, 0, uintptr(unsafe.Pointer(&h)))
	return rc, h
}

func TestEntryAddsWhatRasDialDialsAndEntriesPrintsIt(t *testing.T) {
	useSim(t)
	args := []string{"entry", "Office VPN", "--phonebook", `C:\pbk\a.pbk`, "--all-users", "--device-name", "WAN Miniport (IKEv2)",
		"--phone", "vpn.example.com", "--user", "alice", "--password", "secret", "--domain", "CORP", "--saved",
		"--entry-id", "{6B29FC40-CA47-1067-B31D-00DD010662DA}", "--connect-delay", "20ms",
		"--script", "OpenPort, ConnectDevice:30ms,Authenticate:10ms,AuthNotify::0:0,Authenticated,0x1234"}
	code, stdout, stderr := rassimctl(args...)
	require.Equal(t, 0, code, stderr)
	assert.Empty(t, stdout)
	es, err := rassim.Entries()
	require.NoError(t, err)
	require.Len(t, es, 1)
	e := es[0]
	id, err := windows.GUIDFromString("{6B29FC40-CA47-1067-B31D-00DD010662DA}")
	require.NoError(t, err)
	assert.Equal(t, rassim.Entry{
		Name: "Office VPN", Phonebook: `C:\pbk\a.pbk`, AllUsers: true, DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
		PhoneNumber: "vpn.example.com", EntryID: id, ConnectDelay: 20 * time.Millisecond,
		User: "alice", Password: "secret", Domain: "CORP", Saved: true,
		Script: []rassim.Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: 30 * time.Millisecond},
			{State: ras.Authenticate, Delay: 10 * time.Millisecond}, {State: ras.AuthNotify}, {State: ras.Authenticated},
			{State: ras.State(0x1234)}},
	}, e)

	code, stdout, stderr = rassimctl("entries")
	require.Equal(t, 0, code, stderr)
	line := `"Office VPN" --phonebook C:\pbk\a.pbk --all-users --device-type vpn --device-name "WAN Miniport (IKEv2)" ` +
		`--phone vpn.example.com --user alice --password secret --domain CORP --entry-id {6B29FC40-CA47-1067-B31D-00DD010662DA} ` +
		`--saved --script OpenPort,ConnectDevice:30ms,Authenticate:10ms,AuthNotify,Authenticated,0x1234 --connect-delay 20ms` + "\n"
	assert.Equal(t, line, stdout)

	// The line is the entry command's arguments: made again from it, the entry is the same.
	require.NoError(t, rassim.Reset(rassim.Win7))
	code, _, stderr = rassimctl(append([]string{"entry"}, "Office VPN", "--phonebook", `C:\pbk\a.pbk`, "--all-users",
		"--device-type", "vpn", "--device-name", "WAN Miniport (IKEv2)", "--phone", "vpn.example.com", "--user", "alice",
		"--password", "secret", "--domain", "CORP", "--entry-id", "{6B29FC40-CA47-1067-B31D-00DD010662DA}", "--saved",
		"--script", "OpenPort,ConnectDevice:30ms,Authenticate:10ms,AuthNotify,Authenticated,0x1234", "--connect-delay", "20ms")...)
	require.Equal(t, 0, code, stderr)
	es, err = rassim.Entries()
	require.NoError(t, err)
	assert.Equal(t, []rassim.Entry{e}, es)

	var cb, n uint32
	assert.EqualValues(t, 603, rasCall(procEnumEntries, 0, 0, 0, uintptr(unsafe.Pointer(&cb)), uintptr(unsafe.Pointer(&n))))
	assert.EqualValues(t, 1, n, "RasEnumEntries lists it")

	rc, h := dialW("office vpn", "alice", "wrong", "CORP")
	assert.EqualValues(t, 691, rc, "the credentials it takes")
	assert.EqualValues(t, 0, rasCall(procHangUp, uintptr(h)))
	rc, h = dialW("office vpn", "alice", rassim.SavedPassword, "corp")
	require.EqualValues(t, 0, rc, "its saved password's stand-in")
	conns := mustList(t)
	require.Len(t, conns, 1)
	assert.Equal(t, h, conns[0].Handle)
	assert.Equal(t, "Office VPN", conns[0].Entry)
	assert.Equal(t, ras.AllUsers, conns[0].Flags)
	assert.EqualValues(t, 0, rasCall(procHangUp, uintptr(h)))
}

func TestEntryDefaultsAndAFailingScript(t *testing.T) {
	useSim(t)
	code, _, stderr := rassimctl("entry", "Lab", "--script", "OpenPort,Authenticate::800:13801")
	require.Equal(t, 0, code, stderr)
	code, stdout, stderr := rassimctl("entries")
	require.Equal(t, 0, code, stderr)
	assert.Regexp(t, `^Lab --phonebook .*\\Microsoft\\Network\\Connections\\Pbk\\rasphone\.pbk --device-type vpn `+
		`--script OpenPort,Authenticate::800:13801\n$`, stdout, "the user's phone book, any credentials")
	rc, h := dialW("Lab")
	assert.EqualValues(t, 800, rc)
	assert.NotZero(t, h)
	assert.EqualValues(t, 0, rasCall(procHangUp, uintptr(h)))

	code, _, stderr = rassimctl("entry", "Lab", "--phonebook", `C:\pbk\b.pbk`)
	require.Equal(t, 0, code, stderr)
	code, stdout, _ = rassimctl("entries")
	assert.Equal(t, 0, code)
	assert.Equal(t, 2, strings.Count(stdout, "\n"), "the same name in another book is another entry")
	code, stdout, _ = rassimctl("reset")
	assert.Equal(t, 0, code)
	code, stdout, _ = rassimctl("entries")
	assert.Equal(t, 0, code)
	assert.Empty(t, stdout, "reset forgets the entries")
}

func TestResetWin10TakesTheWindows8DialParams(t *testing.T) {
	useSim(t)
	code, _, stderr := rassimctl("entry", "VPN")
	require.Equal(t, 0, code, stderr)
	params := make([]byte, map[uintptr]int{8: 2120, 4: 2112}[unsafe.Sizeof(uintptr(0))])
	binary.LittleEndian.PutUint32(params, uint32(len(params)))
	copy(params[4:], []byte{'V', 0, 'P', 0, 'N', 0})
	var saved uint32
	assert.EqualValues(t, 632, rasCall(procEntryDialParams, 0, uintptr(unsafe.Pointer(&params[0])), uintptr(unsafe.Pointer(&saved))),
		"Windows 7 refuses the 0x602 RASDIALPARAMSW")
	code, _, stderr = rassimctl("reset", "--win10")
	require.Equal(t, 0, code, stderr)
	code, _, stderr = rassimctl("entry", "VPN")
	require.Equal(t, 0, code, stderr)
	assert.EqualValues(t, 0, rasCall(procEntryDialParams, 0, uintptr(unsafe.Pointer(&params[0])), uintptr(unsafe.Pointer(&saved))),
		"Windows 10 takes it")
}

func TestProjectNamesEveryIKEv2CipherAsWindowsNumbersIt(t *testing.T) {
	// IPSEC_CIPHER_TYPE (ipsectypes.h): the simulator's names must not come from the library
	// whose names a test checks against them.
	for name, method := range map[string]uint32{
		"des": 1, "3des": 2, "aes-128": 3, "aes-192": 4, "aes-256": 5, "aes-gcm-128": 6, "aes-gcm-192": 7, "aes-gcm-256": 8,
	} {
		p := rassim.Projection{Type: rassim.IKEv2}
		require.NoError(t, setEncryption(&p, "ikev2", name))
		assert.EqualValues(t, method, p.EncryptionMethod, name)
	}
}
