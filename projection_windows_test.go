//go:build cgo

package ras_test

import (
	"bytes"
	"context"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

func project(t *testing.T, h ras.Handle, p rassim.Projection) {
	t.Helper()
	require.NoError(t, rassim.SetProjection(h, p))
}

// The VPN connections of each tunnel, on the WAN miniport Windows makes it on.
var (
	pptpVPN = rassim.Conn{Entry: "PPTP VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (PPTP)"}
	l2tpVPN = rassim.Conn{Entry: "L2TP VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (L2TP)"}
	sstpVPN = rassim.Conn{Entry: "SSTP VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)"}
	dialUp  = rassim.Conn{PhoneNumber: "5550123", DeviceType: "modem", DeviceName: "Standard 56000 bps Modem"}
)

// pppProjection is a PPTP tunnel's: MS-CHAP v2, 128-bit MPPE and compression, IPv4 and IPv6.
var pppProjection = rassim.Projection{
	Type: rassim.PPP, IPv4: ip("192.168.7.20"), IPv4Server: ip("192.168.7.1"),
	InterfaceID: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, ServerInterfaceID: [8]byte{8, 7, 6, 5, 4, 3, 2, 1},
	AuthenticationProtocol: 0xC223, AuthenticationData: 0x81, CCPOptions: 0x41,
}

// tunnelledProjection is an SSTP or L2TP tunnel's: PPP negotiates no MPPE (no CCP at all)
// inside TLS or IPsec.
var tunnelledProjection = rassim.Projection{
	Type: rassim.PPP, IPv4: ip("192.168.9.20"), IPv4Server: ip("192.168.9.1"),
	AuthenticationProtocol: 0xC223, AuthenticationData: 0x81, NotConfigured: rassim.IPv6,
}

func TestProjectionOfPPPGivesEveryField(t *testing.T) {
	useSim(t)
	h := add(t, pptpVPN)
	project(t, h, pppProjection)
	p, err := ras.Projection(h)
	require.NoError(t, err)
	assert.Equal(t, ras.ProjectionInfo{
		Protocol: ras.ProtocolPPP, Tunnel: ras.TunnelPPTP, IPv4: ip("192.168.7.20"), IPv4Server: ip("192.168.7.1"),
		InterfaceID: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, ServerInterfaceID: [8]byte{8, 7, 6, 5, 4, 3, 2, 1}, HasInterfaceID: true,
		ServerAddresses: []netip.Addr{ip("192.168.7.1")},
		Authentication:  ras.AuthMSCHAPv2, Encryption: ras.EncryptionMPPE128,
	}, p)
}

func TestProjectionOfIKEv2GivesEveryServerAddress(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	// 5 + 3 server addresses take 68 bytes past the 108-byte struct: the call asks for more.
	v4 := []netip.Addr{ip("10.0.0.1"), ip("10.0.0.5"), ip("10.0.1.1"), ip("10.0.2.1"), ip("10.0.3.1")}
	v6 := []netip.Addr{ip("fd00::1"), ip("fd00::5"), ip("fd01::1")}
	project(t, h, rassim.Projection{
		Type: rassim.IKEv2, IPv4: ip("10.0.0.2"), IPv4Server: ip("10.0.0.1"),
		IPv6: ip("fd00::2"), IPv6Server: ip("fd00::1"), IPv6PrefixLength: 64,
		AuthenticationProtocol: 2, EAPTypeID: 26, EncryptionMethod: 5,
		IPv4Servers: v4, IPv6Servers: v6,
	})
	require.NoError(t, rassim.ResetCalls())
	p, err := ras.Projection(h)
	require.NoError(t, err)
	assert.Equal(t, ras.ProjectionInfo{
		Protocol: ras.ProtocolIKEv2, Tunnel: ras.TunnelIKEv2, IPv4: ip("10.0.0.2"), IPv4Server: ip("10.0.0.1"),
		IPv6: ip("fd00::2"), IPv6Server: ip("fd00::1"), IPv6PrefixLength: 64,
		ServerAddresses: append(append([]netip.Addr{}, v4...), v6...),
		Authentication:  ras.AuthIKEv2EAP, EAPType: 26, Encryption: ras.EncryptionAES256,
	}, p)
	assert.Equal(t, uint32(2), rassim.Calls(rassim.GetProjectionInfoEx), "108 bytes, 603, then the size asked for")
}

// Each tunnel as Windows makes it: SSTP and L2TP with no MPPE inside, PPTP and a modem with
// their MPPE, IKEv2 with its cipher; and a VPN device that does not name its tunnel.
func TestProjectionTellsEachTunnelsEncryption(t *testing.T) {
	useSim(t)
	ikev2 := rassim.Projection{Type: rassim.IKEv2, IPv4: ip("10.0.0.2"), AuthenticationProtocol: 2, EncryptionMethod: 8}
	modemProjection := pppProjection
	modemProjection.CCPOptions = 0x10 // 56-bit MPPE
	clear := pppProjection
	clear.CCPOptions = 0
	for _, c := range []struct {
		conn       rassim.Conn
		projection rassim.Projection
		tunnel     ras.Tunnel
		want       ras.Encryption
	}{
		{sstpVPN, tunnelledProjection, ras.TunnelSSTP, ras.EncryptionTLS},
		{l2tpVPN, tunnelledProjection, ras.TunnelL2TP, ras.EncryptionIPsec},
		{pptpVPN, pppProjection, ras.TunnelPPTP, ras.EncryptionMPPE128},
		{pptpVPN, clear, ras.TunnelPPTP, ras.EncryptionNone},
		{officeVPN, ikev2, ras.TunnelIKEv2, ras.EncryptionAESGCM256},
		{dialUp, modemProjection, ras.TunnelNone, ras.EncryptionMPPE56},
		{rassim.Conn{Entry: "Contoso", DeviceType: "vpn", DeviceName: "Contoso VPN Adapter"}, tunnelledProjection, ras.TunnelUnknown, ras.EncryptionUnknown},
	} {
		h := add(t, c.conn)
		project(t, h, c.projection)
		p, err := ras.Projection(h)
		require.NoError(t, err)
		assert.Equal(t, c.tunnel, p.Tunnel, c.conn.DeviceName)
		assert.Equal(t, c.want, p.Encryption, c.conn.DeviceName)
	}
}

// The device of a PPP connection comes from RasGetConnectStatusW: when that fails, the tunnel is
// not known (and its encryption not called none); when the connection is gone, it is gone.
func TestProjectionOfPPPWhoseDeviceCannotBeReadHasNoTunnel(t *testing.T) {
	useSim(t)
	h := add(t, l2tpVPN)
	project(t, h, tunnelledProjection)
	require.NoError(t, rassim.FailNth(rassim.GetConnectStatus, 1, 8))
	p, err := ras.Projection(h)
	require.NoError(t, err)
	assert.Equal(t, ras.TunnelUnknown, p.Tunnel)
	assert.Equal(t, ras.EncryptionUnknown, p.Encryption)

	require.NoError(t, rassim.FailNth(rassim.GetConnectStatus, 1, 6))
	_, err = ras.Projection(h)
	assert.ErrorIs(t, err, ras.ErrConnectionGone)
	assert.ErrorContains(t, err, "RasGetConnectStatusW")
}

func TestProjectionNamesEveryIKEv2Cipher(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	// IPSEC_CIPHER_TYPE (ipsectypes.h), the values dwEncryptionMethod takes, and their names.
	for method, name := range map[uint32]string{
		1: "des", 2: "3des", 3: "aes-128", 4: "aes-192", 5: "aes-256", 6: "aes-gcm-128", 7: "aes-gcm-192", 8: "aes-gcm-256",
	} {
		project(t, h, rassim.Projection{Type: rassim.IKEv2, IPv4: ip("10.0.0.2"), EncryptionMethod: ras.Encryption(method)})
		p, err := ras.Projection(h)
		require.NoError(t, err)
		assert.Equal(t, ras.Encryption(method), p.Encryption)
		assert.Equal(t, name, p.Encryption.String(), "IPSEC_CIPHER_TYPE %d", method)
	}
}

func TestProjectionGivesNoAddressWhereNegotiationFailed(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	p := pppProjection
	p.IPv6Error = 733 // ERROR_PPP_NO_PROTOCOLS_CONFIGURED
	project(t, h, p)
	got, err := ras.Projection(h)
	require.NoError(t, err)
	assert.Equal(t, ip("192.168.7.20"), got.IPv4)
	assert.NoError(t, got.IPv4Err)
	assert.False(t, got.HasInterfaceID)
	assert.ErrorIs(t, got.IPv6Err, windows.Errno(733))
}

func TestProjectionErrorsCallersCanTellApart(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	dialling := add(t, officeVPN) // connected, but never projected
	noIP := add(t, officeVPN)
	project(t, noIP, rassim.Projection{Type: rassim.PPP, NotConfigured: rassim.IPv4 | rassim.IPv6})
	gone := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), gone))

	for _, c := range []struct {
		h    ras.Handle
		is   error
		code windows.Errno
	}{{dialling, ras.ErrNotProjected, 730}, {noIP, ras.ErrProtocolNotConfigured, 731}, {gone, ras.ErrConnectionGone, 6}} {
		_, err := ras.Projection(c.h)
		assert.ErrorIs(t, err, c.is, "%v", c.h)
		assert.ErrorIs(t, err, c.code, "%v", c.h)
		assert.ErrorContains(t, err, "RasGetProjectionInfoEx")
		for _, other := range []error{ras.ErrNotProjected, ras.ErrProtocolNotConfigured, ras.ErrConnectionGone, ras.ErrProjectionUnavailable} {
			if other != c.is {
				assert.NotErrorIs(t, err, other, "%v", c.h)
			}
		}
	}
}

