//go:build windows

package rassim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"
)

func TestAnsiEnumUsesTheAnsiLayouts(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "office", DeviceType: "vpn", DeviceName: "WAN Miniport (PPTP)", Phonebook: `C:\rasphone.pbk`,
		SubEntry: 2, Flags: 1, CorrelationID: windows.GUID{Data1: 9}})
	add(t, Conn{PhoneNumber: "198.51.100.7", Unterminated: FieldEntry})

	r := probe(procEnumConnectionsA)
	assert.EqualValues(t, errBufferTooSmall, r.rc)
	assert.EqualValues(t, 2*connA.newest(), r.cb)
	for _, size := range connA.sizes {
		r = fill(procEnumConnectionsA, size, 2*size, 16)
		require.EqualValues(t, 0, r.rc, "RASCONNA of %d bytes", size)
		assert.Equal(t, []byte{0xCC, 0xCC, 0xCC, 0xCC}, r.buf[2*size:2*size+4])
		assert.EqualValues(t, size, u32(r.buf, 0))
		assert.Equal(t, h, handleAt(r.buf, 4))
		assert.Equal(t, "office", str(r.buf, connA.entry, 257, 1))
		assert.Equal(t, "vpn", str(r.buf, connA.devType, 17, 1))
		assert.Equal(t, "WAN Miniport (PPTP)", str(r.buf, connA.devName, 129, 1))
		if size >= connA.sizes[1] {
			assert.Equal(t, `C:\rasphone.pbk`, str(r.buf, connA.phonebook, 260, 1))
			assert.EqualValues(t, 2, u32(r.buf, connA.subEntry))
		}
		if size >= connA.sizes[3] {
			assert.EqualValues(t, 1, u32(r.buf, connA.flags))
		}
		if size == connA.newest() {
			assert.Equal(t, windows.GUID{Data1: 9}, guidAt(r.buf, connA.corrGUID))
		}
		second := str(r.buf, int(size)+connA.entry, 257, 1)
		assert.Len(t, second, 257, "an unterminated entry name stays unterminated")
		assert.Equal(t, ".198.51.100.7.198", second[:17])
	}
	for _, size := range append([]uint32{connW.newest(), connA.newest() + 4}, connW.sizes[:1]...) {
		r = fill(procEnumConnectionsA, size, 4000, 0)
		assert.EqualValues(t, errInvalidSize, r.rc, "RASCONNA of %d bytes", size)
	}
	require.NoError(t, Reset(XP))
	add(t, Conn{Entry: "xp"})
	r = fill(procEnumConnectionsA, connA.newest(), connA.newest(), 0)
	assert.EqualValues(t, errInvalidSize, r.rc, "XP has no 0x600 RASCONNA")
	assert.EqualValues(t, connA.sizes[3], probe(procEnumConnectionsA).cb)
}

func TestAnsiStatusUsesTheAnsiLayout(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "vpn", PhoneNumber: "vpn.example.com", DeviceType: "vpn", DeviceName: "WAN Miniport (L2TP)", SubState: 1})
	for _, size := range statusA.sizes {
		rc, b := status(procGetConnectStatusA, h, size, 8)
		require.EqualValues(t, 0, rc, "RASCONNSTATUSA of %d bytes", size)
		assert.Equal(t, []byte{0xCC, 0xCC, 0xCC, 0xCC}, b[size:size+4])
		assert.EqualValues(t, rascsConnected, u32(b, 4))
		assert.Equal(t, "vpn", str(b, statusA.devType, 17, 1))
		assert.Equal(t, "WAN Miniport (L2TP)", str(b, statusA.devName, 129, 1))
		if size >= statusA.sizes[1] {
			assert.Equal(t, "vpn.example.com", str(b, statusA.phone, 129, 1))
		}
		if size >= statusA.sizes[2] {
			assert.EqualValues(t, 1, u32(b, statusA.sub))
		}
	}
	for _, size := range []uint32{304, 564, 608, 336} {
		rc, _ := status(procGetConnectStatusA, h, size, 0)
		assert.EqualValues(t, errInvalidSize, rc, "RASCONNSTATUSA of %d bytes", size)
	}
}

func TestAnsiHangUpAndNotificationBehaveAsTheWideOnes(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(10*time.Millisecond))
	ev := newEvent(t)
	require.EqualValues(t, 0, rasCall(procNotificationA, uintptr(invalidHandle), uintptr(ev), rascnDisconnection))
	h := add(t, Conn{Entry: "vpn"})
	assert.EqualValues(t, errInvalidParameter, rasCall(procNotificationA, uintptr(h), uintptr(ev), rascnConnection))
	require.NoError(t, ResetCalls())

	assert.EqualValues(t, 0, rasCall(procHangUpA, uintptr(h)))
	assert.True(t, signalled(ev, 5*time.Second))
	assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpA, uintptr(h)))
	assert.EqualValues(t, 2, Calls(HangUp))
}
