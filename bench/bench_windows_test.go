//go:build windows && cgo

package bench

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// The ways to do the same work, as benchmark bodies. Each makes one untimed call first (the
// library learns the struct versions and the count from it), then counts the RAS calls of the
// timed loop with the simulator's counters and reports them as calls/op.

const callsUnit = "calls/op"

// path is one of the ways, for n connections (Connections) or for handles (Status,
// Statistics). The fair floor has no statistics of its own: they have no strings to decode, so
// the floor is fair already.
type path struct {
	name  string
	conn  func(n int) func(*testing.B)
	stat  func(hs []uintptr) func(*testing.B)
	stats func(hs []uintptr) func(*testing.B)
}

// The paths, in the table's order.
const (
	pathLibrary = iota
	pathPeer
	pathFloor
	pathFair
	npaths
)

var paths = [npaths]path{
	{"library", libraryConnections, libraryStatus, libraryStatistics},
	{"peer", peerConnectionsBench, peerStatusBench, peerStatisticsBench},
	{"floor", floorConnections, floorStatusBench, floorStatisticsBench},
	{"fair floor", fairConnections, fairStatusBench, nil},
}

func startTimed(b *testing.B) {
	b.ReportAllocs()
	require.NoError(b, rassim.ResetCalls())
	b.ResetTimer()
}

func stopTimed(b *testing.B) {
	b.StopTimer()
	b.ReportMetric(float64(rasCalls())/float64(b.N), callsUnit)
}

// listLoop is a listing benchmark: one untimed list, then b.N timed ones, each of which must
// give n connections.
func listLoop(b *testing.B, what string, n int, list func() (int, error)) {
	_, err := list()
	require.NoError(b, err)
	startTimed(b)
	for i := 0; i < b.N; i++ {
		if got, err := list(); err != nil || got != n {
			b.Fatalf("%s: %d connections, %v; want %d", what, got, err, n)
		}
	}
	stopTimed(b)
}

// statusLoop is a status benchmark: one untimed call, then b.N timed ones going through hs in
// turn, each of which must find its connection connected.
func statusLoop(b *testing.B, what string, hs []uintptr, status func(h uintptr) (state uint32, err error)) {
	_, err := status(hs[0])
	require.NoError(b, err)
	startTimed(b)
	for i := 0; i < b.N; i++ {
		if st, err := status(hs[i%len(hs)]); err != nil || st != rascsConnected {
			b.Fatalf("%s: %#x, %v", what, st, err)
		}
	}
	stopTimed(b)
}

func libraryConnections(n int) func(*testing.B) {
	return func(b *testing.B) {
		listLoop(b, "ras.Connections", n, func() (int, error) {
			conns, err := ras.Connections()
			return len(conns), err
		})
	}
}

// libraryAppend lists with AppendConnections into the last listing, as a caller that lists
// often does: in the steady state, it reuses the array and the strings.
func libraryAppend(n int) func(*testing.B) {
	return func(b *testing.B) {
		var conns []ras.Conn
		listLoop(b, "ras.AppendConnections", n, func() (int, error) {
			var err error
			conns, err = ras.AppendConnections(conns[:0])
			return len(conns), err
		})
	}
}

func fairConnections(n int) func(*testing.B) {
	return func(b *testing.B) {
		f := newFairEnum(n)
		defer f.free()
		listLoop(b, "fair floor", n, func() (int, error) {
			conns, err := f.list()
			return len(conns), err
		})
	}
}

func peerConnectionsBench(n int) func(*testing.B) {
	return func(b *testing.B) {
		listLoop(b, "peerConnections", n, func() (int, error) {
			conns, err := peerConnections()
			return len(conns), err
		})
	}
}

