//go:build windows

package rassim

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

// shown is every string field RAS shows for connection h (listed first), by call and field.
func shown(t *testing.T, h ras.Handle) map[string]string {
	t.Helper()
	got := map[string]string{}
	for _, e := range []struct {
		form string
		l    connLayout
	}{{"W", connW}, {"A", connA}} {
		p := procEnumConnectionsW
		if e.form == "A" {
			p = procEnumConnectionsA
		}
		r := fill(p, e.l.newest(), e.l.newest(), 0)
		require.EqualValues(t, 0, r.rc)
		require.Equal(t, h, handleAt(r.buf, 4))
		got["RasEnumConnections"+e.form+" szEntryName"] = str(r.buf, e.l.entry, 257, e.l.ch)
		got["RasEnumConnections"+e.form+" szDeviceType"] = str(r.buf, e.l.devType, 17, e.l.ch)
		got["RasEnumConnections"+e.form+" szDeviceName"] = str(r.buf, e.l.devName, 129, e.l.ch)
		got["RasEnumConnections"+e.form+" szPhonebook"] = str(r.buf, e.l.phonebook, 260, e.l.ch)
	}
	for _, e := range []struct {
		form string
		l    statusLayout
	}{{"W", statusW}, {"A", statusA}} {
		p := procGetConnectStatusW
		if e.form == "A" {
			p = procGetConnectStatusA
		}
		rc, b := status(p, h, e.l.sizes[2], 0)
		require.EqualValues(t, 0, rc)
		got["RasGetConnectStatus"+e.form+" szDeviceType"] = str(b, e.l.devType, 17, e.l.ch)
		got["RasGetConnectStatus"+e.form+" szDeviceName"] = str(b, e.l.devName, 129, e.l.ch)
		got["RasGetConnectStatus"+e.form+" szPhoneNumber"] = str(b, e.l.phone, 129, e.l.ch)
	}
	return got
}

// expected is what shown reads for c when the fields in full fill their arrays.
func expected(c Conn, full Fields) map[string]string {
	text := func(f Fields, s string, n int) string {
		if full&f == 0 {
			return s
		}
		if s == "" {
			s = "#"
		}
		return repeated(s, n)
	}
	want := map[string]string{}
	for _, form := range []string{"W", "A"} {
		want["RasEnumConnections"+form+" szEntryName"] = text(FieldEntry, c.Entry, 257)
		want["RasEnumConnections"+form+" szDeviceType"] = text(FieldDeviceType, c.DeviceType, 17)
		want["RasEnumConnections"+form+" szDeviceName"] = text(FieldDeviceName, c.DeviceName, 129)
		want["RasEnumConnections"+form+" szPhonebook"] = text(FieldPhonebook, c.Phonebook, 260)
		want["RasGetConnectStatus"+form+" szDeviceType"] = text(FieldDeviceType, c.DeviceType, 17)
		want["RasGetConnectStatus"+form+" szDeviceName"] = text(FieldDeviceName, c.DeviceName, 129)
		want["RasGetConnectStatus"+form+" szPhoneNumber"] = text(FieldPhoneNumber, c.PhoneNumber, 129)
	}
	return want
}

func TestAnyStringFieldCanFillItsArrayWithNoTerminator(t *testing.T) {
	all := FieldEntry | FieldDeviceType | FieldDeviceName | FieldPhonebook | FieldPhoneNumber
	for _, fields := range []Fields{0, FieldEntry, FieldDeviceType, FieldDeviceName, FieldPhonebook, FieldPhoneNumber, all} {
		t.Run(fmt.Sprintf("%#x", uint32(fields)), func(t *testing.T) {
			requireSim(t)
			c := Conn{Entry: "office", PhoneNumber: "vpn.example.com", DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)",
				Phonebook: `C:\pbk\rasphone.pbk`, Unterminated: fields}
			assert.Equal(t, expected(c, fields), shown(t, add(t, c)))
		})
	}
}

func TestAnEmptyUnterminatedFieldIsFilledWithHashes(t *testing.T) {
	requireSim(t)
	fields := FieldDeviceType | FieldDeviceName | FieldPhonebook | FieldPhoneNumber
	c := Conn{Entry: "empty", Unterminated: fields}
	assert.Equal(t, expected(c, fields), shown(t, add(t, c)))
}

