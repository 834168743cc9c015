//go:build windows

package rassim

import (
	"errors"
	"fmt"
	"math"
	"net/netip"
	"sync"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/internal/notifyreg"
)

// The simulator's RasSimVersion answers these.
const (
	simMagic   = 0x4D495352 // "RSIM"
	simVersion = 7
)

// RasSimSetLie's kinds.
const (
	lieNeeded    = 1
	lieCount     = 2
	lieCountPast = 4
)

// RASTUNNELENDPOINT's dwType.
const (
	endpointNone = 0
	endpointIPv4 = 1
	endpointIPv6 = 2
)

// The control surface, in the rasapi32.dll that dll_system_windows.go (or, with the rassim
// tag, dll_appdir_windows.go) loads.
var (
	procVersion       = rasapi32.NewProc("RasSimVersion")
	procReset         = rasapi32.NewProc("RasSimReset")
	procDial          = rasapi32.NewProc("RasSimDial")
	procAdd           = rasapi32.NewProc("RasSimAdd")
	procSetState      = rasapi32.NewProc("RasSimSetState")
	procConnect       = rasapi32.NewProc("RasSimConnect")
	procDrop          = rasapi32.NewProc("RasSimDrop")
	procAddLink       = rasapi32.NewProc("RasSimAddLink")
	procRemoveLink    = rasapi32.NewProc("RasSimRemoveLink")
	procSubEntry      = rasapi32.NewProc("RasSimSubEntryHandle")
	procSetLinger     = rasapi32.NewProc("RasSimSetLinger")
	procSetFiresOnce  = rasapi32.NewProc("RasSimSetFiresOnce")
	procSetCost       = rasapi32.NewProc("RasSimSetServiceCost")
	procAppear        = rasapi32.NewProc("RasSimAppearBetweenProbeAndFill")
	procFailNth       = rasapi32.NewProc("RasSimFailNth")
	procFailAlways    = rasapi32.NewProc("RasSimFailAlways")
	procClearFaults   = rasapi32.NewProc("RasSimClearFaults")
	procCalls         = rasapi32.NewProc("RasSimCalls")
	procResetCalls    = rasapi32.NewProc("RasSimResetCalls")
	procConnections   = rasapi32.NewProc("RasSimConnections")
	procRegistrations = rasapi32.NewProc("RasSimRegistrations")
	procReuseHandle   = rasapi32.NewProc("RasSimReuseHandle")
	procSetGoneCode   = rasapi32.NewProc("RasSimSetGoneCode")
	procSetLie        = rasapi32.NewProc("RasSimSetLie")
	procSetDelay      = rasapi32.NewProc("RasSimSetNotifyDelay")
	procDeliverLate   = rasapi32.NewProc("RasSimDeliverLate")
	procSetPerCall    = rasapi32.NewProc("RasSimSetRegistrationPerCall")
	procSignals       = rasapi32.NewProc("RasSimSignals")
	procLastSecret    = rasapi32.NewProc("RasSimLastSecret")
)

// ErrNotSimulator is what every function returns when the loaded rasapi32.dll is not the simulator.
var ErrNotSimulator = errors.New("rassim: the loaded rasapi32.dll is not the simulator")

// Conn describes a connection to add; the zero value of a field leaves it empty in what RAS reports.
type Conn struct {
	Entry       string // phone-book entry name (256 characters at most); "" for an entry-less connection, listed as "."+PhoneNumber
	PhoneNumber string // 128 characters at most
	DeviceType  string // RASDT_* such as "vpn"; 16 characters at most
	DeviceName  string // 128 characters at most
	Phonebook   string // phone-book path; 259 characters at most

	SubEntry      uint32
	EntryID       windows.GUID
	CorrelationID windows.GUID
	Flags         ras.ConnFlags
	LogonID       windows.LUID

	LocalEndpoint, RemoteEndpoint netip.Addr // the tunnel's endpoints; the zero Addr reports type 0 (unknown)
	SubState                      ras.SubState

	// Unterminated names the string fields that fill their whole array (WCHAR in the W forms,
	// CHAR in the A forms) with no terminator, repeating their own text as often as it takes, or
	// "#" when they have none. FieldEntry repeats the listed name (Entry, or "."+PhoneNumber).
	Unterminated Fields
}

// rawConn mirrors RASSIM_CONN (rassim/dll/rassim.h): naturally aligned, the same on every architecture.
type rawConn struct {
	Size          uint32
	SubEntry      uint32
	Flags         uint32
	SubState      uint32
	Options       uint32 // RASSIM_OPT_*: the bits of Fields
	EntryID       windows.GUID
	CorrelationID windows.GUID
	LogonID       windows.LUID
	LocalType     uint32
	LocalAddr     [16]byte
	RemoteType    uint32
	RemoteAddr    [16]byte
	Entry         [257]uint16
	PhoneNumber   [129]uint16
	DeviceType    [17]uint16
	DeviceName    [129]uint16
	Phonebook     [260]uint16
}

