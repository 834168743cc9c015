//go:build windows

package rassim

import (
	"errors"
	"fmt"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

var (
	procAddEntry     = rasapi32.NewProc("RasSimAddEntry")
	procRemoveEntry  = rasapi32.NewProc("RasSimRemoveEntry")
	procEntry        = rasapi32.NewProc("RasSimEntry")
	procOpenHandles  = rasapi32.NewProc("RasSimOpenHandles")
	procDialsRunning = rasapi32.NewProc("RasSimDialsRunning")
)

// Limits of the simulated phone books (RASSIM_MAX_ENTRIES, RASSIM_MAX_STEPS, RASSIM_MAX_STEP_DELAY_US).
const (
	MaxEntries = 64        // entries in all phone books together
	MaxSteps   = 32        // steps in a dial script
	MaxDelay   = time.Hour // a step's delay, and the connect delay
)

// SavedPassword is what RasGetEntryDialParamsW gives for the password of an entry whose
// credentials are saved, and what RasDialW takes as that entry's password: Windows never hands a
// saved password back, only a stand-in for it.
const SavedPassword = "****************"

// RASSIM_ENTRY.dwFlags
const (
	entryAllUsers              = 0x1
	entrySaved                 = 0x2
	entryUnterminatedName      = 0x4
	entryUnterminatedPhonebook = 0x8
)

// entryFields are the fields of an entry that RasEnumEntries lists, and so that can be unterminated.
const entryFields = FieldEntry | FieldPhonebook

// Step is one step of a dial script: Delay after the step before it (or after RasDialW, for the
// first), the dial's connection takes State and the notifier hears (State, 0); with Err set, the
// dial then fails there and the notifier hears (State, Err, ExtendedErr).
type Step struct {
	State       ras.State // any RASCONNSTATE but Connected and Disconnected, which end a dial
	Delay       time.Duration
	Err         uint32
	ExtendedErr uint32
}

// Entry is a phone-book entry that RasEnumEntries lists and RasDialW dials.
type Entry struct {
	Name      string // the entry's name (256 characters at most); names compare ignoring case
	Phonebook string // the .pbk file's path (259 characters at most), compared ignoring case; "": the default book (All Users' or the user's, by AllUsers)
	AllUsers  bool   // in an All Users phone book: REN_AllUsers, and its connections RASCF_AllUsers

	DeviceType  string // "vpn", "modem", ... (16 characters at most)
	DeviceName  string // as "WAN Miniport (IKEv2)" (128 characters at most)
	PhoneNumber string // the number or VPN server dialled (128 characters at most)
	EntryID     windows.GUID

	Script       []Step        // what RasDialW reports, in order (MaxSteps at most); nil or empty: DefaultScript()
	ConnectDelay time.Duration // after the last step, before the connection is connected

	// The credentials the entry's server accepts: the user name and domain compare ignoring
	// case, the password exactly. An empty User accepts any credentials.
	User, Password, Domain string
	// Saved says Windows has the credentials saved for the entry: RasGetEntryDialParamsW gives the
	// user name, the domain and SavedPassword, which RasDialW accepts as the password.
	Saved bool

	// Unterminated names the fields RasEnumEntries lists filling their whole array with no
	// terminator, repeating their own text: FieldEntry (szEntryName, 257 characters) and
	// FieldPhonebook (szPhonebookPath, 261). The entry is still found and dialled by its name.
	Unterminated Fields
}

// DefaultScript returns the script of an entry without one: OpenPort, PortOpened,
// ConnectDevice, DeviceConnected, AllDevicesConnected, Authenticate, AuthNotify, Authenticated,
// none failing, no delays (so an asynchronous RasDialW has called back every one of them, and
// RASCS_Connected too unless the entry has a ConnectDelay, before it returns).
func DefaultScript() []Step {
	return []Step{
		{State: ras.OpenPort}, {State: ras.PortOpened}, {State: ras.ConnectDevice}, {State: ras.DeviceConnected},
		{State: ras.AllDevicesConnected}, {State: ras.Authenticate}, {State: ras.AuthNotify},
		{State: ras.Authenticated},
	}
}

// rawStep mirrors RASSIM_STEP.
type rawStep struct {
	State       uint32
	DelayUs     uint32
	Err         uint32
	ExtendedErr uint32
}

// rawEntry mirrors RASSIM_ENTRY (rassim/dll/rassim.h): naturally aligned, the same on every architecture.
type rawEntry struct {
	Size           uint32
	Flags          uint32
	Steps          uint32
	ConnectDelayUs uint32
	EntryID        windows.GUID
	Script         [MaxSteps]rawStep
	Name           [257]uint16
	Phonebook      [260]uint16
	DeviceType     [17]uint16
	DeviceName     [129]uint16
	PhoneNumber    [129]uint16
	User           [257]uint16
	Password       [257]uint16
	Domain         [16]uint16
}

// AddEntry adds e to its phone book, or replaces the entry of the same name in the same book
// (which keeps its place in the order entries are listed). Reset removes every entry.
func AddEntry(e Entry) error {
	raw, err := e.raw()
	if err != nil {
		return err
	}
	return call(procAddEntry, uintptr(unsafe.Pointer(raw)))
}

// RemoveEntry removes the entry called name from phonebook ("": from every book); an error
// wrapping 623 ERROR_CANNOT_FIND_PHONEBOOK_ENTRY when there is none.
func RemoveEntry(phonebook, name string) error {
	pbk, err := windows.UTF16PtrFromString(phonebook)
	if err != nil {
		return fmt.Errorf("rassim: phone book: %w", err)
	}
	n, err := windows.UTF16PtrFromString(name)
	if err != nil {
		return fmt.Errorf("rassim: entry name: %w", err)
	}
	return call(procRemoveEntry, uintptr(unsafe.Pointer(pbk)), uintptr(unsafe.Pointer(n)))
}

// Entries returns every entry of every phone book, in the order they were added, each with its
// phone book filled in; Script is nil for the default script.
func Entries() ([]Entry, error) {
	var es []Entry
	for i := uint32(0); ; i++ {
		raw := &rawEntry{Size: uint32(unsafe.Sizeof(rawEntry{}))}
		err := call(procEntry, uintptr(i), uintptr(unsafe.Pointer(raw)))
		if errors.Is(err, windows.ERROR_NO_MORE_ITEMS) {
			return es, nil
		}
		if err != nil {
			return nil, err
		}
		es = append(es, raw.entry())
	}
}

// OpenHandles returns how many connection handles the service has issued (by RasDialW, Dial and
// Add, in every process) that have not been hung up with RasHangUp yet, counting a connection
// once for every RasHangUp it still takes: a dropped connection counts until it is hung up, and
// one that several RasDialW calls returned counts for each. A leak test of dial and hang-up
// cycles expects it back where it started.
func OpenHandles() (int, error) {
	var n uint32
	err := call(procOpenHandles, uintptr(unsafe.Pointer(&n)))
	return int(n), err
}

// DialsRunning returns how many asynchronous RasDialW calls of this process the simulator's
// threads are still driving. Each counts until its dial ends: connected, failed or hung up.
func DialsRunning() (int, error) {
	var n uint32
	err := call(procDialsRunning, uintptr(unsafe.Pointer(&n)))
	return int(n), err
}

func (e *Entry) raw() (*rawEntry, error) {
	if e.Name == "" {
		return nil, errors.New("rassim: Entry.Name is empty")
	}
	if len(e.Script) > MaxSteps {
		return nil, fmt.Errorf("rassim: Entry.Script has %d steps; %d at most", len(e.Script), MaxSteps)
	}
	r := &rawEntry{Size: uint32(unsafe.Sizeof(rawEntry{})), Steps: uint32(len(e.Script)), EntryID: e.EntryID}
	if e.AllUsers {
		r.Flags |= entryAllUsers
	}
	if e.Saved {
		r.Flags |= entrySaved
	}
	if e.Unterminated&^entryFields != 0 {
		return nil, fmt.Errorf("rassim: Entry.Unterminated %#x names a field RasEnumEntries does not list", uint32(e.Unterminated&^entryFields))
	}
	if e.Unterminated&FieldEntry != 0 {
		r.Flags |= entryUnterminatedName
	}
	if e.Unterminated&FieldPhonebook != 0 {
		r.Flags |= entryUnterminatedPhonebook
	}
	var err error
	if r.ConnectDelayUs, err = delay(e.ConnectDelay, "Entry.ConnectDelay"); err != nil {
		return nil, err
	}
	for i, st := range e.Script {
		if st.State == ras.Connected || st.State == ras.Disconnected {
			return nil, fmt.Errorf("rassim: Entry.Script[%d]: %v ends a dial; a script does not say it", i, st.State)
		}
		us, err := delay(st.Delay, fmt.Sprintf("Entry.Script[%d].Delay", i))
		if err != nil {
			return nil, err
		}
		r.Script[i] = rawStep{State: uint32(st.State), DelayUs: us, Err: st.Err, ExtendedErr: st.ExtendedErr}
	}
	for _, f := range []struct {
		name string
		s    string
		dst  []uint16
	}{
		{"Name", e.Name, r.Name[:]},
		{"Phonebook", e.Phonebook, r.Phonebook[:]},
		{"DeviceType", e.DeviceType, r.DeviceType[:]},
		{"DeviceName", e.DeviceName, r.DeviceName[:]},
		{"PhoneNumber", e.PhoneNumber, r.PhoneNumber[:]},
		{"User", e.User, r.User[:]},
		{"Password", e.Password, r.Password[:]},
		{"Domain", e.Domain, r.Domain[:]},
	} {
		u, err := windows.UTF16FromString(f.s)
		if err != nil {
			return nil, fmt.Errorf("rassim: Entry.%s: %w", f.name, err)
		}
		if len(u) > len(f.dst) {
			return nil, fmt.Errorf("rassim: Entry.%s is longer than %d characters", f.name, len(f.dst)-1)
		}
		copy(f.dst, u)
	}
	return r, nil
}

// delay is d in whole microseconds, 0 to MaxDelay.
func delay(d time.Duration, what string) (uint32, error) {
	if d < 0 || d > MaxDelay {
		return 0, fmt.Errorf("rassim: %s %v out of range (0 to %v)", what, d, MaxDelay)
	}
	return uint32(d / time.Microsecond), nil
}

func (r *rawEntry) entry() Entry {
	e := Entry{
		Name:         windows.UTF16ToString(r.Name[:]),
		Phonebook:    windows.UTF16ToString(r.Phonebook[:]),
		AllUsers:     r.Flags&entryAllUsers != 0,
		DeviceType:   windows.UTF16ToString(r.DeviceType[:]),
		DeviceName:   windows.UTF16ToString(r.DeviceName[:]),
		PhoneNumber:  windows.UTF16ToString(r.PhoneNumber[:]),
		EntryID:      r.EntryID,
		ConnectDelay: time.Duration(r.ConnectDelayUs) * time.Microsecond,
		User:         windows.UTF16ToString(r.User[:]),
		Password:     windows.UTF16ToString(r.Password[:]),
		Domain:       windows.UTF16ToString(r.Domain[:]),
		Saved:        r.Flags&entrySaved != 0,
	}
	if r.Flags&entryUnterminatedName != 0 {
		e.Unterminated |= FieldEntry
	}
	if r.Flags&entryUnterminatedPhonebook != 0 {
		e.Unterminated |= FieldPhonebook
	}
	for _, st := range r.Script[:min(r.Steps, MaxSteps)] {
		e.Script = append(e.Script, Step{
			State: ras.State(st.State), Delay: time.Duration(st.DelayUs) * time.Microsecond,
			Err: st.Err, ExtendedErr: st.ExtendedErr,
		})
	}
	return e
}
