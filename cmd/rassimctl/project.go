//go:build windows

package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"net/netip"
	"strings"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// projectionTypes are --type's values.
var projectionTypes = map[string]rassim.ProjectionType{"none": rassim.NotProjected, "ppp": rassim.PPP, "ikev2": rassim.IKEv2}

// pppAuth are PPP's --auth names: RASLCPAP_* and, for CHAP, RASLCPAD_*.
var pppAuth = map[string][2]uint32{
	"pap": {0xC023, 0}, "spap": {0xC027, 0}, "chap": {0xC223, 0x05}, "mschap": {0xC223, 0x80},
	"mschapv2": {0xC223, 0x81}, "eap": {0xC227, 0},
}

// ikev2Auth are IKEv2's --auth names: RASIKEv2_AUTH_*.
var ikev2Auth = map[string]uint32{"machine-certificate": 1, "eap": 2, "psk": 3}

// pppEncryption are PPP's --encryption names: the MPPE bit of the CCP options (RASCCPO_*).
var pppEncryption = map[string]uint32{"none": 0, "mppe-40": 0x20, "mppe-56": 0x10, "mppe-128": 0x40}

// ikev2Encryption are IKEv2's --encryption names: IPSEC_CIPHER_TYPE's values (ipsectypes.h), which
// dwEncryptionMethod holds. The simulator keeps its own table, from Microsoft's, so that a test of
// the library's names against it shows a name the library has wrong.
var ikev2Encryption = map[string]uint32{
	"des": 1, "3des": 2, "aes-128": 3, "aes-192": 4, "aes-256": 5, "aes-gcm-128": 6, "aes-gcm-192": 7, "aes-gcm-256": 8,
}

// The flags that only one type reports.
var (
	pppOnly   = []string{"auth-data", "interface-id", "server-interface-id", "ccp-options"}
	ikev2Only = []string{"ipv6", "ipv6-server", "prefix", "server", "ike-flags"}
)

// addrList is a repeatable flag of addresses.
type addrList []netip.Addr

func (l *addrList) String() string { return fmt.Sprint(*l) }

func (l *addrList) Set(s string) error {
	a, err := netip.ParseAddr(s)
	if err != nil {
		return err
	}
	*l = append(*l, a)
	return nil
}

// project sets what the projection calls report for a connection.
func project(_ context.Context, args []string, _, _ io.Writer) error {
	fs := newFlags("project")
	var p rassim.Projection
	var typ, notConfigured, ipv4, ipv4Server, ipv6, ipv6Server, auth, encryption, ifID, serverIfID string
	var servers addrList
	fs.StringVar(&typ, "type", "", "")
	fs.StringVar(&notConfigured, "not-configured", "", "")
	fs.StringVar(&ipv4, "ipv4", "", "")
	fs.StringVar(&ipv4Server, "ipv4-server", "", "")
	fs.StringVar(&ipv6, "ipv6", "", "")
	fs.StringVar(&ipv6Server, "ipv6-server", "", "")
	fs.StringVar(&auth, "auth", "", "")
	fs.StringVar(&encryption, "encryption", "", "")
	fs.StringVar(&ifID, "interface-id", "", "")
	fs.StringVar(&serverIfID, "server-interface-id", "", "")
	fs.Var(&servers, "server", "")
	uint32Flag(fs, "ipv4-error", &p.IPv4Error)
	uint32Flag(fs, "ipv6-error", &p.IPv6Error)
	uint32Flag(fs, "prefix", &p.IPv6PrefixLength)
	uint32Flag(fs, "eap-type", &p.EAPTypeID)
	uint32Flag(fs, "auth-data", &p.AuthenticationData)
	uint32Flag(fs, "ccp-options", &p.CCPOptions)
	uint32Flag(fs, "ike-flags", &p.IKEv2Flags)
	ops, err := parse(fs, args, "HANDLE")
	if err != nil {
		return err
	}
	h, err := parseHandle(ops[0])
	if err != nil {
		return err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })

	var ok bool
	if p.Type, ok = projectionTypes[typ]; !ok {
		if typ == "" {
			return usageError("missing --type (ppp, ikev2 or none)")
		}
		return usageError(fmt.Sprintf("--type %q: ppp, ikev2 or none", typ))
	}
	if err := typeFlags(p.Type, typ, given); err != nil {
		return err
	}
	for _, name := range strings.Split(notConfigured, ",") {
		switch strings.TrimSpace(name) {
		case "":
		case "ipv4":
			p.NotConfigured |= rassim.IPv4
		case "ipv6":
			p.NotConfigured |= rassim.IPv6
		default:
			return usageError(fmt.Sprintf("--not-configured %q: ipv4 or ipv6", name))
		}
	}
	for _, a := range []struct {
		flag, value string
		dst         *netip.Addr
	}{{"--ipv4", ipv4, &p.IPv4}, {"--ipv4-server", ipv4Server, &p.IPv4Server}, {"--ipv6", ipv6, &p.IPv6}, {"--ipv6-server", ipv6Server, &p.IPv6Server}} {
		if a.value == "" {
			continue
		}
		if *a.dst, err = netip.ParseAddr(a.value); err != nil {
			return usageError(fmt.Sprintf("%s: %v", a.flag, err))
		}
	}
	for _, a := range servers {
		if a.Is4() {
			p.IPv4Servers = append(p.IPv4Servers, a)
		} else {
			p.IPv6Servers = append(p.IPv6Servers, a)
		}
	}
	for _, id := range []struct {
		flag, value string
		dst         *[8]byte
	}{{"--interface-id", ifID, &p.InterfaceID}, {"--server-interface-id", serverIfID, &p.ServerInterfaceID}} {
		if id.value == "" {
			continue
		}
		b, err := hex.DecodeString(strings.ReplaceAll(id.value, ":", ""))
		if err != nil || len(b) != len(id.dst) {
			return usageError(fmt.Sprintf("%s %q: 8 bytes as 16 hex digits", id.flag, id.value))
		}
		copy(id.dst[:], b)
	}
	if err := setAuth(&p, typ, auth); err != nil {
		return err
	}
	if err := setEncryption(&p, typ, encryption); err != nil {
		return err
	}
	return rassim.SetProjection(h, p)
}

