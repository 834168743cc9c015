//go:build windows

package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
	"golang.org/x/sys/windows"
)

// These tests run rasctl against the simulator (raswine exec -backend sim). The
// processes they start load it too, and share its connections through RASSIM_NAMESPACE.

// useSim skips the test unless it runs against the simulator, and gives it an empty RAS service
// answering as Windows p does.
func useSim(t *testing.T, p rassim.Profile) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skipf("needs the simulator; WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	require.True(t, rassim.Available(), "WINRAS_BACKEND=sim, but the loaded rasapi32.dll is not the simulator")
	require.NoError(t, rassim.Reset(p))
	t.Cleanup(func() { assert.NoError(t, rassim.Reset(rassim.Win7)) })
}

var (
	simOffice = rassim.Conn{
		Entry:          "Office VPN",
		PhoneNumber:    "vpn.example.com",
		DeviceType:     "vpn",
		DeviceName:     "WAN Miniport (IKEv2)",
		Phonebook:      `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`,
		EntryID:        windows.GUID{Data1: 0x6b29fc40, Data2: 0xca47, Data3: 0x1067, Data4: [8]byte{0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}},
		CorrelationID:  windows.GUID{Data1: 0x1, Data4: [8]byte{7: 0xff}},
		Flags:          0x1, // RASCF_AllUsers
		LocalEndpoint:  netip.MustParseAddr("192.0.2.10"),
		RemoteEndpoint: netip.MustParseAddr("203.0.113.5"),
	}
	// simLab is an SSTP connection: Windows reports no tunnel endpoints for it.
	simLab = rassim.Conn{Entry: "Lab VPN", PhoneNumber: "lab.example.com", DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)"}
	// simDialUp is made without a phone-book entry.
	simDialUp = rassim.Conn{PhoneNumber: "5550123", DeviceType: "modem", DeviceName: "Standard 56000 bps Modem"}
)

func add(t *testing.T, c rassim.Conn) string {
	t.Helper()
	h, err := rassim.Add(c)
	require.NoError(t, err)
	return h.String()
}

func TestListPrintsATable(t *testing.T) {
	useSim(t, rassim.Win7)
	office, lab, dialUp := add(t, simOffice), add(t, simLab), add(t, simDialUp)
	r := rasctl(t, "list")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	var want bytes.Buffer
	tw := newTable(&want)
	fmt.Fprintln(tw, "HANDLE\tENTRY\tNUMBER\tTYPE\tDEVICE\tFLAGS")
	fmt.Fprintf(tw, "%s\tOffice VPN\t-\tvpn\tWAN Miniport (IKEv2)\tall_users\n", office)
	fmt.Fprintf(tw, "%s\tLab VPN\t-\tvpn\tWAN Miniport (SSTP)\t-\n", lab)
	fmt.Fprintf(tw, "%s\t-\t5550123\tmodem\tStandard 56000 bps Modem\t-\n", dialUp)
	require.NoError(t, tw.Flush())
	assert.Equal(t, want.String(), r.stdout)
}

func TestListJSONHasEveryConnection(t *testing.T) {
	useSim(t, rassim.Win7)
	office, dialUp := add(t, simOffice), add(t, simDialUp)
	r := rasctl(t, "list", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.JSONEq(t, `[
		{"handle": "`+office+`", "entry": "Office VPN", "phone_number": "", "device_type": "vpn",
		 "device_name": "WAN Miniport (IKEv2)", "phonebook": "C:\\ProgramData\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk",
		 "subentry": 0, "entry_id": "{6B29FC40-CA47-1067-B31D-00DD010662DA}", "flags": ["all_users"],
		 "correlation_id": "{00000001-0000-0000-0000-0000000000FF}"},
		{"handle": "`+dialUp+`", "entry": "", "phone_number": "5550123", "device_type": "modem",
		 "device_name": "Standard 56000 bps Modem", "phonebook": "", "subentry": 0,
		 "entry_id": "{00000000-0000-0000-0000-000000000000}", "flags": [],
		 "correlation_id": "{00000000-0000-0000-0000-000000000000}"}
	]`, r.stdout)
}

func TestListOfNoConnections(t *testing.T) {
	useSim(t, rassim.Win7)
	r := rasctl(t, "list")
	assert.Equal(t, result{stdout: "no active connections\n"}, r)
	r = rasctl(t, "list", "--json")
	assert.Equal(t, result{stdout: "[]\n"}, r)
}

func TestListOnXPHasNoCorrelationID(t *testing.T) {
	useSim(t, rassim.XP)
	add(t, simOffice)
	r := rasctl(t, "list", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	var conns []map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &conns))
	require.Len(t, conns, 1)
	assert.Contains(t, conns[0], "correlation_id")
	assert.Nil(t, conns[0]["correlation_id"])
	assert.Equal(t, "{6B29FC40-CA47-1067-B31D-00DD010662DA}", conns[0]["entry_id"])
}

