package ras

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeWakeups is a wake-up source the test drives: each notify or recheck is one wake-up of the
// loop, given once the loop waits again, that is once it has sent every event of the last one.
type fakeWakeups struct {
	wakes    chan wake
	idle     chan struct{} // takes a value whenever the loop waits
	stopped  chan struct{}
	once     sync.Once
	released int
}

func newFakeWakeups() *fakeWakeups {
	return &fakeWakeups{wakes: make(chan wake), idle: make(chan struct{}), stopped: make(chan struct{})}
}

// settle returns once the loop waits, done with its last wake-up, and fails the test when it
// does not: the loop is stuck sending an event nobody expected.
func (f *fakeWakeups) settle(t *testing.T) {
	t.Helper()
	select {
	case <-f.idle:
	case <-time.After(5 * time.Second):
		t.Fatal("the watch loop did not wait again: it has an event nobody read")
	}
}

func (f *fakeWakeups) send(t *testing.T, w wake) {
	t.Helper()
	f.settle(t)
	f.wakes <- w
}

// notify is a notification: one signal of the event, however many changes it stands for.
func (f *fakeWakeups) notify(t *testing.T) { t.Helper(); f.send(t, wakeNotified) }

// recheck is the re-check interval passing with no notification.
func (f *fakeWakeups) recheck(t *testing.T) { t.Helper(); f.send(t, wakeTimeout) }

func (f *fakeWakeups) wait(time.Duration) (wake, error) {
	for {
		select {
		case <-f.stopped:
			return wakeStopped, nil
		case w := <-f.wakes:
			return w, nil
		case f.idle <- struct{}{}:
		}
	}
}

func (f *fakeWakeups) stop()          { f.once.Do(func() { close(f.stopped) }) }
func (f *fakeWakeups) release() error { f.released++; return nil }

// fakeList is the connection list the fake service holds.
type fakeList struct {
	mu    sync.Mutex
	conns []Conn
	err   error
}

func (f *fakeList) set(conns ...Conn) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.conns = conns
}

func (f *fakeList) list(dst []Conn) ([]Conn, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.err != nil {
		return dst, f.err
	}
	return append(dst, f.conns...), nil
}

func nextEvent(t *testing.T, w *Watcher) Event {
	t.Helper()
	select {
	case e, ok := <-w.Events:
		require.True(t, ok, "Events closed")
		return e
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return Event{}
}

var a, b, c = Conn{Handle: 1, Entry: "a"}, Conn{Handle: 2, Entry: "b"}, Conn{Handle: 3, Entry: "c"}

func TestDiffGivesDisconnectionsThenConnections(t *testing.T) {
	assert.Equal(t, []Event{
		{Op: OpDisconnected, Conn: a}, {Op: OpDisconnected, Conn: c}, {Op: OpConnected, Conn: Conn{Handle: 4}}, {Op: OpConnected, Conn: Conn{Handle: 5}},
	}, diff([]Conn{a, b, c}, []Conn{b, {Handle: 4}, {Handle: 5}}))
	assert.Empty(t, diff([]Conn{a, b}, []Conn{b, a}))
}

func TestDiffTakesANewConnectionOnAReusedHandleForTwoChanges(t *testing.T) {
	office := Conn{Handle: 7, Entry: "Office VPN", EntryID: GUID{Data1: 1}, CorrelationID: GUID{Data1: 10}, HasCorrelationID: true}
	for _, next := range []Conn{
		{Handle: 7, Entry: "Lab VPN", EntryID: GUID{Data1: 2}, CorrelationID: GUID{Data1: 11}, HasCorrelationID: true},
		{Handle: 7, Entry: "Office VPN", EntryID: GUID{Data1: 1}, CorrelationID: GUID{Data1: 12}, HasCorrelationID: true}, // redialled
		{Handle: 7, PhoneNumber: "5550123"},
	} {
		assert.Equal(t, []Event{{Op: OpDisconnected, Conn: office}, {Op: OpConnected, Conn: next}}, diff([]Conn{office}, []Conn{next}))
	}
	assert.Empty(t, diff([]Conn{office}, []Conn{office}))
}

func TestWatcherGivesOneEventPerChangeWhenSignalsCoalesce(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	svc.set(a)
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.set(b, c)
	wake.notify(t) // one signal for three changes
	assert.Equal(t, Event{Op: OpDisconnected, Conn: a}, nextEvent(t, w))
	assert.Equal(t, Event{Op: OpConnected, Conn: b}, nextEvent(t, w))
	assert.Equal(t, Event{Op: OpConnected, Conn: c}, nextEvent(t, w))
	wake.settle(t) // the loop had no fourth event to send
}

func TestWatcherComparesEachListingWithTheOneBefore(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.set(a)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
	svc.set(a, b)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: b}, nextEvent(t, w), "not a again")
	wake.notify(t)
	wake.settle(t) // nothing changed: no event
	svc.set(b)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpDisconnected, Conn: a}, nextEvent(t, w))
	svc.set(b, a)
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w), "a is back")
	wake.settle(t)
}

