//go:build windows

package rassim

import (
	"net/netip"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

func TestLayoutsMatchTheDocumentedSizes(t *testing.T) {
	// The offsets the tests read at agree with the sizes ras-facts.md gives for each version.
	for _, l := range []connLayout{connW, connA} {
		assert.EqualValues(t, l.sizes[0], (l.phonebook+3)&^3, "0x400")
		assert.EqualValues(t, l.sizes[1], l.guid, "0x401")
		assert.EqualValues(t, l.sizes[2], l.flags, "0x500")
		assert.EqualValues(t, l.sizes[3], l.corrGUID, "0x501")
		assert.EqualValues(t, l.sizes[4], l.corrGUID+16, "0x600")
	}
	// The offsets ras-facts.md and layout.h give: on x86 every one after hrasconn is 4 lower.
	offsets := map[int][3]int{8: {12, 1340, 1364}, 4: {8, 1336, 1360}}[ptrSize]
	assert.Equal(t, offsets, [3]int{connW.entry, connW.subEntry, connW.luid}, "RASCONNW szEntryName, dwSubEntry, luid")
	for _, l := range []statusLayout{statusW, statusA} {
		assert.EqualValues(t, l.sizes[0], (l.phone+3)&^3, "0x400")
		assert.EqualValues(t, l.sizes[1], l.localEndpoint, "0x401")
		assert.EqualValues(t, l.sizes[2], l.sub+4, "0x601")
	}
}

func TestRawConnMatchesRASSIM_CONN(t *testing.T) {
	assert.EqualValues(t, 1684, unsafe.Sizeof(rawConn{}))
	assert.EqualValues(t, 100, unsafe.Offsetof(rawConn{}.Entry))
	assert.EqualValues(t, 1164, unsafe.Offsetof(rawConn{}.Phonebook))

	requireSim(t)
	raw := rawConn{Size: 1680}
	var h uintptr
	assert.EqualValues(t, errInvalidParameter, rasCall(procDial, ptr(&raw), ptr(&h)), "a RASSIM_CONN of another size")
}

func TestEnumProbeGivesBufferTooSmallWithNewestSizeAndCount(t *testing.T) {
	requireSim(t)
	for i := 0; i < 3; i++ {
		add(t, Conn{Entry: "vpn"})
	}
	r := probe(procEnumConnectionsW)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, 3*connW.newest(), r.cb)
	assert.EqualValues(t, 3, r.count)

	require.NoError(t, Reset(XP))
	add(t, Conn{Entry: "vpn"})
	add(t, Conn{Entry: "vpn"})
	r = probe(procEnumConnectionsW)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, 2*connW.sizes[3], r.cb, "XP's newest RASCONNW is the 0x501 layout")
	assert.EqualValues(t, 2, r.count)
}

func TestEnumWithNoConnectionsSucceeds(t *testing.T) {
	requireSim(t)
	r := probe(procEnumConnectionsW)
	assert.EqualValues(t, 0, r.rc)
	assert.EqualValues(t, 0, r.cb)
	assert.EqualValues(t, 0, r.count)

	r = fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0)
	assert.EqualValues(t, 0, r.rc)
	assert.EqualValues(t, 0, r.count)
}

func TestEnumNullCountPointersGiveInvalidParameter(t *testing.T) {
	requireSim(t)
	add(t, Conn{Entry: "vpn"})
	var cb, n uint32
	buf := make([]byte, connW.newest())
	putU32(buf, 0, connW.newest())
	cb = connW.newest()
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumConnectionsW, 0, 0, ptr(&n)), "NULL lpcb, probe")
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumConnectionsW, 0, ptr(&cb), 0), "NULL lpcConnections, probe")
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumConnectionsW, bufPtr(buf), 0, ptr(&n)), "NULL lpcb")
	assert.EqualValues(t, errInvalidParameter, rasCall(procEnumConnectionsW, bufPtr(buf), ptr(&cb), 0), "NULL lpcConnections")
}

