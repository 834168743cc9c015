package ras

import (
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeWakeups wakes the loop when signal is called, as the notification event does.
type fakeWakeups struct {
	signals  chan struct{}
	stopped  chan struct{}
	once     sync.Once
	released int
	waits    int
}

func newFakeWakeups() *fakeWakeups {
	return &fakeWakeups{signals: make(chan struct{}, 1), stopped: make(chan struct{})}
}

func (f *fakeWakeups) signal() {
	select {
	case f.signals <- struct{}{}:
	default: // coalesces, as an event does
	}
}

func (f *fakeWakeups) wait(timeout time.Duration) (bool, error) {
	f.waits++
	select {
	case <-f.stopped:
		return true, nil
	case <-f.signals:
		return false, nil
	case <-time.After(timeout):
		return false, nil
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

func (f *fakeList) list() ([]Conn, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Conn(nil), f.conns...), f.err
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
		{OpDisconnected, a}, {OpDisconnected, c}, {OpConnected, Conn{Handle: 4}}, {OpConnected, Conn{Handle: 5}},
	}, diff([]Conn{a, b, c}, []Conn{b, {Handle: 4}, {Handle: 5}}))
	assert.Empty(t, diff([]Conn{a, b}, []Conn{b, a}))
}

func TestWatcherGivesOneEventPerChangeWhenSignalsCoalesce(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	svc.set(a)
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
	defer w.Close()
	svc.set(b, c)
	wake.signal()
	wake.signal()
	assert.Equal(t, Event{OpDisconnected, a}, nextEvent(t, w))
	assert.Equal(t, Event{OpConnected, b}, nextEvent(t, w))
	assert.Equal(t, Event{OpConnected, c}, nextEvent(t, w))
	select {
	case e := <-w.Events:
		t.Fatalf("extra event %v", e)
	case <-time.After(50 * time.Millisecond):
	}
}

func TestWatcherRechecksWithoutSignals(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w, err := startWatch(wake, svc.list, 10*time.Millisecond, nil)
	require.NoError(t, err)
	defer w.Close()
	svc.set(a)
	assert.Equal(t, Event{OpConnected, a}, nextEvent(t, w))
}

func TestWatcherSaysOnceThatItFellBack(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	cause := &Error{Call: "RasConnectionNotificationW", Code: 1}
	w, err := startWatch(wake, svc.list, 10*time.Millisecond, cause)
	require.NoError(t, err)
	defer w.Close()
	assert.True(t, w.Polling())
	e := <-w.Errors
	assert.ErrorIs(t, e, ErrNotifyUnavailable)
	assert.ErrorIs(t, e, cause)
	svc.set(a)
	assert.Equal(t, Event{OpConnected, a}, nextEvent(t, w))
	select {
	case e := <-w.Errors:
		t.Fatalf("second error %v", e)
	default:
	}
}

func (f *fakeList) fail(err error, conns ...Conn) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.err, f.conns = err, conns
}

func TestWatcherReportsListingErrorsAndGoesOn(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
	defer w.Close()
	svc.fail(errors.New("down"))
	wake.signal()
	assert.EqualError(t, <-w.Errors, "down")
	svc.fail(nil, a)
	wake.signal()
	assert.Equal(t, Event{OpConnected, a}, nextEvent(t, w))
}

func TestWatcherDoesNotStallOnUnreadErrors(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
	defer w.Close()
	svc.fail(errors.New("down"))
	for range errorsBuffer + 3 {
		wake.signal()
		time.Sleep(time.Millisecond)
	}
	svc.fail(nil, a)
	wake.signal()
	assert.Equal(t, Event{OpConnected, a}, nextEvent(t, w))
}

func TestWatcherStartFailsWhenTheBaselineListingFails(t *testing.T) {
	wake := newFakeWakeups()
	_, err := startWatch(wake, func() ([]Conn, error) { return nil, errors.New("down") }, time.Hour, nil)
	assert.EqualError(t, err, "down")
}

func TestWatcherCloseIsIdempotentAndClosesTheChannels(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
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
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
	svc.set(a, b, c)
	wake.signal()
	// Nobody reads: the loop is blocked sending the first of three events.
	time.Sleep(20 * time.Millisecond)
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
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
	got := make(chan bool)
	go func() { _, ok := <-w.Events; got <- ok }()
	time.Sleep(10 * time.Millisecond)
	require.NoError(t, w.Close())
	assert.False(t, <-got)
}

func TestWatcherCloseFromManyGoroutinesAtOnce(t *testing.T) {
	wake, svc := newFakeWakeups(), &fakeList{}
	w, err := startWatch(wake, svc.list, time.Hour, nil)
	require.NoError(t, err)
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() { defer wg.Done(); assert.NoError(t, w.Close()) }()
	}
	wg.Wait()
	assert.Equal(t, 1, wake.released)
}
