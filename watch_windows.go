//go:build windows && cgo

package ras

import (
	"fmt"
	"time"

	"golang.org/x/sys/windows"
)

// eventWakeups wait on the watcher's own notification event, which the process's one
// registration (hub) sets, and on a stop event, so that Close wakes the watch loop at once.
type eventWakeups struct {
	notified windows.Handle // auto-reset: one wait consumes one (possibly coalesced) signal
	stopped  windows.Handle // manual-reset: stays set once Close sets it
	// both is what WaitForMultipleObjects waits on, stopped first: when both are set it reports
	// the lower index. It lives here, on the heap: x/sys passes the array to Windows as a
	// uintptr through one more Go call, and an array on the goroutine's stack would be left
	// behind if that call grew the stack (Windows then reads stale handles).
	both [2]windows.Handle
}

func (e *eventWakeups) wait(timeout time.Duration) (wake, error) {
	ev, err := windows.WaitForMultipleObjects(e.both[:], false, uint32(timeout.Milliseconds()))
	switch {
	case err != nil:
		return wakeTimeout, fmt.Errorf("ras: watcher: WaitForMultipleObjects: %w", err)
	case ev == windows.WAIT_OBJECT_0:
		return wakeStopped, nil
	case ev == windows.WAIT_OBJECT_0+1:
		return wakeNotified, nil
	}
	return wakeTimeout, nil
}

func (e *eventWakeups) stop() { windows.SetEvent(e.stopped) }

func (e *eventWakeups) release() error {
	hub.unsubscribe(e.notified)
	err1 := windows.CloseHandle(e.notified)
	err2 := windows.CloseHandle(e.stopped)
	if err1 != nil {
		return fmt.Errorf("ras: watcher: CloseHandle: %w", err1)
	}
	if err2 != nil {
		return fmt.Errorf("ras: watcher: CloseHandle: %w", err2)
	}
	return nil
}

// connectionError is connection h's own error, while Windows reports its status.
func connectionError(h Handle) error {
	s, err := status(h)
	if err != nil {
		return nil
	}
	return s.Err
}

func newWatcher(recheck time.Duration) (*Watcher, error) {
	notified, err := windows.CreateEvent(nil, 0, 0, nil)
	if err != nil {
		return nil, fmt.Errorf("ras: watcher: CreateEvent: %w", err)
	}
	stopped, err := windows.CreateEvent(nil, 1, 0, nil)
	if err != nil {
		windows.CloseHandle(notified)
		return nil, fmt.Errorf("ras: watcher: CreateEvent: %w", err)
	}
	wake := &eventWakeups{notified: notified, stopped: stopped, both: [2]windows.Handle{stopped, notified}}
	// Subscribed before the baseline listing, so a connection made in between still signals.
	notifyErr := hub.subscribe(notified)
	lw := linkWatch{links: links, watch: hub.watchLinks, forget: hub.forgetLinks}
	return startWatchLinks(wake, appendConnections, connectionError, recheck, notifyErr, lw), nil
}