func TestStatusOfAConnectionByNameOrHandle(t *testing.T) {
	useSim(t, rassim.Win7)
	office := add(t, simOffice)
	add(t, simLab)
	for _, target := range []string{"Office VPN", "office vpn", office, strings.ToUpper(office)} {
		r := rasctl(t, "status", target)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Equal(t, ""+
			"Handle:           "+office+"\n"+
			"Entry:            Office VPN\n"+
			"State:            Connected (8192)\n"+
			"Error:            none\n"+
			"Device type:      vpn\n"+
			"Device name:      WAN Miniport (IKEv2)\n"+
			"Phone number:     vpn.example.com\n"+
			"Local endpoint:   192.0.2.10\n"+
			"Remote endpoint:  203.0.113.5\n"+
			"Sub-state:        None\n"+
			"Protocol:         -\n"+
			"Tunnel:           -\n"+
			"IPv4 address:     -\n"+
			"IPv6 address:     -\n"+
			"Servers:          -\n"+
			"Authentication:   -\n"+
			"Encryption:       -\n"+
			"Phonebook:        C:\\ProgramData\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk\n"+
			"Sub-entry:        0\n"+
			"Entry ID:         {6B29FC40-CA47-1067-B31D-00DD010662DA}\n"+
			"Flags:            all_users\n"+
			"Correlation ID:   {00000001-0000-0000-0000-0000000000FF}\n", r.stdout, target)
	}
}

func TestStatusJSONOfAConnectionWithoutAnEntry(t *testing.T) {
	useSim(t, rassim.Win7)
	dialUp := add(t, simDialUp)
	for _, target := range []string{"5550123", ".5550123", dialUp} {
		r := rasctl(t, "status", target, "--json")
		require.Equal(t, 0, r.code, r.stderr)
		assert.JSONEq(t, `{
			"connection": {"handle": "`+dialUp+`", "entry": "", "phone_number": "5550123", "device_type": "modem",
				"device_name": "Standard 56000 bps Modem", "phonebook": "", "subentry": 0,
				"entry_id": "{00000000-0000-0000-0000-000000000000}", "flags": [],
				"correlation_id": "{00000000-0000-0000-0000-000000000000}"},
			"state": "Connected", "state_code": 8192, "error": null,
			"device_type": "modem", "device_name": "Standard 56000 bps Modem", "phone_number": "5550123",
			"local_endpoint": null, "remote_endpoint": null, "substate": "None", "projection": null}`, r.stdout, target)
	}
}

