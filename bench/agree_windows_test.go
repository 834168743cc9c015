//go:build windows && cgo

package bench

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// listing is what the paths have in common for one connection.
type listing struct {
	Handle                                   uintptr
	Entry, DeviceType, DeviceName, Phonebook string
}

// listEvery lists the connections every way: the library's two forms (AppendConnections into
// a previous listing, to reach its reuse of strings), the peer, the floor and the fair floor.
func listEvery(t *testing.T, n int) map[string][]listing {
	t.Helper()
	out := map[string][]listing{}
	conns, err := ras.Connections()
	require.NoError(t, err)
	for _, c := range conns {
		out["library"] = append(out["library"], listing{uintptr(c.Handle), c.Entry, c.DeviceType, c.DeviceName, c.Phonebook})
	}
	again, err := ras.AppendConnections(conns[:0])
	require.NoError(t, err)
	for _, c := range again {
		out["library append"] = append(out["library append"], listing{uintptr(c.Handle), c.Entry, c.DeviceType, c.DeviceName, c.Phonebook})
	}
	pconns, err := peerConnections()
	require.NoError(t, err)
	for _, c := range pconns {
		out["peer"] = append(out["peer"], listing{c.Handle, c.Entry, c.DeviceType, c.DeviceName, c.Phonebook})
	}
	f := newFloorEnum(n)
	defer f.free()
	got, err := f.run(1)
	require.NoError(t, err)
	for i := 0; i < got; i++ {
		c := f.conn(i)
		out["floor"] = append(out["floor"], listing{c.Handle, c.Entry, c.DeviceType, c.DeviceName, c.Phonebook})
	}
	fair := newFairEnum(n)
	defer fair.free()
	fconns, err := fair.list()
	require.NoError(t, err)
	for _, c := range fconns {
		out["fair floor"] = append(out["fair floor"], listing{uintptr(c.Handle), c.Entry, c.DeviceType, c.DeviceName, c.Phonebook})
	}
	return out
}

func assertEveryPath(t *testing.T, want []listing, got map[string][]listing) {
	t.Helper()
	for _, name := range []string{"library", "library append", "peer", "floor", "fair floor"} {
		assert.Equal(t, want, got[name], name)
	}
}

func TestEveryPathListsTheSameConnectionsInEveryCase(t *testing.T) {
	useSim(t)
	for _, n := range sweepConns {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			hs := setupCase(t, n, 0)
			var want []listing
			for i, h := range hs {
				c := sampleConn(i)
				want = append(want, listing{h, c.Entry, c.DeviceType, c.DeviceName, c.Phonebook})
			}
			assertEveryPath(t, want, listEvery(t, n))
		})
	}
}

func TestPeerDecodesEveryFieldOfRASCONNW(t *testing.T) {
	useSim(t)
	hs := setupCase(t, 3, 0)
	conns, err := peerConnections()
	require.NoError(t, err)
	lib, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 3)
	for i, c := range conns {
		s := sampleConn(i)
		assert.Equal(t, peerConn{
			Handle: hs[i], Entry: s.Entry, DeviceType: s.DeviceType, DeviceName: s.DeviceName,
			Phonebook: s.Phonebook, SubEntry: s.SubEntry, EntryID: s.EntryID, Flags: uint32(s.Flags),
			LogonID: s.LogonID, CorrelationID: s.CorrelationID,
		}, c)
		assert.Equal(t, lib[i].EntryID, c.EntryID)
		assert.Equal(t, lib[i].CorrelationID, c.CorrelationID)
		assert.Equal(t, lib[i].LogonID, c.LogonID)
	}
}

