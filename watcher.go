package ras

import (
	"fmt"
	"sync"
	"time"
)

// wakeups is where a watch loop's wake-ups come from: on Windows, the notification event and a
// stop event.
type wakeups interface {
	// wait blocks until a notification, the timeout, or stop, and reports whether stop came.
	wait(timeout time.Duration) (stopped bool, err error)
	// stop makes wait return stopped, now and from then on. It may be called from any goroutine.
	stop()
	// release frees what the wake-ups hold, once the loop is done with them.
	release() error
}

// errorsBuffer is how many errors wait for a reader before more are dropped.
const errorsBuffer = 8

// watchLoop is the goroutine behind a Watcher and the state it owns.
type watchLoop struct {
	wake    wakeups
	list    func() ([]Conn, error)
	recheck time.Duration
	polling bool

	events chan Event
	errors chan error
	done   chan struct{} // closed by close: every send gives up
	exited chan struct{} // closed by run when it returns

	last []Conn // the connections as last listed; only run touches it after start

	mu     sync.Mutex
	closed bool
}

// startWatch lists the connections once, as the baseline, and starts the loop. notifyErr is
// the registration's failure, if any: the loop then works by re-checking alone, and says so
// once on Errors.
func startWatch(wake wakeups, list func() ([]Conn, error), recheck time.Duration, notifyErr error) (*Watcher, error) {
	if recheck < time.Millisecond {
		recheck = time.Millisecond
	}
	last, err := list()
	if err != nil {
		return nil, err
	}
	l := &watchLoop{
		wake:    wake,
		list:    list,
		recheck: recheck,
		polling: notifyErr != nil,
		events:  make(chan Event),
		errors:  make(chan error, errorsBuffer),
		done:    make(chan struct{}),
		exited:  make(chan struct{}),
		last:    last,
	}
	if notifyErr != nil {
		l.errors <- fmt.Errorf("%w: %w; re-checking every %v instead", ErrNotifyUnavailable, notifyErr, recheck)
	}
	go l.run()
	return &Watcher{Events: l.events, Errors: l.errors, loop: l}, nil
}

func (l *watchLoop) run() {
	defer close(l.exited)
	defer close(l.errors)
	defer close(l.events)
	for {
		stopped, err := l.wake.wait(l.recheck)
		if stopped {
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
		if !l.relist() {
			return
		}
	}
}

// relist lists the connections and sends an event for each difference from the last list. It
// returns false when the watcher was closed while it waited to send.
func (l *watchLoop) relist() bool {
	now, err := l.list()
	if err != nil {
		l.report(err)
		return true
	}
	for _, e := range diff(l.last, now) {
		select {
		case l.events <- e:
		case <-l.done:
			return false
		}
	}
	l.last = now
	return true
}

// report sends err unless the Errors buffer is full: a watcher whose errors nobody reads must
// still deliver its events.
func (l *watchLoop) report(err error) {
	select {
	case l.errors <- err:
	default:
	}
}

// diff returns the events that turn before into after, matching connections by handle:
// disconnections in before's order, then connections in after's.
func diff(before, after []Conn) []Event {
	in := func(list []Conn) map[Handle]bool {
		m := make(map[Handle]bool, len(list))
		for _, c := range list {
			m[c.Handle] = true
		}
		return m
	}
	wasIn, isIn := in(before), in(after)
	var events []Event
	for _, c := range before {
		if !isIn[c.Handle] {
			events = append(events, Event{Op: OpDisconnected, Conn: c})
		}
	}
	for _, c := range after {
		if !wasIn[c.Handle] {
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
