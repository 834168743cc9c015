package ras

import (
	"net/netip"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEndpointDecodesIPv4AndIPv6(t *testing.T) {
	var v4 [16]byte
	copy(v4[:], []byte{192, 0, 2, 10, 0xff, 0xff}) // bytes past an IPv4 address are ignored
	assert.Equal(t, netip.MustParseAddr("192.0.2.10"), endpoint(endpointIPv4, v4))
	v6 := netip.MustParseAddr("2001:db8::1").As16()
	assert.Equal(t, netip.MustParseAddr("2001:db8::1"), endpoint(endpointIPv6, v6))
}

func TestEndpointOfTypeZeroOrUnknownIsNoAddress(t *testing.T) {
	addr := netip.MustParseAddr("2001:db8::1").As16()
	assert.False(t, endpoint(0, addr).IsValid())
	assert.False(t, endpoint(3, addr).IsValid())
}

func FuzzEndpoint(f *testing.F) {
	f.Add(uint32(1), []byte{192, 0, 2, 10})
	f.Add(uint32(2), netip.MustParseAddr("::ffff:192.0.2.1").AsSlice())
	f.Add(uint32(0), []byte{})
	f.Fuzz(func(t *testing.T, typ uint32, raw []byte) {
		var addr [16]byte
		copy(addr[:], raw)
		a := endpoint(typ, addr)
		if a.IsValid() != (typ == endpointIPv4 || typ == endpointIPv6) {
			t.Fatalf("endpoint(%d, %x) = %v", typ, addr, a)
		}
		if !a.IsValid() {
			return
		}
		if back, err := netip.ParseAddr(a.String()); err != nil || back != a {
			t.Fatalf("%v does not print and parse back: %v, %v", a, back, err)
		}
	})
}
