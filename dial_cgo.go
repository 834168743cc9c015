//go:build windows && cgo

package ras

/*
#include "shim_dial.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"syscall"
	"time"
	"unsafe"

	"golang.org/x/sys/windows"
)

// dialing is one Dial in progress: its id in the shim, its handle, and the events it waits on.
type dialing struct {
	id       C.uint32_t
	h        Handle
	entry    string
	progress func(DialEvent)
	// Set by the notifier for each notification (auto-reset), and when ctx ends (manual-reset).
	notified, cancelled windows.Handle
	// both is what WaitForMultipleObjects waits on, cancelled first; it lives on the heap, with
	// the dialing, for the reason eventWakeups' does (watch_windows.go).
	both      [2]windows.Handle
	connected bool // Connected was given to progress
	notes     [C.WINRAS_DIAL_NOTES]C.winras_dial_note
}

func dial(ctx context.Context, p DialParams, progress func(DialEvent)) (Handle, error) {
	if err := ctx.Err(); err != nil {
		return 0, fmt.Errorf("ras: dial of %q not started: %w", p.Entry, err)
	}
	if err := loaded(); err != nil {
		return 0, err
	}
	if err := p.check(); err != nil {
		return 0, err
	}
	d := &dialing{entry: p.Entry, progress: progress}
	var err error
	if d.notified, err = windows.CreateEvent(nil, 0, 0, nil); err != nil {
		return 0, fmt.Errorf("ras: dial of %q: CreateEvent: %w", p.Entry, err)
	}
	defer windows.CloseHandle(d.notified)
	if d.cancelled, err = windows.CreateEvent(nil, 1, 0, nil); err != nil {
		return 0, fmt.Errorf("ras: dial of %q: CreateEvent: %w", p.Entry, err)
	}
	defer windows.CloseHandle(d.cancelled)
	d.both = [2]windows.Handle{d.cancelled, d.notified}

	res := start(p, d.notified)
	// Deferred after the events' closing, so it runs before it: once the dial has ended in the
	// shim, nothing sets them.
	defer C.winras_dial_end(res.id)
	d.id, d.h = res.id, Handle(res.handle)
	if res.rc != 0 {
		err := startError(&res)
		if d.h != 0 {
			// Microsoft: hang up whatever handle RasDial gave, even when it failed.
			if herr := d.hangUp(); herr != nil {
				return 0, fmt.Errorf("%w (and its hang-up: %w)", err, herr)
			}
		}
		return 0, err
	}
	return d.wait(ctx)
}

// start calls the shim with the parameters in UTF-16, and zeroes its copy of the password before
// it returns: from then on only the shim holds it.
func start(p DialParams, event windows.Handle) C.winras_dial_result {
	utf16 := func(s string) []uint16 {
		u, _ := syscall.UTF16FromString(s) // check refused NULs
		return u
	}
	ptr := func(u []uint16) *C.uint16_t {
		if u == nil {
			return nil
		}
		return (*C.uint16_t)(unsafe.Pointer(&u[0]))
	}
	entry := utf16(p.Entry)
	var phonebook, user, password, domain []uint16
	if p.Phonebook != "" {
		phonebook = utf16(p.Phonebook)
	}
	if p.User != "" || p.Password != "" {
		user, password = utf16(p.User), utf16(p.Password)
	}
	if p.Domain != "" {
		domain = utf16(p.Domain)
	}
	res := C.winras_dial(ptr(phonebook), ptr(entry), ptr(user), ptr(password), ptr(domain), C.uintptr_t(event))
	clear(password)
	wiped(wipedDialPassword, password)
	return res
}

// wipedDialPassword names start's copy of the password for wiped.
const wipedDialPassword = "DialParams.Password"

func startError(res *C.winras_dial_result) error {
	call := "RasDialW"
	if res.call == C.WINRAS_CALL_GET_ENTRY_DIAL_PARAMS {
		call = "RasGetEntryDialParamsW"
	}
	err := newError(call, syscall.Errno(res.rc))
	if err.Code == errInvalidSize && res.handle == 0 {
		err.Message += fmt.Sprintf(" (every RASDIALPARAMSW size was refused: dwSize %v; this version of Windows is not supported)",
			res.tried[:res.ntried])
	}
	return err
}

// wait takes the dial's notifications until it connects, fails or ctx ends; between them, and at
// once, it asks RasGetConnectStatusW, which alone tells of an entry that was already connected.
func (d *dialing) wait(ctx context.Context) (Handle, error) {
	// The event is closed when Dial returns: a SetEvent already on its way is waited for, or it
	// could set whatever handle takes the value next.
	set := make(chan struct{})
	stop := context.AfterFunc(ctx, func() {
		windows.SetEvent(d.cancelled)
		close(set)
	})
	defer func() {
		if !stop() {
			<-set
		}
	}()
	recheck := true
	for {
		if done, err := d.take(); done {
			return d.end(err)
		}
		if ctx.Err() != nil {
			return 0, d.cancel(ctx)
		}
		if recheck {
			if done, err := d.recheck(); done {
				return d.end(err)
			}
		}
		ev, err := windows.WaitForMultipleObjects(d.both[:], false, uint32(DialRecheck.Milliseconds()))
		if err != nil {
			return 0, d.fail(fmt.Errorf("ras: dial of %q: WaitForMultipleObjects: %w", d.entry, err))
		}
		recheck = ev == uint32(windows.WAIT_TIMEOUT)
	}
}

// take gives progress the queued notifications, and reports whether the dial is over: connected
// (err nil) or failed.
func (d *dialing) take() (done bool, err error) {
	for {
		var lost C.uint32_t
		n := C.winras_dial_take(d.id, &d.notes[0], C.WINRAS_DIAL_NOTES, &lost)
		for _, note := range d.notes[:n] {
			state := State(note.state)
			if note.error != 0 {
				return true, &DialError{Entry: d.entry, State: state, Err: newError("RasDialW", syscall.Errno(note.error)),
					ExtendedCode: uint32(note.ext_error)}
			}
			d.report(state, uint32(note.subentry), filetime(uint64(note.filetime)))
			if state == Connected {
				return true, nil
			}
		}
		if n < C.WINRAS_DIAL_NOTES {
			return false, nil
		}
	}
}

// recheck asks RasGetConnectStatusW how the dial stands.
func (d *dialing) recheck() (done bool, err error) {
	s, err := status(d.h)
	switch {
	case err != nil:
		return true, fmt.Errorf("ras: dial of %q: the connection ended while it was dialled: %w", d.entry, err)
	case s.Err != nil:
		var e *Error
		errors.As(s.Err, &e)
		return true, &DialError{Entry: d.entry, State: s.State, Err: &Error{Call: "RasDialW", Code: e.Code, Message: e.Message}}
	case s.State == Connected:
		// Notifications the dial queued meanwhile come first.
		if done, err := d.take(); done {
			return true, err
		}
		d.report(Connected, 0, time.Now())
		return true, nil
	}
	return false, nil
}

func (d *dialing) report(state State, subEntry uint32, at time.Time) {
	if state == Connected {
		if d.connected {
			return
		}
		d.connected = true
	}
	if d.progress != nil {
		d.progress(DialEvent{State: state, SubEntry: subEntry, Time: at})
	}
}

// end returns the handle of a dial that connected, or hangs up one that failed.
func (d *dialing) end(err error) (Handle, error) {
	if err == nil {
		return d.h, nil
	}
	return 0, d.fail(err)
}

// fail hangs up a dial that failed, as Microsoft requires, and returns its error.
func (d *dialing) fail(err error) error {
	if herr := d.hangUp(); herr != nil {
		return fmt.Errorf("%w (and its hang-up: %w)", err, herr)
	}
	return err
}

// cancel hangs up a dial whose context ended, and waits for it to go.
func (d *dialing) cancel(ctx context.Context) error {
	if herr := d.hangUp(); herr != nil {
		return fmt.Errorf("ras: dial of %q: %w; its hang-up: %w", d.entry, ctx.Err(), herr)
	}
	return fmt.Errorf("ras: dial of %q: %w; hung up", d.entry, ctx.Err())
}

// hangUp hangs the dial up and waits for it to go, as HangUp does with a context of its own: the
// dial's may have ended. A connection already gone is what was wanted.
func (d *dialing) hangUp() error {
	err := hangUp(context.Background(), d.h)
	if errors.Is(err, ErrConnectionGone) {
		return nil
	}
	return err
}

// filetime converts a FILETIME (100 ns since 1601) to a time.Time.
func filetime(ft uint64) time.Time {
	f := windows.Filetime{LowDateTime: uint32(ft), HighDateTime: uint32(ft >> 32)}
	return time.Unix(0, f.Nanoseconds())
}

// dialsInProgress is how many dials the shim holds: what a leak of them would make grow.
func dialsInProgress() int { return int(C.winras_dials()) }

// dialCallsRunning is how many calls of the notifier are under way, those of ended dials included.
func dialCallsRunning() int { return int(C.winras_dial_calls_running()) }

// pauseNotifier makes the notifier pause d after it has set a dial's event (tests only).
func pauseNotifier(d time.Duration) { C.winras_dial_test_pause(C.uint32_t(d.Milliseconds())) }