// Available reports whether the loaded rasapi32.dll is the simulator.
func Available() bool {
	return available()
}

var available = sync.OnceValue(func() bool {
	if procVersion.Find() != nil {
		return false
	}
	var magic, version uint32
	r, _, _ := procVersion.Call(uintptr(unsafe.Pointer(&magic)), uintptr(unsafe.Pointer(&version)))
	return r == 0 && magic == simMagic && version == simVersion
})

// call calls a RasSim export and turns a nonzero result into an error wrapping its windows.Errno.
//
// Callers pass pointers converted to uintptr in the call expression, as for LazyProc.Call; the
// directive moves what they point at to the heap for the call, as LazyProc.Call's own does.
// Without it a stack variable could move when the stack grows inside call, and the DLL would
// write to where it used to be.
//
//go:uintptrescapes
func call(p *windows.LazyProc, args ...uintptr) error {
	if !Available() {
		return ErrNotSimulator
	}
	if err := p.Find(); err != nil {
		return fmt.Errorf("rassim: %w", err)
	}
	if r, _, _ := p.Call(args...); r != 0 {
		return fmt.Errorf("rassim: %s: %w", p.Name, windows.Errno(r))
	}
	return nil
}

// Reset clears connections, registrations, faults, lies and counters, and sets profile p and every
// other control to its default (linger 250ms, gone code 6, no delay, a registration per call).
// Package ras's Watchers in this process register again when the next one starts, as they would
// with a new RAS service; a Watcher still open across the reset hears no more notifications.
func Reset(p Profile) error {
	if err := call(procReset, uintptr(p)); err != nil {
		return err
	}
	notifyreg.Forget()
	return nil
}

// Dial adds a connection in RASCS_OpenPort that is not listed yet, and returns its HRASCONN.
func Dial(c Conn) (ras.Handle, error) {
	return dial(procDial, c)
}

// Add adds a connected connection (Dial, then Connect) and returns its HRASCONN.
func Add(c Conn) (ras.Handle, error) {
	return dial(procAdd, c)
}

func dial(p *windows.LazyProc, c Conn) (ras.Handle, error) {
	raw, err := c.raw()
	if err != nil {
		return 0, err
	}
	var h ras.Handle
	err = call(p, uintptr(unsafe.Pointer(raw)), uintptr(unsafe.Pointer(&h)))
	return h, err
}

func (c *Conn) raw() (*rawConn, error) {
	if c.Unterminated&^allFields != 0 {
		return nil, fmt.Errorf("rassim: Conn.Unterminated %#x names no field", uint32(c.Unterminated&^allFields))
	}
	r := &rawConn{
		Size:          uint32(unsafe.Sizeof(rawConn{})),
		SubEntry:      c.SubEntry,
		Flags:         uint32(c.Flags),
		SubState:      uint32(c.SubState),
		Options:       uint32(c.Unterminated),
		EntryID:       c.EntryID,
		CorrelationID: c.CorrelationID,
		LogonID:       c.LogonID,
	}
	r.LocalType, r.LocalAddr = endpoint(c.LocalEndpoint)
	r.RemoteType, r.RemoteAddr = endpoint(c.RemoteEndpoint)
	for _, f := range []struct {
		name string
		s    string
		dst  []uint16
	}{
		{"Entry", c.Entry, r.Entry[:]},
		{"PhoneNumber", c.PhoneNumber, r.PhoneNumber[:]},
		{"DeviceType", c.DeviceType, r.DeviceType[:]},
		{"DeviceName", c.DeviceName, r.DeviceName[:]},
		{"Phonebook", c.Phonebook, r.Phonebook[:]},
	} {
		u, err := windows.UTF16FromString(f.s)
		if err != nil {
			return nil, fmt.Errorf("rassim: Conn.%s: %w", f.name, err)
		}
		if len(u) > len(f.dst) {
			return nil, fmt.Errorf("rassim: Conn.%s is longer than %d characters", f.name, len(f.dst)-1)
		}
		copy(f.dst, u)
	}
	return r, nil
}

func endpoint(a netip.Addr) (uint32, [16]byte) {
	var b [16]byte
	switch {
	case !a.IsValid():
		return endpointNone, b
	case a.Is4():
		v4 := a.As4()
		copy(b[:], v4[:])
		return endpointIPv4, b
	}
	return endpointIPv6, a.As16()
}

// SetState sets connection h's RASCONNSTATE to state, known or not, without listing or unlisting it.
func SetState(h ras.Handle, state ras.State) error {
	return call(procSetState, uintptr(h), uintptr(state))
}