func TestStatusJSONOfADroppedConnectionGivesItsError(t *testing.T) {
	useSim(t, rassim.Win7)
	h, err := rassim.Add(simLab)
	require.NoError(t, err)
	require.NoError(t, rassim.Drop(h, 651))
	r := rasctl(t, "status", h.String(), "--json")
	require.Equal(t, 0, r.code, r.stderr)
	var st struct {
		State     string
		StateCode uint32 `json:"state_code"`
		Error     *errorJSON
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
	assert.Equal(t, "Disconnected", st.State)
	assert.Equal(t, uint32(0x2001), st.StateCode)
	require.NotNil(t, st.Error)
	assert.Equal(t, uint32(651), st.Error.Code)
	assert.Contains(t, st.Error.Message, "modem")
}

func TestStatusOnXPGivesNullsForTheWindows7Fields(t *testing.T) {
	useSim(t, rassim.XP)
	add(t, simOffice)
	r := rasctl(t, "status", "Office VPN", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	for _, field := range []string{`"local_endpoint": null`, `"remote_endpoint": null`, `"substate": null`, `"correlation_id": null`} {
		assert.Contains(t, r.stdout, field)
	}
}

func TestStatusOfAConnectionStillDiallingByItsHandle(t *testing.T) {
	useSim(t, rassim.Win7)
	h, err := rassim.Dial(simLab)
	require.NoError(t, err)
	require.NoError(t, rassim.SetState(h, ras.Authenticate))
	r := rasctl(t, "status", h.String())
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "State:            Authenticate (5)\n")
	assert.Contains(t, r.stdout, "Entry:            -\n", "RAS does not list it yet")

	r = rasctl(t, "status", "Lab VPN")
	assert.Equal(t, 1, r.code)
	assert.Equal(t, "rasctl status: no active connection is named \"Lab VPN\" (\"rasctl list\" shows them)\n", r.stderr)
}

func TestStatsPrintsEveryCounter(t *testing.T) {
	useSim(t, rassim.Win7)
	office := add(t, simOffice)
	h, err := strconv.ParseUint(office, 0, 64)
	require.NoError(t, err)
	require.NoError(t, rassim.SetStats(ras.Handle(h), 0, rassim.Stats{
		BytesSent: 1536, BytesReceived: 3 << 20, FramesSent: 30, FramesReceived: 40, CRCErrors: 1, TimeoutErrors: 2,
		AlignmentErrors: 3, HardwareOverrunErrors: 4, FramingErrors: 5, BufferOverrunErrors: 6,
		CompressionRatioIn: 7, CompressionRatioOut: 8, Bps: 100000000, Duration: time.Hour,
	}))
	r := rasctl(t, "stats", "Office VPN", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	var got map[string]any
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &got))
	duration, ok := got["duration_ms"].(float64)
	require.True(t, ok, "duration_ms is a number: %v", got["duration_ms"])
	assert.GreaterOrEqual(t, duration, float64(3600000))
	assert.Less(t, duration, float64(3600000+60000), "it goes on counting, not for a minute")
	delete(got, "duration_ms")
	assert.Equal(t, office, got["connection"].(map[string]any)["handle"])
	delete(got, "connection")
	assert.Equal(t, map[string]any{
		"bytes_sent": 1536.0, "bytes_received": 3145728.0, "frames_sent": 30.0, "frames_received": 40.0,
		"crc_errors": 1.0, "timeout_errors": 2.0, "alignment_errors": 3.0, "hardware_overrun_errors": 4.0,
		"framing_errors": 5.0, "buffer_overrun_errors": 6.0, "compression_ratio_in": 7.0, "compression_ratio_out": 8.0,
		"link_speed_bps": 100000000.0,
	}, got)

	r = rasctl(t, "stats", office)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Entry:                    Office VPN\n")
	assert.Contains(t, r.stdout, "Bytes sent:               1536 (1.5 KiB)\n")
	assert.Contains(t, r.stdout, "Bytes received:           3145728 (3.0 MiB)\n")
	assert.Contains(t, r.stdout, "Link speed:               100000000 bps\n")
	assert.Regexp(t, `Duration: +1h0m\d`, r.stdout)
}

func TestStatsOfAGoneConnectionExitsWithStatus1(t *testing.T) {
	useSim(t, rassim.Win7)
	r := rasctl(t, "stats", "0x7777", "--json")
	assert.Equal(t, 1, r.code)
	f := failureOf(t, r.stdout)
	assert.Equal(t, "RasGetConnectionStatistics", f.Error.Call)
	assert.EqualValues(t, 6, f.Error.Code)
	assert.Contains(t, r.stderr, "rasctl stats: 0x7777: no such connection (any more): ras: RasGetConnectionStatistics: error 6")
}

