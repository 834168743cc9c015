//go:build windows

package rassim

import (
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

// RasGetProjectionInfoW's projections, RAS_PROJECTION_INFO's version and sizes (ras-facts.md).
const (
	raspPppIp    = 0x8021
	raspPppIpv6  = 0x8057
	raspPppLcp   = 0xC021
	version601   = 4
	projInfoSize = 108
	pppIPSize    = 80 // RASPPPIPW 0x500; 0x400 is 72
	pppIPv6Size  = 28
)

// RASIKEV2_PROJECTION_INFO's offsets within RAS_PROJECTION_INFO (the union starts at 8).
var (
	ikeNum6 = 8 + 80
	ikePtr6 = 8 + 84
)

func init() {
	if ptrSize == 4 {
		ikeNum6, ikePtr6 = 8+76, 8+80
	}
}

// projectionEx calls RasGetProjectionInfoEx with buf (nil: NULL) and *lpdwSize = size, and
// returns the answer and *lpdwSize after it.
func projectionEx(h ras.Handle, buf []byte, size uint32) (uint32, uint32) {
	rc := rasCall(procProjectionEx, uintptr(h), bufPtr(buf), ptr(&size))
	return rc, size
}

// exBuffer is n bytes of 0xCC (so that writes show) with version v.
func exBuffer(n int, v uint32) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = 0xCC
	}
	putU32(b, 0, v)
	return b
}

// projectionW calls RasGetProjectionInfoW for projection with a struct whose dwSize is size, in a
// buffer with room to spare, and *lpcb = cb.
func projectionW(h ras.Handle, projection, size, cb uint32) (uint32, uint32, []byte) {
	b := exBuffer(128, size)
	rc := rasCall(procProjectionW, uintptr(h), uintptr(projection), bufPtr(b), ptr(&cb))
	return rc, cb, b
}

func mustProject(t *testing.T, h ras.Handle, p Projection) {
	t.Helper()
	require.NoError(t, SetProjection(h, p))
}

func ip(s string) netip.Addr { return netip.MustParseAddr(s) }

func TestMirrorsHaveTheDLLsLayouts(t *testing.T) {
	// The same numbers as the _Static_asserts in dll/rassim.h, on every architecture.
	assert.EqualValues(t, 1684, unsafe.Sizeof(rawConn{}))
	assert.EqualValues(t, 76, unsafe.Sizeof(rawStats{}))
	assert.EqualValues(t, 56, unsafe.Offsetof(rawStats{}.DurationMS))
	assert.EqualValues(t, 484, unsafe.Sizeof(rawProjection{}))
	assert.EqualValues(t, 164, unsafe.Offsetof(rawProjection{}.IPv4Servers))
}

func TestProjectionExAnswersInWindowsOrder(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	buf := exBuffer(projInfoSize, version601)
	assert.EqualValues(t, errInvalidParameter, rasCall(procProjectionEx, 0x12345, bufPtr(buf), 0), "NULL lpdwSize, before the handle")
	rc, _ := projectionEx(0x12345, buf, projInfoSize)
	assert.EqualValues(t, errInvalidHandle, rc)
	rc, _ = projectionEx(0, buf, projInfoSize)
	assert.EqualValues(t, errInvalidHandle, rc)
	require.NoError(t, SetGoneCode(errNoConnection))
	rc, _ = projectionEx(0x12345, buf, projInfoSize)
	assert.EqualValues(t, errNoConnection, rc, "the gone code")
	require.NoError(t, SetGoneCode(errInvalidHandle))

	rc, _ = projectionEx(h, nil, 0)
	assert.EqualValues(t, errNotProjected, rc, "not projected yet, before sizing")
	mustProject(t, h, Projection{Type: PPP, NotConfigured: IPv4 | IPv6})
	rc, _ = projectionEx(h, nil, 0)
	assert.EqualValues(t, errNotConfigured, rc, "no IP protocol configured, before sizing")
	mustProject(t, h, Projection{Type: PPP, NotConfigured: IPv6})

	rc, size := projectionEx(h, nil, 0)
	assert.EqualValues(t, errBufferTooSmall, rc, "NULL buffer")
	assert.EqualValues(t, projInfoSize, size)
	rc, size = projectionEx(h, buf[:projInfoSize-1], projInfoSize-1)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, projInfoSize, size)
	for _, v := range []uint32{0, 3, 5} {
		rc, _ = projectionEx(h, exBuffer(projInfoSize, v), projInfoSize)
		assert.EqualValues(t, errInvalidSize, rc, "version %d", v)
	}
	rc, _ = projectionEx(h, buf, projInfoSize)
	assert.EqualValues(t, 0, rc, "one protocol configured is enough")
}