func TestEnumAcceptsExactlyTheProfilesSizes(t *testing.T) {
	requireSim(t)
	add(t, Conn{Entry: "vpn"})
	bad := []uint32{0, 4, connW.sizes[0] - 4, connW.sizes[1] + 4, connW.newest() - 1, connW.newest() + 4, 1392, connA.newest()}
	check := func(p Profile, good []uint32, rejected []uint32) {
		require.NoError(t, Reset(p))
		add(t, Conn{Entry: "vpn"})
		for _, size := range good {
			r := fill(procEnumConnectionsW, size, size, 0)
			assert.EqualValues(t, 0, r.rc, "%v accepts RASCONNW of %d bytes", p, size)
			assert.EqualValues(t, 1, r.count)
			assert.EqualValues(t, size, r.cb, "bytes written")
		}
		for _, size := range rejected {
			r := fill(procEnumConnectionsW, size, 2000, 0)
			assert.EqualValues(t, errInvalidSize, r.rc, "%v rejects RASCONNW of %d bytes", p, size)
		}
	}
	check(Win7, connW.sizes, bad)
	check(XP, connW.sizes[:4], append([]uint32{connW.sizes[4]}, bad...))
}

func TestEnumBufferSmallerThanDwSizeGivesBufferTooSmall(t *testing.T) {
	requireSim(t)
	size := connW.newest()
	r := fill(procEnumConnectionsW, size, size-1, 1)
	assert.EqualValues(t, errBufferTooSmall, r.rc, "even with no connections")
	assert.EqualValues(t, size, r.cb)

	add(t, Conn{Entry: "vpn"})
	r = fill(procEnumConnectionsW, size, size-1, 1)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, size, r.cb)
	assert.EqualValues(t, 1, r.count)
}

func TestEnumBufferTooSmallForAllGivesNeededSizeAndTotalCount(t *testing.T) {
	requireSim(t)
	for i := 0; i < 3; i++ {
		add(t, Conn{Entry: "vpn"})
	}
	for _, size := range connW.sizes {
		r := fill(procEnumConnectionsW, size, 2*size, 0)
		assert.EqualValues(t, errBufferTooSmall, r.rc)
		assert.EqualValues(t, 3*size, r.cb, "needed bytes for dwSize %d", size)
		assert.EqualValues(t, 3, r.count, "total count")
	}
}

func TestEnumWritesOnlyUpToTheCallersVersion(t *testing.T) {
	requireSim(t)
	c := Conn{
		Entry: "office", DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)", Phonebook: `C:\pbk\rasphone.pbk`,
		SubEntry: 7, EntryID: windows.GUID{Data1: 0x11}, CorrelationID: windows.GUID{Data1: 0x22},
		Flags: 3, LogonID: windows.LUID{LowPart: 0x33, HighPart: 0x44},
	}
	h1, h2 := add(t, c), add(t, c)
	for _, size := range connW.sizes {
		const extra = 64
		r := fill(procEnumConnectionsW, size, 2*size, extra)
		require.EqualValues(t, 0, r.rc)
		require.EqualValues(t, 2, r.count)
		for i, b := range r.buf[2*size:] {
			require.EqualValues(t, 0xCC, b, "byte %d past dwSize*count was written (dwSize %d)", i, size)
		}
		for i, h := range []ras.Handle{h1, h2} {
			e := r.buf[i*int(size) : (i+1)*int(size)]
			assert.EqualValues(t, size, u32(e, 0), "every element's dwSize")
			assert.Equal(t, h, handleAt(e, 4))
			assert.Equal(t, "office", str(e, connW.entry, 257, 2))
			assert.Equal(t, "vpn", str(e, connW.devType, 17, 2))
			assert.Equal(t, "WAN Miniport (SSTP)", str(e, connW.devName, 129, 2))
			if size >= connW.sizes[1] {
				assert.Equal(t, `C:\pbk\rasphone.pbk`, str(e, connW.phonebook, 260, 2))
				assert.EqualValues(t, 7, u32(e, connW.subEntry))
			}
			if size >= connW.sizes[2] {
				assert.Equal(t, c.EntryID, guidAt(e, connW.guid))
			}
			if size >= connW.sizes[3] {
				assert.EqualValues(t, 3, u32(e, connW.flags))
				assert.EqualValues(t, 0x33, u32(e, connW.luid))
				assert.EqualValues(t, 0x44, u32(e, connW.luid+4))
			}
			if size >= connW.sizes[4] {
				assert.Equal(t, c.CorrelationID, guidAt(e, connW.corrGUID))
			}
		}
	}
}

func TestEnumListsOnlyConnectedConnectionsInOrderOfConnection(t *testing.T) {
	requireSim(t)
	a := dialConn(t, Conn{Entry: "a"})
	require.NoError(t, SetState(a, rascsAuthenticate))
	b := add(t, Conn{Entry: "b"})
	c := add(t, Conn{Entry: "c"})
	assert.Equal(t, []ras.Handle{b, c}, listed(t), "a dialling connection is not listed")

	require.NoError(t, Connect(a))
	assert.Equal(t, []ras.Handle{b, c, a}, listed(t))
	hs, err := Connections()
	require.NoError(t, err)
	assert.Equal(t, []ras.Handle{b, c, a}, hs)

	require.NoError(t, Drop(c, errDisconnection))
	assert.Equal(t, []ras.Handle{b, a}, listed(t), "a dropped connection is not listed")
}

