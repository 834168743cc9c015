//go:build windows

package bench

import (
	"encoding/binary"
	"net/netip"
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// The peer: what a Go program that does not use winras writes, with golang.org/x/sys/windows
// alone. It follows Microsoft's documented pattern for RasEnumConnectionsW (a sizing probe with
// a NULL buffer, then the fill call) and decodes the packed structs by offsets.
//
// NewLazySystemDLL loads rasapi32.dll from System32; in a process that has already loaded the
// simulator from the program's folder (through the import table, as the library and the floor
// do), Wine 8 hands back that same module, so the peer talks to the same simulator.
var (
	modrasapi32              = windows.NewLazySystemDLL("rasapi32.dll")
	procRasEnumConnectionsW  = modrasapi32.NewProc("RasEnumConnectionsW")
	procRasGetConnectStatusW = modrasapi32.NewProc("RasGetConnectStatusW")
	procRasGetConnStats      = modrasapi32.NewProc("RasGetConnectionStatistics")
)

const errorBufferTooSmall = 603

// RASCONNW as of WINVER 0x600, packed to 4 bytes: hrasconn is pointer-sized at offset 4.
const (
	ptrSize          = int(unsafe.Sizeof(uintptr(0)))
	offHandle        = 4
	offEntryName     = offHandle + ptrSize
	offDeviceType    = offEntryName + 257*2
	offDeviceName    = offDeviceType + 17*2
	offPhonebook     = offDeviceName + 129*2
	offSubEntry      = (offPhonebook + 260*2 + 3) &^ 3
	offGUIDEntry     = offSubEntry + 4
	offFlags         = offGUIDEntry + 16
	offLUID          = offFlags + 4
	offCorrelationID = offLUID + 8
	rasconnSize      = offCorrelationID + 16 // 1388 on amd64, 1384 on 386
)

// RASCONNSTATUSW as of WINVER 0x601 (the same on every architecture).
const (
	offState          = 4
	offError          = 8
	offStDeviceType   = 12
	offStDeviceName   = offStDeviceType + 17*2
	offStPhoneNumber  = offStDeviceName + 129*2
	offLocalEndpoint  = (offStPhoneNumber + 129*2 + 3) &^ 3 // DWORD-aligned: 564
	offRemoteEndpoint = offLocalEndpoint + 20
	offSubState       = offRemoteEndpoint + 20
	rasconnstatusSize = offSubState + 4 // 608
)

// peerConn is one RASCONNW.
type peerConn struct {
	Handle        uintptr
	Entry         string
	DeviceType    string
	DeviceName    string
	Phonebook     string
	SubEntry      uint32
	EntryID       windows.GUID
	Flags         uint32
	LogonID       windows.LUID
	CorrelationID windows.GUID
}

// peerConnections lists the active connections: the sizing probe, then the fill call, again
// while connections keep appearing in between.
func peerConnections() ([]peerConn, error) {
	var cb, n uint32
	r, _, _ := procRasEnumConnectionsW.Call(0, uintptr(unsafe.Pointer(&cb)), uintptr(unsafe.Pointer(&n)))
	if r == 0 {
		return nil, nil // no connections
	}
	var buf []byte
	for tries := 0; r == errorBufferTooSmall && tries < 8; tries++ {
		buf = make([]byte, max(int(cb), rasconnSize))
		binary.LittleEndian.PutUint32(buf, uint32(rasconnSize))
		r, _, _ = procRasEnumConnectionsW.Call(uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&cb)), uintptr(unsafe.Pointer(&n)))
	}
	if r != 0 {
		return nil, syscall.Errno(r)
	}
	conns := make([]peerConn, n)
	for i := range conns {
		b := buf[i*rasconnSize : (i+1)*rasconnSize]
		conns[i] = peerConn{
			Handle:        uintptr(readUint(b[offHandle:])),
			Entry:         utf16At(b, offEntryName, 257),
			DeviceType:    utf16At(b, offDeviceType, 17),
			DeviceName:    utf16At(b, offDeviceName, 129),
			Phonebook:     utf16At(b, offPhonebook, 260),
			SubEntry:      binary.LittleEndian.Uint32(b[offSubEntry:]),
			EntryID:       guidAt(b, offGUIDEntry),
			Flags:         binary.LittleEndian.Uint32(b[offFlags:]),
			LogonID:       windows.LUID{LowPart: binary.LittleEndian.Uint32(b[offLUID:]), HighPart: int32(binary.LittleEndian.Uint32(b[offLUID+4:]))},
			CorrelationID: guidAt(b, offCorrelationID),
		}
	}
	return conns, nil
}