func TestProjectionRefusesASizeNoServerAddressesNeed(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	project(t, h, pppProjection)
	require.NoError(t, rassim.FailNth(rassim.GetProjectionInfoEx, 1, uint32(errBufferSmall)))
	require.NoError(t, rassim.LieNeeded(rassim.GetProjectionInfoEx, 0xFFFFFFF0))
	_, err := ras.Projection(h)
	assert.ErrorIs(t, err, errInvalidData)
	assert.ErrorContains(t, err, "RasGetProjectionInfoEx answered 603 asking for 4294967280 bytes")
}

// The fallback runs in a process of its own, beside the simulator built without
// RasGetProjectionInfoEx (raswine exec -beside puts it in vista/): a Windows older than 7. Only
// a build with the rassim tag loads rasapi32.dll from the program's folder, where that one is.
const fallbackChild = "WINRAS_TEST_FALLBACK_HANDLES"

func TestProjectionFallsBackWithoutTheExCall(t *testing.T) {
	if handles := os.Getenv(fallbackChild); handles != "" {
		fallbackChecks(t, handles)
		return
	}
	useSim(t)
	exe, err := os.Executable()
	require.NoError(t, err)
	dir := filepath.Join(filepath.Dir(exe), "vista")
	if wantFolder == "System32" {
		t.Skip("needs -tags rassim and raswine exec -beside: System32 has the simulator of Windows 7")
	}
	_, err = os.Stat(filepath.Join(dir, "rasapi32.dll"))
	require.NoError(t, err, "raswine exec -beside copies the simulator built without RasGetProjectionInfoEx to vista/")
	data, err := os.ReadFile(exe)
	require.NoError(t, err)
	child := filepath.Join(dir, filepath.Base(exe))
	require.NoError(t, os.WriteFile(child, data, 0o755))

	ppp := add(t, sstpVPN)
	project(t, ppp, pppProjection)
	ike := add(t, officeVPN)
	project(t, ike, rassim.Projection{Type: rassim.IKEv2, IPv4: ip("10.0.0.2"), IPv6: ip("fd00::2:3:4:5"), NotConfigured: rassim.IPv6})
	unprojected := add(t, officeVPN)
	noIP := add(t, officeVPN)
	project(t, noIP, rassim.Projection{Type: rassim.PPP, NotConfigured: rassim.IPv4 | rassim.IPv6})

	var out bytes.Buffer
	cmd, err := rassim.StartProcess(func() *exec.Cmd {
		cmd := exec.Command(child, "-test.run=^TestProjectionFallsBackWithoutTheExCall$", "-test.v")
		cmd.Env = append(os.Environ(), fallbackChild+"="+ppp.String()+","+ike.String()+","+unprojected.String()+","+noIP.String())
		cmd.Stdout, cmd.Stderr = &out, &out
		return cmd
	})
	require.NoError(t, err)
	require.NoError(t, cmd.Wait(), "%s", out.String())
	assert.Contains(t, out.String(), "--- PASS: TestProjectionFallsBackWithoutTheExCall")
}