func TestWatcherSeesAReusedHandleAsADisconnectionAndAConnection(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	office := Conn{Handle: 7, Entry: "Office VPN", CorrelationID: GUID{Data1: 1}, HasCorrelationID: true}
	lab := Conn{Handle: 7, Entry: "Lab VPN", CorrelationID: GUID{Data1: 2}, HasCorrelationID: true}
	svc.set(office)
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.set(lab) // office ended and lab got its handle, between two listings
	wake.notify(t)
	assert.Equal(t, Event{Op: OpDisconnected, Conn: office}, nextEvent(t, w))
	assert.Equal(t, Event{Op: OpConnected, Conn: lab}, nextEvent(t, w))
	wake.settle(t)
}

func TestWatcherRechecksWithoutSignals(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.set(a)
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
}

// noError fails the test if an error is waiting on w.Errors once the loop is done with its last
// wake-up.
func noError(t *testing.T, wake *fakeWakeups, w *Watcher) {
	t.Helper()
	wake.settle(t)
	select {
	case err := <-w.Errors:
		t.Fatalf("unexpected error: %v", err)
	default:
	}
}

func TestWatcherSaysOnceThatNotificationsWentQuiet(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, 50*time.Millisecond, nil)
	defer w.Close()
	svc.set(a)
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w), "the re-check sees what no notification announced")
	wake.recheck(t) // and no late notification came
	var quiet error
	select {
	case quiet = <-w.Errors:
	case <-time.After(5 * time.Second):
		t.Fatal("no word that notifications went quiet")
	}
	assert.ErrorIs(t, quiet, ErrNotifyMissed)
	assert.ErrorContains(t, quiet, "50ms")

	wake.settle(t)
	svc.set(a, b) // it goes on working, and says it once
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: b}, nextEvent(t, w))
	wake.recheck(t)
	wake.recheck(t)
	noError(t, wake, w)
}

func TestWatcherTakesALateNotificationForOne(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.set(a)
	wake.recheck(t) // the re-check comes first
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
	wake.notify(t) // then the notification, late
	wake.recheck(t)
	wake.recheck(t)
	noError(t, wake, w)
}

func TestWatcherTakesAnEarlyNotificationForOne(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	wake.notify(t) // before the connection is listed
	wake.settle(t)
	svc.set(a)
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
	wake.recheck(t)
	wake.recheck(t)
	noError(t, wake, w)

	svc.set(a, b) // the early notification is spent: a change after it is unannounced
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: b}, nextEvent(t, w))
	wake.recheck(t)
	select {
	case err := <-w.Errors:
		assert.ErrorIs(t, err, ErrNotifyMissed)
	case <-time.After(5 * time.Second):
		t.Fatal("no word that notifications went quiet")
	}
}

func TestWatcherSaysOnceThatItFellBack(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	cause := &Error{Call: "RasConnectionNotificationW", Code: 1}
	w := startWatch(wake, svc.list, nil, 10*time.Millisecond, cause)
	defer w.Close()
	assert.True(t, w.Polling())
	e := <-w.Errors
	assert.ErrorIs(t, e, ErrNotifyUnavailable)
	assert.ErrorIs(t, e, cause)
	svc.set(a)
	wake.recheck(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
	wake.recheck(t)
	wake.recheck(t) // re-checks are all it has: no word of missed notifications
	noError(t, wake, w)
}

func (f *fakeList) fail(err error, conns ...Conn) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err, f.conns = err, conns
}

func TestWatcherReportsListingErrorsAndGoesOn(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.fail(errors.New("down"))
	wake.notify(t)
	assert.EqualError(t, <-w.Errors, "down")
	svc.fail(nil, a)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
}