func TestStatusJSONGivesTheProjection(t *testing.T) {
	useSim(t, rassim.Win7)
	sstp, ike, bare := add(t, simLab), add(t, simOffice), add(t, simDialUp)
	l2tp := add(t, rassim.Conn{Entry: "Branch", DeviceType: "vpn", DeviceName: "WAN Miniport (L2TP)"})
	pptp := add(t, rassim.Conn{Entry: "Legacy", DeviceType: "vpn", DeviceName: "WAN Miniport (PPTP)"})
	project := func(target string, p rassim.Projection) {
		h, err := strconv.ParseUint(target, 0, 64)
		require.NoError(t, err)
		require.NoError(t, rassim.SetProjection(ras.Handle(h), p))
	}
	// SSTP and L2TP negotiate no MPPE inside their TLS and IPsec; PPTP does.
	tunnelled := rassim.Projection{Type: rassim.PPP, IPv4: netip.MustParseAddr("192.168.7.20"),
		IPv4Server: netip.MustParseAddr("192.168.7.1"), InterfaceID: [8]byte{1}, AuthenticationProtocol: 0xC223,
		AuthenticationData: 0x81}
	project(sstp, tunnelled)
	project(l2tp, tunnelled)
	withMPPE := tunnelled
	withMPPE.CCPOptions = 0x40
	project(pptp, withMPPE)
	project(ike, rassim.Projection{Type: rassim.IKEv2, IPv4: netip.MustParseAddr("10.0.0.2"), IPv6: netip.MustParseAddr("fd00::2"),
		IPv6PrefixLength: 64, AuthenticationProtocol: 1, EncryptionMethod: 5,
		IPv4Servers: []netip.Addr{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.5")},
		IPv6Servers: []netip.Addr{netip.MustParseAddr("fd00::1")}})
	for _, c := range []struct{ target, projection string }{
		{sstp, `{"protocol": "ppp", "tunnel": "sstp", "ipv4": "192.168.7.20", "ipv6": null, "ipv6_prefix_length": null,
			"server_addresses": ["192.168.7.1"], "authentication": "mschapv2", "encryption": "tls"}`},
		{l2tp, `{"protocol": "ppp", "tunnel": "l2tp", "ipv4": "192.168.7.20", "ipv6": null, "ipv6_prefix_length": null,
			"server_addresses": ["192.168.7.1"], "authentication": "mschapv2", "encryption": "ipsec"}`},
		{pptp, `{"protocol": "ppp", "tunnel": "pptp", "ipv4": "192.168.7.20", "ipv6": null, "ipv6_prefix_length": null,
			"server_addresses": ["192.168.7.1"], "authentication": "mschapv2", "encryption": "mppe-128"}`},
		{ike, `{"protocol": "ikev2", "tunnel": "ikev2", "ipv4": "10.0.0.2", "ipv6": "fd00::2", "ipv6_prefix_length": 64,
			"server_addresses": ["10.0.0.1", "10.0.0.5", "fd00::1"], "authentication": "machine-certificate", "encryption": "aes-256"}`},
		{bare, `null`},
	} {
		r := rasctl(t, "status", c.target, "--json")
		require.Equal(t, 0, r.code, r.stderr)
		assert.Empty(t, r.stderr, "not projected is no failure")
		var st struct{ Projection json.RawMessage }
		require.NoError(t, json.Unmarshal([]byte(r.stdout), &st))
		assert.JSONEq(t, c.projection, string(st.Projection), c.target)
	}
	r := rasctl(t, "status", ike)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Protocol:         ikev2\n")
	assert.Contains(t, r.stdout, "IPv4 address:     10.0.0.2\n")
	assert.Contains(t, r.stdout, "IPv6 address:     fd00::2\n")
	assert.Contains(t, r.stdout, "Servers:          10.0.0.1, 10.0.0.5, fd00::1\n")
	for target, lines := range map[string][2]string{sstp: {"sstp", "tls"}, l2tp: {"l2tp", "ipsec"}, pptp: {"pptp", "mppe-128"}} {
		r := rasctl(t, "status", target)
		require.Equal(t, 0, r.code, r.stderr)
		assert.Contains(t, r.stdout, "Tunnel:           "+lines[0]+"\n")
		assert.Contains(t, r.stdout, "Encryption:       "+lines[1]+"\n")
	}
}

func TestAmbiguousNamesFailAndListTheHandles(t *testing.T) {
	useSim(t, rassim.Win7)
	userCopy := simOffice
	userCopy.Phonebook = `C:\Users\me\AppData\Roaming\Microsoft\Network\Connections\Pbk\rasphone.pbk`
	first, second := add(t, simOffice), add(t, userCopy)
	for _, args := range [][]string{{"status", "Office VPN"}, {"status", "office VPN", "--json"}, {"hangup", "Office VPN"}} {
		r := rasctl(t, args...)
		assert.Equal(t, 1, r.code, args)
		assert.Equal(t, fmt.Sprintf("rasctl %s: %q matches 2 connections (%s, %s): give the handle of one\n",
			args[0], args[1], first, second), r.stderr, args)
		if len(args) < 3 {
			assert.Empty(t, r.stdout, args)
			continue
		}
		assert.Equal(t, "rasctl status", failureOf(t, r.stdout).Error.Call)
	}
	handles, err := rassim.Connections()
	require.NoError(t, err)
	assert.Len(t, handles, 2, "the ambiguous hang-up hung up nothing")

	r := rasctl(t, "status", second)
	assert.Equal(t, 0, r.code, r.stderr)
	assert.Contains(t, r.stdout, "Phonebook:        "+userCopy.Phonebook+"\n")
}

func TestUnknownTargetsFailWithStatus1(t *testing.T) {
	useSim(t, rassim.Win7)
	add(t, simOffice)
	for _, args := range [][]string{{"status", "Home VPN"}, {"hangup", "Home VPN", "--json"}, {"status", ".5550123"}} {
		r := rasctl(t, args...)
		assert.Equal(t, 1, r.code, args)
		assert.Equal(t, fmt.Sprintf("rasctl %s: no active connection is named %q (\"rasctl list\" shows them)\n", args[0], args[1]), r.stderr)
		if len(args) < 3 {
			assert.Empty(t, r.stdout, args)
			continue
		}
		assert.JSONEq(t, `{"error": {"call": "rasctl hangup", "code": 0,
			"message": "no active connection is named \"Home VPN\" (\"rasctl list\" shows them)"}}`, r.stdout)
	}
	r := rasctl(t, "status", "0x7777")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "rasctl status: 0x7777: no such connection (any more): ras: RasGetConnectStatusW: error 6")
	r = rasctl(t, "hangup", "0x7777")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout)
	assert.Contains(t, r.stderr, "rasctl hangup: 0x7777: ras: RasHangUpW: error 6")
}

