//go:build windows

package rassim

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

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
