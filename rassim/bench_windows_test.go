//go:build windows

package rassim

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// BenchmarkEnumConnectionsW16 is the simulator's cost of one RasEnumConnectionsW fill call
// listing 16 connections at the newest layout, plus one LazyProc.Call.
func BenchmarkEnumConnectionsW16(b *testing.B) {
	requireSim(b)
	for i := 0; i < 16; i++ {
		add(b, Conn{Entry: "vpn", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)"})
	}
	size := connW.newest()
	buf := make([]byte, 16*size)
	putU32(buf, 0, size)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cb, n := 16*size, uint32(0)
		if rc := rasCall(procEnumConnectionsW, bufPtr(buf), ptr(&cb), ptr(&n)); rc != 0 || n != 16 {
			b.Fatalf("rc %d, %d connections", rc, n)
		}
	}
	b.StopTimer()
	require.NoError(b, Reset(Win7))
}
