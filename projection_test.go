package ras

import (
	"fmt"
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestProtocolAuthenticationAndEncryptionHaveNames(t *testing.T) {
	assert.Equal(t, "ppp", ProtocolPPP.String())
	assert.Equal(t, "ikev2", ProtocolIKEv2.String())
	assert.Equal(t, "Protocol(3)", Protocol(3).String())
	assert.Equal(t, "mschapv2", AuthMSCHAPv2.String())
	assert.Equal(t, "machine-certificate", AuthMachineCertificate.String())
	assert.Equal(t, "unknown", AuthUnknown.String())
	assert.Equal(t, "Authentication(0xc22306)", Authentication(0xC22306).String())
	assert.Equal(t, "aes-256", EncryptionAES256.String())
	assert.Equal(t, "mppe-128", EncryptionMPPE128.String())
	assert.Equal(t, "Encryption(0x9)", Encryption(9).String())
}

func TestPPPAuthenticationTakesTheDataOnlyForCHAP(t *testing.T) {
	assert.Equal(t, AuthMSCHAPv2, pppAuthentication(0xC223, 0x81))
	assert.Equal(t, AuthCHAP, pppAuthentication(0xC223, 0x05))
	assert.Equal(t, AuthMSCHAP, pppAuthentication(0xC223, 0x80))
	assert.Equal(t, AuthPAP, pppAuthentication(0xC023, 0x81), "PAP's data means nothing")
	assert.Equal(t, AuthEAP, pppAuthentication(0xC227, 0))
	assert.Equal(t, AuthSPAP, pppAuthentication(0xC027, 0))
}

func TestMPPEEncryptionIsTheStrongestKey(t *testing.T) {
	assert.Equal(t, EncryptionNone, mppeEncryption(0x1)) // compression only
	assert.Equal(t, EncryptionMPPE40, mppeEncryption(0x20))
	assert.Equal(t, EncryptionMPPE56, mppeEncryption(0x30))
	assert.Equal(t, EncryptionMPPE128, mppeEncryption(0x71))
}

// What Windows produces: SSTP and L2TP negotiate no MPPE (their tunnel encrypts), PPTP and
// dial-up do or send in clear; a tunnel not known may encrypt what PPP does not.
func TestPPPEncryptionIsTheTunnelsOrMPPEs(t *testing.T) {
	for _, c := range []struct {
		tunnel Tunnel
		ccp    uint32
		hasCCP bool
		want   Encryption
	}{
		{TunnelSSTP, 0, true, EncryptionTLS},
		{TunnelSSTP, 0, false, EncryptionTLS},
		{TunnelL2TP, 0, true, EncryptionIPsec},
		{TunnelL2TP, 0, false, EncryptionIPsec},
		{TunnelPPTP, 0x40, true, EncryptionMPPE128},
		{TunnelPPTP, 0x1, true, EncryptionNone},
		{TunnelPPTP, 0x40, false, EncryptionUnknown},
		{TunnelNone, 0x10, true, EncryptionMPPE56},
		{TunnelNone, 0, true, EncryptionNone},
		{TunnelUnknown, 0x20, true, EncryptionMPPE40},
		{TunnelUnknown, 0, true, EncryptionUnknown},
		{TunnelIKEv2, 0, true, EncryptionUnknown}, // a PPP projection on an IKEv2 device
		{TunnelUnknown, 0, false, EncryptionUnknown},
	} {
		assert.Equal(t, c.want, pppEncryption(c.tunnel, c.ccp, c.hasCCP), "%v, CCP %#x (%v)", c.tunnel, c.ccp, c.hasCCP)
	}
}

func TestTunnelOfReadsTheMiniportsTag(t *testing.T) {
	for _, c := range []struct {
		deviceType, deviceName string
		want                   Tunnel
	}{
		{"vpn", "WAN Miniport (SSTP)", TunnelSSTP},
		{"vpn", "WAN Miniport (L2TP)", TunnelL2TP},
		{"vpn", "WAN Miniport (PPTP)", TunnelPPTP},
		{"vpn", "WAN Miniport (IKEv2)", TunnelIKEv2},
		{"VPN", "Minipuerto WAN (sstp)", TunnelSSTP},
		{"vpn", "WAN Miniport (L2TP) #2", TunnelL2TP},
		{"vpn", "Contoso VPN Adapter", TunnelUnknown},
		{"vpn", "WAN Miniport (L2TP) (SSTP)", TunnelUnknown},
		{"vpn", "", TunnelUnknown},
		{"modem", "Standard 56000 bps Modem", TunnelNone},
		{"PPPoE", "WAN Miniport (PPPOE)", TunnelNone},
		{"isdn", "ISDN channel - Adapter (SSTP)", TunnelNone},
		{"SERIAL", "Communications cable", TunnelNone},
		{"", "WAN Miniport (SSTP)", TunnelUnknown},
		{"wwan", "Mobile Broadband", TunnelUnknown},
	} {
		assert.Equal(t, c.want, TunnelOf(c.deviceType, c.deviceName), "%q %q", c.deviceType, c.deviceName)
	}
}

func TestTunnelHasNames(t *testing.T) {
	assert.Equal(t, []string{"unknown", "none", "pptp", "l2tp", "sstp", "ikev2", "Tunnel(6)"}, []string{
		TunnelUnknown.String(), TunnelNone.String(), TunnelPPTP.String(), TunnelL2TP.String(),
		TunnelSSTP.String(), TunnelIKEv2.String(), Tunnel(6).String(),
	})
	assert.Equal(t, "tls", EncryptionTLS.String())
	assert.Equal(t, "ipsec", EncryptionIPsec.String())
}

func TestAddrOfAllZerosIsNoAddress(t *testing.T) {
	assert.False(t, addrOf(make([]byte, 4)).IsValid())
	assert.False(t, addrOf(make([]byte, 16)).IsValid())
	assert.Equal(t, netip.MustParseAddr("10.0.0.2"), addrOf([]byte{10, 0, 0, 2}))
}

func TestAnHRESULTReadsAsOneAndMatchesItsWin32Code(t *testing.T) {
	e := &Error{Call: "RasGetConnectionStatistics", Code: 0x80070057, Message: "The parameter is incorrect."}
	assert.Equal(t, "ras: RasGetConnectionStatistics: error 0x80070057: The parameter is incorrect.", e.Error())
	assert.ErrorIs(t, e, Errno(87))
	assert.ErrorIs(t, e, Errno(0x80070057))
	assert.NotErrorIs(t, &Error{Code: 0x80004005}, Errno(0x4005), "not FACILITY_WIN32")
}

func TestProjectionCodesMatchTheirSentinels(t *testing.T) {
	for _, c := range []struct {
		code Errno
		is   error
	}{{730, ErrNotProjected}, {731, ErrProtocolNotConfigured}} {
		err := fmt.Errorf("wrapped: %w", &Error{Call: "RasGetProjectionInfoEx", Code: c.code})
		assert.ErrorIs(t, err, c.is)
		for _, other := range []error{ErrNotProjected, ErrProtocolNotConfigured, ErrProjectionUnavailable, ErrConnectionGone} {
			if other != c.is {
				assert.NotErrorIs(t, err, other, "%d", c.code)
			}
		}
	}
}