func TestProjectionExReportsEveryPPPField(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	mustProject(t, h, Projection{
		Type: PPP, IPv4Error: 101, IPv4: ip("10.1.2.3"), IPv4Server: ip("10.1.2.1"), IPv4Options: 102, IPv4ServerOptions: 103,
		IPv6Error: 104, InterfaceID: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}, ServerInterfaceID: [8]byte{9, 10, 11, 12, 13, 14, 15, 16},
		Bundled: true, Multilink: true, AuthenticationProtocol: 0xC223, AuthenticationData: 0x81,
		ServerAuthenticationProtocol: 105, ServerAuthenticationData: 106, EAPTypeID: 107, ServerEAPTypeID: 108,
		LCPOptions: 109, LCPServerOptions: 110, CCPError: 111, CCPCompressionAlgorithm: 112,
		CCPServerCompressionAlgorithm: 113, CCPOptions: 114, CCPServerOptions: 115,
		IPv6: ip("2001:db8::1"), IPv4Servers: []netip.Addr{ip("192.0.2.1")}, IKEv2Flags: 7, // IKEv2's: not reported
	})
	buf := exBuffer(projInfoSize+16, version601)
	rc, size := projectionEx(h, buf, uint32(len(buf)))
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, len(buf), size, "*lpdwSize is left alone on success")
	assert.EqualValues(t, version601, u32(buf, 0))
	assert.EqualValues(t, 1, u32(buf, 4), "PROJECTION_INFO_TYPE_PPP")
	for _, f := range []struct {
		off  int
		want uint32
	}{{8, 101}, {20, 102}, {24, 103}, {28, 104}, {48, 1}, {52, 1}, {56, 0xC223}, {60, 0x81}, {64, 105}, {68, 106},
		{72, 107}, {76, 108}, {80, 109}, {84, 110}, {88, 111}, {92, 112}, {96, 113}, {100, 114}, {104, 115}} {
		assert.Equal(t, f.want, u32(buf, f.off), "offset %d", f.off)
	}
	assert.Equal(t, []byte{10, 1, 2, 3}, buf[12:16], "ipv4Address, in network order")
	assert.Equal(t, []byte{10, 1, 2, 1}, buf[16:20], "ipv4ServerAddress")
	assert.Equal(t, []byte{1, 2, 3, 4, 5, 6, 7, 8}, buf[32:40], "bInterfaceIdentifier")
	assert.Equal(t, []byte{9, 10, 11, 12, 13, 14, 15, 16}, buf[40:48], "bServerInterfaceIdentifier")
	for i, c := range buf[projInfoSize:] {
		require.EqualValues(t, 0xCC, c, "byte %d past the structure was written", projInfoSize+i)
	}
}

