//go:build cgo

package ras_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// Windows codes of a dial (raserror.h).
const (
	errNoSuchEntry = windows.Errno(623) // ERROR_CANNOT_FIND_PHONEBOOK_ENTRY
	errBadLogon    = windows.Errno(691) // ERROR_AUTHENTICATION_FAILURE
)

// ikev2 is the order of states a public IKEv2 log shows: repeats, Projected before Authenticated,
// and its first state reported at once, before RasDialW has returned the handle.
var ikev2 = []rassim.Step{
	{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: 5 * time.Millisecond},
	{State: ras.AuthNotify}, {State: ras.Projected}, {State: ras.AuthNotify},
	{State: ras.Authenticate}, {State: ras.Authenticated}, {State: ras.ApplySettings},
}

// states is what progress should see of a script that connects.
func states(script []rassim.Step) []ras.State {
	var s []ras.State
	for _, step := range script {
		s = append(s, step.State)
	}
	return append(s, ras.Connected)
}

// recorder is a progress function that keeps what it was given.
type recorder struct {
	mu     sync.Mutex
	events []ras.DialEvent
}

func (r *recorder) progress(e ras.DialEvent) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.events = append(r.events, e)
}

func (r *recorder) states() []ras.State {
	r.mu.Lock()
	defer r.mu.Unlock()
	var s []ras.State
	for _, e := range r.events {
		s = append(s, e.State)
	}
	return s
}

var officeEntry = rassim.Entry{
	Name: "Office VPN", Phonebook: allBook, AllUsers: true, DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
	PhoneNumber: "vpn.example.com", Script: ikev2, User: "alice", Password: "s3cret!", Domain: "CORP",
}

var officeParams = ras.DialParams{Entry: "Office VPN", Phonebook: allBook, User: "alice", Password: "s3cret!", Domain: "CORP"}

// requireNoOpenHandles says that every handle the simulator gave out was hung up.
func requireNoOpenHandles(t *testing.T) {
	t.Helper()
	n, err := rassim.OpenHandles()
	require.NoError(t, err)
	require.Zero(t, n, "handles RAS gave out and nobody hung up")
}

func TestDialReportsEveryStateInOrderAndReturnsTheConnection(t *testing.T) {
	useSim(t)
	addEntry(t, officeEntry)
	var r recorder
	start := time.Now()
	h, err := ras.Dial(context.Background(), officeParams, r.progress)
	require.NoError(t, err)
	assert.Equal(t, states(ikev2), r.states(), "repeats included, Connected last")
	for _, e := range r.events {
		assert.False(t, e.Time.Before(start.Add(-time.Minute)), "a time of this dial: %v", e.Time)
	}

	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, h, conns[0].Handle)
	assert.Equal(t, "Office VPN", conns[0].Entry)
	assert.Equal(t, allBook, conns[0].Phonebook)
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Connected, st.State)

	require.NoError(t, ras.HangUp(context.Background(), h))
	requireNoOpenHandles(t)
}

// A program that exits as soon as Dial returns must not exit while the notifier, which runs on a
// thread of RAS's own, is still in a call: Dial returns only once no call of its dial's notifier is
// under way. The notifier pauses after it has woken Dial, so that a Dial that did not wait for it
// would return in the middle of that call.
func TestDialReturnsOnlyOnceItsNotifierIsDone(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	quick := officeEntry
	// A delay: the last calls come after RasDialW has returned, while Dial waits for them.
	quick.Script = []rassim.Step{{State: ras.OpenPort}, {State: ras.Authenticate, Delay: 5 * time.Millisecond}}
	addEntry(t, quick)
	wrong := officeParams
	wrong.Password = "wrong"
	ras.PauseNotifier(20 * time.Millisecond)
	t.Cleanup(func() { ras.PauseNotifier(0) })

	h, err := ras.Dial(context.Background(), officeParams, nil)
	require.NoError(t, err)
	require.Zero(t, ras.DialCallsRunning(), "notifier calls under way once Dial returned its connection")
	require.NoError(t, ras.HangUp(context.Background(), h))

	_, err = ras.Dial(context.Background(), wrong, nil)
	require.ErrorIs(t, err, errBadLogon)
	require.Zero(t, ras.DialCallsRunning(), "notifier calls under way once Dial returned its failure")
	requireNoOpenHandles(t)
}