func TestWatcherDoesNotStallOnUnreadErrors(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	svc.fail(errors.New("down"))
	for range errorsBuffer + 3 {
		wake.notify(t)
	}
	wake.settle(t)
	svc.fail(nil, a)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: a}, nextEvent(t, w))
}

func nextError(t *testing.T, w *Watcher) error {
	t.Helper()
	select {
	case err := <-w.Errors:
		return err
	case <-time.After(5 * time.Second):
		t.Fatal("no error")
	}
	return nil
}

func TestWatcherStartsWhileRASCannotListAndTakesTheFirstListingThatWorks(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	down := errors.New("RAS service not running")
	svc.fail(down)
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	defer w.Close()
	err := nextError(t, w)
	assert.ErrorIs(t, err, down)
	assert.ErrorContains(t, err, "no first listing yet")
	wake.recheck(t)
	assert.ErrorIs(t, nextError(t, w), down, "each failure is reported")

	svc.fail(nil, a) // the service is up, with a connected: the baseline
	wake.recheck(t)
	wake.settle(t) // listed: b comes after the baseline
	svc.set(a, b)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpConnected, Conn: b}, nextEvent(t, w), "a was in the baseline")
}

func TestADisconnectionCarriesTheConnectionsLastError(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	svc.set(a, b)
	dropped := errors.New("the remote side dropped it")
	errorOf := func(h Handle) error {
		if h == a.Handle {
			return dropped
		}
		return nil
	}
	w := startWatch(wake, svc.list, errorOf, time.Hour, nil)
	defer w.Close()
	svc.set()
	wake.notify(t)
	assert.Equal(t, Event{Op: OpDisconnected, Conn: a, Err: dropped}, nextEvent(t, w))
	assert.Equal(t, Event{Op: OpDisconnected, Conn: b}, nextEvent(t, w), "hung up: no error")
}

func TestADisconnectionWhoseHandleANewConnectionTookHasNoError(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	svc.set(a)
	w := startWatch(wake, svc.list, func(Handle) error { return errors.New("the new one's") }, time.Hour, nil)
	defer w.Close()
	again := Conn{Handle: a.Handle, Entry: "another"}
	svc.set(again)
	wake.notify(t)
	assert.Equal(t, Event{Op: OpDisconnected, Conn: a}, nextEvent(t, w))
	assert.Equal(t, Event{Op: OpConnected, Conn: again}, nextEvent(t, w))
}

func TestWatcherCloseIsIdempotentAndClosesTheChannels(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	require.NoError(t, w.Close())
	require.NoError(t, w.Close())
	assert.Equal(t, 1, wake.released)
	_, ok := <-w.Events
	assert.False(t, ok)
	_, ok = <-w.Errors
	assert.False(t, ok)
}

func TestWatcherCloseDoesNotWaitForAReaderThatLeft(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	svc.set(a, b, c)
	wake.notify(t) // nobody reads: the loop blocks sending the first of three events
	closed := make(chan error)
	go func() { closed <- w.Close() }()
	select {
	case err := <-closed:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Close blocked on the unread event")
	}
}

func TestWatcherCloseWakesABlockedReader(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	got := make(chan bool)
	go func() { _, ok := <-w.Events; got <- ok }()
	time.Sleep(10 * time.Millisecond)
	require.NoError(t, w.Close())
	assert.False(t, <-got)
}

func TestWatcherCloseFromManyGoroutinesAtOnce(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w := startWatch(wake, svc.list, nil, time.Hour, nil)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); assert.NoError(t, w.Close()) }()
	}
	wg.Wait()
	assert.Equal(t, 1, wake.released)
}

func TestARecheckThatFindsNoChangeAllocatesNothing(t *testing.T) {
	skipUnderRace(t)
	svc := &fakeList{}
	conns := make([]Conn, 16)
	for i := range conns {
		conns[i] = Conn{Handle: Handle(i + 1), Entry: "a"}
	}
	svc.set(conns...)
	l := &watchLoop{list: svc.list, events: make(chan Event), errors: make(chan error, errorsBuffer), done: make(chan struct{})}
	var err error
	l.last, err = svc.list(nil)
	require.NoError(t, err)
	l.relist() // the second listing's array, which the next ones reuse
	allocs := testing.AllocsPerRun(100, func() {
		if changed, ok := l.relist(); changed || !ok {
			t.Fatal("a change where there is none")
		}
	})
	assert.Zero(t, allocs)
}