func TestProjectionExPutsIKEv2ServerAddressesAfterTheStructure(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	p := Projection{
		Type: IKEv2, IPv4Error: 201, IPv4: ip("10.0.0.2"), IPv4Server: ip("10.0.0.1"), IPv6Error: 202,
		IPv6: ip("2001:db8::2"), IPv6Server: ip("2001:db8::1"), IPv6PrefixLength: 64,
		AuthenticationProtocol: 2, EAPTypeID: 26, IKEv2Flags: 3, EncryptionMethod: 5,
		LCPOptions: 999, // PPP's: not reported
	}
	for i := 0; i < 16; i++ {
		p.IPv4Servers = append(p.IPv4Servers, netip.AddrFrom4([4]byte{192, 0, 2, byte(i + 1)}))
		p.IPv6Servers = append(p.IPv6Servers, netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: byte(i + 1)}))
	}
	mustProject(t, h, p)
	const need = projInfoSize + 16*4 + 16*16 // far more than the 108 bytes of the structure
	rc, size := projectionEx(h, nil, 0)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, need, size)
	rc, size = projectionEx(h, exBuffer(projInfoSize, version601), projInfoSize)
	assert.EqualValues(t, errBufferTooSmall, rc, "the structure alone does not hold them")
	assert.EqualValues(t, need, size)

	buf := exBuffer(need+8, version601)
	rc, _ = projectionEx(h, buf[:need], need)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 2, u32(buf, 4), "PROJECTION_INFO_TYPE_IKEv2")
	for _, f := range []struct {
		off  int
		want uint32
	}{{8, 201}, {20, 202}, {56, 64}, {60, 2}, {64, 26}, {68, 3}, {72, 5}, {76, 16}, {ikeNum6, 16}} {
		assert.Equal(t, f.want, u32(buf, f.off), "offset %d", f.off)
	}
	assert.Equal(t, []byte{10, 0, 0, 2}, buf[12:16])
	assert.Equal(t, []byte{10, 0, 0, 1}, buf[16:20])
	assert.Equal(t, ip("2001:db8::2").AsSlice(), buf[24:40])
	assert.Equal(t, ip("2001:db8::1").AsSlice(), buf[40:56])

	base := bufPtr(buf)
	require.Equal(t, base+projInfoSize, pointerAt(buf, 8+72), "ipv4ServerAddresses points right after the structure")
	require.Equal(t, base+projInfoSize+16*4, pointerAt(buf, ikePtr6), "ipv6ServerAddresses right after those")
	for i := 0; i < 16; i++ {
		off4, off6 := projInfoSize+4*i, projInfoSize+16*4+16*i
		assert.Equal(t, p.IPv4Servers[i].AsSlice(), buf[off4:off4+4], "IPv4 server %d", i)
		assert.Equal(t, p.IPv6Servers[i].AsSlice(), buf[off6:off6+16], "IPv6 server %d", i)
	}
	assert.Equal(t, []byte{0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC, 0xCC}, buf[need:], "nothing past what it asked for")

	p.IPv4Servers, p.IPv6Servers = nil, p.IPv6Servers[:1]
	mustProject(t, h, p)
	buf = exBuffer(projInfoSize+16, version601)
	rc, size = projectionEx(h, buf[:projInfoSize], projInfoSize)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, projInfoSize+16, size)
	rc, _ = projectionEx(h, buf, projInfoSize+16)
	require.EqualValues(t, 0, rc)
	assert.Zero(t, pointerAt(buf, 8+72), "no IPv4 server: a NULL pointer")
	assert.Equal(t, bufPtr(buf)+projInfoSize, pointerAt(buf, ikePtr6), "the IPv6 ones come first then")
}

func TestProjectionCallsLieAboutTheSizeTheyNeed(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	mustProject(t, h, Projection{Type: PPP, IPv4: ip("10.1.2.3")})
	require.NoError(t, LieNeeded(GetProjectionInfoEx, 0xFFFFFFF0))
	rc, size := projectionEx(h, nil, 0)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, uint32(0xFFFFFFF0), size, "a size near 4 GiB")
	rc, _ = projectionEx(h, exBuffer(projInfoSize, version601), projInfoSize)
	assert.EqualValues(t, 0, rc, "a buffer that fits is filled")
	require.NoError(t, FailNth(GetProjectionInfoEx, 1, errBufferTooSmall))
	rc, size = projectionEx(h, exBuffer(projInfoSize, version601), projInfoSize)
	assert.EqualValues(t, errBufferTooSmall, rc, "an injected 603")
	assert.EqualValues(t, uint32(0xFFFFFFF0), size, "lies too")

	require.NoError(t, LieNeeded(GetProjectionInfo, 3))
	rc, cb, _ := projectionW(h, raspPppIp, pppIPSize, 4)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, 3, cb, "RasGetProjectionInfoW's 603s lie too")

	require.NoError(t, ClearFaults())
	rc, size = projectionEx(h, nil, 0)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, projInfoSize, size, "the truth again")
	assert.ErrorIs(t, LieCount(GetProjectionInfoEx, 1), windows.ERROR_INVALID_PARAMETER, "it answers no count")
	assert.ErrorIs(t, LieCount(GetProjectionInfo, 1), windows.ERROR_INVALID_PARAMETER)
}

