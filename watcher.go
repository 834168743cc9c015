package ras

import (
	"fmt"
	"slices"
	"sync"
	"time"
)

// wake is why a watch loop's wait returned.
type wake int

const (
	wakeStopped  wake = iota // Close: the loop ends
	wakeNotified             // the notification event was set: something changed
	wakeTimeout              // the re-check interval passed without a notification
)

// wakeups is where a watch loop's wake-ups come from: on Windows, the notification event and a
// stop event.
type wakeups interface {
	// wait blocks until a notification, the timeout, or stop, and says which came.
	wait(timeout time.Duration) (wake, error)
	// stop makes wait return wakeStopped, now and from then on. It may be called from any
	// goroutine.
	stop()
	// release frees what the wake-ups hold, once the loop is done with them.
	release() error
}

// errorsBuffer is how many errors wait for a reader before more are dropped.
const errorsBuffer = 8

// watchLoop is the goroutine behind a Watcher and the state it owns.
type watchLoop struct {
	wake wakeups
	list func(dst []Conn) ([]Conn, error) // as AppendConnections
	// lastError is the connection's own error while Windows still reports its status, or nil.
	lastError func(Handle) error
	recheck   time.Duration
	polling   bool
	lw        linkWatch

	events chan Event
	errors chan error
	done   chan struct{} // closed by close: every send gives up
	exited chan struct{} // closed by run when it returns

	// Only run touches these after start.
	baselined bool   // a listing has worked: last is real
	last      []Conn // the connections as last listed
	spare     []Conn // the listing before last, whose array (and unchanged strings) the next one reuses
	// early: a notification whose listing showed no change, as one that comes before its
	// connection is listed does; the next change a re-check finds may be its.
	early bool
	// suspect: a re-check found a change that no notification announced. If the next wake-up is
	// a re-check too, no late notification explained it: Windows' notifications went quiet.
	suspect bool
	warned  bool // ErrNotifyMissed was sent: it is sent once
	// multi holds the multilink connections of last, each with its connected links (bit n-1 for
	// link n).
	multi map[identity]uint64

	mu     sync.Mutex
	closed bool
}

// linkWatch is how a watch loop follows the links of multilink connections; the zero value
// follows none.
type linkWatch struct {
	links func(Handle) ([]Link, error) // as Links
	// watch registers for the bandwidth events of the multilink connection c, once per
	// connection per process; forget says that c ended.
	watch, forget func(c Conn)
}

// startWatch lists the connections once, as the baseline, and starts the loop; when that
// listing fails, it says so on Errors and the first listing that works is the baseline.
// notifyErr is the registration's failure, if any: the loop then works by re-checking alone, and
// says so once on Errors. lastError may be nil.
func startWatch(wake wakeups, list func([]Conn) ([]Conn, error), lastError func(Handle) error,
	recheck time.Duration, notifyErr error) *Watcher {
	return startWatchLinks(wake, list, lastError, recheck, notifyErr, linkWatch{})
}

// startWatchLinks is startWatch that also follows links as lw says.
func startWatchLinks(wake wakeups, list func([]Conn) ([]Conn, error), lastError func(Handle) error,
	recheck time.Duration, notifyErr error, lw linkWatch) *Watcher {
	if recheck < time.Millisecond {
		recheck = time.Millisecond
	}
	l := &watchLoop{
		wake:      wake,
		list:      list,
		lastError: lastError,
		recheck:   recheck,
		polling:   notifyErr != nil,
		lw:        lw,
		multi:     map[identity]uint64{},
		events:    make(chan Event),
		errors:    make(chan error, errorsBuffer),
		done:      make(chan struct{}),
		exited:    make(chan struct{}),
	}
	if notifyErr != nil {
		l.errors <- fmt.Errorf("%w: %w; re-checking every %v instead", ErrNotifyUnavailable, notifyErr, recheck)
	}
	last, err := list(nil)
	if err != nil {
		l.errors <- fmt.Errorf("ras: watcher: no first listing yet (the first that works is the baseline; re-checking every %v): %w",
			recheck, err)
	} else {
		l.last, l.baselined = last, true
		l.learnAll(last)
	}
	go l.run()
	return &Watcher{Events: l.events, Errors: l.errors, loop: l}
}

