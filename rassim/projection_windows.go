//go:build windows

package rassim

import (
	"fmt"
	"net/netip"
	"unsafe"

	"github.com/winras/ras"
)

var procSetProjection = rasapi32.NewProc("RasSimSetProjection")

// maxServers is how many IKEv2 server addresses of each family a Projection holds
// (RASSIM_MAX_SERVERS): more than fit in RAS_PROJECTION_INFO's 108 bytes.
const maxServers = 16

// Projection is what SetProjection makes RasGetProjectionInfoEx and RasGetProjectionInfoW
// report for a connection: every field of RASPPP_PROJECTION_INFO and RASIKEV2_PROJECTION_INFO.
// Each type reports its own fields (those marked PPP or IKEv2, and the unmarked ones) and leaves
// out the other's. An address left zero reports as all zeros.
type Projection struct {
	Type ProjectionType // NotProjected: the projection calls answer 730

	// NotConfigured are the protocols the connection's entry does not configure:
	// RasGetProjectionInfoW answers 731 for each one (IPv4 for RASP_PppIp, IPv6 for
	// RASP_PppIpv6), RasGetProjectionInfoEx when both are.
	NotConfigured Protocols

	IPv4Error         uint32     // dwIPv4NegotiationError
	IPv4              netip.Addr // ipv4Address
	IPv4Server        netip.Addr // ipv4ServerAddress
	IPv4Options       uint32     // PPP: dwIPv4Options (RASIPO_*)
	IPv4ServerOptions uint32     // PPP: dwIPv4ServerOptions

	IPv6Error        uint32     // dwIPv6NegotiationError
	IPv6             netip.Addr // IKEv2: ipv6Address (RASP_PppIpv6 reports its low 8 bytes)
	IPv6Server       netip.Addr // IKEv2: ipv6ServerAddress (likewise)
	IPv6PrefixLength uint32     // IKEv2: dwPrefixLength

	InterfaceID       [8]byte // PPP: bInterfaceIdentifier
	ServerInterfaceID [8]byte // PPP: bServerInterfaceIdentifier
	Bundled           bool    // PPP: fBundled
	Multilink         bool    // PPP: fMultilink

	AuthenticationProtocol       uint32 // dwAuthenticationProtocol: PPP's RASLCPAP_*, IKEv2's RASIKEv2_AUTH_*
	AuthenticationData           uint32 // PPP: dwAuthenticationData (RASLCPAD_*)
	ServerAuthenticationProtocol uint32 // PPP: dwServerAuthenticationProtocol
	ServerAuthenticationData     uint32 // PPP: dwServerAuthenticationData
	EAPTypeID                    uint32 // dwEapTypeId
	ServerEAPTypeID              uint32 // PPP: dwServerEapTypeId

	LCPOptions       uint32 // PPP: dwLcpOptions (RASLCPO_*)
	LCPServerOptions uint32 // PPP: dwLcpServerOptions

	CCPError                      uint32 // PPP: dwCcpError
	CCPCompressionAlgorithm       uint32 // PPP: dwCcpCompressionAlgorithm (RASCCPCA_*)
	CCPServerCompressionAlgorithm uint32 // PPP: dwCcpServerCompressionAlgorithm
	CCPOptions                    uint32 // PPP: dwCcpOptions (RASCCPO_*: compression, MPPE key lengths)
	CCPServerOptions              uint32 // PPP: dwCcpServerOptions

	IKEv2Flags       uint32         // IKEv2: dwFlags (RASIKEv2_FLAGS_*)
	EncryptionMethod ras.Encryption // IKEv2: dwEncryptionMethod (an IPSEC_CIPHER_TYPE, as ras.Encryption has it)

	// IKEv2: the server's addresses, 16 of each family at most. RasGetProjectionInfoEx returns
	// them in the caller's buffer after the 108-byte structure, and so asks for more room.
	IPv4Servers []netip.Addr
	IPv6Servers []netip.Addr
}

// rawProjection mirrors RASSIM_PROJECTION (rassim/dll/rassim.h): naturally aligned, the same on
// every architecture.
type rawProjection struct {
	Size, Type, NotConfigured, IPv4Error           uint32
	IPv4, IPv4Server                               [4]byte
	IPv4Options, IPv4ServerOptions, IPv6Error      uint32
	IPv6, IPv6Server                               [16]byte
	PrefixLength                                   uint32
	InterfaceID, ServerInterfaceID                 [8]byte
	Bundled, Multilink                             uint32
	Auth, AuthData, ServerAuth, ServerAuthData     uint32
	EAPType, ServerEAPType                         uint32
	LCPOptions, LCPServerOptions                   uint32
	CCPError, CCPCompression, CCPServerCompression uint32
	CCPOptions, CCPServerOptions                   uint32
	IKEv2Flags, EncryptionMethod                   uint32
	NumIPv4Servers, NumIPv6Servers                 uint32
	IPv4Servers                                    [maxServers][4]byte
	IPv6Servers                                    [maxServers][16]byte
}

