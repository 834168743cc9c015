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

// The table. TestTable runs every case every way, at GOMAXPROCS 2 and 1 (under Wine, the
// collector's cost depends on it), and writes one markdown table to the file named by
// WINRAS_BENCH_TABLE; make -f mingw.mk bench runs it and prints the file. Each case runs its
// paths in rounds, rotating which goes first, and takes each path's median, so that the ratios
// compare runs made side by side on a shared, noisy machine.

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

// measure runs the bodies (one per path, nil for a path the case lacks) in rounds, rotating which
// goes first, and returns each one's median.
func measure(t *testing.T, what string, bodies [npaths]func(*testing.B)) [npaths]*sample {
	var order []int
	for i, body := range bodies {
		if body != nil {
			order = append(order, i)
		}
	}
	var runs [npaths][]testing.BenchmarkResult
	for r := 0; r < rounds; r++ {
		for k := range order {
			i := order[(r+k)%len(order)]
			res := testing.Benchmark(func(b *testing.B) {
				defer noteFailure(b)
				bodies[i](b)
			})
			if res.N == 0 || benchFailed.Load() {
				t.Fatalf("%s: the %s path failed: run go test -bench to see why (README.md)", what, paths[i].name)
			}
			runs[i] = append(runs[i], res)
		}
	}
	var out [npaths]*sample
	for _, i := range order {
		rs := runs[i]
		slices.SortFunc(rs, func(a, b testing.BenchmarkResult) int { return cmp.Compare(nsPerOp(a), nsPerOp(b)) })
		m := rs[len(rs)/2]
		out[i] = &sample{ns: nsPerOp(m), calls: m.Extra[callsUnit], allocs: m.AllocsPerOp(), bytes: m.AllocedBytesPerOp()}
	}
	return out
}

func nsPerOp(r testing.BenchmarkResult) float64 { return float64(r.T.Nanoseconds()) / float64(r.N) }

// row is one line of the table.
type row struct {
	what, procs                  string
	ns                           [npaths]string
	libFloor, libFair, peerLib   string
	calls, allocs, bytes, target string
}

