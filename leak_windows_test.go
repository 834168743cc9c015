//go:build cgo

package ras_test

import (
	"context"
	"flag"
	"runtime"
	"runtime/debug"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

var (
	leakCalls    = flag.Int("leak.calls", 100_000, "Connections and Status calls of TestNoLeakOverManyCalls")
	leakWatchers = flag.Int("leak.watchers", 1_000, "watcher open/close cycles of TestNoLeakOverWatcherCycles")
	leakDials    = flag.Int("leak.dials", 1_000, "dial/hang-up cycles of TestNoLeakOverDialCycles")
)

var (
	kernel32                 = windows.NewLazySystemDLL("kernel32.dll")
	procGetHandleInformation = kernel32.NewProc("GetHandleInformation")
	procGetProcessMemoryInfo = kernel32.NewProc("K32GetProcessMemoryInfo")
)

// maxProbedHandle bounds the handle values countHandles tries; Wine hands out the lowest free
// value, so a process of ours stays far below it.
const maxProbedHandle = 1 << 16

// countHandles counts the process's open handles by asking about each possible value, since
// GetProcessHandleCount reads 0 under Wine 8.
func countHandles() int64 {
	var n int64
	for v := uintptr(4); v < maxProbedHandle; v += 4 {
		var flags uint32
		if r, _, _ := procGetHandleInformation.Call(v, uintptr(unsafe.Pointer(&flags))); r != 0 {
			n++
		}
	}
	return n
}

// processMemoryCountersEx is PROCESS_MEMORY_COUNTERS_EX.
type processMemoryCountersEx struct {
	cb                         uint32
	pageFaultCount             uint32
	peakWorkingSetSize         uintptr
	workingSetSize             uintptr
	quotaPeakPagedPoolUsage    uintptr
	quotaPagedPoolUsage        uintptr
	quotaPeakNonPagedPoolUsage uintptr
	quotaNonPagedPoolUsage     uintptr
	pagefileUsage              uintptr
	peakPagefileUsage          uintptr
	privateUsage               uintptr
}

// usage is what a leak would make grow.
type usage struct {
	handles      int64
	privateBytes int64
	goroutines   int64
}

func measure(t *testing.T) usage {
	t.Helper()
	runtime.GC()
	debug.FreeOSMemory()
	time.Sleep(10 * time.Millisecond) // let exiting goroutines finish
	mem := processMemoryCountersEx{cb: uint32(unsafe.Sizeof(processMemoryCountersEx{}))}
	r, _, err := procGetProcessMemoryInfo.Call(uintptr(windows.CurrentProcess()), uintptr(unsafe.Pointer(&mem)), uintptr(mem.cb))
	require.NotZero(t, r, "K32GetProcessMemoryInfo: %v", err)
	// PagefileUsage is the commit charge, the private bytes; Wine 8 leaves PrivateUsage 0 and
	// fills PagefileUsage from the process's anonymous memory.
	require.NotZero(t, mem.pagefileUsage, "no private bytes reported")
	return usage{countHandles(), int64(mem.pagefileUsage), int64(runtime.NumGoroutine())}
}

// requireNoGrowth allows what a runtime settles into (a few handles for threads, some heap),
// far less than a leak per call would add.
func requireNoGrowth(t *testing.T, before, after usage, what string) {
	t.Helper()
	t.Logf("%s: handles %d -> %d, private bytes %d -> %d (%+d KiB), goroutines %d -> %d", what,
		before.handles, after.handles, before.privateBytes, after.privateBytes,
		(after.privateBytes-before.privateBytes)/1024, before.goroutines, after.goroutines)
	require.NotZero(t, before.handles, "no handles counted")
	assert.LessOrEqual(t, after.handles-before.handles, int64(8), "handles")
	assert.Less(t, after.privateBytes-before.privateBytes, int64(16<<20), "private bytes")
	assert.LessOrEqual(t, after.goroutines, before.goroutines, "goroutines")
}

func TestNoLeakOverManyCalls(t *testing.T) {
	useSim(t)
	var h ras.Handle
	for range 4 {
		h = add(t, officeVPN)
	}
	calls := func(n int) {
		for range n {
			conns, err := ras.Connections()
			require.NoError(t, err)
			require.Len(t, conns, 4)
			_, err = ras.Status(h)
			require.NoError(t, err)
		}
	}
	calls(1000)
	before := measure(t)
	calls(*leakCalls)
	requireNoGrowth(t, before, measure(t), "Connections and Status")
}

func TestNoLeakOverWatcherCycles(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	cycles := func(n int) {
		for range n {
			w, err := ras.NewWatcherRecheck(time.Hour)
			require.NoError(t, err)
			require.False(t, w.Polling())
			require.NoError(t, w.Close())
		}
	}
	cycles(20)
	before := measure(t)
	cycles(*leakWatchers)
	requireNoGrowth(t, before, measure(t), "watcher open/close")
}

func TestNoLeakOverDialCycles(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	quick := officeEntry
	quick.Script = nil // the simulator's default script: every state at once
	addEntry(t, quick)
	wrong := officeParams
	wrong.Password = "wrong"
	cycles := func(n int) {
		for i := range n {
			if i%4 == 3 { // now and then one that fails, and is hung up by Dial
				_, err := ras.Dial(context.Background(), wrong, nil)
				require.ErrorIs(t, err, errBadLogon)
				continue
			}
			h, err := ras.Dial(context.Background(), officeParams, func(ras.DialEvent) {})
			require.NoError(t, err)
			require.NoError(t, ras.HangUp(context.Background(), h))
		}
	}
	cycles(20)
	waitNoDials(t)
	before := measure(t)
	cycles(*leakDials)
	waitNoDials(t)
	requireNoGrowth(t, before, measure(t), "dial/hang-up")
	requireNoOpenHandles(t)
	assert.Zero(t, ras.DialsInProgress(), "dials the shim still holds")
}