// typeFlags refuses flags that projection type t does not report, rather than drop them unseen.
func typeFlags(t rassim.ProjectionType, typ string, given map[string]bool) error {
	if t == rassim.NotProjected {
		for name := range given {
			if name != "type" {
				return usageError(fmt.Sprintf("--%s: --type none takes no other flag", name))
			}
		}
	}
	others := ikev2Only
	if t == rassim.IKEv2 {
		others = pppOnly
	}
	for _, name := range others {
		if given[name] {
			return usageError(fmt.Sprintf("--%s: not reported for --type %s", name, typ))
		}
	}
	return nil
}

func setAuth(p *rassim.Projection, typ, auth string) error {
	if auth == "" {
		return nil
	}
	if v, err := parseNumber(auth, "--auth"); err == nil {
		p.AuthenticationProtocol = v
		return nil
	}
	if p.Type == rassim.PPP {
		a, ok := pppAuth[auth]
		if !ok {
			return usageError(fmt.Sprintf("--auth %q: pap, spap, chap, mschap, mschapv2, eap or a number for ppp", auth))
		}
		if p.AuthenticationData != 0 {
			return usageError("--auth-data goes with a numeric --auth")
		}
		p.AuthenticationProtocol, p.AuthenticationData = a[0], a[1]
		return nil
	}
	v, ok := ikev2Auth[auth]
	if !ok {
		return usageError(fmt.Sprintf("--auth %q: machine-certificate, eap, psk or a number for %s", auth, typ))
	}
	p.AuthenticationProtocol = v
	return nil
}

func setEncryption(p *rassim.Projection, typ, encryption string) error {
	if encryption == "" {
		return nil
	}
	if p.Type == rassim.PPP {
		bit, ok := pppEncryption[encryption]
		if !ok {
			return usageError(fmt.Sprintf("--encryption %q: none, mppe-40, mppe-56 or mppe-128 for ppp", encryption))
		}
		p.CCPOptions |= bit
		return nil
	}
	if v, err := parseNumber(encryption, "--encryption"); err == nil {
		p.EncryptionMethod = ras.Encryption(v)
		return nil
	}
	if v, ok := ikev2Encryption[encryption]; ok {
		p.EncryptionMethod = ras.Encryption(v)
		return nil
	}
	return usageError(fmt.Sprintf("--encryption %q: des, 3des, aes-128, aes-192, aes-256, aes-gcm-128, aes-gcm-192, aes-gcm-256 or a number for %s", encryption, typ))
}