func TestEnumListsEntrylessConnectionAsDotPhoneNumber(t *testing.T) {
	requireSim(t)
	add(t, Conn{PhoneNumber: "vpn.example.com", DeviceType: "vpn"})
	r := fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0)
	require.EqualValues(t, 0, r.rc)
	assert.Equal(t, ".vpn.example.com", str(r.buf, connW.entry, 257, 2))
}

func TestEnumEntryNameCanFillTheFieldWithNoTerminator(t *testing.T) {
	requireSim(t)
	add(t, Conn{Entry: "abc", DeviceType: "vpn", Unterminated: FieldEntry})
	r := fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0)
	require.EqualValues(t, 0, r.rc)
	name := str(r.buf, connW.entry, 257, 2)
	assert.Len(t, name, 257, "all 257 characters, no terminator")
	assert.Equal(t, "abcabcabc", name[:9])
	assert.Equal(t, "vpn", str(r.buf, connW.devType, 17, 2), "the next field is intact")
}

func TestConnectionsAppearBetweenProbeAndFill(t *testing.T) {
	requireSim(t)
	add(t, Conn{Entry: "first"})
	require.NoError(t, AppearBetweenProbeAndFill(2))

	size := connW.newest()
	pr := probe(procEnumConnectionsW)
	require.EqualValues(t, errBufferTooSmall, pr.rc)
	require.EqualValues(t, size, pr.cb, "the probe sees one connection")
	r := fill(procEnumConnectionsW, size, pr.cb, 0)
	assert.EqualValues(t, errBufferTooSmall, r.rc, "two more appeared after the probe")
	assert.EqualValues(t, 3*size, r.cb)
	assert.EqualValues(t, 3, r.count)

	r = fill(procEnumConnectionsW, size, r.cb, 0)
	require.EqualValues(t, 0, r.rc)
	require.EqualValues(t, 3, r.count)
	assert.Equal(t, "first", str(r.buf, connW.entry, 257, 2))
	assert.Equal(t, "rassim appeared 1", str(r.buf, int(size)+connW.entry, 257, 2))

	pr = probe(procEnumConnectionsW)
	r = fill(procEnumConnectionsW, size, pr.cb, 0)
	assert.EqualValues(t, 0, r.rc, "they appear once")
	assert.EqualValues(t, 3, r.count)
}

func TestEnumHolds1024Connections(t *testing.T) {
	requireSim(t)
	seen := map[ras.Handle]bool{}
	for i := 0; i < 1024; i++ {
		seen[add(t, Conn{Entry: "vpn"})] = true
	}
	require.Len(t, seen, 1024, "distinct handles")
	hs := listed(t)
	require.Len(t, hs, 1024)
	for _, h := range hs {
		assert.True(t, seen[h])
	}
}

func TestHandlesAreNeverReused(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	h1 := add(t, Conn{Entry: "vpn"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h1)))
	h2 := add(t, Conn{Entry: "vpn"})
	require.NoError(t, Reset(Win7))
	h3 := add(t, Conn{Entry: "vpn"})
	assert.NotEqual(t, h1, h2)
	assert.NotEqual(t, h2, h3)
	assert.NotEqual(t, h1, h3)
	for _, h := range []ras.Handle{h1, h2} {
		rc, _ := stateOf(h)
		assert.EqualValues(t, errInvalidHandle, rc, "a stale handle")
	}
}

func TestConnRejectsFieldsTooLongForRAS(t *testing.T) {
	requireSim(t)
	for _, c := range []Conn{
		{Entry: string(repeat('e', 257))},
		{PhoneNumber: string(repeat('1', 129))},
		{DeviceType: string(repeat('d', 17))},
		{DeviceName: string(repeat('n', 129))},
		{Phonebook: string(repeat('p', 260))},
		{Entry: "nul\x00inside"},
	} {
		_, err := Add(c)
		assert.Error(t, err)
	}
	_, err := Add(Conn{Entry: string(repeat('e', 256)), LocalEndpoint: netip.MustParseAddr("10.0.0.1")})
	assert.NoError(t, err, "256 characters fit")
}

func repeat(c byte, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		b[i] = c
	}
	return b
}