// fallbackChecks runs in the child: the same simulated service, without the Ex call.
func fallbackChecks(t *testing.T, handles string) {
	var hs []ras.Handle
	for _, s := range strings.Split(handles, ",") {
		v, err := strconv.ParseUint(s, 0, 64)
		require.NoError(t, err)
		hs = append(hs, ras.Handle(v))
	}
	require.Len(t, hs, 4)
	require.Error(t, windows.NewLazyDLL("rasapi32.dll").NewProc("RasGetProjectionInfoEx").Find(), "no Ex export here")

	p, err := ras.Projection(hs[0])
	require.NoError(t, err)
	assert.Equal(t, ras.ProjectionInfo{
		Protocol: ras.ProtocolPPP, Tunnel: ras.TunnelSSTP, IPv4: ip("192.168.7.20"), IPv4Server: ip("192.168.7.1"),
		InterfaceID: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, ServerInterfaceID: [8]byte{8, 7, 6, 5, 4, 3, 2, 1}, HasInterfaceID: true,
		ServerAddresses: []netip.Addr{ip("192.168.7.1")}, Encryption: ras.EncryptionTLS,
	}, p, "the addresses as text, the interface identifiers, no authentication, and SSTP's TLS, which needs no CCP")

	p, err = ras.Projection(hs[1])
	require.NoError(t, err, "IPv6 not configured: IPv4 alone")
	assert.Equal(t, ras.ProjectionInfo{Protocol: ras.ProtocolPPP, Tunnel: ras.TunnelIKEv2, IPv4: ip("10.0.0.2")}, p,
		"RasGetProjectionInfoW knows PPP only; the device says IKEv2, and nothing reports its cipher")

	_, err = ras.Projection(hs[2])
	assert.ErrorIs(t, err, ras.ErrNotProjected)
	assert.ErrorContains(t, err, "RasGetProjectionInfoW")
	_, err = ras.Projection(hs[3])
	assert.ErrorIs(t, err, ras.ErrProtocolNotConfigured)
}
