//go:build windows && cgo

package ras

import (
	"fmt"
	"sync"

	"golang.org/x/sys/windows"

	"github.com/winras/ras/internal/notifyreg"
)

// notifyHub is the process's one RasConnectionNotificationW registration for every connection,
// shared by all its Watchers. Windows has no call to withdraw a registration and may keep each
// one, with its own duplicate of the event, for the life of the process: a registration per
// Watcher would grow the RAS service with every Watcher a program makes. The hub's event is
// registered once and never closed; while a Watcher runs, one goroutine waits on it and passes
// each signal on to every Watcher's own event.
type notifyHub struct {
	mu         sync.Mutex
	event      windows.Handle // auto-reset; 0 until the first Watcher
	registered bool
	generation uint64                      // notifyreg's, when registered
	subs       map[windows.Handle]struct{} // each Watcher's notified event
	fan        *fanOut                     // the running fan-out, nil when no Watcher runs
	// linked are the multilink connections the event is registered with for their bandwidth
	// events, with this registration's service.
	linked map[identity]bool
}

var hub notifyHub

// fanOut is one run of the goroutine that passes signals on. It lives on the heap, and both with
// it: x/sys hands the array to Windows as a uintptr (see eventWakeups.both).
type fanOut struct {
	both   [2]windows.Handle // the run's stop event, then the hub's event
	exited chan struct{}
}

// subscribe registers the hub's event, unless it is registered already with this RAS service,
// and adds notified to the events each signal is passed to. It returns the registration's
// error, and then adds nothing: the Watcher re-checks alone.
func (h *notifyHub) subscribe(notified windows.Handle) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.event == 0 {
		ev, err := windows.CreateEvent(nil, 0, 0, nil)
		if err != nil {
			return fmt.Errorf("ras: watcher: CreateEvent: %w", err)
		}
		h.event = ev
	}
	// A registration that failed holds nothing in the service: the next Watcher tries again.
	if gen := notifyreg.Generation(); !h.registered || h.generation != gen {
		if err := notify(AllConnections, h.event, NotifyConnection|NotifyDisconnection); err != nil {
			h.registered = false
			return err
		}
		h.registered, h.generation = true, gen
		clear(h.linked)
	}
	if h.fan == nil {
		stop, err := windows.CreateEvent(nil, 1, 0, nil)
		if err != nil {
			return fmt.Errorf("ras: watcher: CreateEvent: %w", err)
		}
		// A signal from while no Watcher ran is older than the new Watcher's first listing.
		windows.ResetEvent(h.event)
		h.fan = &fanOut{both: [2]windows.Handle{stop, h.event}, exited: make(chan struct{})}
		go h.run(h.fan)
	}
	if h.subs == nil {
		h.subs = make(map[windows.Handle]struct{})
	}
	h.subs[notified] = struct{}{}
	return nil
}

// unsubscribe stops passing signals to notified; the last Watcher's stops the fan-out, and
// waits for it, so that notified may be closed once it returns. The registration stays.
func (h *notifyHub) unsubscribe(notified windows.Handle) {
	h.mu.Lock()
	delete(h.subs, notified)
	f := h.fan
	if len(h.subs) > 0 || f == nil {
		h.mu.Unlock()
		return
	}
	h.fan = nil
	h.mu.Unlock()
	windows.SetEvent(f.both[0])
	<-f.exited
	windows.CloseHandle(f.both[0])
}

// run passes each signal of the hub's event to every subscribed event until f is stopped. A wait
// that fails ends it too: the Watchers go on by re-checking.
func (h *notifyHub) run(f *fanOut) {
	defer close(f.exited)
	for {
		ev, err := windows.WaitForMultipleObjects(f.both[:], false, windows.INFINITE)
		if err != nil || ev != windows.WAIT_OBJECT_0+1 {
			return
		}
		h.mu.Lock()
		for sub := range h.subs {
			windows.SetEvent(sub)
		}
		h.mu.Unlock()
	}
}

// watchLinks registers the hub's event for the bandwidth events of the multilink connection c,
// unless it is registered already: once per connection per process. A registration that fails
// leaves c's link changes to be seen when a listing happens anyway.
func (h *notifyHub) watchLinks(c Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	id := identityOf(c)
	if !h.registered || h.generation != notifyreg.Generation() || h.linked[id] {
		return
	}
	if notify(c.Handle, h.event, NotifyBandwidthAdded|NotifyBandwidthRemoved) != nil {
		return
	}
	if h.linked == nil {
		h.linked = make(map[identity]bool)
	}
	h.linked[id] = true
}

// forgetLinks forgets c's registration once c has ended: Windows may give its handle to a new
// connection, which needs one of its own.
func (h *notifyHub) forgetLinks(c Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.linked, identityOf(c))
}
