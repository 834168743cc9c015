package main

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"net/netip"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
)

// officeVPN has every field a Windows 7 connection reports.
var officeVPN = ras.Conn{
	Handle:           0x801,
	Entry:            "Office VPN",
	DeviceType:       "vpn",
	DeviceName:       "WAN Miniport (IKEv2)",
	Phonebook:        `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`,
	SubEntry:         1,
	EntryID:          ras.GUID{Data1: 0x6b29fc40, Data2: 0xca47, Data3: 0x1067, Data4: [8]byte{0xb3, 0x1d, 0x00, 0xdd, 0x01, 0x06, 0x62, 0xda}},
	Flags:            ras.AllUsers | ras.GlobalCreds | 0x40,
	CorrelationID:    ras.GUID{Data1: 0x1, Data4: [8]byte{7: 0xff}},
	HasCorrelationID: true,
}

const officeVPNJSON = `{
  "handle": "0x801",
  "entry": "Office VPN",
  "phone_number": "",
  "device_type": "vpn",
  "device_name": "WAN Miniport (IKEv2)",
  "phonebook": "C:\\ProgramData\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk",
  "subentry": 1,
  "entry_id": "{6B29FC40-CA47-1067-B31D-00DD010662DA}",
  "flags": [
    "all_users",
    "global_creds",
    "0x40"
  ],
  "correlation_id": "{00000001-0000-0000-0000-0000000000FF}"
}
`

func jsonOf(t *testing.T, v any) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, writeJSON(&b, v))
	return b.String()
}

func TestConnJSONHasEveryFieldInSnakeCase(t *testing.T) {
	assert.Equal(t, officeVPNJSON, jsonOf(t, newConnJSON(officeVPN)))
}

func TestConnJSONGivesNullForACorrelationIDWindowsDoesNotReport(t *testing.T) {
	xp := ras.Conn{Handle: 0x1802, PhoneNumber: "5550123", DeviceType: "modem"}
	assert.JSONEq(t, `{"handle": "0x1802", "entry": "", "phone_number": "5550123", "device_type": "modem",
		"device_name": "", "phonebook": "", "subentry": 0, "entry_id": "{00000000-0000-0000-0000-000000000000}",
		"flags": [], "correlation_id": null}`, jsonOf(t, newConnJSON(xp)))
}

func TestConnJSONKeepsHTMLCharactersAsTheyAre(t *testing.T) {
	assert.Contains(t, jsonOf(t, newConnJSON(ras.Conn{Entry: "R&D <VPN>"})), `"entry": "R&D <VPN>"`)
}

func TestStatusJSONOfAWindows7Connection(t *testing.T) {
	st := ras.ConnStatus{
		State:          ras.Connected,
		DeviceType:     "vpn",
		DeviceName:     "WAN Miniport (IKEv2)",
		PhoneNumber:    "vpn.example.com",
		LocalEndpoint:  netip.MustParseAddr("192.0.2.10"),
		RemoteEndpoint: netip.MustParseAddr("2001:db8::1"),
		SubState:       ras.SubStateReconnected,
		HasSubState:    true,
	}
	want := `{"connection": ` + officeVPNJSON + `, "state": "Connected", "state_code": 8192, "error": null,
		"device_type": "vpn", "device_name": "WAN Miniport (IKEv2)", "phone_number": "vpn.example.com",
		"local_endpoint": "192.0.2.10", "remote_endpoint": "2001:db8::1", "substate": "Reconnected",
		"projection": {"protocol": "ikev2", "tunnel": "ikev2", "ipv4": "10.0.0.2", "ipv6": "fd00::2", "ipv6_prefix_length": 64,
			"server_addresses": ["10.0.0.1", "10.0.0.5", "fd00::1"], "authentication": "eap", "encryption": "aes-256"}}`
	assert.JSONEq(t, want, jsonOf(t, newStatusJSON(officeVPN, st, &ikev2Projection)))
}

// ikev2Projection is an IKEv2 tunnel with two IPv4 servers and one IPv6 server.
var ikev2Projection = ras.ProjectionInfo{
	Protocol: ras.ProtocolIKEv2, Tunnel: ras.TunnelIKEv2,
	IPv4:     netip.MustParseAddr("10.0.0.2"), IPv4Server: netip.MustParseAddr("10.0.0.1"),
	IPv6: netip.MustParseAddr("fd00::2"), IPv6Server: netip.MustParseAddr("fd00::1"), IPv6PrefixLength: 64,
	ServerAddresses: []netip.Addr{netip.MustParseAddr("10.0.0.1"), netip.MustParseAddr("10.0.0.5"), netip.MustParseAddr("fd00::1")},
	Authentication:  ras.AuthIKEv2EAP, Encryption: ras.EncryptionAES256,
}

func TestProjectionJSONOfPPPHasNoIPv6Address(t *testing.T) {
	ppp := ras.ProjectionInfo{Protocol: ras.ProtocolPPP, Tunnel: ras.TunnelPPTP, IPv4: netip.MustParseAddr("192.168.7.20"),
		HasInterfaceID: true, InterfaceID: [8]byte{1, 2, 3, 4, 5, 6, 7, 8},
		Authentication: ras.AuthMSCHAPv2, Encryption: ras.EncryptionMPPE128}
	assert.JSONEq(t, `{"protocol": "ppp", "tunnel": "pptp", "ipv4": "192.168.7.20", "ipv6": null, "ipv6_prefix_length": null,
		"server_addresses": [], "authentication": "mschapv2", "encryption": "mppe-128"}`, jsonOf(t, newProjectionJSON(&ppp)))
}