func (l *watchLoop) run() {
	defer close(l.exited)
	defer close(l.errors)
	defer close(l.events)
	for {
		why, err := l.wake.wait(l.recheck)
		if why == wakeStopped {
			return
		}
		if err != nil {
			// A wait that fails would fail again at once: pace the re-listing instead.
			l.report(err)
			select {
			case <-l.done:
				return
			case <-time.After(l.recheck):
			}
		}
		if err == nil && why == wakeTimeout && l.suspect && !l.warned {
			l.warned = true
			l.report(fmt.Errorf("%w: a re-check found a change that no notification announced, and none came "+
				"within %v; changes are now seen up to %v late", ErrNotifyMissed, l.recheck, l.recheck))
		}
		changed, ok := l.relist()
		if !ok {
			return
		}
		l.judge(why, err == nil, changed)
	}
}

// judge keeps the account of which changes notifications announced. A wait that failed says
// nothing about them: the account starts afresh.
func (l *watchLoop) judge(why wake, waited, changed bool) {
	switch {
	case l.polling:
	case !waited:
		l.early, l.suspect = false, false
	case why == wakeNotified:
		l.early = !changed && !l.suspect
		l.suspect = false
	case why == wakeTimeout:
		l.suspect = changed && !l.early
		l.early = l.early && !changed
	}
}

// relist lists the connections and sends an event for each difference from the last list. It
// reports whether there was one, and returns ok false when the watcher was closed while it
// waited to send.
func (l *watchLoop) relist() (changed, ok bool) {
	now, err := l.list(l.spare[:0])
	if err != nil {
		l.report(err)
		return false, true
	}
	if !l.baselined {
		l.baselined = true
		l.learnAll(now)
		l.spare, l.last = l.last, now
		return false, true
	}
	if sameConnections(l.last, now) && len(l.multi) == 0 {
		l.spare, l.last = l.last, now
		return false, true
	}
	events := diff(l.last, now)
	l.addErrors(events, now)
	events = l.linkChanges(events, now)
	for _, e := range events {
		select {
		case l.events <- e:
		case <-l.done:
			return true, false
		}
	}
	l.spare, l.last = l.last, now
	return len(events) > 0, true
}

// learnAll learns the links of every connection of a first listing.
func (l *watchLoop) learnAll(conns []Conn) {
	for _, c := range conns {
		l.learn(c)
	}
}

// learn follows c's links when it is multilink: Links lists more than one (a connection's
// sub-entries are its phone-book entry's). It registers for c's bandwidth events before it reads
// the links it compares later, so that a change in between still signals.
func (l *watchLoop) learn(c Conn) {
	if l.lw.links == nil {
		return
	}
	if ls, err := l.lw.links(c.Handle); err != nil || len(ls) < 2 {
		return
	}
	l.lw.watch(c)
	if up, ok := l.connectedLinks(c.Handle); ok {
		l.multi[identityOf(c)] = up
	}
}

// connectedLinks returns the connected links of h, bit n-1 for link n; false when they cannot
// be listed (the connection ended: the next listing says so).
func (l *watchLoop) connectedLinks(h Handle) (uint64, bool) {
	ls, err := l.lw.links(h)
	if err != nil {
		return 0, false
	}
	var up uint64
	for _, k := range ls {
		if k.Connected && k.Number >= 1 && k.Number <= MaxLinks {
			up |= 1 << (k.Number - 1)
		}
	}
	return up, true
}