func TestFailuresWithJSONAlsoPrintTheErrorAsJSON(t *testing.T) {
	useSim(t, rassim.Win7)
	add(t, simOffice)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, 711))
	t.Cleanup(func() { assert.NoError(t, rassim.ClearFaults()) })
	r := rasctl(t, "list", "--json")
	assert.Equal(t, 1, r.code)
	var answer struct {
		Error struct {
			Call    string `json:"call"`
			Code    uint32 `json:"code"`
			Message string `json:"message"`
		} `json:"error"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &answer), r.stdout)
	assert.Equal(t, "RasEnumConnectionsW", answer.Error.Call)
	assert.EqualValues(t, 711, answer.Error.Code)
	assert.Contains(t, answer.Error.Message, "RasEnumConnectionsW: error 711")
	assert.Contains(t, r.stderr, "rasctl list: ras: RasEnumConnectionsW: error 711")

	r = rasctl(t, "list")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout, "without --json, only stderr")
}

func TestAHandleTargetNeedsNoListing(t *testing.T) {
	useSim(t, rassim.Win7)
	h := add(t, simOffice)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, 711))
	t.Cleanup(func() { assert.NoError(t, rassim.ClearFaults()) })
	r := rasctl(t, "status", h, "--json")
	require.Equal(t, 0, r.code, r.stderr)
	var answer statusJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &answer))
	assert.Equal(t, h, answer.Connection.Handle)
	assert.Equal(t, "Connected", answer.State)
	r = rasctl(t, "status", "Office VPN")
	assert.Equal(t, 1, r.code, "a name needs the listing")
}

func TestHangupWaitsUntilTheConnectionIsGone(t *testing.T) {
	useSim(t, rassim.Win7)
	require.NoError(t, rassim.SetLinger(100*time.Millisecond))
	office := add(t, simOffice)
	lab := add(t, simLab)
	r := rasctl(t, "hangup", "Lab VPN")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	assert.Regexp(t, `^hung up `+lab+` \(Lab VPN\) in \d+ms\n$`, r.stdout)
	assert.Equal(t, 1, rasctl(t, "status", lab).code, "the handle is invalid once hangup returns")

	require.NoError(t, rassim.ResetCalls())
	r = rasctl(t, "hangup", office, "--json")
	require.Equal(t, 0, r.code, r.stderr)
	var answer struct {
		Connection connJSON
		Terminated bool
		WaitedMS   int64 `json:"waited_ms"`
	}
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &answer))
	assert.Equal(t, office, answer.Connection.Handle)
	assert.Equal(t, "Office VPN", answer.Connection.Entry)
	assert.True(t, answer.Terminated)
	// The simulator's 100ms are on its own clock, which Go's lags under Wine: the wait is judged
	// by its checks, and by loose bounds.
	assert.GreaterOrEqual(t, rassim.Calls(rassim.GetConnectStatus), uint32(2), "checked again after the connection was still there")
	assert.Greater(t, answer.WaitedMS, int64(10), "the simulator lingers 100ms")
	assert.Less(t, answer.WaitedMS, int64(3000))
	assert.Equal(t, result{stdout: "no active connections\n"}, rasctl(t, "list"))
}

func TestHangupWhoseConnectionAnswersNoConnectionSucceeds(t *testing.T) {
	useSim(t, rassim.Win7)
	require.NoError(t, rassim.SetGoneCode(668)) // ERROR_NO_CONNECTION, not 6, once it is gone
	require.NoError(t, rassim.SetLinger(50*time.Millisecond))
	lab := add(t, simLab)
	r := rasctl(t, "hangup", "Lab VPN", "--json")
	require.Equal(t, 0, r.code, r.stderr)
	assert.Empty(t, r.stderr)
	var answer hangupJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &answer))
	assert.Equal(t, lab, answer.Connection.Handle)
	assert.True(t, answer.Terminated)
}

func TestHangupThatTimesOutExitsWithStatus1(t *testing.T) {
	useSim(t, rassim.Win7)
	require.NoError(t, rassim.SetLinger(30*time.Second))
	lab := add(t, simLab)
	r := rasctl(t, "hangup", "Lab VPN", "--timeout", "300ms", "--json")
	assert.Equal(t, 1, r.code)
	var answer hangupJSON
	require.NoError(t, json.Unmarshal([]byte(r.stdout), &answer))
	assert.Equal(t, lab, answer.Connection.Handle)
	assert.False(t, answer.Terminated)
	assert.GreaterOrEqual(t, answer.WaitedMS, int64(300), "the timeout and waited_ms are on one clock")
	assert.Less(t, answer.WaitedMS, int64(3000))
	assert.Contains(t, r.stderr, "rasctl hangup: "+lab+" (Lab VPN): ras: RasHangUpW("+lab+"): RasGetConnectStatusW still reported the connection after")

	r = rasctl(t, "hangup", add(t, simOffice), "--timeout", "100ms")
	assert.Equal(t, 1, r.code)
	assert.Empty(t, r.stdout, "without --json a failed hang-up prints only its error")
	assert.Contains(t, r.stderr, "still reported the connection")
}

// watchProcess is a rasctl watch running in a process of its own.
type watchProcess struct {
	cmd    *exec.Cmd
	out    *bufio.Reader // its stdout
	stderr bytes.Buffer  // what it wrote on stderr after saying that it watches; read after wait
	copied chan struct{} // closed when stderr has all of it
}

// startWatch starts rasctl watch in a console of its own, as a person runs it, and returns once
// it says that it watches: a connection made from then on is reported.
func startWatch(t *testing.T, args ...string) *watchProcess {
	t.Helper()
	w := &watchProcess{copied: make(chan struct{})}
	var out, errPipe io.Reader
	w.cmd = startRasctl(t, func() *exec.Cmd {
		cmd := rasctlCommand(t, append([]string{"watch"}, args...)...)
		cmd.SysProcAttr = &syscall.SysProcAttr{CreationFlags: windows.CREATE_NEW_CONSOLE}
		var err error
		out, err = cmd.StdoutPipe()
		require.NoError(t, err)
		errPipe, err = cmd.StderrPipe()
		require.NoError(t, err)
		return cmd
	})
	t.Cleanup(func() { w.cmd.Process.Kill() }) // for a failed test: a passing one has ended it
	w.out = bufio.NewReader(out)
	errLines := bufio.NewReader(errPipe)
	line, err := errLines.ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "watching RAS connections; Ctrl-C stops\n", line)
	go func() {
		io.Copy(&w.stderr, errLines)
		close(w.copied)
	}()
	return w
}

// wait waits for the process to exit and returns its exit status and what it printed on stdout
// that was not read yet.
func (w *watchProcess) wait(t *testing.T) (int, string) {
	t.Helper()
	rest, err := io.ReadAll(w.out) // before Wait, which closes the pipe
	require.NoError(t, err)
	err = w.cmd.Wait()
	<-w.copied
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		require.NoError(t, err)
	}
	return w.cmd.ProcessState.ExitCode(), string(rest)
}

// readLine reads a line of out, failing the test when none comes in time.
func readLine(t *testing.T, out *bufio.Reader) string {
	t.Helper()
	lines := make(chan string, 1)
	go func() {
		line, _ := out.ReadString('\n')
		lines <- line
	}()
	select {
	case line := <-lines:
		return line
	case <-time.After(10 * time.Second):
		t.Fatal("no line from rasctl watch in 10s")
		return ""
	}
}

// event is a line of watch --json.
type event struct {
	Time       string
	Event      string
	Connection connJSON
}

// readEvent reads a line of watch --json and checks its time.
func readEvent(t *testing.T, out *bufio.Reader) event {
	t.Helper()
	line := readLine(t, out)
	var e event
	require.NoError(t, json.Unmarshal([]byte(line), &e), line)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}(Z|[+-]\d\d:\d\d)$`, e.Time)
	when, err := time.Parse(time.RFC3339Nano, e.Time)
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now(), when, time.Minute)
	return e
}

