package ras

import "net/netip"

// The RASTUNNELENDPOINT types.
const (
	endpointIPv4 = 1
	endpointIPv6 = 2
)

// endpoint decodes a RASTUNNELENDPOINT. Type 0 (unknown, as SSTP reports) and types this
// package does not know are no address, not an error.
func endpoint(typ uint32, addr [16]byte) netip.Addr {
	switch typ {
	case endpointIPv4:
		return netip.AddrFrom4([4]byte(addr[:4]))
	case endpointIPv6:
		return netip.AddrFrom16(addr)
	}
	return netip.Addr{}
}