func TestAnUnterminatedPhoneNumberLeavesTheEntrylessNameTerminated(t *testing.T) {
	requireSim(t)
	c := Conn{PhoneNumber: "198.51.100.7", Unterminated: FieldPhoneNumber}
	got := shown(t, add(t, c))
	assert.Equal(t, ".198.51.100.7", got["RasEnumConnectionsW szEntryName"], "the listed name is made from the number")
	assert.Equal(t, repeated("198.51.100.7", 129), got["RasGetConnectStatusW szPhoneNumber"])
}

func TestUnterminatedRejectsBitsThatNameNoField(t *testing.T) {
	requireSim(t)
	_, err := Add(Conn{Entry: "vpn", Unterminated: 0x20})
	assert.ErrorContains(t, err, "names no field")
	raw := rawConn{Size: uint32(1684), Options: 0x20}
	var h uintptr
	assert.EqualValues(t, errInvalidParameter, rasCall(procAdd, ptr(&raw), ptr(&h)), "the DLL checks too")
	assert.Empty(t, listed(t))
}

// padding returns the bytes of b from..to, within size.
func padding(b []byte, size uint32, from, to int) []byte {
	return b[min(from, int(size)):min(to, int(size))]
}

// cc is n bytes of 0xCC.
func cc(n int) []byte { return bytes.Repeat([]byte{0xCC}, n) }

func TestThePaddingBetweenFieldsIsNotZero(t *testing.T) {
	requireSim(t)
	h := add(t, Conn{Entry: "Office", DeviceType: "vpn", Phonebook: bookA, PhoneNumber: "1"})
	addEntry(t, Entry{Name: "Office", Phonebook: bookA})
	for _, e := range []struct {
		proc *windows.LazyProc
		l    connLayout
	}{{procEnumConnectionsW, connW}, {procEnumConnectionsA, connA}} {
		old := e.l.sizes[0] // the 0x400 layout ends in padding after szDeviceName
		r := fill(e.proc, old, old, 0)
		require.EqualValues(t, 0, r.rc)
		pad := padding(r.buf, old, e.l.phonebook, int(old))
		assert.Equal(t, cc(len(pad)), pad, "%s 0x400", e.proc.Name)
		r = fill(e.proc, e.l.newest(), e.l.newest(), 0)
		require.EqualValues(t, 0, r.rc)
		pad = padding(r.buf, e.l.newest(), e.l.phonebook+260*e.l.ch, e.l.subEntry)
		assert.Equal(t, cc(len(pad)), pad, "%s: after szPhonebook", e.proc.Name)
		assert.NotEmpty(t, pad)
		assert.Equal(t, h, handleAt(r.buf, 4))
	}
	for _, e := range []struct {
		proc *windows.LazyProc
		l    statusLayout
	}{{procGetConnectStatusW, statusW}, {procGetConnectStatusA, statusA}} {
		for _, size := range e.l.sizes {
			rc, b := status(e.proc, h, size, 0)
			require.EqualValues(t, 0, rc)
			from := e.l.phone + 129*e.l.ch
			if size == e.l.sizes[0] {
				from = e.l.phone
			}
			pad := padding(b, size, from, e.l.localEndpoint)
			assert.Equal(t, cc(len(pad)), pad, "%s %d", e.proc.Name, size)
		}
	}
	for _, l := range []entryLayout{entryW, entryA} {
		for _, size := range l.sizes {
			r := l.enum(nil, size, size)
			require.EqualValues(t, 0, r.rc)
			pad := padding(r.buf, size, 4+257*l.ch, l.flags)
			assert.Equal(t, cc(len(pad)), pad, "%s %d: after szEntryName", l.proc.Name, size)
			assert.NotEmpty(t, pad)
			pad = padding(r.buf, size, l.pbkPath+261*l.ch, int(l.sizes[1]))
			assert.Equal(t, cc(len(pad)), pad, "%s %d: at the end", l.proc.Name, size)
		}
	}
}
