package ras

import (
	"errors"
	"fmt"
	"net/netip"
	"strings"
)

// ProjectionInfo is what a connection negotiated: its protocol and tunnel, the addresses the
// tunnel got, the authentication and the encryption in use.
//
// It comes from RasGetProjectionInfoEx (Windows 7 and later):
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasgetprojectioninfoex
// Where Windows lacks it, from RasGetProjectionInfoW with RASP_PppIp and RASP_PppIpv6:
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasgetprojectioninfow
// which give the IPv4 addresses and the IPv6 interface identifiers of a PPP connection only
// (Authentication is then Unknown, and Encryption is Unknown but for SSTP and L2TP).
//
// The tunnel of a PPP connection is its device's (TunnelOf), which Projection asks
// RasGetConnectStatusW for.
type ProjectionInfo struct {
	Protocol Protocol
	Tunnel   Tunnel

	// The local and the server's IPv4 addresses; invalid when IPv4 was not negotiated (IPv4Err
	// says why) or the server's is not known.
	IPv4       netip.Addr
	IPv4Server netip.Addr
	IPv4Err    error

	// IKEv2 only: the local and the server's IPv6 addresses and the prefix length. PPP
	// negotiates interface identifiers, not addresses.
	IPv6             netip.Addr
	IPv6Server       netip.Addr
	IPv6PrefixLength int
	IPv6Err          error

	// PPP only: the IPv6 interface identifiers, where HasInterfaceID.
	InterfaceID       [8]byte
	ServerInterfaceID [8]byte
	HasInterfaceID    bool

	// The server's addresses: for IKEv2 every IPv4 then every IPv6 address it gave, for PPP
	// IPv4Server when it is known.
	ServerAddresses []netip.Addr

	Authentication Authentication
	EAPType        uint32 // the EAP method's type id, when Authentication is EAP
	// Encryption is what protects the connection's traffic on the way (see Encryption for how
	// it is told).
	Encryption Encryption
}

// Projection returns what the connection h negotiated.
//
// A connection not projected yet gives an error matching ErrNotProjected; one whose IP
// protocols are not configured, ErrProtocolNotConfigured; a Windows that cannot tell (Wine's
// stubs), ErrProjectionUnavailable; a handle that is no longer valid, ErrConnectionGone. When
// the device of a PPP connection cannot be read (RasGetConnectStatusW fails otherwise), its
// Tunnel is TunnelUnknown.
func Projection(h Handle) (ProjectionInfo, error) { return projection(h) }

// ErrNotProjected matches (with errors.Is) the error of Projection for a connection that has not
// reached RASCS_Projected: ERROR_PROJECTION_NOT_COMPLETE (730).
var ErrNotProjected = errors.New("ras: connection not projected yet")

// ErrProtocolNotConfigured matches (with errors.Is) the error of Projection for a connection
// whose IP protocols are not configured: ERROR_PROTOCOL_NOT_CONFIGURED (731).
var ErrProtocolNotConfigured = errors.New("ras: protocol not configured")

// ErrProjectionUnavailable matches (with errors.Is) the error of Projection on a Windows that
// cannot tell: neither RasGetProjectionInfoEx nor RasGetProjectionInfoW answers (Wine's
// RasGetProjectionInfoW fails with ERROR_INVALID_FUNCTION).
var ErrProjectionUnavailable = errors.New("ras: projection information unavailable")

// Protocol is a RASPROJECTION_INFO_TYPE: the kind of connection.
type Protocol uint32

// The protocols.
const (
	ProtocolPPP   Protocol = 1 // PROJECTION_INFO_TYPE_PPP: PPP, and the VPNs over it (PPTP, L2TP, SSTP)
	ProtocolIKEv2 Protocol = 2 // PROJECTION_INFO_TYPE_IKEv2
)

// String returns "ppp" or "ikev2", or the number of a protocol this package does not know.
func (p Protocol) String() string {
	switch p {
	case ProtocolPPP:
		return "ppp"
	case ProtocolIKEv2:
		return "ikev2"
	}
	return fmt.Sprintf("Protocol(%d)", uint32(p))
}

// Authentication is how a connection authenticated. PPP values are RASLCPAP_* << 8, with
// CHAP's RASLCPAD_* in the low byte; IKEv2 values are RASIKEv2_AUTH_*, as Windows reports them.
type Authentication uint32

