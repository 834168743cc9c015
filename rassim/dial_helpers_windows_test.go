//go:build windows

package rassim

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf16"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

var (
	procDialW               = rasapi32.NewProc("RasDialW")
	procGetEntryDialParamsW = rasapi32.NewProc("RasGetEntryDialParamsW")
)

// More error codes (raserror.h).
const (
	errUserDisconnection     = 631
	errCannotFindEntry       = 623
	errAuthenticationFailure = 691
	errDialAlreadyInProgress = 756
	wmRasDialEvent           = 0xCCCD
)

// ---- RASDIALPARAMSW and RASDIALEXTENSIONS, as offsets into a byte buffer --------------------------

// RASDIALPARAMSW offsets (ras-facts.md): the same on both architectures up to dwCallbackId, a
// ULONG_PTR; after it every offset depends on the pointer size.
const (
	dpEntry          = 4
	dpPhone          = 518
	dpCallbackNumber = 776
	dpUser           = 1034
	dpPassword       = 1548
	dpDomain         = 2062
	dpSubEntry       = 2096
	dpCallbackID     = 2100
)

var (
	dpIfIndex     = dpCallbackID + ptrSize
	dpEncPassword = dpIfIndex + 4
	// 0x400, 0x401, 0x601, 0x602
	dialParamsSizes = []uint32{2096, uint32(dpIfIndex), uint32(dpEncPassword), uint32(dpEncPassword + ptrSize)}
	// RASDIALEXTENSIONS 0x400, 0x500, 0x601
	dialExtensionsSizes = map[int][]uint32{8: {24, 44, 60}, 4: {16, 28, 40}}[ptrSize]
)

// guard is how many 0xCC bytes follow a structure, to show writes past its dwSize.
const guard = 64

// newParams is a zeroed RASDIALPARAMSW of size bytes for entry, followed by guard bytes of 0xCC.
func newParams(size uint32, entry string) []byte {
	b := make([]byte, max(int(size), 4)+guard)
	for i := max(int(size), 4); i < len(b); i++ {
		b[i] = 0xCC
	}
	putU32(b, 0, size)
	putStr(b, dpEntry, entry)
	return b
}

// withCredentials sets the user name, password and domain of params.
func withCredentials(params []byte, user, password, domain string) []byte {
	putStr(params, dpUser, user)
	putStr(params, dpPassword, password)
	putStr(params, dpDomain, domain)
	return params
}

// withCallbackID sets dwCallbackId (the structure must be 0x401 or later).
func withCallbackID(params []byte, id uintptr) []byte {
	putPointer(params, dpCallbackID, id)
	return params
}

func putStr(b []byte, off int, s string) {
	for i, c := range append(utf16.Encode([]rune(s)), 0) {
		b[off+2*i] = byte(c)
		b[off+2*i+1] = byte(c >> 8)
	}
}

func putPointer(b []byte, off int, v uintptr) {
	if ptrSize == 8 {
		putU32(b, off, uint32(v))
		putU32(b, off+4, uint32(uint64(v)>>32))
		return
	}
	putU32(b, off, uint32(v))
}

func newExtensions(size uint32) []byte {
	b := make([]byte, max(int(size), 4))
	putU32(b, 0, size)
	return b
}

// pbk is a phone-book path for RasDialW and RasEnumEntriesW; nil is NULL.
func pbk(path string) *uint16 {
	p, err := windows.UTF16PtrFromString(path)
	if err != nil {
		panic(err)
	}
	return p
}

//go:uintptrescapes
func callDial(ext, book, params, typ, notifier, h uintptr) uint32 {
	r, _, _ := procDialW.Call(ext, book, params, typ, notifier, h)
	return uint32(r)
}

// dialW calls RasDialW; nil slices and pointers are NULL.
func dialW(ext []byte, book *uint16, params []byte, typ uint32, notifier uintptr, h *ras.Handle) uint32 {
	var e, p unsafe.Pointer
	if len(ext) > 0 {
		e = unsafe.Pointer(&ext[0])
	}
	if len(params) > 0 {
		p = unsafe.Pointer(&params[0])
	}
	rc := callDial(uintptr(e), uintptr(unsafe.Pointer(book)), uintptr(p), uintptr(typ), notifier, uintptr(unsafe.Pointer(h)))
	runtime.KeepAlive(ext)
	runtime.KeepAlive(params)
	runtime.KeepAlive(book)
	runtime.KeepAlive(h)
	return rc
}

// dialSync dials entry (in any phone book) with no notifier and returns RasDialW's answer and handle.
func dialSync(entry string, creds ...string) (uint32, ras.Handle) {
	params := newParams(dialParamsSizes[1], entry)
	if len(creds) == 3 {
		withCredentials(params, creds[0], creds[1], creds[2])
	}
	var h ras.Handle
	rc := dialW(nil, nil, params, 0, 0, &h)
	return rc, h
}

// hangUp hangs h up and expects 0.
func hangUp(t testing.TB, h ras.Handle) {
	t.Helper()
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)), "RasHangUpW(%v)", h)
}

// statusOf returns RasGetConnectStatusW's answer, rasconnstate and dwError for h.
func statusOf(h ras.Handle) (rc, state, dwError uint32) {
	rc, b := status(procGetConnectStatusW, h, 608, 0)
	return rc, u32(b, 4), u32(b, 8)
}

