//go:build cgo

package ras_test

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// steadyConns are connections whose strings take every path of the decoder: characters outside
// the BMP, an entry-less connection, fields with no terminator.
var steadyConns = []rassim.Conn{
	officeVPN,
	{Entry: "Büro 🔒 VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (SSTP)", Phonebook: `C:\pbk\rasphone.pbk`},
	{PhoneNumber: "5551234", DeviceType: "modem", DeviceName: "Modem"},
	{Entry: "0123456789", DeviceType: "pppoe", DeviceName: "full", Phonebook: "p", Unterminated: rassim.FieldEntry | rassim.FieldDeviceName},
}

func addAll(t *testing.T, conns []rassim.Conn) {
	t.Helper()
	for _, c := range conns {
		add(t, c)
	}
}

func sameString(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }

func TestAppendConnectionsAppendsToWhatDstHolds(t *testing.T) {
	useSim(t)
	addAll(t, steadyConns)
	want, err := ras.Connections()
	require.NoError(t, err)
	mine := ras.Conn{Handle: 0x99, Entry: "mine"}
	got, err := ras.AppendConnections([]ras.Conn{mine})
	require.NoError(t, err)
	assert.Equal(t, append([]ras.Conn{mine}, want...), got)
}

func TestAppendConnectionsReusesTheArrayAndTheStringsOfAnUnchangedListing(t *testing.T) {
	useSim(t)
	addAll(t, steadyConns)
	first, err := ras.AppendConnections(nil)
	require.NoError(t, err)
	second, err := ras.AppendConnections(first[:0])
	require.NoError(t, err)
	require.Len(t, second, len(steadyConns))
	assert.Same(t, &first[0], &second[0], "the array")
	for i, c := range second {
		for _, f := range [][2]string{{c.Entry, first[i].Entry}, {c.PhoneNumber, first[i].PhoneNumber},
			{c.DeviceType, first[i].DeviceType}, {c.DeviceName, first[i].DeviceName}, {c.Phonebook, first[i].Phonebook}} {
			assert.True(t, f[0] == "" || sameString(f[0], f[1]), "connection %d: %q is a new string", i, f[0])
		}
	}
}

func TestAppendConnectionsOfAnUnchangedListingAllocatesNothing(t *testing.T) {
	ras.SkipUnderRace(t)
	useSim(t)
	addAll(t, steadyConns)
	for range 12 {
		add(t, officeVPN)
	}
	conns, err := ras.AppendConnections(nil)
	require.NoError(t, err)
	allocs := testing.AllocsPerRun(50, func() {
		conns, err = ras.AppendConnections(conns[:0])
	})
	require.NoError(t, err)
	assert.Len(t, conns, 16)
	assert.Zero(t, allocs)
}

func TestAppendConnectionsGivesAChangedConnectionItsOwnStrings(t *testing.T) {
	useSim(t)
	keep := add(t, steadyConns[0])
	gone := add(t, steadyConns[1])
	first, err := ras.AppendConnections(nil)
	require.NoError(t, err)
	kept, saved := first[0], first[1]
	require.NoError(t, rassim.Drop(gone, 0))
	added := add(t, steadyConns[2])
	second, err := ras.AppendConnections(first[:0])
	require.NoError(t, err)
	want, err := ras.Connections()
	require.NoError(t, err)
	assert.Equal(t, want, second)
	require.Len(t, second, 2)
	assert.Equal(t, keep, second[0].Handle)
	assert.Equal(t, added, second[1].Handle)
	assert.Equal(t, "5551234", second[1].PhoneNumber)
	assert.Equal(t, "Modem", second[1].DeviceName)
	assert.Empty(t, second[1].Phonebook)
	assert.True(t, sameString(second[0].Entry, kept.Entry) && sameString(second[0].DeviceName, kept.DeviceName),
		"the unchanged connection keeps its strings")
	assert.Equal(t, "Büro 🔒 VPN", saved.Entry, "a Conn copied out of the earlier listing keeps its values")
	assert.Equal(t, "WAN Miniport (SSTP)", saved.DeviceName)
}

func TestAppendConnectionsThatFailsReturnsDstUnchanged(t *testing.T) {
	useSim(t)
	addAll(t, steadyConns)
	dst := []ras.Conn{{Handle: 0x99}}
	require.NoError(t, rassim.FailNth(rassim.EnumConnections, 1, 711))
	got, err := ras.AppendConnections(dst)
	assert.ErrorContains(t, err, "RasEnumConnectionsW")
	assert.Equal(t, dst, got)
}

func TestConnectionsAllocatesOneStringAndOneSlice(t *testing.T) {
	ras.SkipUnderRace(t)
	useSim(t)
	addAll(t, steadyConns)
	var err error
	allocs := testing.AllocsPerRun(50, func() { _, err = ras.Connections() })
	require.NoError(t, err)
	assert.Equal(t, 2.0, allocs)
}

func TestStatusAllocatesOneStringAndStatisticsNothing(t *testing.T) {
	ras.SkipUnderRace(t)
	useSim(t)
	h := add(t, officeVPN)
	var err error
	allocs := testing.AllocsPerRun(50, func() { _, err = ras.Status(h) })
	require.NoError(t, err)
	assert.Equal(t, 1.0, allocs, "Status")
	allocs = testing.AllocsPerRun(50, func() { _, err = ras.Statistics(h) })
	require.NoError(t, err)
	assert.Zero(t, allocs, "Statistics")
}