// The authentications.
const (
	AuthUnknown            Authentication = 0        // not reported (RasGetProjectionInfoW)
	AuthMachineCertificate Authentication = 1        // IKEv2 with machine certificates
	AuthIKEv2EAP           Authentication = 2        // IKEv2 with EAP
	AuthPreSharedKey       Authentication = 3        // IKEv2 with a pre-shared key (Windows 8 and later)
	AuthPAP                Authentication = 0xC02300 // PPP, PAP
	AuthSPAP               Authentication = 0xC02700 // PPP, Shiva PAP
	AuthCHAP               Authentication = 0xC22305 // PPP, CHAP with MD5
	AuthMSCHAP             Authentication = 0xC22380 // PPP, MS-CHAP
	AuthMSCHAPv2           Authentication = 0xC22381 // PPP, MS-CHAP v2
	AuthEAP                Authentication = 0xC22700 // PPP, EAP
)

var authNames = map[Authentication]string{
	AuthUnknown: "unknown", AuthMachineCertificate: "machine-certificate", AuthIKEv2EAP: "eap",
	AuthPreSharedKey: "psk", AuthPAP: "pap", AuthSPAP: "spap", AuthCHAP: "chap", AuthMSCHAP: "mschap",
	AuthMSCHAPv2: "mschapv2", AuthEAP: "eap",
}

// String returns the authentication's name ("mschapv2"), or its number.
func (a Authentication) String() string {
	if name, ok := authNames[a]; ok {
		return name
	}
	return fmt.Sprintf("Authentication(%#x)", uint32(a))
}

// pppAuthentication turns PPP's authentication protocol and data into an Authentication: the
// data says which CHAP, and means nothing for the others.
func pppAuthentication(protocol, data uint32) Authentication {
	const chap = 0xC223
	if protocol != chap {
		data = 0
	}
	return Authentication(protocol<<8 | data&0xFF)
}

// Encryption is what protects a connection's traffic between this machine and the server.
//
//   - IKEv2: the cipher its projection reports (dwEncryptionMethod, an IPSEC_CIPHER_TYPE).
//   - PPP over SSTP: TLS, which carries every SSTP tunnel; PPP itself negotiates no encryption
//     inside it.
//   - PPP over L2TP: IPsec. Windows makes L2TP connections in IPsec unless an administrator
//     turned that off (the ProhibitIpSec registry value, meant for testing), which RAS does not
//     report: this package cannot see it, and says IPsec.
//   - PPP over PPTP, and dial-up (a modem, ISDN, PPPoE, a cable: TunnelNone): the MPPE key
//     length its CCP options negotiated, the strongest when there are several, or None.
//   - PPP whose tunnel is not known (TunnelUnknown): MPPE's key length when CCP negotiated it,
//     else Unknown: the tunnel may encrypt what PPP does not, so never None.
//
// Without RasGetProjectionInfoEx (before Windows 7) nothing reports CCP or IKEv2: Unknown, but
// for SSTP and L2TP.
type Encryption uint32

// The encryptions.
const (
	EncryptionUnknown   Encryption = 0 // not known
	EncryptionDES       Encryption = 1
	Encryption3DES      Encryption = 2
	EncryptionAES128    Encryption = 3
	EncryptionAES192    Encryption = 4
	EncryptionAES256    Encryption = 5
	EncryptionAESGCM128 Encryption = 6
	EncryptionAESGCM192 Encryption = 7
	EncryptionAESGCM256 Encryption = 8

	EncryptionNone    Encryption = 0x100 // PPP without MPPE, directly or over PPTP: none at all
	EncryptionMPPE40  Encryption = 0x101
	EncryptionMPPE56  Encryption = 0x102
	EncryptionMPPE128 Encryption = 0x103

	EncryptionTLS   Encryption = 0x200 // SSTP's TLS
	EncryptionIPsec Encryption = 0x201 // L2TP's IPsec
)

var encryptionNames = map[Encryption]string{
	EncryptionUnknown: "unknown", EncryptionDES: "des", Encryption3DES: "3des", EncryptionAES128: "aes-128",
	EncryptionAES192: "aes-192", EncryptionAES256: "aes-256", EncryptionAESGCM128: "aes-gcm-128",
	EncryptionAESGCM192: "aes-gcm-192", EncryptionAESGCM256: "aes-gcm-256", EncryptionNone: "none",
	EncryptionMPPE40: "mppe-40", EncryptionMPPE56: "mppe-56", EncryptionMPPE128: "mppe-128",
	EncryptionTLS: "tls", EncryptionIPsec: "ipsec",
}

