//go:build windows

package rassim

import (
	"encoding/binary"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
	"unsafe"

	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

// The RAS exports, called directly: these tests pin the DLL's behaviour, not a wrapper's.
var (
	procEnumConnectionsW  = rasapi32.NewProc("RasEnumConnectionsW")
	procEnumConnectionsA  = rasapi32.NewProc("RasEnumConnectionsA")
	procGetConnectStatusW = rasapi32.NewProc("RasGetConnectStatusW")
	procGetConnectStatusA = rasapi32.NewProc("RasGetConnectStatusA")
	procHangUpW           = rasapi32.NewProc("RasHangUpW")
	procHangUpA           = rasapi32.NewProc("RasHangUpA")
	procNotificationW     = rasapi32.NewProc("RasConnectionNotificationW")
	procNotificationA     = rasapi32.NewProc("RasConnectionNotificationA")
	procErrorStringW      = rasapi32.NewProc("RasGetErrorStringW")
	procErrorStringA      = rasapi32.NewProc("RasGetErrorStringA")
	procSubEntryHandleW   = rasapi32.NewProc("RasGetSubEntryHandleW")
	procSubEntryHandleA   = rasapi32.NewProc("RasGetSubEntryHandleA")
	procStatistics        = rasapi32.NewProc("RasGetConnectionStatistics")
	procLinkStatistics    = rasapi32.NewProc("RasGetLinkStatistics")
	procProjectionEx      = rasapi32.NewProc("RasGetProjectionInfoEx")
	procProjectionW       = rasapi32.NewProc("RasGetProjectionInfoW")
	procEnumEntriesW      = rasapi32.NewProc("RasEnumEntriesW")
	procEnumEntriesA      = rasapi32.NewProc("RasEnumEntriesA")
	procHoldLock          = rasapi32.NewProc("RasSimHoldLock")

	// The DLL's own clock: Go's lags it under Wine, so timing assertions read this one.
	kernel32 = windows.NewLazySystemDLL("kernel32.dll")
	procQPC  = kernel32.NewProc("QueryPerformanceCounter")
	procQPF  = kernel32.NewProc("QueryPerformanceFrequency")
)

// Error codes (winerror.h, raserror.h).
const (
	errInvalidHandle      = 6
	errInvalidParameter   = 87
	errInsufficientBuffer = 122
	errNoMoreItems        = 259
	errBufferTooSmall     = 603
	errPortNotOpen        = 618
	errDisconnection      = 628
	errInvalidSize        = 632
	errUnknown            = 635
	errNoConnection       = 668
	errRasmanInit         = 711
	errNotProjected       = 730 // ERROR_PROJECTION_NOT_COMPLETE
	errNotConfigured      = 731 // ERROR_PROTOCOL_NOT_CONFIGURED
	eInvalidArg           = 0x80070057
)

// RASCONNSTATE and RASCN_* values.
const (
	rascsOpenPort     = 0
	rascsAuthenticate = 5
	rascsConnected    = 0x2000
	rascsDisconnected = 0x2001

	rascnConnection       = 1
	rascnDisconnection    = 2
	rascnBandwidthAdded   = 4
	rascnBandwidthRemoved = 8
)

const invalidHandle = ras.AllConnections

// requireSim skips the test unless it runs against the simulator, fails it if the simulator was
// asked for but another rasapi32 answers, and resets the simulated service.
func requireSim(t testing.TB) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skipf("needs the simulator; WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	require.True(t, Available(), "WINRAS_BACKEND=sim, but the loaded rasapi32.dll is not the simulator")
	require.NoError(t, Reset(Win7))
}

func rasCall(p *windows.LazyProc, args ...uintptr) uint32 {
	r, _, _ := p.Call(args...)
	return uint32(r)
}

// pinned keeps what ptr and bufPtr convert to uintptr on the heap: the conversion happens here,
// not in a LazyProc.Call expression, so //go:uintptrescapes cannot, and a stack variable could
// move (when the stack grows) before the DLL writes through its old address.
var pinned unsafe.Pointer

func ptr[T any](p *T) uintptr {
	atomic.StorePointer(&pinned, unsafe.Pointer(p))
	return uintptr(unsafe.Pointer(p))
}

func bufPtr(b []byte) uintptr {
	if len(b) == 0 {
		return 0
	}
	atomic.StorePointer(&pinned, unsafe.Pointer(&b[0]))
	return uintptr(unsafe.Pointer(&b[0]))
}

// ---- the packed RAS layouts, as offsets into a byte buffer -------------------------------------

const ptrSize = int(unsafe.Sizeof(uintptr(0)))

// connLayout is RASCONNW (ch 2) or RASCONNA (ch 1) in Windows' 4-byte packing.
type connLayout struct {
	ch                                    int
	sizes                                 []uint32 // 0x400, 0x401, 0x500, 0x501, 0x600 (ras-facts.md)
	entry, devType, devName, phonebook    int
	subEntry, guid, flags, luid, corrGUID int
}

func newConnLayout(ch int, sizes64, sizes32 []uint32) connLayout {
	l := connLayout{ch: ch, sizes: sizes32, entry: 4 + ptrSize}
	if ptrSize == 8 {
		l.sizes = sizes64
	}
	l.devType = l.entry + 257*ch
	l.devName = l.devType + 17*ch
	l.phonebook = l.devName + 129*ch
	l.subEntry = (l.phonebook + 260*ch + 3) &^ 3
	l.guid = l.subEntry + 4
	l.flags = l.guid + 16
	l.luid = l.flags + 4
	l.corrGUID = l.luid + 8
	return l
}

var (
	connW = newConnLayout(2, []uint32{820, 1344, 1360, 1372, 1388}, []uint32{816, 1340, 1356, 1368, 1384})
	connA = newConnLayout(1, []uint32{416, 680, 696, 708, 724}, []uint32{412, 676, 692, 704, 720})
)

func (l connLayout) newest() uint32 { return l.sizes[len(l.sizes)-1] }

// statusLayout is RASCONNSTATUSW (ch 2) or RASCONNSTATUSA (ch 1).
type statusLayout struct {
	ch                                 int
	sizes                              []uint32 // 0x400, 0x401, 0x601
	devType, devName, phone            int
	localEndpoint, remoteEndpoint, sub int
}

func newStatusLayout(ch int, sizes []uint32) statusLayout {
	l := statusLayout{ch: ch, sizes: sizes, devType: 12}
	l.devName = l.devType + 17*ch
	l.phone = l.devName + 129*ch
	l.localEndpoint = (l.phone + 129*ch + 3) &^ 3
	l.remoteEndpoint = l.localEndpoint + 20
	l.sub = l.remoteEndpoint + 20
	return l
}

var (
	statusW = newStatusLayout(2, []uint32{304, 564, 608})
	statusA = newStatusLayout(1, []uint32{160, 288, 332})
)

func u32(b []byte, off int) uint32 { return binary.LittleEndian.Uint32(b[off:]) }

func putU32(b []byte, off int, v uint32) { binary.LittleEndian.PutUint32(b[off:], v) }

// pointerAt reads the pointer-sized value at off.
func pointerAt(b []byte, off int) uintptr {
	if ptrSize == 8 {
		return uintptr(binary.LittleEndian.Uint64(b[off:]))
	}
	return uintptr(binary.LittleEndian.Uint32(b[off:]))
}

func handleAt(b []byte, off int) ras.Handle { return ras.Handle(pointerAt(b, off)) }

// str reads a string of n characters of ch bytes at off, up to its terminator if it has one.
func str(b []byte, off, n, ch int) string {
	if ch == 1 {
		s := b[off : off+n]
		for i, c := range s {
			if c == 0 {
				return string(s[:i])
			}
		}
		return string(s)
	}
	u := make([]uint16, 0, n)
	for i := 0; i < n; i++ {
		c := binary.LittleEndian.Uint16(b[off+2*i:])
		if c == 0 {
			break
		}
		u = append(u, c)
	}
	return string(utf16.Decode(u))
}

func guidAt(b []byte, off int) windows.GUID {
	var g windows.GUID
	copy((*[16]byte)(unsafe.Pointer(&g))[:], b[off:off+16])
	return g
}

// ---- calls ---------------------------------------------------------------------------------------

// enumResult is what one RasEnumConnections call answered.
type enumResult struct {
	rc, cb, count uint32
	buf           []byte
}

// probe is the sizing probe: no buffer and *lpcb 0.
func probe(p *windows.LazyProc) enumResult {
	var r enumResult
	r.rc = rasCall(p, 0, ptr(&r.cb), ptr(&r.count))
	return r
}

// fill calls with a buffer of cb bytes whose first dwSize is size, followed by extra bytes; all of
// it is filled with 0xCC first so that writes past cb show.
func fill(p *windows.LazyProc, size, cb uint32, extra int) enumResult {
	r := enumResult{cb: cb, buf: make([]byte, int(cb)+extra)}
	for i := range r.buf {
		r.buf[i] = 0xCC
	}
	if len(r.buf) >= 4 {
		putU32(r.buf, 0, size)
	}
	r.rc = rasCall(p, bufPtr(r.buf), ptr(&r.cb), ptr(&r.count))
	return r
}

// listed returns the handles RasEnumConnectionsW lists, after probe and fill.
func listed(t testing.TB) []ras.Handle {
	t.Helper()
	pr := probe(procEnumConnectionsW)
	if pr.rc == 0 {
		require.Zero(t, pr.count)
		return nil
	}
	require.EqualValues(t, errBufferTooSmall, pr.rc)
	r := fill(procEnumConnectionsW, connW.newest(), pr.cb, 0)
	require.EqualValues(t, 0, r.rc)
	var hs []ras.Handle
	for i := 0; i < int(r.count); i++ {
		hs = append(hs, handleAt(r.buf, i*int(connW.newest())+4))
	}
	return hs
}

// status calls RasGetConnectStatus with a struct of size bytes (and extra 0xCC bytes after it).
func status(p *windows.LazyProc, h ras.Handle, size uint32, extra int) (uint32, []byte) {
	b := make([]byte, max(int(size), 4)+extra)
	for i := range b {
		b[i] = 0xCC
	}
	putU32(b, 0, size)
	return rasCall(p, uintptr(h), bufPtr(b)), b
}

// stateOf is RasGetConnectStatusW's answer and rasconnstate for h.
func stateOf(h ras.Handle) (uint32, uint32) {
	rc, b := status(procGetConnectStatusW, h, 608, 0)
	return rc, u32(b, 4)
}

func add(t testing.TB, c Conn) ras.Handle {
	t.Helper()
	h, err := Add(c)
	require.NoError(t, err)
	require.NotZero(t, h)
	return h
}

func dialConn(t testing.TB, c Conn) ras.Handle {
	t.Helper()
	h, err := Dial(c)
	require.NoError(t, err)
	return h
}

// newEvent is an auto-reset event, closed when the test ends.
func newEvent(t testing.TB) windows.Handle {
	t.Helper()
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	t.Cleanup(func() { windows.CloseHandle(ev) })
	return ev
}

func signalled(ev windows.Handle, within time.Duration) bool {
	r, _ := windows.WaitForSingleObject(ev, uint32(within/time.Millisecond))
	return r == windows.WAIT_OBJECT_0
}

// quiet is how long a test waits to see that an event is not signalled.
const quiet = 100 * time.Millisecond

// qpc reads QueryPerformanceCounter, the clock the DLL times its delays by.
func qpc() int64 {
	var v int64
	rasCall(procQPC, ptr(&v))
	return v
}

// qpcTicks converts d to QueryPerformanceCounter ticks.
func qpcTicks(d time.Duration) int64 {
	var f int64
	rasCall(procQPF, ptr(&f))
	return int64(d/time.Microsecond) * f / 1e6
}

// signals returns how many signals the service has delivered since the reset, and the thread
// that delivered the last.
func signals(t testing.TB) (uint32, uint32) {
	t.Helper()
	n, thread, err := Signals()
	require.NoError(t, err)
	return n, thread
}

// repeated is s repeated to exactly n characters: what an unterminated field of n holds.
func repeated(s string, n int) string {
	return strings.Repeat(s, n/len(s)+1)[:n]
}

// ---- a second process --------------------------------------------------------------------------

const (
	childEnv  = "RASSIM_TEST_CHILD"
	handleEnv = "RASSIM_TEST_HANDLE" // the connection a child looks at
)

func TestMain(m *testing.M) {
	if role := os.Getenv(childEnv); role != "" {
		code := child(role)
		if role == "addlate" {
			os.Exit(code) // ExitProcess, whose DllMain delivers the late signal: what it shows
		}
		Exit(code)
	}
	Exit(m.Run())
}

// child runs in a process the test started with its own binary, sharing the test's simulated service.
func child(role string) int {
	switch role {
	case "add": // adds a connection, and calls RasEnumConnectionsW once
		if _, err := Add(Conn{Entry: "added by child", DeviceType: "vpn"}); err != nil {
			return 2
		}
		var cb, n uint32
		rasCall(procEnumConnectionsW, 0, ptr(&cb), ptr(&n))
	case "register": // registers for every connection, then exits
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		if err != nil || rasCall(procNotificationW, uintptr(invalidHandle), uintptr(ev), rascnConnection|rascnDisconnection) != 0 {
			return 2
		}
	case "addlate", "addlatedeliver": // prints the QPC time, adds a connection, and ends at once
		os.Stdout.WriteString(strconv.FormatInt(qpc(), 10) + "\n")
		if _, err := Add(Conn{Entry: "added by child", DeviceType: "vpn"}); err != nil {
			return 2
		}
	case "holdlock": // exits holding the service's lock
		if rasCall(procHoldLock) != 0 {
			return 2
		}
	case "dialandexit": // dials "Office VPN" with a notifier, and exits while the dial waits
		var h ras.Handle
		if dialW(nil, nil, newParams(dialParamsSizes[1], officeEntry.Name), 1, dialFunc1, &h) != 0 || h == 0 {
			return 2
		}
		if n, err := DialsRunning(); err != nil || n != 1 {
			return 5
		}
	case "waitconnection": // registers for RASCN_Connection, says so, and waits for the signal
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		if err != nil || rasCall(procNotificationW, uintptr(invalidHandle), uintptr(ev), rascnConnection) != 0 {
			return 2
		}
		os.Stdout.WriteString("registered\n")
		if r, _ := windows.WaitForSingleObject(ev, 60_000); r != windows.WAIT_OBJECT_0 {
			return 4
		}
	case "projection": // prints what a Windows without the Ex call tells of connection $RASSIM_TEST_HANDLE
		return printProjectionW(os.Getenv(handleEnv))
	default:
		return 3
	}
	return 0
}

// startChild starts this test binary again in role, in the same environment (and so the same
// simulated service).
func startChild(t *testing.T, role string) *exec.Cmd {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	cmd, err := StartProcess(func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+role)
		return cmd
	})
	require.NoError(t, err)
	return cmd
}

// startChildOutput starts a child in role and returns a function that waits for it and returns
// its standard output.
func startChildOutput(t *testing.T, role string) func() (string, error) {
	t.Helper()
	exe, err := os.Executable()
	require.NoError(t, err)
	var out strings.Builder
	cmd, err := StartProcess(func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+role)
		cmd.Stdout = &out
		return cmd
	})
	require.NoError(t, err)
	return func() (string, error) {
		err := cmd.Wait()
		return out.String(), err
	}
}

func runChild(t *testing.T, role string) {
	t.Helper()
	require.NoError(t, startChild(t, role).Wait(), "child %q", role)
}