var (
	kernel32          = windows.NewLazySystemDLL("kernel32.dll")
	procFreeConsole   = kernel32.NewProc("FreeConsole")
	procAttachConsole = kernel32.NewProc("AttachConsole")
)

// pressCtrlC sends CTRL_C_EVENT to the console of process pid, as pressing Ctrl-C in its window
// does. A process sends it only to its own console: this one leaves its own and attaches to
// pid's, so it receives the event too, and catches it.
func pressCtrlC(t *testing.T, pid int) {
	t.Helper()
	caught := make(chan os.Signal, 1)
	signal.Notify(caught, os.Interrupt)
	defer signal.Stop(caught)
	procFreeConsole.Call()
	r, _, err := procAttachConsole.Call(uintptr(pid))
	require.NotZero(t, r, "AttachConsole: %v", err)
	defer procFreeConsole.Call()
	require.NoError(t, windows.GenerateConsoleCtrlEvent(windows.CTRL_C_EVENT, 0))
	select {
	case <-caught: // the event has been delivered here too: this process may stop catching it
	case <-time.After(10 * time.Second):
		t.Fatal("the Ctrl-C never reached this process")
	}
}

func TestWatchJSONReportsEachEventAndEndsCleanlyOnCtrlC(t *testing.T) {
	useSim(t, rassim.Win7)
	add(t, simLab) // active before the watch starts: no event, the first one is the next connection
	watch := startWatch(t, "--json")

	// Each change waits for its event: changes that come faster than the watcher re-lists are
	// reported in the order of a re-listing (disconnections first), not in the order made.
	officeHandle, err := rassim.Add(simOffice)
	require.NoError(t, err)
	office := officeHandle.String()
	e := readEvent(t, watch.out)
	assert.Equal(t, "connected", e.Event)
	assert.Equal(t, office, e.Connection.Handle)
	assert.Equal(t, "Office VPN", e.Connection.Entry)
	assert.Equal(t, []string{"all_users"}, e.Connection.Flags)

	dialUp := add(t, simDialUp)
	e = readEvent(t, watch.out)
	assert.Equal(t, "connected", e.Event)
	assert.Equal(t, dialUp, e.Connection.Handle)
	assert.Equal(t, "5550123", e.Connection.PhoneNumber)

	require.NoError(t, rassim.Drop(officeHandle, 0))
	e = readEvent(t, watch.out)
	assert.Equal(t, "disconnected", e.Event)
	assert.Equal(t, office, e.Connection.Handle)
	assert.Equal(t, "Office VPN", e.Connection.Entry, "as it was last listed")

	pressCtrlC(t, watch.cmd.Process.Pid)
	code, rest := watch.wait(t)
	assert.Equal(t, 0, code)
	assert.Empty(t, rest)
	assert.Empty(t, watch.stderr.String())
}