func pathRow(what string, procs int, s [npaths]*sample, targets ...string) row {
	each := func(f func(*sample) string) string {
		var cells []string
		for _, x := range s {
			if x == nil {
				cells = append(cells, "—")
			} else {
				cells = append(cells, f(x))
			}
		}
		return strings.Join(cells, " / ")
	}
	ratio := func(a, b int) string {
		if s[a] == nil || s[b] == nil {
			return ""
		}
		return fmt.Sprintf("%.3f", s[a].ns/s[b].ns)
	}
	r := row{
		what:     what,
		procs:    fmt.Sprint(procs),
		libFloor: ratio(pathLibrary, pathFloor),
		libFair:  ratio(pathLibrary, pathFair),
		peerLib:  ratio(pathPeer, pathLibrary),
		calls:    each(func(x *sample) string { return formatCalls(x.calls) }),
		allocs:   each(func(x *sample) string { return fmt.Sprint(x.allocs) }),
		bytes:    each(func(x *sample) string { return fmt.Sprint(x.bytes) }),
		target:   strings.Join(slices.DeleteFunc(targets, func(s string) bool { return s == "" }), "; "),
	}
	for i, x := range s {
		if x != nil {
			r.ns[i] = formatNs(x.ns)
		}
	}
	return r
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
			what:   fmt.Sprintf("Watcher, connect → event, %d µs", cost/time.Microsecond),
			procs:  fmt.Sprint(runtime.GOMAXPROCS(0)),
			ns:     [npaths]string{pathLibrary: fmt.Sprintf("median %s, p99 %s (%d events)", formatDuration(median), formatDuration(p99), len(d))},
			target: verdict(median <= time.Millisecond, "median ≤ 1 ms"),
		})
	}
	setupCase(t, 16, 0)
	with, without := idleCPU(t, idleSpan)
	watchRows = append(watchRows, row{
		what:   fmt.Sprintf("Watcher, CPU while idle over %d × %v, %s", idleSpans, idleSpan, conns(16)),
		procs:  fmt.Sprint(runtime.GOMAXPROCS(0)),
		ns:     [npaths]string{pathLibrary: fmt.Sprintf("%.3f s (%.3f s with no watcher)", with.Seconds(), without.Seconds())},
		target: verdict(with-without <= cpuTick, "none measurable (within one %v tick of no watcher)", cpuTick),
	})
	perRecheck, rechecks := recheckAllocs(t, recheckSpan)
	watchRows = append(watchRows, row{
		what:   fmt.Sprintf("Watcher, re-checks finding no change over %v, %s", recheckSpan, conns(16)),
		procs:  fmt.Sprint(runtime.GOMAXPROCS(0)),
		ns:     [npaths]string{pathLibrary: fmt.Sprintf("%.2f allocations per re-check (%d re-checks)", perRecheck, rechecks)},
		target: verdict(perRecheck < 0.1, "no allocation per re-check"),
	})

	var rows []row
	for _, procs := range []int{2, 1} {
		prev := runtime.GOMAXPROCS(procs)
		rows = append(rows, pathRows(t, procs)...)
		runtime.GOMAXPROCS(prev)
	}
	rows = append(rows, watchRows...)

	var buf bytes.Buffer
	fmt.Fprintf(&buf, "%s\n\n", machine())
	fmt.Fprintln(&buf, "| case | GOMAXPROCS | library ns/op | peer ns/op | floor ns/op | fair floor ns/op | library/floor | library/fair floor | peer/library | RAS calls/op (lib / peer / floor / fair) | allocs/op (lib / peer / floor / fair) | B/op (lib / peer / floor / fair) | target |")
	fmt.Fprintln(&buf, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|")
	for _, r := range rows {
		cells := []string{r.what, r.procs, r.ns[pathLibrary], r.ns[pathPeer], r.ns[pathFloor], r.ns[pathFair],
			r.libFloor, r.libFair, r.peerLib, r.calls, r.allocs, r.bytes, r.target}
		for i, c := range cells {
			if c == "" {
				cells[i] = "—"
			}
		}
		fmt.Fprintf(&buf, "| %s |\n", strings.Join(cells, " | "))
	}
	require.NoError(t, os.WriteFile(out, buf.Bytes(), 0o644))
}