// linkChanges puts the link events of the multilink connections listed before and now between
// events' disconnections and connections, each connection's in listing order, removed links
// before added ones; it follows the links of the connections that appeared, and forgets those
// that ended.
func (l *watchLoop) linkChanges(events []Event, now []Conn) []Event {
	if l.lw.links == nil {
		return events
	}
	var links []Event
	for _, c := range now {
		id := identityOf(c)
		was, ok := l.multi[id]
		if !ok {
			continue
		}
		is, ok := l.connectedLinks(c.Handle)
		if !ok {
			continue
		}
		links = appendLinkEvents(links, c, was&^is, OpLinkRemoved)
		links = appendLinkEvents(links, c, is&^was, OpLinkAdded)
		l.multi[id] = is
	}
	split := len(events)
	for i, e := range events {
		switch id := identityOf(e.Conn); e.Op {
		case OpDisconnected:
			if _, ok := l.multi[id]; ok {
				delete(l.multi, id)
				l.lw.forget(e.Conn)
			}
		case OpConnected:
			split = min(split, i)
			l.learn(e.Conn)
		}
	}
	if len(links) == 0 {
		return events
	}
	return slices.Concat(events[:split], links, events[split:])
}

// appendLinkEvents appends an event of op for each link in the set (bit n-1 for link n), in order.
func appendLinkEvents(events []Event, c Conn, set uint64, op Op) []Event {
	for n := uint32(1); n <= MaxLinks; n++ {
		if set&(1<<(n-1)) != 0 {
			events = append(events, Event{Op: op, Conn: c, Link: n})
		}
	}
	return events
}

// addErrors gives each disconnection the connection's own error, while Windows still reports
// its handle: not when a connection in now has taken the handle over.
func (l *watchLoop) addErrors(events []Event, now []Conn) {
	if l.lastError == nil {
		return
	}
	for i, e := range events {
		if e.Op != OpDisconnected || slices.ContainsFunc(now, func(c Conn) bool { return c.Handle == e.Conn.Handle }) {
			continue
		}
		events[i].Err = l.lastError(e.Conn.Handle)
	}
}

// report sends err unless the Errors buffer is full: a watcher whose errors nobody reads must
// still deliver its events.
func (l *watchLoop) report(err error) {
	select {
	case l.errors <- err:
	default:
	}
}

// identity is what tells one connection from another. Windows may give a new connection the
// handle value of one that ended, so the handle alone does not: with it go the entry (or the
// number of a connection made without one), the entry's GUID and, where Windows has it, the
// connection's correlation ID.
type identity struct {
	handle        Handle
	entry, number string
	entryID       GUID
	correlationID GUID
}

func identityOf(c Conn) identity {
	return identity{handle: c.Handle, entry: c.Entry, number: c.PhoneNumber, entryID: c.EntryID, correlationID: c.CorrelationID}
}

// sameConnections reports whether two listings hold the same connections in the same order: the
// common case of a re-check, which needs no diff and so allocates nothing.
func sameConnections(before, after []Conn) bool {
	if len(before) != len(after) {
		return false
	}
	for i := range before {
		if identityOf(before[i]) != identityOf(after[i]) {
			return false
		}
	}
	return true
}

// diff returns the events that turn before into after, matching connections by identity:
// disconnections in before's order, then connections in after's. A new connection on the
// handle of one that ended is both.
func diff(before, after []Conn) []Event {
	in := func(list []Conn) map[identity]bool {
		m := make(map[identity]bool, len(list))
		for _, c := range list {
			m[identityOf(c)] = true
		}
		return m
	}
	wasIn, isIn := in(before), in(after)
	var events []Event
	for _, c := range before {
		if !isIn[identityOf(c)] {
			events = append(events, Event{Op: OpDisconnected, Conn: c})
		}
	}
	for _, c := range after {
		if !wasIn[identityOf(c)] {
			events = append(events, Event{Op: OpConnected, Conn: c})
		}
	}
	return events
}

func (l *watchLoop) close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.closed {
		return nil
	}
	l.closed = true
	close(l.done)
	l.wake.stop()
	<-l.exited
	return l.wake.release()
}