// SetProjection sets what the projection calls report for h (any valid handle, a sub-entry's
// too) from now on, until the connection ends: Reset and a new connection start with none.
func SetProjection(h ras.Handle, p Projection) error {
	r, err := p.raw()
	if err != nil {
		return err
	}
	return call(procSetProjection, uintptr(h), uintptr(unsafe.Pointer(r)))
}

func (p *Projection) raw() (*rawProjection, error) {
	if p.NotConfigured&^allProtocols != 0 {
		return nil, fmt.Errorf("rassim: Projection.NotConfigured %#x names no protocol", uint32(p.NotConfigured&^allProtocols))
	}
	if len(p.IPv4Servers) > maxServers || len(p.IPv6Servers) > maxServers {
		return nil, fmt.Errorf("rassim: Projection holds %d server addresses of each family at most", maxServers)
	}
	r := &rawProjection{
		Size: uint32(unsafe.Sizeof(rawProjection{})), Type: uint32(p.Type), NotConfigured: uint32(p.NotConfigured),
		IPv4Error: p.IPv4Error, IPv4Options: p.IPv4Options, IPv4ServerOptions: p.IPv4ServerOptions,
		IPv6Error: p.IPv6Error, PrefixLength: p.IPv6PrefixLength,
		InterfaceID: p.InterfaceID, ServerInterfaceID: p.ServerInterfaceID,
		Bundled: boolDWORD(p.Bundled), Multilink: boolDWORD(p.Multilink),
		Auth: p.AuthenticationProtocol, AuthData: p.AuthenticationData,
		ServerAuth: p.ServerAuthenticationProtocol, ServerAuthData: p.ServerAuthenticationData,
		EAPType: p.EAPTypeID, ServerEAPType: p.ServerEAPTypeID,
		LCPOptions: p.LCPOptions, LCPServerOptions: p.LCPServerOptions,
		CCPError: p.CCPError, CCPCompression: p.CCPCompressionAlgorithm,
		CCPServerCompression: p.CCPServerCompressionAlgorithm,
		CCPOptions:           p.CCPOptions, CCPServerOptions: p.CCPServerOptions,
		IKEv2Flags: p.IKEv2Flags, EncryptionMethod: uint32(p.EncryptionMethod),
		NumIPv4Servers: uint32(len(p.IPv4Servers)), NumIPv6Servers: uint32(len(p.IPv6Servers)),
	}
	var err error
	for _, a := range []struct {
		name string
		addr netip.Addr
		dst  *[4]byte
	}{{"IPv4", p.IPv4, &r.IPv4}, {"IPv4Server", p.IPv4Server, &r.IPv4Server}} {
		if *a.dst, err = ipv4Bytes(a.name, a.addr); err != nil {
			return nil, err
		}
	}
	for i, a := range p.IPv4Servers {
		if r.IPv4Servers[i], err = ipv4Bytes(fmt.Sprintf("IPv4Servers[%d]", i), a); err != nil {
			return nil, err
		}
	}
	for _, a := range []struct {
		name string
		addr netip.Addr
		dst  *[16]byte
	}{{"IPv6", p.IPv6, &r.IPv6}, {"IPv6Server", p.IPv6Server, &r.IPv6Server}} {
		if *a.dst, err = ipv6Bytes(a.name, a.addr); err != nil {
			return nil, err
		}
	}
	for i, a := range p.IPv6Servers {
		if r.IPv6Servers[i], err = ipv6Bytes(fmt.Sprintf("IPv6Servers[%d]", i), a); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// ipv4Bytes is a in network order; the zero Addr is all zeros.
func ipv4Bytes(field string, a netip.Addr) ([4]byte, error) {
	if !a.IsValid() {
		return [4]byte{}, nil
	}
	if !a.Is4() {
		return [4]byte{}, fmt.Errorf("rassim: Projection.%s %v is not an IPv4 address", field, a)
	}
	return a.As4(), nil
}

// ipv6Bytes is a in network order; the zero Addr is all zeros.
func ipv6Bytes(field string, a netip.Addr) ([16]byte, error) {
	if !a.IsValid() {
		return [16]byte{}, nil
	}
	if !a.Is6() {
		return [16]byte{}, fmt.Errorf("rassim: Projection.%s %v is not an IPv6 address", field, a)
	}
	return a.As16(), nil
}

func boolDWORD(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}