func TestProjectionWReportsIPv4AsText(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	mustProject(t, h, Projection{Type: PPP, IPv4Error: 7, IPv4: ip("255.255.255.255"), IPv4Server: ip("10.0.0.1"),
		IPv4Options: 0x1, IPv4ServerOptions: 0x2})
	rc, _, b := projectionW(h, raspPppIp, pppIPSize, pppIPSize)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, pppIPSize, u32(b, 0))
	assert.EqualValues(t, 7, u32(b, 4), "dwError")
	assert.Equal(t, "255.255.255.255", str(b, 8, 16, 2), "the longest address fits with its terminator")
	assert.Equal(t, "10.0.0.1", str(b, 40, 16, 2))
	assert.EqualValues(t, 0x1, u32(b, 72), "dwOptions")
	assert.EqualValues(t, 0x2, u32(b, 76), "dwServerOptions")
	assert.EqualValues(t, uint32(0xCCCCCCCC), u32(b, pppIPSize), "nothing past dwSize")

	rc, _, b = projectionW(h, raspPppIp, 72, 72)
	require.EqualValues(t, 0, rc, "Windows 2000's RASPPPIPW")
	assert.Equal(t, "10.0.0.1", str(b, 40, 16, 2))
	assert.EqualValues(t, uint32(0xCCCCCCCC), u32(b, 72), "no dwOptions in that version")

	mustProject(t, h, Projection{Type: IKEv2, IPv4: ip("192.0.2.7")})
	rc, _, b = projectionW(h, raspPppIp, pppIPSize, pppIPSize)
	require.EqualValues(t, 0, rc, "an IKEv2 connection answers too")
	assert.Equal(t, "192.0.2.7", str(b, 8, 16, 2))
	assert.Equal(t, "0.0.0.0", str(b, 40, 16, 2), "no server address")
}

func TestProjectionWReportsInterfaceIdentifiers(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	mustProject(t, h, Projection{Type: PPP, IPv6Error: 9, InterfaceID: [8]byte{1, 2, 3, 4, 5, 6, 7, 8},
		ServerInterfaceID: [8]byte{8, 7, 6, 5, 4, 3, 2, 1}, NotConfigured: IPv4})
	rc, _, b := projectionW(h, raspPppIpv6, pppIPv6Size, pppIPv6Size)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, 9, u32(b, 4), "dwError")
	assert.Equal(t, []byte{1, 2, 3, 4, 5, 6, 7, 8}, b[8:16])
	assert.Equal(t, []byte{8, 7, 6, 5, 4, 3, 2, 1}, b[16:24])
	assert.Equal(t, []byte{0, 0, 0, 0}, b[24:28], "no compression")
	assert.Equal(t, []byte{0xCC, 0xCC, 0xCC, 0xCC}, b[28:32], "nothing past dwSize")
	rc, _, _ = projectionW(h, raspPppIp, pppIPSize, pppIPSize)
	assert.EqualValues(t, errNotConfigured, rc, "IPv4 is not configured")

	mustProject(t, h, Projection{Type: IKEv2, IPv6: ip("2001:db8::a:b:c:d"), IPv6Server: ip("2001:db8::1:2:3:4"), NotConfigured: IPv4})
	rc, _, b = projectionW(h, raspPppIpv6, pppIPv6Size, pppIPv6Size)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, []byte{0, 0xa, 0, 0xb, 0, 0xc, 0, 0xd}, b[8:16], "an IKEv2 address's low 8 bytes")
	assert.Equal(t, []byte{0, 1, 0, 2, 0, 3, 0, 4}, b[16:24])
	rc, _ = projectionEx(h, exBuffer(projInfoSize, version601), projInfoSize)
	assert.EqualValues(t, 0, rc, "one protocol configured is enough for the Ex call")
}

