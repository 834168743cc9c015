//go:build windows && cgo

package bench

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// The table of issue 6. TestTable runs every case the three ways and writes one markdown table
// to the file named by WINRAS_BENCH_TABLE; make -f mingw.mk bench runs it and prints the file.
// Each case runs the three paths in rounds, rotating which goes first, and takes each path's
// median, so that the ratios compare runs made side by side on a shared, noisy machine.

const (
	rounds        = 5
	watchEvents   = 200
	idleSpan      = 3 * time.Second
	idleSpans     = 3
	eventDeadline = 2 * time.Second
)

// benchFailed records that a body failed: testing.Benchmark discards what b.Fatalf prints, and
// returns a result all the same when a run after the first one fails.
var benchFailed atomic.Bool

func noteFailure(b *testing.B) {
	if b.Failed() {
		benchFailed.Store(true)
	}
}

// sample is one path's median run of one case.
type sample struct {
	ns     float64
	calls  float64
	allocs int64
	bytes  int64
}

// measure runs the three bodies (library, peer, floor) in rounds and returns each one's median.
func measure(t *testing.T, bodies [3]func(*testing.B)) [3]sample {
	var runs [3][]testing.BenchmarkResult
	for r := 0; r < rounds; r++ {
		for k := 0; k < 3; k++ {
			i := (r + k) % 3
			res := testing.Benchmark(func(b *testing.B) {
				defer noteFailure(b)
				bodies[i](b)
			})
			if res.N == 0 || benchFailed.Load() {
				t.Fatalf("the %s path failed: run go test -bench to see why (README.md)", paths[i].name)
			}
			runs[i] = append(runs[i], res)
		}
	}
	var out [3]sample
	for i, rs := range runs {
		slices.SortFunc(rs, func(a, b testing.BenchmarkResult) int { return cmp.Compare(nsPerOp(a), nsPerOp(b)) })
		m := rs[len(rs)/2]
		out[i] = sample{ns: nsPerOp(m), calls: m.Extra[callsUnit], allocs: m.AllocsPerOp(), bytes: m.AllocedBytesPerOp()}
	}
	return out
}

func nsPerOp(r testing.BenchmarkResult) float64 { return float64(r.T.Nanoseconds()) / float64(r.N) }

// row is one line of the table.
type row struct {
	what, library, peer, floor, libFloor, peerLib, calls, allocs, bytes, target string
}

func pathRow(what string, s [3]sample, targets ...string) row {
	lib, peer, floor := s[0], s[1], s[2]
	return row{
		what:     what,
		library:  formatNs(lib.ns),
		peer:     formatNs(peer.ns),
		floor:    formatNs(floor.ns),
		libFloor: fmt.Sprintf("%.3f", lib.ns/floor.ns),
		peerLib:  fmt.Sprintf("%.3f", peer.ns/lib.ns),
		calls:    fmt.Sprintf("%s / %s / %s", formatCalls(lib.calls), formatCalls(peer.calls), formatCalls(floor.calls)),
		allocs:   fmt.Sprintf("%d / %d / %d", lib.allocs, peer.allocs, floor.allocs),
		bytes:    fmt.Sprintf("%d / %d / %d", lib.bytes, peer.bytes, floor.bytes),
		target:   strings.Join(slices.DeleteFunc(targets, func(s string) bool { return s == "" }), "; "),
	}
}

func conns(n int) string {
	if n == 1 {
		return "1 conn"
	}
	return fmt.Sprintf("%d conns", n)
}