// pathRows measures every path case at the current GOMAXPROCS, procs.
func pathRows(t *testing.T, procs int) []row {
	var rows []row
	bodies := func(of func(path) func(*testing.B)) [npaths]func(*testing.B) {
		var out [npaths]func(*testing.B)
		for i, p := range paths {
			out[i] = of(p)
		}
		return out
	}
	for _, cost := range sweepCosts {
		for _, n := range sweepConns {
			setupCase(t, n, cost)
			what := fmt.Sprintf("Connections, %s, %d µs", conns(n), cost/time.Microsecond)
			s := measure(t, what, bodies(func(p path) func(*testing.B) { return p.conn(n) }))
			lib, peer, floor, fair := s[pathLibrary].ns, s[pathPeer].ns, s[pathFloor].ns, s[pathFair].ns
			targets := []string{verdict(s[pathLibrary].calls == 1, "1 call")}
			switch {
			case cost == 0 && n >= 16:
				targets = append(targets, verdict(lib/fair <= 1.25, "library/fair floor ≤ 1.25"), verdict(lib/floor <= 9, "library/floor ≤ 9"))
			case cost > 0 && n == 16:
				targets = append(targets, verdict(lib/floor <= 1.15, "library/floor ≤ 1.15"))
			case cost > 0 && n == 256:
				targets = append(targets, verdict(lib/floor <= 2.1, "library/floor ≤ 2.1"))
			}
			switch {
			case cost > 0 && n == 0:
				targets = append(targets, verdict(peer/lib >= 1.8, "peer/library ≥ 1.8 (the probe finds none: one call each)"))
			case cost > 0:
				targets = append(targets, verdict(peer/lib >= 1.8, "peer/library ≥ 1.8"))
			}
			rows = append(rows, pathRow(what, procs, s, targets...))
		}
	}
	// AppendConnections in the steady state, against the floors (the peer has no such form).
	for _, n := range sweepConns {
		setupCase(t, n, 0)
		what := fmt.Sprintf("AppendConnections, %s, 0 µs", conns(n))
		b := bodies(func(p path) func(*testing.B) { return p.conn(n) })
		b[pathLibrary], b[pathPeer] = libraryAppend(n), nil
		s := measure(t, what, b)
		targets := []string{verdict(s[pathLibrary].allocs == 0, "0 allocations")}
		if n >= 16 {
			targets = append(targets, verdict(s[pathLibrary].ns/s[pathFloor].ns <= 3, "library/floor ≤ 3"))
		}
		rows = append(rows, pathRow(what, procs, s, targets...))
	}
	for _, cost := range sweepCosts {
		for _, n := range sweepConns[1:] {
			hs := setupCase(t, n, cost)
			what := fmt.Sprintf("Status, %s, %d µs", conns(n), cost/time.Microsecond)
			s := measure(t, what, bodies(func(p path) func(*testing.B) { return p.stat(hs) }))
			lib, peer, floor := s[pathLibrary].ns, s[pathPeer].ns, s[pathFloor].ns
			targets := []string{verdict(s[pathLibrary].allocs <= 1, "≤ 1 allocation")}
			if cost == 0 {
				targets = append(targets, verdict(lib/peer <= 0.5, "library/peer ≤ 0.5"), verdict(lib/floor <= 3, "library/floor ≤ 3"))
			} else {
				targets = append(targets, verdict(peer/lib >= 1.8, "peer/library ≥ 1.8 (one call each)"))
			}
			rows = append(rows, pathRow(what, procs, s, targets...))
		}
	}
	for _, cost := range sweepCosts {
		for _, n := range sweepConns[1:] {
			hs := setupCase(t, n, cost)
			what := fmt.Sprintf("Statistics, %s, %d µs", conns(n), cost/time.Microsecond)
			b := bodies(func(p path) func(*testing.B) {
				if p.stats == nil {
					return nil
				}
				return p.stats(hs)
			})
			s := measure(t, what, b)
			rows = append(rows, pathRow(what, procs, s, verdict(s[pathLibrary].calls == 1, "1 call")))
		}
	}
	return rows
}

// recheckSpan is how long recheckAllocs watches a watcher that re-checks every recheckEvery.
const (
	recheckSpan  = 2 * time.Second
	recheckEvery = 5 * time.Millisecond
)

// recheckAllocs counts the process's heap allocations while a watcher re-checks an unchanging
// listing for span, per re-check (each is one RasEnumConnectionsW).
func recheckAllocs(t *testing.T, span time.Duration) (perRecheck float64, rechecks uint32) {
	setupCase(t, 16, 0)
	w, err := ras.NewWatcherRecheck(recheckEvery)
	require.NoError(t, err)
	defer w.Close()
	time.Sleep(20 * recheckEvery) // the first re-checks make the arrays the later ones reuse
	require.NoError(t, rassim.ResetCalls())
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	time.Sleep(span)
	runtime.ReadMemStats(&after)
	rechecks = rassim.Calls(rassim.EnumConnections)
	require.NotZero(t, rechecks)
	return float64(after.Mallocs-before.Mallocs) / float64(rechecks), rechecks
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
	next := func(want ras.Op, h ras.Handle) {
		select {
		case ev := <-w.Events:
			require.Equal(t, want, ev.Op)
			require.Equal(t, h, ev.Conn.Handle)
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