func TestProjectionWAnswersInWindowsOrder(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	var cb uint32 = pppIPSize
	b := exBuffer(pppIPSize, pppIPSize)
	assert.EqualValues(t, errInvalidParameter, rasCall(procProjectionW, 0x12345, raspPppIp, bufPtr(b), 0), "NULL lpcb")
	assert.EqualValues(t, errInvalidParameter, rasCall(procProjectionW, 0x12345, raspPppLcp, bufPtr(b), ptr(&cb)),
		"a projection the simulator does not answer, before the handle")
	rc, _, _ := projectionW(0x12345, raspPppIp, pppIPSize, pppIPSize)
	assert.EqualValues(t, errInvalidHandle, rc)
	require.NoError(t, SetGoneCode(errNoConnection))
	rc, _, _ = projectionW(0x12345, raspPppIpv6, pppIPv6Size, pppIPv6Size)
	assert.EqualValues(t, errNoConnection, rc, "the gone code")
	rc, _, _ = projectionW(0, raspPppIp, pppIPSize, pppIPSize)
	assert.EqualValues(t, errInvalidHandle, rc, "a NULL handle is no connection's")
	require.NoError(t, SetGoneCode(errInvalidHandle))

	rc, _, _ = projectionW(h, raspPppIp, 0, 0)
	assert.EqualValues(t, errNotProjected, rc, "before sizing")
	mustProject(t, h, Projection{Type: PPP, NotConfigured: IPv6})
	rc, _, _ = projectionW(h, raspPppIpv6, 0, 0)
	assert.EqualValues(t, errNotConfigured, rc, "before sizing")

	cb = 0
	assert.EqualValues(t, errBufferTooSmall, rasCall(procProjectionW, uintptr(h), raspPppIp, 0, ptr(&cb)), "NULL buffer")
	assert.EqualValues(t, pppIPSize, cb, "the newest size")
	for _, size := range []uint32{0, 4, 76, 84} {
		rc, _, _ = projectionW(h, raspPppIp, size, 128)
		assert.EqualValues(t, errInvalidSize, rc, "RASPPPIPW of %d bytes", size)
	}
	rc, cb, _ = projectionW(h, raspPppIp, pppIPSize, pppIPSize-1)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, pppIPSize, cb, "the caller's dwSize")
	rc, cb, _ = projectionW(h, raspPppIp, 72, 3)
	assert.EqualValues(t, errBufferTooSmall, rc, "too small to hold a dwSize")
	assert.EqualValues(t, pppIPSize, cb)

	mustProject(t, h, Projection{Type: PPP})
	for _, size := range []uint32{24, 32} {
		rc, _, _ = projectionW(h, raspPppIpv6, size, 128)
		assert.EqualValues(t, errInvalidSize, rc, "RASPPPIPV6 of %d bytes", size)
	}
	rc, cb, _ = projectionW(h, raspPppIpv6, pppIPv6Size, pppIPv6Size-1)
	assert.EqualValues(t, errBufferTooSmall, rc)
	assert.EqualValues(t, pppIPv6Size, cb)
}

func TestSetProjectionRefusesWhatDoesNotFit(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn"})
	v4 := make([]netip.Addr, 17)
	for i := range v4 {
		v4[i] = netip.AddrFrom4([4]byte{192, 0, 2, byte(i)})
	}
	for name, p := range map[string]Projection{
		"IPv6 in IPv4":      {Type: PPP, IPv4: ip("2001:db8::1")},
		"IPv4 in IPv6":      {Type: IKEv2, IPv6Server: ip("10.0.0.1")},
		"IPv4 among IPv6":   {Type: IKEv2, IPv6Servers: []netip.Addr{ip("10.0.0.1")}},
		"17 servers":        {Type: IKEv2, IPv4Servers: v4},
		"unknown protocol":  {Type: PPP, NotConfigured: 4},
		"mapped IPv4 in v4": {Type: PPP, IPv4Server: ip("::ffff:10.0.0.1")},
		"an unknown type":   {Type: 3},
	} {
		assert.Error(t, SetProjection(h, p), name)
	}
	assert.ErrorIs(t, SetProjection(h, Projection{Type: 3}), windows.ERROR_INVALID_PARAMETER, "the DLL refuses it")
	assert.ErrorIs(t, SetProjection(0x12345, Projection{Type: PPP}), windows.ERROR_INVALID_HANDLE)
	assert.NoError(t, SetProjection(h, Projection{Type: IKEv2, IPv4Servers: v4[:16], IPv6Servers: v4[:0]}), "16 fit")
	raw := &rawProjection{Size: 480, Type: 1}
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetProjection, uintptr(h), ptr(raw)), "wrong dwSize")
	for _, raw := range []*rawProjection{
		{Size: 484, Type: 2, NumIPv4Servers: 17}, {Size: 484, Type: 2, NumIPv6Servers: 17}, {Size: 484, Type: 1, NotConfigured: 4},
	} {
		assert.EqualValues(t, errInvalidParameter, rasCall(procSetProjection, uintptr(h), ptr(raw)), "%+v", raw)
	}
	assert.EqualValues(t, errInvalidParameter, rasCall(procSetProjection, uintptr(h), 0), "NULL")
}