func TestDialWithABadPasswordFailsAtAuthenticationAndHangsUp(t *testing.T) {
	useSim(t)
	addEntry(t, officeEntry)
	p := officeParams
	p.Password = "wrong-Password-42"
	var r recorder
	h, err := ras.Dial(context.Background(), p, r.progress)
	assert.Zero(t, h)
	require.ErrorIs(t, err, errBadLogon)
	var de *ras.DialError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, ras.Authenticate, de.State)
	assert.Equal(t, "RasDialW", de.Err.Call)
	assert.NotContains(t, err.Error(), "wrong-Password")
	assert.Equal(t, []ras.State{ras.OpenPort, ras.ConnectDevice, ras.AuthNotify, ras.Projected, ras.AuthNotify, ras.Authenticate},
		r.states(), "up to the state that failed, once, and no Connected")
	requireNoOpenHandles(t)
	conns, err := ras.Connections()
	require.NoError(t, err)
	assert.Empty(t, conns)
}

func TestDialReportsAStateRepeatedBackToBackEachTime(t *testing.T) {
	useSim(t)
	e := officeEntry
	// Every state comes before RasDialW returns: the library takes them all at once.
	e.Script = []rassim.Step{{State: ras.OpenPort}, {State: ras.ConnectDevice}, {State: ras.AuthNotify}, {State: ras.AuthNotify},
		{State: ras.Authenticate}, {State: ras.AuthNotify}, {State: ras.AuthNotify}, {State: ras.AuthNotify}, {State: ras.Authenticated}}
	addEntry(t, e)
	var r recorder
	h, err := ras.Dial(context.Background(), officeParams, r.progress)
	require.NoError(t, err)
	assert.Equal(t, states(e.Script), r.states(), "each report of a state, however many in a row")
	require.NoError(t, ras.HangUp(context.Background(), h))
}

func TestDialErrorHasTheExtendedError(t *testing.T) {
	useSim(t)
	e := officeEntry
	// An IKEv2 dial that fails for want of an IPsec policy: 809, and 13868 to say why.
	e.Script = []rassim.Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Err: 809, ExtendedErr: 13868}}
	addEntry(t, e)
	_, err := ras.Dial(context.Background(), officeParams, nil)
	require.ErrorIs(t, err, windows.Errno(809))
	var de *ras.DialError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, ras.ConnectDevice, de.State)
	assert.Equal(t, uint32(13868), de.ExtendedCode)
	assert.ErrorContains(t, err, "(extended error 13868)")
	requireNoOpenHandles(t)
}

func TestDialOfAnEntryNoPhoneBookHasFailsAndHangsUp(t *testing.T) {
	useSim(t)
	addEntry(t, officeEntry)
	p := officeParams
	p.Entry = "Nowhere"
	_, err := ras.Dial(context.Background(), p, nil)
	require.ErrorIs(t, err, errNoSuchEntry)
	assert.ErrorContains(t, err, "RasDialW")
	requireNoOpenHandles(t) // RasDialW gave a handle with its error: it was hung up

	p.User, p.Password = "", "" // the saved credentials: RasGetEntryDialParamsW says it first
	_, err = ras.Dial(context.Background(), p, nil)
	require.ErrorIs(t, err, errNoSuchEntry)
	assert.ErrorContains(t, err, "RasGetEntryDialParamsW")
	requireNoOpenHandles(t)
}

func TestDialWithoutCredentialsUsesTheSavedOnes(t *testing.T) {
	useSim(t)
	saved := officeEntry
	saved.Saved = true
	addEntry(t, saved)
	h, err := ras.Dial(context.Background(), ras.DialParams{Entry: "Office VPN", Phonebook: allBook}, nil)
	require.NoError(t, err)
	require.NoError(t, ras.HangUp(context.Background(), h))

	addEntry(t, officeEntry) // the same credentials, not saved
	_, err = ras.Dial(context.Background(), ras.DialParams{Entry: "Office VPN", Phonebook: allBook}, nil)
	assert.ErrorIs(t, err, errBadLogon)
	requireNoOpenHandles(t)
}

