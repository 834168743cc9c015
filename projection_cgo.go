//go:build windows && cgo

package ras

/*
#include "shim_projection.h"
*/
import "C"

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
	"unsafe"
)

// The codes of a Windows whose projection call exists but does nothing: Wine's stub answers 1.
const (
	errInvalidFunction    syscall.Errno = 1   // ERROR_INVALID_FUNCTION
	errCallNotImplemented syscall.Errno = 120 // ERROR_CALL_NOT_IMPLEMENTED
)

func projectionCall(call C.uint32_t) string {
	if call == C.WINRAS_CALL_EX {
		return "RasGetProjectionInfoEx"
	}
	return "RasGetProjectionInfoW"
}

func projection(h Handle) (ProjectionInfo, error) {
	if err := loaded(); err != nil {
		return ProjectionInfo{}, err
	}
	var p C.winras_projection
	if rc := syscall.Errno(C.winras_projection_get(C.uintptr_t(h), &p)); rc != 0 {
		return ProjectionInfo{}, projectionError(projectionCall(p.call), rc, &p)
	}
	var info ProjectionInfo
	if p.call == C.WINRAS_CALL_EX {
		info = projectionEx(&p)
	} else {
		var err error
		if info, err = projectionLegacy(&p); err != nil {
			return ProjectionInfo{}, err
		}
	}
	if info.Protocol == ProtocolPPP {
		// PPP does not say what it runs in: the device does.
		st, err := status(h)
		switch {
		case errors.Is(err, ErrConnectionGone):
			return ProjectionInfo{}, err
		case err == nil:
			info.Tunnel = TunnelOf(st.DeviceType, st.DeviceName)
		}
		info.Encryption = pppEncryption(info.Tunnel, uint32(p.ccp_options), p.call == C.WINRAS_CALL_EX)
	}
	return info, nil
}

func projectionError(call string, code syscall.Errno, p *C.winras_projection) error {
	err := connError(call, code)
	switch {
	case code == errInvalidFunction || code == errCallNotImplemented:
		return fmt.Errorf("%w: %w", ErrProjectionUnavailable, err)
	case code == errInvalidData && p.bad == C.WINRAS_BAD_PROJECTION_NEEDED:
		err.Message += fmt.Sprintf(" (%s answered 603 asking for %d bytes; at most %d make sense: refused)", call, p.reported, p.limit)
	case code == errInvalidData && p.bad == C.WINRAS_BAD_PROJECTION_SERVERS:
		err.Message += fmt.Sprintf(" (%s reported %d server addresses that its buffer does not hold, or more than %d: refused)",
			call, p.reported, C.WINRAS_MAX_SERVERS)
	}
	return err
}

// negotiationError is a projection's own error: why a protocol was not negotiated.
func negotiationError(what string, code C.uint32_t) error {
	if code == 0 {
		return nil
	}
	return newError(what, syscall.Errno(code))
}

func bytesOf(p *C.uint8_t, n int) []byte { return unsafe.Slice((*byte)(unsafe.Pointer(p)), n) }

func projectionEx(p *C.winras_projection) ProjectionInfo {
	info := ProjectionInfo{
		Protocol: Protocol(p._type),
		IPv4Err:  negotiationError("IPv4 negotiation", p.ipv4_error),
		IPv6Err:  negotiationError("IPv6 negotiation", p.ipv6_error),
		EAPType:  uint32(p.eap_type),
	}
	if info.IPv4Err == nil {
		info.IPv4, info.IPv4Server = addrOf(bytesOf(&p.ipv4[0], 4)), addrOf(bytesOf(&p.ipv4_server[0], 4))
	}
	switch info.Protocol {
	case ProtocolPPP:
		if info.IPv6Err == nil {
			info.InterfaceID = [8]byte(bytesOf(&p.interface_id[0], 8))
			info.ServerInterfaceID = [8]byte(bytesOf(&p.server_interface_id[0], 8))
			info.HasInterfaceID = true
		}
		if info.IPv4Server.IsValid() {
			info.ServerAddresses = []netip.Addr{info.IPv4Server}
		}
		info.Authentication = pppAuthentication(uint32(p.auth_protocol), uint32(p.auth_data))
	case ProtocolIKEv2:
		if info.IPv6Err == nil {
			info.IPv6, info.IPv6Server = addrOf(bytesOf(&p.ipv6[0], 16)), addrOf(bytesOf(&p.ipv6_server[0], 16))
			info.IPv6PrefixLength = int(min(p.prefix_length, 128))
		}
		info.ServerAddresses = make([]netip.Addr, 0, p.n_ipv4_servers+p.n_ipv6_servers)
		for i := range p.n_ipv4_servers {
			info.ServerAddresses = append(info.ServerAddresses, netip.AddrFrom4([4]byte(bytesOf(&p.ipv4_servers[i][0], 4))))
		}
		for i := range p.n_ipv6_servers {
			info.ServerAddresses = append(info.ServerAddresses, netip.AddrFrom16([16]byte(bytesOf(&p.ipv6_servers[i][0], 16))))
		}
		info.Tunnel = TunnelIKEv2
		info.Authentication = Authentication(p.auth_protocol)
		info.Encryption = Encryption(p.encryption_method)
	}
	return info
}

// projectionLegacy reads RasGetProjectionInfoW's answers: PPP, IPv4 addresses as "a.b.c.d".
func projectionLegacy(p *C.winras_projection) (ProjectionInfo, error) {
	info := ProjectionInfo{Protocol: ProtocolPPP}
	if p.has_ipv4 != 0 {
		info.IPv4Err = negotiationError("IPv4 negotiation", p.ipv4_error)
		for _, f := range []struct {
			text string
			addr *netip.Addr
		}{
			{C.GoString(&p.ipv4_text[0]), &info.IPv4},
			{C.GoString(&p.ipv4_server_text[0]), &info.IPv4Server},
		} {
			text := f.text
			if text == "" || info.IPv4Err != nil {
				continue
			}
			a, err := netip.ParseAddr(text)
			if err != nil || !a.Is4() {
				e := newError("RasGetProjectionInfoW", errInvalidData)
				e.Message += fmt.Sprintf(" (%q is no IPv4 address: refused)", text)
				return ProjectionInfo{}, e
			}
			*f.addr = addrOf(a.AsSlice())
		}
		if info.IPv4Server.IsValid() {
			info.ServerAddresses = []netip.Addr{info.IPv4Server}
		}
	}
	if p.has_ipv6 != 0 {
		info.IPv6Err = negotiationError("IPv6 negotiation", p.ipv6_error)
		if info.IPv6Err == nil {
			info.InterfaceID = [8]byte(bytesOf(&p.interface_id[0], 8))
			info.ServerInterfaceID = [8]byte(bytesOf(&p.server_interface_id[0], 8))
			info.HasInterfaceID = true
		}
	}
	return info, nil
}
