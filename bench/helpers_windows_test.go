//go:build windows && cgo

package bench

import (
	"fmt"
	"net/netip"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras/rassim"
)

// useSim gives the test or benchmark a fresh simulated RAS service (the Windows 7 profile, no
// service cost). It skips unless the harness runs against the simulator, and fails if it
// claims to while the loaded rasapi32.dll is something else.
func useSim(tb testing.TB) {
	tb.Helper()
	if got := os.Getenv("WINRAS_BACKEND"); got != "sim" {
		tb.Skipf("needs the simulator; WINRAS_BACKEND=%q", got)
	}
	require.True(tb, rassim.Available(), "WINRAS_BACKEND=sim, but the loaded rasapi32.dll is not the simulator")
	require.NoError(tb, rassim.Reset(rassim.Win7))
	tb.Cleanup(func() { rassim.Reset(rassim.Win7) })
}

// sweepConns and sweepCosts are the cases of issue 6.
var (
	sweepConns = []int{0, 1, 16, 256}
	sweepCosts = []time.Duration{0, 50 * time.Microsecond}
)

var deviceTypes = []string{"vpn", "modem", "pppoe", "isdn"}

// sampleConn is the i-th connection of a case: every field set, names of ordinary length with
// some characters outside ASCII.
func sampleConn(i int) rassim.Conn {
	return rassim.Conn{
		Entry:       fmt.Sprintf("Büro VPN %d (東京)", i),
		PhoneNumber: fmt.Sprintf("+1 555 %04d", i),
		DeviceType:  deviceTypes[i%len(deviceTypes)],
		DeviceName:  fmt.Sprintf("WAN Miniport (IKEv2) #%d", i),
		Phonebook:   `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`,
		EntryID:     windows.GUID{Data1: uint32(i), Data2: 0x9abc, Data3: 0xdef0, Data4: [8]byte{1, 2, 3, 4, 5, 6, 7, byte(i)}},
		CorrelationID: windows.GUID{Data1: 0xcafe0000 + uint32(i), Data2: 1, Data3: 2,
			Data4: [8]byte{8, 7, 6, 5, 4, 3, 2, byte(i)}},
		Flags:          1,
		LogonID:        windows.LUID{LowPart: 0x3e7, HighPart: int32(i)},
		LocalEndpoint:  netip.AddrFrom4([4]byte{192, 0, 2, byte(i)}),
		RemoteEndpoint: netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 15: byte(i)}),
		SubState:       0,
	}
}

// setupCase makes the simulated service hold n sample connections and charge cost per RAS
// call, and returns their handles in listing order, as the HRASCONN values every path takes.
func setupCase(tb testing.TB, n int, cost time.Duration) []uintptr {
	tb.Helper()
	require.NoError(tb, rassim.Reset(rassim.Win7))
	hs := make([]uintptr, n)
	for i := range hs {
		h, err := rassim.Add(sampleConn(i))
		require.NoError(tb, err)
		hs[i] = uintptr(h)
	}
	require.NoError(tb, rassim.SetServiceCost(cost))
	return hs
}

// rasCalls is the number of RAS calls, of every function, since the last rassim.ResetCalls.
func rasCalls() uint64 {
	var n uint64
	for f := rassim.EnumConnections; f <= rassim.GetProjectionInfo; f++ {
		n += uint64(rassim.Calls(f))
	}
	return n
}

// caseName names a case as the sub-benchmarks and the table do.
func caseName(n int, cost time.Duration) string {
	return fmt.Sprintf("conns=%d/cost=%dus", n, cost/time.Microsecond)
}
