package main

import (
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"github.com/winras/ras"
)

func TestParseTargetReadsHandlesWrittenAsRasctlPrintsThem(t *testing.T) {
	for text, want := range map[string]ras.Handle{
		"0x801":  0x801,
		"0X1A2B": 0x1a2b,
		"0x1a2B": 0x1a2b,
		"0x0":    0,
		"0x0010": 0x10,
	} {
		tg, err := parseTarget(text)
		require.NoError(t, err, text)
		assert.True(t, tg.isHandle, text)
		assert.Equal(t, want, tg.handle, text)
	}
}

func TestParseTargetTakesWhatIsNoHandleAsAName(t *testing.T) {
	for _, text := range []string{"Office VPN", "0x", "0xZZ", "0x-1", "0x+1", "0x1_0", "801", "x801", " 0x801", "0x801 ",
		"0x1" + strings.Repeat("0", 16)} {
		tg, err := parseTarget(text)
		require.NoError(t, err, text)
		assert.False(t, tg.isHandle, text)
		assert.Equal(t, text, tg.text)
	}
}

func TestParseTargetRefusesTheEmptyStringAsAUsageError(t *testing.T) {
	_, err := parseTarget("")
	assert.ErrorAs(t, err, new(usageError))
}

var (
	office  = ras.Conn{Handle: 0x801, Entry: "Office VPN", DeviceType: "vpn"}
	lab     = ras.Conn{Handle: 0x1001, Entry: "Lab VPN", DeviceType: "vpn"}
	dialUp  = ras.Conn{Handle: 0x1802, PhoneNumber: "5550123", DeviceType: "modem"}
	office2 = ras.Conn{Handle: 0x2003, Entry: "office vpn", DeviceType: "vpn", Phonebook: `C:\Users\me\rasphone.pbk`}
	active  = []ras.Conn{office, lab, dialUp}
)

func pick(t *testing.T, text string, conns []ras.Conn) (ras.Conn, error) {
	t.Helper()
	tg, err := parseTarget(text)
	require.NoError(t, err)
	return tg.pick(conns)
}

func TestPickFindsAConnectionByNameNumberOrHandle(t *testing.T) {
	for text, want := range map[string]ras.Conn{
		"Office VPN": office,
		"OFFICE vpn": office, // Windows compares entry names case-insensitively
		"5550123":    dialUp,
		".5550123":   dialUp, // as Windows lists a connection made without an entry
		"0x1001":     lab,
		"0X1001":     lab,
	} {
		got, err := pick(t, text, active)
		require.NoError(t, err, text)
		assert.Equal(t, want, got, text)
	}
}

func TestPickMatchesANumberOnlyOnConnectionsWithoutAnEntry(t *testing.T) {
	withNumber := ras.Conn{Handle: 0x900, Entry: "5550123"}
	got, err := pick(t, ".5550123", []ras.Conn{withNumber, dialUp})
	require.NoError(t, err)
	assert.Equal(t, dialUp, got)
}

func TestPickListsTheHandlesOfAnAmbiguousName(t *testing.T) {
	_, err := pick(t, "Office VPN", []ras.Conn{office, lab, office2})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"Office VPN" matches 2 connections (0x801, 0x2003)`)
}

func TestPickPrefersAListedHandleToAnEntryNamedLikeIt(t *testing.T) {
	oddlyNamed := ras.Conn{Handle: 0x5, Entry: "0x801"}
	got, err := pick(t, "0x801", []ras.Conn{oddlyNamed, office})
	require.NoError(t, err)
	assert.Equal(t, office, got)

	got, err = pick(t, "0x801", []ras.Conn{oddlyNamed, lab})
	require.NoError(t, err)
	assert.Equal(t, oddlyNamed, got, "no connection has handle 0x801: the name matches")
}

func TestPickPassesAnUnlistedHandleOnForTheCallToJudge(t *testing.T) {
	got, err := pick(t, "0x7777", active)
	require.NoError(t, err)
	assert.Equal(t, ras.Conn{Handle: 0x7777}, got, "RAS lists no connection still dialling; its handle must still work")
}

func TestPickRefusesAnUnknownName(t *testing.T) {
	_, err := pick(t, "Home VPN", active)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `no active connection is named "Home VPN"`)
}

// FuzzParseTarget checks, for any text, that reading it never fails but on "", that a handle
// reads back from how rasctl prints it, and that a connection can always be named by its own
// entry name or number.
func FuzzParseTarget(f *testing.F) {
	f.Fuzz(func(t *testing.T, text string) {
		tg, err := parseTarget(text)
		if text == "" {
			require.Error(t, err)
			return
		}
		require.NoError(t, err)
		require.Equal(t, text, tg.text)
		if tg.isHandle {
			require.True(t, strings.HasPrefix(strings.ToLower(text), "0x"))
			again, err := parseTarget(tg.handle.String())
			require.NoError(t, err)
			require.True(t, again.isHandle)
			require.Equal(t, tg.handle, again.handle)
			v, err := strconv.ParseUint(text[2:], 16, 64)
			require.NoError(t, err)
			require.Equal(t, uint64(tg.handle), v)
		}
		if !strings.HasPrefix(text, ".") { // Windows refuses entry names that start with "."
			got, err := tg.pick([]ras.Conn{{Handle: 0x801, Entry: text}})
			require.NoError(t, err)
			require.Equal(t, "0x801", got.Handle.String(), "an entry is named by its name")
		}
		for _, name := range []string{text, "." + text} {
			number, err := parseTarget(name)
			require.NoError(t, err)
			got, err := number.pick([]ras.Conn{{Handle: 0x1802, PhoneNumber: text}})
			require.NoError(t, err)
			require.Equal(t, "0x1802", got.Handle.String(), "a connection without an entry is named by %q", name)
		}
	})
}
