package main

import (
	"bytes"
	"net/netip"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
)

func TestConnsTableAlignsColumnsAndDashesEmptyCells(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writeConns(&b, []ras.Conn{officeVPN, dialUp}))
	assert.Equal(t, ""+
		"HANDLE  ENTRY       NUMBER   TYPE   DEVICE                FLAGS\n"+
		"0x801   Office VPN  -        vpn    WAN Miniport (IKEv2)  all_users,global_creds,0x40\n"+
		"0x1802  -           5550123  modem  -                     -\n", b.String())
}

func TestConnsTableSaysSoWhenThereAreNone(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writeConns(&b, nil))
	assert.Equal(t, "no active connections\n", b.String())
}

func TestStatusTableHasOneFieldPerLine(t *testing.T) {
	st := ras.ConnStatus{
		State:          ras.Connected,
		DeviceType:     "vpn",
		DeviceName:     "WAN Miniport (IKEv2)",
		PhoneNumber:    "vpn.example.com",
		RemoteEndpoint: netip.MustParseAddr("203.0.113.5"),
		HasSubState:    true,
	}
	var b bytes.Buffer
	require.NoError(t, writeStatus(&b, officeVPN, st, &ikev2Projection))
	assert.Equal(t, ""+
		"Handle:           0x801\n"+
		"Entry:            Office VPN\n"+
		"State:            Connected (8192)\n"+
		"Error:            none\n"+
		"Device type:      vpn\n"+
		"Device name:      WAN Miniport (IKEv2)\n"+
		"Phone number:     vpn.example.com\n"+
		"Local endpoint:   -\n"+
		"Remote endpoint:  203.0.113.5\n"+
		"Sub-state:        None\n"+
		"Protocol:         ikev2\n"+
		"Tunnel:           ikev2\n"+
		"IPv4 address:     10.0.0.2\n"+
		"IPv6 address:     fd00::2\n"+
		"Servers:          10.0.0.1, 10.0.0.5, fd00::1\n"+
		"Authentication:   eap\n"+
		"Encryption:       aes-256\n"+
		"Phonebook:        C:\\ProgramData\\Microsoft\\Network\\Connections\\Pbk\\rasphone.pbk\n"+
		"Sub-entry:        1\n"+
		"Entry ID:         {6B29FC40-CA47-1067-B31D-00DD010662DA}\n"+
		"Flags:            all_users,global_creds,0x40\n"+
		"Correlation ID:   {00000001-0000-0000-0000-0000000000FF}\n", b.String())
}

func TestStatusTableOfAFailedConnectionOnXP(t *testing.T) {
	st := ras.ConnStatus{State: ras.Disconnected, Err: &ras.Error{Call: "connection", Code: 691, Message: "Access was denied."}}
	var b bytes.Buffer
	require.NoError(t, writeStatus(&b, ras.Conn{Handle: 0x7}, st, nil))
	for _, line := range []string{
		"Entry:            -\n", "State:            Disconnected (8193)\n", "Error:            691: Access was denied.\n",
		"Sub-state:        -\n", "Entry ID:         -\n", "Correlation ID:   -\n", "Protocol:         -\n",
		"IPv4 address:     -\n", "Servers:          -\n",
	} {
		assert.Contains(t, b.String(), line)
	}
}

func TestStatsTableGivesBytesInHumanUnitsToo(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writeStats(&b, officeVPN, ras.Stats{BytesSent: 1536, BytesReceived: 3 << 30, FramesSent: 7,
		CRCErrors: 1, CompressionRatioIn: 40, LinkSpeed: 1000000000, Duration: 90 * time.Minute}))
	assert.Equal(t, ""+
		"Handle:                   0x801\n"+
		"Entry:                    Office VPN\n"+
		"Bytes sent:               1536 (1.5 KiB)\n"+
		"Bytes received:           3221225472 (3.0 GiB)\n"+
		"Frames sent:              7\n"+
		"Frames received:          0\n"+
		"CRC errors:               1\n"+
		"Timeout errors:           0\n"+
		"Alignment errors:         0\n"+
		"Hardware overrun errors:  0\n"+
		"Framing errors:           0\n"+
		"Buffer overrun errors:    0\n"+
		"Compression ratio in:     40%\n"+
		"Compression ratio out:    0%\n"+
		"Link speed:               1000000000 bps\n"+
		"Duration:                 1h30m0s\n", b.String())
	assert.Equal(t, "1023", bytesText(1023))
	assert.Equal(t, "3145728 (3.0 MiB)", bytesText(3<<20))
}

func TestWatchLinesKeepTheHeadersColumns(t *testing.T) {
	var b bytes.Buffer
	require.NoError(t, writeWatchHeader(&b))
	when := time.Date(2024, 5, 6, 7, 8, 9, 123456789, time.Local)
	require.NoError(t, writeEvent(&b, when, ras.Event{Op: ras.OpConnected, Conn: officeVPN}))
	require.NoError(t, writeEvent(&b, when, ras.Event{Op: ras.OpDisconnected, Conn: dialUp}))
	assert.Equal(t, ""+
		"TIME          EVENT         HANDLE      TYPE      NAME\n"+
		"07:08:09.123  connected     0x801       vpn       Office VPN\n"+
		"07:08:09.123  disconnected  0x1802      modem     5550123\n", b.String())
}