func TestDialCancelledMidwayHangsUpAndReportsNothingAfter(t *testing.T) {
	useSim(t)
	slow := officeEntry
	slow.Script = []rassim.Step{{State: ras.OpenPort}, {State: ras.ConnectDevice}, {State: ras.Authenticate, Delay: time.Hour}}
	addEntry(t, slow)
	ctx, cancel := context.WithCancel(context.Background())
	var r recorder
	var returned sync.WaitGroup
	returned.Add(1)
	var err error
	go func() {
		defer returned.Done()
		_, err = ras.Dial(ctx, officeParams, func(e ras.DialEvent) {
			r.progress(e)
			if e.State == ras.ConnectDevice {
				cancel()
			}
		})
	}()
	returned.Wait()
	require.ErrorIs(t, err, context.Canceled)
	assert.Contains(t, err.Error(), "hung up")
	seen := r.states()
	assert.Equal(t, []ras.State{ras.OpenPort, ras.ConnectDevice}, seen)
	requireNoOpenHandles(t)
	waitNoDials(t)
	assert.Equal(t, seen, r.states(), "nothing after Dial returned")

	addEntry(t, officeEntry) // the entry dials again
	h, err := ras.Dial(context.Background(), officeParams, nil)
	require.NoError(t, err)
	require.NoError(t, ras.HangUp(context.Background(), h))
}

// waitNoDials waits until no dial of the simulator's runs in this process.
func waitNoDials(t *testing.T) {
	t.Helper()
	for start := time.Now(); ; time.Sleep(10 * time.Millisecond) {
		n, err := rassim.DialsRunning()
		require.NoError(t, err)
		if n == 0 {
			return
		}
		require.Less(t, time.Since(start), 10*time.Second, "%d dials still running", n)
	}
}

func TestDialCancelledByADeadlineMatchesIt(t *testing.T) {
	useSim(t)
	slow := officeEntry
	slow.Script = []rassim.Step{{State: ras.OpenPort, Delay: time.Hour}}
	addEntry(t, slow)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := ras.Dial(ctx, officeParams, nil)
	require.ErrorIs(t, err, context.DeadlineExceeded)
	requireNoOpenHandles(t)
}

func TestDialWithAnEndedContextDialsNothing(t *testing.T) {
	useSim(t)
	addEntry(t, officeEntry)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	require.NoError(t, rassim.ResetCalls())
	_, err := ras.Dial(ctx, officeParams, func(ras.DialEvent) { t.Error("progress of a dial that never started") })
	require.ErrorIs(t, err, context.Canceled)
	assert.Zero(t, rassim.Calls(rassim.DialEntry))
	assert.Zero(t, rassim.Calls(rassim.GetEntryDialParams))
}

func TestDialOfAConnectedEntryReturnsItsHandle(t *testing.T) {
	useSim(t)
	addEntry(t, officeEntry)
	h := add(t, rassim.Conn{Entry: "Office VPN", Phonebook: allBook, DeviceType: "vpn"})
	var r recorder
	got, err := ras.Dial(context.Background(), officeParams, r.progress)
	require.NoError(t, err)
	assert.Equal(t, h, got)
	assert.Equal(t, []ras.State{ras.Connected}, r.states(), "Windows notifies nothing: the status says it")
	// Each dial holds the connection: the first hang-up leaves it to the other, and so the
	// connection stays until the wait ends.
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	require.ErrorIs(t, ras.HangUp(ctx, got), ras.ErrHangUpTimeout)
	conns, err := ras.Connections()
	require.NoError(t, err)
	assert.Len(t, conns, 1)
	require.NoError(t, ras.HangUp(context.Background(), h))
	requireNoOpenHandles(t)
}