func formatNs(ns float64) string {
	if ns < 100 {
		return fmt.Sprintf("%.1f", ns)
	}
	s := fmt.Sprintf("%.0f", ns)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func formatCalls(c float64) string {
	if c == math.Trunc(c) {
		return fmt.Sprintf("%.0f", c)
	}
	return fmt.Sprintf("%.3f", c)
}

func verdict(met bool, format string, args ...any) string {
	if met {
		return fmt.Sprintf(format, args...) + ": met"
	}
	return "**" + fmt.Sprintf(format, args...) + ": missed**"
}

func TestTable(t *testing.T) {
	out := os.Getenv("WINRAS_BENCH_TABLE")
	if out == "" {
		t.Skip("writes the benchmark table to the file named by WINRAS_BENCH_TABLE (make -f mingw.mk bench)")
	}
	useSim(t)
	// The watcher first, while the process is quiet: after the benchmarks, the runtime has more
	// to tidy up, and that shows in CPU ticks and in the tail of the delays.
	var watchRows []row
	for _, cost := range sweepCosts {
		setupCase(t, 0, cost)
		runtime.GC()
		d := watcherDelays(t, watchEvents)
		median, p99 := percentile(d, 0.5), percentile(d, 0.99)
		watchRows = append(watchRows, row{
			what:    fmt.Sprintf("Watcher, connect → event, %d µs", cost/time.Microsecond),
			library: fmt.Sprintf("median %s, p99 %s (%d events)", formatDuration(median), formatDuration(p99), len(d)),
			target:  verdict(median <= time.Millisecond, "median ≤ 1 ms"),
		})
	}
	setupCase(t, 16, 0)
	with, without := idleCPU(t, idleSpan)
	watchRows = append(watchRows, row{
		what:    fmt.Sprintf("Watcher, CPU while idle over %d × %v, %s", idleSpans, idleSpan, conns(16)),
		library: fmt.Sprintf("%.3f s (%.3f s with no watcher)", with.Seconds(), without.Seconds()),
		target:  verdict(with-without <= cpuTick, "none measurable (within one %v tick of no watcher)", cpuTick),
	})

	var rows []row
	for _, cost := range sweepCosts {
		for _, n := range sweepConns {
			setupCase(t, n, cost)
			s := measure(t, [3]func(*testing.B){paths[0].conn(n), paths[1].conn(n), paths[2].conn(n)})
			var targets []string
			targets = append(targets, verdict(s[0].calls == 1, "1 call"))
			if cost == 0 && n >= 16 {
				targets = append(targets, verdict(s[0].ns/s[2].ns <= 1.25, "library/floor ≤ 1.25"))
			}
			switch {
			case cost > 0 && n == 0:
				targets = append(targets, verdict(s[1].ns/s[0].ns >= 1.8, "peer/library ≥ 1.8 (the probe finds none: one call each)"))
			case cost > 0:
				targets = append(targets, verdict(s[1].ns/s[0].ns >= 1.8, "peer/library ≥ 1.8"))
			}
			rows = append(rows, pathRow(fmt.Sprintf("Connections, %s, %d µs", conns(n), cost/time.Microsecond), s, targets...))
		}
	}
	for _, cost := range sweepCosts {
		for _, n := range sweepConns[1:] {
			hs := setupCase(t, n, cost)
			s := measure(t, [3]func(*testing.B){paths[0].stat(hs), paths[1].stat(hs), paths[2].stat(hs)})
			target := ""
			if cost > 0 {
				target = verdict(s[1].ns/s[0].ns >= 1.8, "peer/library ≥ 1.8 (one call each)")
			}
			rows = append(rows, pathRow(fmt.Sprintf("Status, %s, %d µs", conns(n), cost/time.Microsecond), s, target))
		}
	}
	for _, cost := range sweepCosts {
		for _, n := range sweepConns[1:] {
			hs := setupCase(t, n, cost)
			s := measure(t, [3]func(*testing.B){paths[0].stats(hs), paths[1].stats(hs), paths[2].stats(hs)})
			rows = append(rows, pathRow(fmt.Sprintf("Statistics, %s, %d µs", conns(n), cost/time.Microsecond), s,
				verdict(s[0].calls == 1, "1 call")))
		}
	}
	rows = append(rows, watchRows...)

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s\n\n", machine())
	fmt.Fprintln(&buf, "| case | library ns/op | peer ns/op | floor ns/op | library/floor | peer/library | RAS calls/op (lib / peer / floor) | allocs/op (lib / peer / floor) | B/op (lib / peer / floor) | target |")
	fmt.Fprintln(&buf, "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	for _, r := range rows {
		cells := []string{r.what, r.library, r.peer, r.floor, r.libFloor, r.peerLib, r.calls, r.allocs, r.bytes, r.target}
		for i, c := range cells {
			if c == "" {
				cells[i] = "—"
			}
		}
		fmt.Fprintf(&buf, "| %s |\n", strings.Join(cells, " | "))
	}
	require.NoError(t, os.WriteFile(out, buf.Bytes(), 0o644))
}

// machine is the line that says where and when the table was made.
func machine() string {
	cpu := os.Getenv("PROCESSOR_IDENTIFIER")
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil { // Wine's Z: drive is the Linux root
		for _, line := range strings.Split(string(b), "\n") {
			if name, ok := strings.CutPrefix(line, "model name"); ok {
				cpu = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(name), ":"))
				break
			}
		}
	}
	return fmt.Sprintf("%s · %s · %d cores · %s · %s windows/%s · medians of %d interleaved rounds",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), cpu, runtime.NumCPU(), wineVersion(), runtime.Version(), runtime.GOARCH, rounds)
}