func floorConnections(n int) func(*testing.B) {
	return func(b *testing.B) {
		f := newFloorEnum(n)
		defer f.free()
		_, err := f.run(1)
		require.NoError(b, err)
		startTimed(b)
		got, err := f.run(b.N)
		stopTimed(b)
		if err != nil || got != n {
			b.Fatalf("floor: %d connections, %v; want %d", got, err, n)
		}
	}
}

func libraryStatus(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		statusLoop(b, "ras.Status", hs, func(h uintptr) (uint32, error) {
			st, err := ras.Status(ras.Handle(h))
			return uint32(st.State), err
		})
	}
}

func peerStatusBench(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		statusLoop(b, "peerStatus", hs, func(h uintptr) (uint32, error) {
			st, err := peerStatus(h)
			return st.State, err
		})
	}
}

func fairStatusBench(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		f := newFairStatus()
		defer f.free()
		statusLoop(b, "fair floor", hs, func(h uintptr) (uint32, error) {
			st, err := f.status(h)
			return st.State, err
		})
	}
}

func floorStatusBench(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		f := newFloorStatus(hs)
		defer f.free()
		require.NoError(b, f.run(1))
		startTimed(b)
		err := f.run(b.N)
		stopTimed(b)
		if err != nil {
			b.Fatalf("floor: %v", err)
		}
	}
}

const rascsConnected = 0x2000

func libraryStatistics(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		_, err := ras.Statistics(ras.Handle(hs[0]))
		require.NoError(b, err)
		startTimed(b)
		for i := 0; i < b.N; i++ {
			if _, err := ras.Statistics(ras.Handle(hs[i%len(hs)])); err != nil {
				b.Fatalf("ras.Statistics: %v", err)
			}
		}
		stopTimed(b)
	}
}

func peerStatisticsBench(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		_, err := peerStatistics(hs[0])
		require.NoError(b, err)
		startTimed(b)
		for i := 0; i < b.N; i++ {
			if _, err := peerStatistics(hs[i%len(hs)]); err != nil {
				b.Fatalf("peerStatistics: %v", err)
			}
		}
		stopTimed(b)
	}
}

func floorStatisticsBench(hs []uintptr) func(*testing.B) {
	return func(b *testing.B) {
		f := newFloorStatus(hs)
		defer f.free()
		_, err := f.runStats(1)
		require.NoError(b, err)
		startTimed(b)
		_, err = f.runStats(b.N)
		stopTimed(b)
		if err != nil {
			b.Fatalf("floor: %v", err)
		}
	}
}

// BenchmarkConnections lists the connections each way, and with AppendConnections, for every
// case.
func BenchmarkConnections(b *testing.B) {
	useSim(b)
	for _, cost := range sweepCosts {
		for _, n := range sweepConns {
			b.Run(caseName(n, cost), func(b *testing.B) {
				setupCase(b, n, cost)
				for _, p := range paths {
					b.Run(p.name, p.conn(n))
				}
				b.Run("library append", libraryAppend(n))
			})
		}
	}
}

// BenchmarkStatus asks for the status of one connection each way, going through
// the case's connections in turn. There is nothing to ask about with no connections.
func BenchmarkStatus(b *testing.B) {
	useSim(b)
	for _, cost := range sweepCosts {
		for _, n := range sweepConns {
			if n == 0 {
				continue
			}
			b.Run(caseName(n, cost), func(b *testing.B) {
				hs := setupCase(b, n, cost)
				for _, p := range paths {
					b.Run(p.name, p.stat(hs))
				}
			})
		}
	}
}

// BenchmarkStatistics reads one connection's statistics each way, going through
// the case's connections in turn.
func BenchmarkStatistics(b *testing.B) {
	useSim(b)
	for _, cost := range sweepCosts {
		for _, n := range sweepConns {
			if n == 0 {
				continue
			}
			b.Run(caseName(n, cost), func(b *testing.B) {
				hs := setupCase(b, n, cost)
				for _, p := range paths {
					if p.stats != nil {
						b.Run(p.name, p.stats(hs))
					}
				}
			})
		}
	}
}