func TestWatchPrintsAlignedLines(t *testing.T) {
	useSim(t, rassim.Win7)
	watch := startWatch(t)
	assert.Equal(t, "TIME          EVENT         HANDLE      TYPE      NAME\n", readLine(t, watch.out))
	dialUp := add(t, simDialUp)
	assert.Regexp(t, `^\d\d:\d\d:\d\d\.\d{3}  connected     `+dialUp+` +modem     5550123\n$`, readLine(t, watch.out))
	r := rasctl(t, "hangup", dialUp)
	require.Equal(t, 0, r.code, r.stderr)
	assert.Regexp(t, `^\d\d:\d\d:\d\d\.\d{3}  disconnected  `+dialUp+` +modem     5550123\n$`, readLine(t, watch.out))
	pressCtrlC(t, watch.cmd.Process.Pid)
	code, rest := watch.wait(t)
	assert.Equal(t, 0, code)
	assert.Empty(t, rest)
	assert.Empty(t, watch.stderr.String())
}

// writes passes on each Write as a string: run writes a line at a time.
type writes chan string

func (w writes) Write(p []byte) (int, error) {
	w <- string(p)
	return len(p), nil
}

func TestWatchEndsCleanlyWhenItsContextIsCancelled(t *testing.T) {
	useSim(t, rassim.Win7)
	stdout, stderr := make(writes, 16), make(writes, 16)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	status := make(chan int, 1)
	go func() { status <- run(ctx, []string{"watch", "--json"}, nil, stdout, stderr) }()
	require.Equal(t, "watching RAS connections; Ctrl-C stops\n", <-stderr)
	office := add(t, simOffice)
	select {
	case line := <-stdout:
		assert.Contains(t, line, `"event":"connected","connection":{"handle":"`+office+`"`)
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}

	cancel() // what Ctrl-C does
	select {
	case code := <-status:
		assert.Equal(t, 0, code)
	case <-time.After(5 * time.Second):
		t.Fatal("watch did not end")
	}
	assert.Empty(t, stdout)
	assert.Empty(t, stderr)
}