func openHandles(t testing.TB) int {
	t.Helper()
	n, err := OpenHandles()
	require.NoError(t, err)
	return n
}

func dialsRunning(t testing.TB) int {
	t.Helper()
	n, err := DialsRunning()
	require.NoError(t, err)
	return n
}

// noDialsLeft waits until no dial of this process is in progress.
func noDialsLeft(t testing.TB) {
	t.Helper()
	require.Eventually(t, func() bool { return dialsRunning(t) == 0 }, 20*time.Second, 5*time.Millisecond,
		"every dial ends")
}

func addEntry(t testing.TB, e Entry) {
	t.Helper()
	require.NoError(t, AddEntry(e))
}

// ---- notifications -------------------------------------------------------------------------------

// notice is one notification a RasDial callback received.
type notice struct {
	typ      int // the notifier type whose callback received it
	id       uintptr
	subEntry uint32
	h        ras.Handle // types 1 and 2
	msg      uint32
	state    ras.State
	err, ext uint32
	thread   uint32 // the thread it came on
	returned bool   // whether RasDialW had returned when it came
	note     string // what the recorder's hook wrote
}

// recorder collects the notifications of the dials of one test. The callbacks are made once per
// process (windows.NewCallback makes at most about 2000) and reach the test's recorder through
// current.
type recorder struct {
	mu       sync.Mutex
	notices  []notice
	arrived  chan struct{}
	returned atomic.Bool // set by the test once RasDialW has returned

	// hook runs inside the callback, before the notice is recorded.
	hook func(n *notice)
	// stop makes a RasDialFunc2 return 0 when it returns true.
	stop func(n notice) bool
}

var current atomic.Pointer[recorder]

// newRecorder installs a recorder for t; when t ends the service is reset (which stops every dial)
// and the dial threads are waited for, so that no notification reaches another test's recorder.
func newRecorder(t *testing.T) *recorder {
	r := &recorder{arrived: make(chan struct{}, 1)}
	current.Store(r)
	t.Cleanup(func() {
		assert.NoError(t, Reset(Win7))
		noDialsLeft(t)
		current.CompareAndSwap(r, nil)
	})
	return r
}

func record(n notice) uintptr {
	r := current.Load()
	if r == nil {
		return 1
	}
	n.thread = windows.GetCurrentThreadId()
	n.returned = r.returned.Load()
	if r.hook != nil {
		r.hook(&n)
	}
	r.mu.Lock()
	r.notices = append(r.notices, n)
	r.mu.Unlock()
	select {
	case r.arrived <- struct{}{}:
	default:
	}
	if n.typ == 2 && r.stop != nil && r.stop(n) {
		return 0
	}
	return 1
}

var (
	dialFunc = windows.NewCallback(func(msg, state, err uintptr) uintptr {
		record(notice{typ: 0, msg: uint32(msg), state: ras.State(state), err: uint32(err)})
		return 0
	})
	dialFunc1 = windows.NewCallback(func(h, msg, state, err, ext uintptr) uintptr {
		record(notice{typ: 1, h: ras.Handle(h), msg: uint32(msg), state: ras.State(state), err: uint32(err), ext: uint32(ext)})
		return 0
	})
	dialFunc2 = windows.NewCallback(func(id, sub, h, msg, state, err, ext uintptr) uintptr {
		return record(notice{typ: 2, id: id, subEntry: uint32(sub), h: ras.Handle(h), msg: uint32(msg),
			state: ras.State(state), err: uint32(err), ext: uint32(ext)})
	})
	dialFuncs = []uintptr{dialFunc, dialFunc1, dialFunc2}
)

// dial calls RasDialW with notifier type typ and marks the recorder once it has returned.
func (r *recorder) dial(book *uint16, params []byte, typ uint32) (uint32, ras.Handle) {
	r.returned.Store(false)
	var h ras.Handle
	rc := dialW(nil, book, params, typ, dialFuncs[typ], &h)
	r.returned.Store(true)
	return rc, h
}

func (r *recorder) clear() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.notices = nil
}

func (r *recorder) snapshot() []notice {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]notice(nil), r.notices...)
}

// wait returns the notifications once there are at least n, failing t after 20 seconds.
func (r *recorder) wait(t testing.TB, n int) []notice {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		if got := r.snapshot(); len(got) >= n {
			return got
		}
		select {
		case <-r.arrived:
		case <-deadline:
			got := r.snapshot()
			require.FailNow(t, "notifications missing", "%d of %d arrived: %v", len(got), n, states(got))
		}
	}
}

// states lists the states of notices, with their errors.
func states(ns []notice) []string {
	var s []string
	for _, n := range ns {
		v := n.state.String()
		if n.err != 0 {
			v += ":" + itoa(n.err)
		}
		s = append(s, v)
	}
	return s
}

func itoa(v uint32) string {
	if v == 0 {
		return "0"
	}
	var b []byte
	for ; v > 0; v /= 10 {
		b = append([]byte{byte('0' + v%10)}, b...)
	}
	return string(b)
}

// script builds a dial script of states without delays or errors.
func script(states ...ras.State) []Step {
	s := make([]Step, len(states))
	for i, st := range states {
		s[i] = Step{State: st}
	}
	return s
}

// want lists states as states() prints them.
func want(ss ...any) []string {
	var s []string
	for _, v := range ss {
		switch v := v.(type) {
		case ras.State:
			s = append(s, v.String())
		case string:
			s = append(s, v)
		}
	}
	return s
}