// String returns the encryption's name ("aes-256"), or its number.
func (e Encryption) String() string {
	if name, ok := encryptionNames[e]; ok {
		return name
	}
	return fmt.Sprintf("Encryption(%#x)", uint32(e))
}

// pppEncryption is the encryption of a PPP connection in tunnel t whose CCP options are ccp, or
// not known when !hasCCP (see Encryption).
func pppEncryption(t Tunnel, ccp uint32, hasCCP bool) Encryption {
	switch t {
	case TunnelSSTP:
		return EncryptionTLS
	case TunnelL2TP:
		return EncryptionIPsec
	}
	if !hasCCP {
		return EncryptionUnknown
	}
	mppe := mppeEncryption(ccp)
	if mppe == EncryptionNone && t != TunnelPPTP && t != TunnelNone {
		return EncryptionUnknown
	}
	return mppe
}

// mppeEncryption is the strongest MPPE key length of PPP's CCP options (RASCCPO_*), or None.
func mppeEncryption(ccpOptions uint32) Encryption {
	const (
		mppe56  = 0x10
		mppe40  = 0x20
		mppe128 = 0x40
	)
	switch {
	case ccpOptions&mppe128 != 0:
		return EncryptionMPPE128
	case ccpOptions&mppe56 != 0:
		return EncryptionMPPE56
	case ccpOptions&mppe40 != 0:
		return EncryptionMPPE40
	}
	return EncryptionNone
}

// Tunnel is the kind of tunnel a connection runs in.
type Tunnel uint32

// The tunnels.
const (
	TunnelUnknown Tunnel = iota // a VPN device that does not say which, or a device not known
	TunnelNone                  // none: PPP on the device itself (a modem, ISDN, PPPoE, a cable)
	TunnelPPTP
	TunnelL2TP
	TunnelSSTP
	TunnelIKEv2
)

var tunnelNames = [...]string{"unknown", "none", "pptp", "l2tp", "sstp", "ikev2"}

// String returns the tunnel's name ("sstp"), or its number.
func (t Tunnel) String() string {
	if int(t) < len(tunnelNames) {
		return tunnelNames[t]
	}
	return fmt.Sprintf("Tunnel(%d)", uint32(t))
}

// TunnelOf tells a connection's tunnel from its device, as RasGetConnectStatusW (or
// RasEnumConnectionsW) reports it. Windows makes each kind of VPN tunnel on a WAN miniport of
// its own, of device type "vpn", whose name ends in the tunnel's tag: "WAN Miniport (SSTP)",
// and in other languages too ("Minipuerto WAN (SSTP)"); the tag is what is read, ignoring case.
// A "vpn" device whose name has no tag, or more than one (a third party's miniport), is
// TunnelUnknown, as is a device type RAS does not define (or none). The other device types RAS
// defines (modem, isdn, x25, pad, GENERIC, SERIAL, FRAMERELAY, ATM, SONET, SW56, IRDA, PARALLEL,
// PPPoE) carry PPP themselves: TunnelNone.
//
// An IKEv2 connection is TunnelIKEv2 by its projection whatever its device says: Projection
// reports it so.
func TunnelOf(deviceType, deviceName string) Tunnel {
	if strings.EqualFold(deviceType, "vpn") {
		name := strings.ToLower(deviceName)
		found := TunnelUnknown
		for _, t := range []Tunnel{TunnelPPTP, TunnelL2TP, TunnelSSTP, TunnelIKEv2} {
			if strings.Contains(name, "("+t.String()+")") {
				if found != TunnelUnknown {
					return TunnelUnknown
				}
				found = t
			}
		}
		return found
	}
	for _, dialUp := range []string{"modem", "isdn", "x25", "pad", "generic", "serial", "framerelay", "atm", "sonet", "sw56", "irda", "parallel", "pppoe"} {
		if strings.EqualFold(deviceType, dialUp) {
			return TunnelNone
		}
	}
	return TunnelUnknown
}

// addrOf is an address RAS reports in network order, or no address for all zeros (not assigned).
func addrOf(b []byte) netip.Addr {
	a, _ := netip.AddrFromSlice(b)
	if a.IsUnspecified() {
		return netip.Addr{}
	}
	return a
}