func TestConcurrentDialsEachGetTheirOwnProgressAndResult(t *testing.T) {
	useSim(t)
	scripts := map[string][]rassim.Step{
		"A": {{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: 20 * time.Millisecond}, {State: ras.Authenticate}},
		"B": {{State: ras.OpenPort, Delay: 10 * time.Millisecond}, {State: ras.PortOpened}, {State: ras.Authenticate, Delay: 10 * time.Millisecond}},
		"C": {{State: ras.OpenPort}, {State: ras.DeviceConnected, Delay: 5 * time.Millisecond}, {State: ras.Authenticate, Delay: 5 * time.Millisecond}},
	}
	for name, script := range scripts {
		e := officeEntry
		e.Name, e.Script = name, script
		addEntry(t, e)
	}
	type result struct {
		h   ras.Handle
		err error
		r   recorder
	}
	results := map[string]*result{}
	var wg sync.WaitGroup
	for name := range scripts {
		p := officeParams
		p.Entry = name
		if name == "C" {
			p.Password = "nope"
		}
		res := &result{}
		results[name] = res
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.h, res.err = ras.Dial(context.Background(), p, res.r.progress)
		}()
	}
	wg.Wait()
	for _, name := range []string{"A", "B"} {
		require.NoError(t, results[name].err, name)
		assert.Equal(t, states(scripts[name]), results[name].r.states(), name)
	}
	assert.NotEqual(t, results["A"].h, results["B"].h)
	assert.ErrorIs(t, results["C"].err, errBadLogon)
	assert.Equal(t, []ras.State{ras.OpenPort, ras.DeviceConnected, ras.Authenticate}, results["C"].r.states())
	require.NoError(t, ras.HangUp(context.Background(), results["A"].h))
	require.NoError(t, ras.HangUp(context.Background(), results["B"].h))
	requireNoOpenHandles(t)
}

func TestDialNegotiatesTheParametersSizeAndRemembersIt(t *testing.T) {
	useSim(t)
	for _, c := range []struct {
		profile rassim.Profile
		first   uint32 // RasDialW calls of the first dial: one per size refused, then the one taken
	}{{rassim.Win10, 1}, {rassim.Win7, 2}, {rassim.XP, 3}} {
		t.Run(c.profile.String(), func(t *testing.T) {
			rassim.RunProfile(t, c.profile, func(t *testing.T) {
				addEntry(t, officeEntry)
				for i, want := range []uint32{c.first, 1} {
					require.NoError(t, rassim.ResetCalls())
					h, err := ras.Dial(context.Background(), officeParams, nil)
					require.NoError(t, err, "dial %d", i)
					assert.Equal(t, want, rassim.Calls(rassim.DialEntry), "dial %d", i)
					require.NoError(t, ras.HangUp(context.Background(), h))
				}
				requireNoOpenHandles(t)
			})
		})
	}
}

func TestWatcherSeesADialledConnectionComeAndGo(t *testing.T) {
	for _, firesOnce := range []bool{false, true} {
		name := map[bool]string{false: "notifications", true: "registrations that fire once"}[firesOnce]
		t.Run(name, func(t *testing.T) {
			useSim(t)
			require.NoError(t, rassim.SetFiresOnce(firesOnce))
			addEntry(t, officeEntry)
			w, err := ras.NewWatcherRecheck(100 * time.Millisecond)
			require.NoError(t, err)
			defer w.Close()
			h, err := ras.Dial(context.Background(), officeParams, nil)
			require.NoError(t, err)
			e := nextEvent(t, w)
			assert.Equal(t, ras.OpConnected, e.Op)
			assert.Equal(t, h, e.Conn.Handle)
			assert.Equal(t, "Office VPN", e.Conn.Entry)
			require.NoError(t, ras.HangUp(context.Background(), h))
			e = nextEvent(t, w)
			assert.Equal(t, ras.OpDisconnected, e.Op)
			assert.Equal(t, h, e.Conn.Handle)
		})
	}
}

// nextEvent is next, but for a watcher that may say its notifications went quiet.
func nextEvent(t *testing.T, w *ras.Watcher) ras.Event {
	t.Helper()
	for {
		select {
		case e, ok := <-w.Events:
			require.True(t, ok, "Events closed")
			return e
		case err := <-w.Errors:
			require.True(t, errors.Is(err, ras.ErrNotifyMissed), "watcher error: %v", err)
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
		}
	}
}