func wineVersion() string {
	p := windows.NewLazySystemDLL("ntdll.dll").NewProc("wine_get_version")
	if p.Find() != nil {
		return "Windows (no Wine)"
	}
	r, _, _ := p.Call()
	return "Wine " + windows.BytePtrToString(*(**byte)(unsafe.Pointer(&r))) // a static string in ntdll
}

// qpc reads the performance counter: under Wine, time.Now moves in irregular steps of up to a
// few milliseconds, too coarse for the watcher's delay.
var (
	procQPC  = windows.NewLazySystemDLL("kernel32.dll").NewProc("QueryPerformanceCounter")
	procQPF  = windows.NewLazySystemDLL("kernel32.dll").NewProc("QueryPerformanceFrequency")
	qpcFreq  int64
	qpcFreq1 sync.Once
)

func qpc() time.Duration {
	qpcFreq1.Do(func() { procQPF.Call(uintptr(unsafe.Pointer(&qpcFreq))) })
	var c int64
	procQPC.Call(uintptr(unsafe.Pointer(&c)))
	return time.Duration(float64(c) / float64(qpcFreq) * 1e9)
}

// watcherDelays measures, n times, the time from a simulated connect to its event on Events;
// each connection is then dropped (and its event read) so the listing stays short.
func watcherDelays(t *testing.T, n int) []time.Duration {
	w, err := ras.NewWatcherRecheck(time.Hour) // notifications only
	require.NoError(t, err)
	defer w.Close()
	require.False(t, w.Polling(), "the simulator's notifications are unavailable")
	next := func(want ras.Op, h uintptr) {
		select {
		case ev := <-w.Events:
			require.Equal(t, want, ev.Op)
			require.Equal(t, ras.Handle(h), ev.Conn.Handle)
		case err := <-w.Errors:
			t.Fatalf("watcher: %v", err)
		case <-time.After(eventDeadline):
			t.Fatalf("no %v event within %v", want, eventDeadline)
		}
	}
	delays := make([]time.Duration, 0, n)
	for i := 0; i < n; i++ {
		start := qpc()
		h, err := rassim.Add(sampleConn(i))
		require.NoError(t, err)
		next(ras.OpConnected, h)
		delays = append(delays, qpc()-start)
		require.NoError(t, rassim.Drop(h, 0))
		next(ras.OpDisconnected, h)
	}
	return delays
}

// percentile is the nearest-rank percentile p (0 < p ≤ 1) of d.
func percentile(d []time.Duration, p float64) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[int(math.Ceil(p*float64(len(s))))-1]
}

func formatDuration(d time.Duration) string {
	if d < time.Millisecond {
		return fmt.Sprintf("%.0f µs", float64(d)/float64(time.Microsecond))
	}
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}

// cpuTick is the resolution of process CPU times: Wine counts them in Linux clock ticks, and
// charges a whole tick to whichever thread runs when one falls.
const cpuTick = 10 * time.Millisecond

// idleCPU is the process's CPU time over idleSpans spans of span with a watcher open (with the
// default re-check) and over as many spans with none, alternating, after the heap has been
// collected and returned to the system so that the runtime has nothing left to do.
func idleCPU(t *testing.T, span time.Duration) (with, without time.Duration) {
	idle := func() time.Duration {
		runtime.GC()
		debug.FreeOSMemory()
		time.Sleep(100 * time.Millisecond)
		before := processCPU(t)
		time.Sleep(span)
		return processCPU(t) - before
	}
	for i := 0; i < idleSpans; i++ {
		without += idle()
		w, err := ras.NewWatcher()
		require.NoError(t, err)
		with += idle()
		require.NoError(t, w.Close())
	}
	return with, without
}

func processCPU(t *testing.T) time.Duration {
	var creation, exit, kernel, user windows.Filetime
	require.NoError(t, windows.GetProcessTimes(windows.CurrentProcess(), &creation, &exit, &kernel, &user))
	ticks := func(f windows.Filetime) int64 { return int64(f.HighDateTime)<<32 | int64(f.LowDateTime) }
	return time.Duration(ticks(kernel)+ticks(user)) * 100
}