// Connect moves connection h to RASCS_Connected, lists it last, and fires RASCN_Connection.
func Connect(h ras.Handle) error {
	return call(procConnect, uintptr(h))
}

// Drop disconnects h from the remote side: RASCS_Disconnected with dwError code, unlisted, RASCN_Disconnection fired; h stays valid until RasHangUp.
func Drop(h ras.Handle, code uint32) error {
	return call(procDrop, uintptr(h), uintptr(code))
}

// AddLink connects one more link of multilink connection h and fires RASCN_BandwidthAdded.
func AddLink(h ras.Handle) error {
	return call(procAddLink, uintptr(h))
}

// RemoveLink disconnects one link of multilink connection h (never its last) and fires RASCN_BandwidthRemoved.
func RemoveLink(h ras.Handle) error {
	return call(procRemoveLink, uintptr(h))
}

// SubEntryHandle returns the handle of sub-entry i (from 1) of connection h, which never becomes invalid after RasHangUp.
func SubEntryHandle(h ras.Handle, i uint32) (ras.Handle, error) {
	var sub ras.Handle
	err := call(procSubEntry, uintptr(h), uintptr(i), uintptr(unsafe.Pointer(&sub)))
	return sub, err
}

// SetLinger sets how long RasGetConnectStatus keeps answering for a connection after RasHangUp.
func SetLinger(d time.Duration) error {
	us, err := micros(d)
	if err != nil {
		return err
	}
	return call(procSetLinger, uintptr(us))
}

// SetFiresOnce makes each notification registration signal only the first time, as on Windows 11.
func SetFiresOnce(on bool) error {
	var v uintptr
	if on {
		v = 1
	}
	return call(procSetFiresOnce, v)
}

// SetServiceCost sets a busy-wait spent at the start of every RAS call, standing in for the RPC to the RAS service.
func SetServiceCost(d time.Duration) error {
	us, err := micros(d)
	if err != nil || us > math.MaxInt32 {
		return fmt.Errorf("rassim: service cost %v out of range", d)
	}
	return call(procSetCost, uintptr(us))
}

func micros(d time.Duration) (uint32, error) {
	us := d / time.Microsecond
	if us < 0 || us > math.MaxUint32 {
		return 0, fmt.Errorf("rassim: duration %v out of range", d)
	}
	return uint32(us), nil
}

// AppearBetweenProbeAndFill adds n connected connections right after the next RasEnumConnections call that returns 603.
func AppearBetweenProbeAndFill(n int) error {
	if n < 0 {
		return fmt.Errorf("rassim: AppearBetweenProbeAndFill(%d)", n)
	}
	return call(procAppear, uintptr(n))
}

// FailNth makes the n-th call of f from now (1: the next one) return code.
func FailNth(f Func, n uint32, code uint32) error {
	return call(procFailNth, uintptr(f), uintptr(n), uintptr(code))
}

// FailAlways makes every call of f return code until ClearFaults or Reset; code 0 clears it.
func FailAlways(f Func, code uint32) error {
	return call(procFailAlways, uintptr(f), uintptr(code))
}

// ClearFaults removes every injected fault and every lie (LieNeeded, LieCount, LieCountPastBuffer).
func ClearFaults() error {
	return call(procClearFaults)
}

// Calls returns how many times f was called, by every process, since the last ResetCalls or Reset (0 on error).
func Calls(f Func) uint32 {
	var n uint32
	if call(procCalls, uintptr(f), uintptr(unsafe.Pointer(&n))) != nil {
		return 0
	}
	return n
}

// ResetCalls sets every call counter to zero.
func ResetCalls() error {
	return call(procResetCalls)
}

// Connections returns the handles of the listed connections, in listing order.
func Connections() ([]ras.Handle, error) {
	var hs []ras.Handle
	for {
		n := uint32(len(hs))
		var p *ras.Handle
		if n > 0 {
			p = &hs[0]
		}
		err := call(procConnections, uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(&n)))
		if errors.Is(err, windows.Errno(603)) {
			hs = make([]ras.Handle, n)
			continue
		}
		if err != nil {
			return nil, err
		}
		return hs[:n], nil
	}
}

// Registrations returns how many RasConnectionNotification registrations the service holds.
func Registrations() (int, error) {
	var n uint32
	err := call(procRegistrations, uintptr(unsafe.Pointer(&n)))
	return int(n), err
}

// ReuseHandle makes the next connection Dial, Add or RasDialW creates take handle value h, as Windows may
// give a new connection the handle of one that has ended. h must be a value the service issued
// whose connection is gone (hung up past its linger, or freed by Reset); a valid handle (listed,
// dialling, dropped but not hung up, lingering, or a sub-entry's) or a value never issued gives
// ERROR_INVALID_PARAMETER. Registrations for the old connection end with it. Reset cancels it.
func ReuseHandle(h ras.Handle) error {
	return call(procReuseHandle, uintptr(h))
}