func TestANewConnectionIsNotProjected(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	h := add(t, Conn{Entry: "vpn"})
	mustProject(t, h, Projection{Type: PPP, IPv4: ip("10.1.2.3")})
	mustProject(t, h, Projection{Type: NotProjected, IPv4: ip("10.1.2.3")})
	rc, _ := projectionEx(h, nil, 0)
	assert.EqualValues(t, errNotProjected, rc, "projected as none again")

	mustProject(t, h, Projection{Type: PPP})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	require.NoError(t, ReuseHandle(h))
	again := add(t, Conn{Entry: "vpn"})
	require.Equal(t, h, again)
	rc, _ = projectionEx(again, nil, 0)
	assert.EqualValues(t, errNotProjected, rc, "a new connection with the old one's handle")

	mustProject(t, again, Projection{Type: PPP})
	require.NoError(t, Reset(Win7))
	rc, _ = projectionEx(add(t, Conn{Entry: "vpn"}), nil, 0)
	assert.EqualValues(t, errNotProjected, rc, "after a reset")
}

// printProjectionW runs in a child process started from vista/, where the simulator lacks
// RasGetProjectionInfoEx: it prints what RasGetProjectionInfoW tells of connection h.
func printProjectionW(h string) int {
	v, err := strconv.ParseUint(h, 0, 64)
	if err != nil {
		return 2
	}
	ex := "found"
	if procProjectionEx.Find() != nil {
		ex = "missing"
	}
	rc, _, b := projectionW(ras.Handle(v), raspPppIp, pppIPSize, pppIPSize)
	rc6, _, _ := projectionW(ras.Handle(v), raspPppIpv6, pppIPv6Size, pppIPv6Size)
	fmt.Printf("simulator=%t ex=%s ip=%d %s %s ipv6=%d\n", Available(), ex, rc, str(b, 8, 16, 2), str(b, 40, 16, 2), rc6)
	return 0
}

func TestAWindowsOlderThanSevenHasNoProjectionInfoEx(t *testing.T) {
	requireSim(t)
	exe, err := os.Executable()
	require.NoError(t, err)
	dir := filepath.Join(filepath.Dir(exe), "vista")
	if !programFolder {
		t.Skip("needs -tags rassim and raswine exec -beside: System32 has the simulator of Windows 7")
	}
	_, err = os.Stat(filepath.Join(dir, "rasapi32.dll"))
	require.NoError(t, err, "raswine exec -beside copies the simulator built without RasGetProjectionInfoEx "+
		"to vista/ beside the test binary")
	vista := filepath.Join(dir, filepath.Base(exe))
	data, err := os.ReadFile(exe)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(vista, data, 0o755))
	require.NoError(t, procProjectionEx.Find(), "the simulator itself has it")

	h := add(t, Conn{Entry: "vpn"})
	mustProject(t, h, Projection{Type: PPP, IPv4: ip("10.1.2.3"), IPv4Server: ip("10.1.2.1"), NotConfigured: IPv6})
	var out strings.Builder
	cmd, err := StartProcess(func() *exec.Cmd {
		cmd := exec.Command(vista, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=projection", handleEnv+"="+strconv.FormatUint(uint64(h), 10))
		cmd.Stdout = &out
		return cmd
	})
	require.NoError(t, err)
	require.NoError(t, cmd.Wait())
	assert.Equal(t, "simulator=true ex=missing ip=0 10.1.2.3 10.1.2.1 ipv6=731\n", out.String(),
		"the same service, without the Ex call")
}