// peerConnStatus is one RASCONNSTATUSW.
type peerConnStatus struct {
	State          uint32
	Error          uint32
	DeviceType     string
	DeviceName     string
	PhoneNumber    string
	LocalEndpoint  netip.Addr
	RemoteEndpoint netip.Addr
	SubState       uint32
}

// peerStatus returns the status of connection h.
func peerStatus(h uintptr) (peerConnStatus, error) {
	var buf [rasconnstatusSize]byte
	binary.LittleEndian.PutUint32(buf[:], rasconnstatusSize)
	if r, _, _ := procRasGetConnectStatusW.Call(h, uintptr(unsafe.Pointer(&buf[0]))); r != 0 {
		return peerConnStatus{}, syscall.Errno(r)
	}
	b := buf[:]
	return peerConnStatus{
		State:          binary.LittleEndian.Uint32(b[offState:]),
		Error:          binary.LittleEndian.Uint32(b[offError:]),
		DeviceType:     utf16At(b, offStDeviceType, 17),
		DeviceName:     utf16At(b, offStDeviceName, 129),
		PhoneNumber:    utf16At(b, offStPhoneNumber, 129),
		LocalEndpoint:  endpointAt(b, offLocalEndpoint),
		RemoteEndpoint: endpointAt(b, offRemoteEndpoint),
		SubState:       binary.LittleEndian.Uint32(b[offSubState:]),
	}, nil
}

// RAS_STATS: 15 DWORDs, dwSize first.
const rasStatsSize = 60

// peerStats is a RAS_STATS: its 14 counters in order, after dwSize.
type peerStats [14]uint32

// peerStatistics returns the statistics of connection h.
func peerStatistics(h uintptr) (peerStats, error) {
	var buf [rasStatsSize]byte
	binary.LittleEndian.PutUint32(buf[:], rasStatsSize)
	if r, _, _ := procRasGetConnStats.Call(h, uintptr(unsafe.Pointer(&buf[0]))); r != 0 {
		return peerStats{}, syscall.Errno(r)
	}
	var st peerStats
	for i := range st {
		st[i] = binary.LittleEndian.Uint32(buf[4+4*i:])
	}
	return st, nil
}

// readUint reads a pointer-sized value (a HANDLE), which is not aligned in RASCONNW on amd64.
func readUint(b []byte) uint64 {
	if ptrSize == 8 {
		return binary.LittleEndian.Uint64(b)
	}
	return uint64(binary.LittleEndian.Uint32(b))
}

// utf16At decodes a NUL-terminated WCHAR array of n characters at offset off.
func utf16At(b []byte, off, n int) string {
	_ = b[off+2*n-1]
	return windows.UTF16ToString(unsafe.Slice((*uint16)(unsafe.Pointer(&b[off])), n))
}

func guidAt(b []byte, off int) windows.GUID {
	g := windows.GUID{
		Data1: binary.LittleEndian.Uint32(b[off:]),
		Data2: binary.LittleEndian.Uint16(b[off+4:]),
		Data3: binary.LittleEndian.Uint16(b[off+6:]),
	}
	copy(g.Data4[:], b[off+8:off+16])
	return g
}

// endpointAt decodes a RASTUNNELENDPOINT: a DWORD type (1 IPv4, 2 IPv6) and 16 address bytes.
func endpointAt(b []byte, off int) netip.Addr {
	addr := b[off+4 : off+20]
	switch binary.LittleEndian.Uint32(b[off:]) {
	case 1:
		return netip.AddrFrom4([4]byte(addr[:4]))
	case 2:
		return netip.AddrFrom16([16]byte(addr))
	}
	return netip.Addr{}
}