// SetGoneCode sets what RasGetConnectStatus, RasHangUp, RasGetLinkStatistics,
// RasGetProjectionInfoEx and RasGetProjectionInfoW answer for a handle that is gone (after its
// linger) or never existed, and RasHangUp for one already hung up: 6 ERROR_INVALID_HANDLE (the
// default) or 668 ERROR_NO_CONNECTION, which Windows may answer instead. A NULL handle always
// gives 6. Any other code gives ERROR_INVALID_PARAMETER.
func SetGoneCode(code uint32) error {
	return call(procSetGoneCode, uintptr(code))
}

// LieNeeded makes every ERROR_BUFFER_TOO_SMALL answer of f, real or injected, write bytes to
// *lpcb: a size that need not fit anything, such as 0xFFFFFFF0, on which n + header wraps on 386.
// For EnumConnections, EnumEntries, GetProjectionInfoEx and GetProjectionInfo; other functions
// give ERROR_INVALID_PARAMETER. ClearFaults and Reset end it.
func LieNeeded(f Func, bytes uint32) error {
	return call(procSetLie, uintptr(f), lieNeeded, uintptr(bytes))
}

// LieCount makes every successful answer of f write n to its count output (*lpcConnections,
// *lpcEntries), whatever it wrote to the buffer: one more than the buffer holds, say. For
// EnumConnections and EnumEntries; other functions give ERROR_INVALID_PARAMETER. ClearFaults and
// Reset end it.
func LieCount(f Func, n uint32) error {
	return call(procSetLie, uintptr(f), lieCount, uintptr(n))
}

// LieCountPastBuffer makes every successful answer of f write to its count output one item
// more than the caller's buffer holds at its dwSize (*lpcb as the caller gave it, divided by
// dwSize): the smallest count that has a reader who trusts it read past the buffer, one
// structure's worth. For EnumConnections and EnumEntries; other functions give
// ERROR_INVALID_PARAMETER. It replaces a LieCount, as LieCount replaces it. ClearFaults and
// Reset end it.
func LieCountPastBuffer(f Func) error {
	return call(procSetLie, uintptr(f), lieCountPast, 0)
}

// LastSecret returns where the last structure carrying a secret that f received in this
// process was, and its dwSize: for DialEntry, the RASDIALPARAMSW that RasDialW read the password
// from. It is the caller's memory, not the simulator's copy: a test looks there, after the
// caller is done with it, to see that the caller zeroed it. 0 and 0 when f has received none
// since this process's last Reset; other functions give ERROR_INVALID_PARAMETER.
func LastSecret(f Func) (addr uintptr, size uint32, err error) {
	err = call(procLastSecret, uintptr(f), uintptr(unsafe.Pointer(&addr)), uintptr(unsafe.Pointer(&size)))
	return addr, size, err
}

// SetNotifyDelay makes notifications late, as Windows' come from RasMan's own thread: with d > 0
// a registration is signalled d after the change, from a thread of the simulator's own in the
// process that made the change, and the changes that reach one registration within d share one
// signal. 0 (the default) signals at once, from the thread that made the change. A process that
// exits with signals pending signals them as it exits (ExitProcess, as os.Exit), each at its time;
// one that ends otherwise calls DeliverLate first. d is at most 10s.
func SetNotifyDelay(d time.Duration) error {
	us, err := micros(d)
	if err != nil || us > 10_000_000 {
		return fmt.Errorf("rassim: notification delay %v out of range (0 to 10s)", d)
	}
	return call(procSetDelay, uintptr(us))
}

// DeliverLate signals the late notifications this process's changes queued (SetNotifyDelay),
// each at its time, and returns once none is left. Windows' service signals them whatever becomes
// of the process that made the change; the simulator keeps them in that process, which delivers
// what is left when it exits by ExitProcess (os.Exit), but not when it ends by TerminateProcess,
// as this module's programs do (internal/procexit): those call DeliverLate before they end.
func DeliverLate() error { return call(procDeliverLate) }

// SetRegistrationPerCall(true), the default, makes every RasConnectionNotification call a
// registration of its own, even for an event handle already registered, each signalling, as
// Windows may; with false, a repeated registration of one event for one connection merges into
// the first.
func SetRegistrationPerCall(on bool) error {
	var v uintptr
	if on {
		v = 1
	}
	return call(procSetPerCall, v)
}

// Signals returns how many times the service has signalled a registration since the last Reset
// (in every process), and the id of the thread that signalled the last one (0: none yet). Events
// coalesce signals; this counts them.
func Signals() (count uint32, thread uint32, err error) {
	err = call(procSignals, uintptr(unsafe.Pointer(&count)), uintptr(unsafe.Pointer(&thread)))
	return count, thread, err
}