func TestStatsJSONHasEveryCounter(t *testing.T) {
	st := ras.Stats{BytesSent: 1, BytesReceived: 2, FramesSent: 3, FramesReceived: 4, CRCErrors: 5, TimeoutErrors: 6,
		AlignmentErrors: 7, HardwareOverrunErrors: 8, FramingErrors: 9, BufferOverrunErrors: 10,
		CompressionRatioIn: 11, CompressionRatioOut: 12, LinkSpeed: 13, Duration: 14 * time.Millisecond}
	assert.JSONEq(t, `{"connection": `+officeVPNJSON+`, "bytes_sent": 1, "bytes_received": 2, "frames_sent": 3,
		"frames_received": 4, "crc_errors": 5, "timeout_errors": 6, "alignment_errors": 7,
		"hardware_overrun_errors": 8, "framing_errors": 9, "buffer_overrun_errors": 10,
		"compression_ratio_in": 11, "compression_ratio_out": 12, "link_speed_bps": 13, "duration_ms": 14}`,
		jsonOf(t, newStatsJSON(officeVPN, st)))
}

func TestStatusJSONGivesNullsForWhatWindowsDoesNotReport(t *testing.T) {
	st := ras.ConnStatus{State: ras.State(0x3000), Err: &ras.Error{Call: "connection", Code: 651, Message: "The modem reported an error."}}
	got := jsonOf(t, newStatusJSON(ras.Conn{Handle: 0x7}, st, nil))
	for _, field := range []string{
		`"state": "State(0x3000)"`, `"state_code": 12288`,
		`"error": {
    "code": 651,
    "message": "The modem reported an error."
  }`,
		`"local_endpoint": null`, `"remote_endpoint": null`, `"substate": null`, `"projection": null`,
	} {
		assert.Contains(t, got, field)
	}
}

func TestErrorJSONOfAnErrorThatIsNoRASError(t *testing.T) {
	assert.Equal(t, &errorJSON{Code: 0, Message: "odd"}, newErrorJSON(errors.New("odd")))
	assert.Equal(t, &errorJSON{Code: 691, Message: "denied"},
		newErrorJSON(&ras.Error{Call: "connection", Code: ras.Errno(691), Message: "denied"}))
}

func TestEventJSONIsOneLineWithATimeOfNineDigits(t *testing.T) {
	when := time.Date(2024, 5, 6, 7, 8, 9, 120000000, time.FixedZone("", 2*3600))
	var b bytes.Buffer
	require.NoError(t, writeJSONLine(&b, newEventJSON(when, ras.Event{Op: ras.OpDisconnected, Conn: ras.Conn{Handle: 0x801}})))
	line := b.String()
	assert.Regexp(t, `^\{"time":"2024-05-06T07:08:09.120000000\+02:00","event":"disconnected","connection":\{"handle":"0x801",[^\n]*\},"error":null\}\n$`, line)
	parsed, err := time.Parse(time.RFC3339Nano, "2024-05-06T07:08:09.120000000+02:00")
	require.NoError(t, err)
	assert.True(t, parsed.Equal(when))
}

func TestEventJSONOfADropCarriesItsError(t *testing.T) {
	e := ras.Event{Op: ras.OpDisconnected, Conn: ras.Conn{Handle: 0x801},
		Err: &ras.Error{Call: "connection", Code: ras.Errno(628), Message: "The connection was terminated by the remote computer"}}
	got, err := json.Marshal(newEventJSON(time.Now(), e))
	require.NoError(t, err)
	var line struct {
		Error *errorJSON `json:"error"`
	}
	require.NoError(t, json.Unmarshal(got, &line))
	require.NotNil(t, line.Error)
	assert.Equal(t, errorJSON{Code: 628, Message: "The connection was terminated by the remote computer"}, *line.Error)

	got, err = json.Marshal(newEventJSON(time.Now(), ras.Event{Op: ras.OpConnected}))
	require.NoError(t, err)
	assert.Contains(t, string(got), `"error":null`)
}

func TestHangupJSON(t *testing.T) {
	got := jsonOf(t, hangupJSON{Connection: newConnJSON(officeVPN), Terminated: true, WaitedMS: 12})
	assert.JSONEq(t, `{"connection": `+officeVPNJSON+`, "terminated": true, "waited_ms": 12}`, got)
}

var guidShape = regexp.MustCompile(`^\{[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}\}$`)

func FuzzGUIDString(f *testing.F) {
	f.Add(uint32(0x6B29FC40), uint16(0xCA47), uint16(0x1067), []byte{0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06, 0x62, 0xDA})
	f.Add(uint32(0), uint16(0), uint16(0), []byte{})
	f.Add(uint32(0xFFFFFFFF), uint16(0xFFFF), uint16(0xFFFF), []byte{0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF})
	f.Fuzz(func(t *testing.T, d1 uint32, d2, d3 uint16, d4 []byte) {
		g := ras.GUID{Data1: d1, Data2: d2, Data3: d3}
		copy(g.Data4[:], d4)
		s := g.String()
		if !guidShape.MatchString(s) {
			t.Fatalf("%+v.String() = %q, not as Windows writes GUIDs", g, s)
		}
		hex := strings.ReplaceAll(s[1:len(s)-1], "-", "")
		var back ras.GUID
		var tail uint64
		if _, err := fmt.Sscanf(hex, "%08x%04x%04x%016x", &back.Data1, &back.Data2, &back.Data3, &tail); err != nil {
			t.Fatalf("%q does not parse back: %v", s, err)
		}
		binary.BigEndian.PutUint64(back.Data4[:], tail)
		if back != g {
			t.Fatalf("%q parses back as %+v, not %+v", s, back, g)
		}
	})
}