func TestEveryPathAgreesOnTheLongestFields(t *testing.T) {
	useSim(t)
	h, err := rassim.Add(rassim.Conn{
		Entry:      strings.Repeat("é", 256),
		DeviceType: strings.Repeat("t", 16),
		DeviceName: strings.Repeat("名", 128),
		Phonebook:  `C:\` + strings.Repeat("p", 256),
	})
	require.NoError(t, err)
	want := []listing{{uintptr(h), strings.Repeat("é", 256), strings.Repeat("t", 16), strings.Repeat("名", 128), `C:\` + strings.Repeat("p", 256)}}
	assertEveryPath(t, want, listEvery(t, 1))
}

// The simulator fills an unterminated field by repeating its text; these texts end their fields
// (257, 17, 129 and 260 units) on whole characters. (A surrogate pair cut at a field's end is
// where the paths part: x/sys's UTF16ToString, which the peer and the floor use, keeps the lone
// surrogate as WTF-8; the library gives U+FFFD, as unicode/utf16 does.)
func TestEveryPathAgreesOnUnterminatedFieldsAndCharactersOutsideTheBMP(t *testing.T) {
	useSim(t)
	h, err := rassim.Add(rassim.Conn{
		Entry: "🔒 VPN", DeviceType: "v🔒v", DeviceName: "名🔒", Phonebook: `C:\🔒`,
		Unterminated: rassim.FieldEntry | rassim.FieldDeviceType | rassim.FieldDeviceName | rassim.FieldPhonebook,
	})
	require.NoError(t, err)
	got := listEvery(t, 1)
	require.Len(t, got["library"], 1)
	lib := got["library"][0]
	assert.Equal(t, uintptr(h), lib.Handle)
	assert.True(t, strings.HasPrefix(lib.Entry, "🔒 VPN🔒 VPN"), lib.Entry)
	assert.Equal(t, "v🔒vv🔒vv🔒vv🔒vv", lib.DeviceType)
	assert.True(t, strings.HasPrefix(lib.Phonebook, `C:\🔒C:\🔒`), lib.Phonebook)
	assert.True(t, utf8.ValidString(lib.Entry+lib.DeviceType+lib.DeviceName+lib.Phonebook))
	assertEveryPath(t, got["library"], got)
}

func TestEveryPathReportsTheSameStatusInEveryCase(t *testing.T) {
	useSim(t)
	for _, n := range sweepConns[1:] {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			hs := setupCase(t, n, 0)
			for i, h := range hs {
				c := sampleConn(i)
				want := floorStatusResult{State: rascsConnected, DeviceType: c.DeviceType, DeviceName: c.DeviceName, PhoneNumber: c.PhoneNumber}

				lib, err := ras.Status(ras.Handle(h))
				require.NoError(t, err)
				assert.Equal(t, want, floorStatusResult{uint32(lib.State), lib.DeviceType, lib.DeviceName, lib.PhoneNumber}, "library")

				peer, err := peerStatus(h)
				require.NoError(t, err)
				assert.Equal(t, want, floorStatusResult{peer.State, peer.DeviceType, peer.DeviceName, peer.PhoneNumber}, "peer")
				assert.Equal(t, lib.LocalEndpoint, peer.LocalEndpoint)
				assert.Equal(t, lib.RemoteEndpoint, peer.RemoteEndpoint)
				assert.Equal(t, c.LocalEndpoint, peer.LocalEndpoint)
				assert.Equal(t, c.RemoteEndpoint, peer.RemoteEndpoint)

				f := newFloorStatus([]uintptr{h})
				err = f.run(1)
				got := f.result()
				f.free()
				require.NoError(t, err)
				assert.Equal(t, want, got, "floor")

				fair := newFairStatus()
				got, err = fair.status(h)
				fair.free()
				require.NoError(t, err)
				assert.Equal(t, want, got, "fair floor")
			}
		})
	}
}

func TestThreePathsReportTheSameStatistics(t *testing.T) {
	useSim(t)
	hs := setupCase(t, 2, 0)
	for i, h := range hs {
		set := uint32(i+1) * 1000
		require.NoError(t, rassim.SetStats(ras.Handle(h), 0, rassim.Stats{
			BytesSent: set + 1, BytesReceived: set + 2, FramesSent: set + 3, FramesReceived: set + 4, CRCErrors: set + 5,
			TimeoutErrors: set + 6, AlignmentErrors: set + 7, HardwareOverrunErrors: set + 8, FramingErrors: set + 9,
			BufferOverrunErrors: set + 10, CompressionRatioIn: set + 11, CompressionRatioOut: set + 12, Bps: set + 13,
		}))
		want := peerStats{set + 1, set + 2, set + 3, set + 4, set + 5, set + 6, set + 7, set + 8, set + 9, set + 10, set + 11, set + 12, set + 13}

		lib, err := ras.Statistics(ras.Handle(h))
		require.NoError(t, err)
		assert.Equal(t, want[:13], []uint32{lib.BytesSent, lib.BytesReceived, lib.FramesSent, lib.FramesReceived,
			lib.CRCErrors, lib.TimeoutErrors, lib.AlignmentErrors, lib.HardwareOverrunErrors, lib.FramingErrors,
			lib.BufferOverrunErrors, lib.CompressionRatioIn, lib.CompressionRatioOut, lib.LinkSpeed}, "library")

		peer, err := peerStatistics(h)
		require.NoError(t, err)
		assert.Equal(t, want[:13], peer[:13], "peer")

		f := newFloorStatus([]uintptr{h})
		floor, err := f.runStats(1)
		f.free()
		require.NoError(t, err)
		assert.Equal(t, want[:13], floor[:13], "floor")
	}
}

// The peer follows Microsoft's pattern: a probe, then a fill call, again while connections
// appear in between.
func TestPeerProbesThenFillsAndRetriesWhenConnectionsAppear(t *testing.T) {
	useSim(t)
	setupCase(t, 1, 0)
	require.NoError(t, rassim.ResetCalls())
	conns, err := peerConnections()
	require.NoError(t, err)
	assert.Len(t, conns, 1)
	assert.EqualValues(t, 2, rassim.Calls(rassim.EnumConnections), "probe and fill")

	require.NoError(t, rassim.AppearBetweenProbeAndFill(2))
	require.NoError(t, rassim.ResetCalls())
	conns, err = peerConnections()
	require.NoError(t, err)
	assert.Len(t, conns, 3)
	assert.EqualValues(t, 3, rassim.Calls(rassim.EnumConnections), "probe, a fill that was too small, fill")
}

// The peer loads rasapi32.dll the way a Go user would, from System32; it must still reach the
// simulator the library and the floor use, or the comparison means nothing.
func TestPeerReachesTheSameSimulator(t *testing.T) {
	useSim(t)
	require.NoError(t, modrasapi32.Load())
	require.NoError(t, modrasapi32.NewProc("RasSimVersion").Find(), "the peer's rasapi32.dll is not the simulator")
	assert.Equal(t, windows.NewLazyDLL("rasapi32.dll").Handle(), modrasapi32.Handle())
}
