//go:build cgo

package ras_test

import (
	"context"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// useSim gives the test a fresh simulated RAS service of the Windows 7 profile, the newest
// Windows the library knows and the one it negotiates with in this process. The library keeps
// what it negotiated for the process, as on Windows: a test of another Windows, or one that
// makes it settle for an older layout, runs in a process of its own (rassim.RunProfile).
func useSim(t *testing.T) {
	t.Helper()
	ras.RequireBackend(t, "sim")
	require.True(t, rassim.Available(), "WINRAS_BACKEND=sim, but the loaded rasapi32.dll is not the simulator")
	require.NoError(t, rassim.Reset(rassim.Win7))
	t.Cleanup(func() { assert.NoError(t, rassim.Reset(rassim.Win7)) })
}

// Windows codes the tests inject and expect (winerror.h, raserror.h).
const (
	errInvalidData = windows.ERROR_INVALID_DATA // 13: an answer the shim refused
	errBufferSmall = windows.Errno(603)         // ERROR_BUFFER_TOO_SMALL
	errInvalidSize = windows.Errno(632)         // ERROR_INVALID_SIZE
)

func add(t *testing.T, c rassim.Conn) ras.Handle {
	t.Helper()
	h, err := rassim.Add(c)
	require.NoError(t, err)
	return h
}

var (
	entryID       = windows.GUID{Data1: 0x12345678, Data2: 0x9abc, Data3: 0xdef0, Data4: [8]byte{1, 2, 3, 4, 5, 6, 7, 8}}
	correlationID = windows.GUID{Data1: 0xcafe, Data2: 1, Data3: 2, Data4: [8]byte{8, 7, 6, 5, 4, 3, 2, 1}}
	logonID       = windows.LUID{LowPart: 0x3e7, HighPart: 1}
	officeVPN     = rassim.Conn{
		Entry: "Office VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
		Phonebook: `C:\ProgramData\Microsoft\Network\Connections\Pbk\rasphone.pbk`, SubEntry: 0,
		EntryID: entryID, CorrelationID: correlationID, Flags: ras.AllUsers | ras.GlobalCreds, LogonID: logonID,
		LocalEndpoint:  netip.MustParseAddr("192.0.2.10"),
		RemoteEndpoint: netip.MustParseAddr("2001:db8::1"),
		SubState:       ras.SubStateDormant,
	}
)

func TestConnectionsOnWindows7GivesEveryField(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, ras.Conn{
		Handle: h, Entry: "Office VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
		Phonebook: officeVPN.Phonebook, EntryID: entryID, Flags: ras.AllUsers | ras.GlobalCreds, LogonID: logonID,
		CorrelationID: correlationID, HasCorrelationID: true,
	}, conns[0])
}

func TestConnectionsOnXPHasNoCorrelationID(t *testing.T) {
	useSim(t)
	rassim.RunProfile(t, rassim.XP, func(t *testing.T) {
		add(t, officeVPN)
		conns, err := ras.Connections()
		require.NoError(t, err)
		require.Len(t, conns, 1)
		c := conns[0]
		assert.False(t, c.HasCorrelationID)
		assert.Equal(t, ras.GUID{}, c.CorrelationID)
		assert.Equal(t, entryID, c.EntryID, "XP has the 0x501 fields")
		assert.Equal(t, ras.AllUsers|ras.GlobalCreds, c.Flags)
		assert.Equal(t, logonID, c.LogonID)
	})
}

func TestStatusOnWindows7GivesEndpointsAndSubState(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Connected, st.State)
	assert.NoError(t, st.Err)
	assert.Equal(t, "vpn", st.DeviceType)
	assert.Equal(t, "WAN Miniport (IKEv2)", st.DeviceName)
	assert.Equal(t, netip.MustParseAddr("192.0.2.10"), st.LocalEndpoint)
	assert.Equal(t, netip.MustParseAddr("2001:db8::1"), st.RemoteEndpoint)
	assert.True(t, st.HasSubState)
	assert.Equal(t, ras.SubStateDormant, st.SubState)
}

func TestStatusOnXPHasNoEndpointsOrSubState(t *testing.T) {
	useSim(t)
	rassim.RunProfile(t, rassim.XP, func(t *testing.T) {
		h := add(t, rassim.Conn{Entry: "Dial-up", PhoneNumber: "5551234", DeviceType: "modem",
			LocalEndpoint: netip.MustParseAddr("192.0.2.10")})
		st, err := ras.Status(h)
		require.NoError(t, err)
		assert.Equal(t, ras.Connected, st.State)
		assert.Equal(t, "modem", st.DeviceType)
		assert.False(t, st.LocalEndpoint.IsValid())
		assert.False(t, st.HasSubState)
	})
}

func TestStatusEndpointOfTypeZeroIsNoAddress(t *testing.T) {
	useSim(t)
	h := add(t, rassim.Conn{Entry: "SSTP", DeviceType: "vpn"})
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.False(t, st.LocalEndpoint.IsValid())
	assert.False(t, st.RemoteEndpoint.IsValid())
}

func TestEntryLessConnectionReportsItsPhoneNumber(t *testing.T) {
	useSim(t)
	add(t, rassim.Conn{PhoneNumber: "5551234", DeviceType: "modem"})
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, "", conns[0].Entry)
	assert.Equal(t, "5551234", conns[0].PhoneNumber)
	assert.Equal(t, "5551234", conns[0].Name())
}

func TestUnterminatedEntryNameIsReadWholeAndNoFurther(t *testing.T) {
	useSim(t)
	// The simulator repeats the name until all 257 characters are filled, with no NUL.
	add(t, rassim.Conn{Entry: "0123456789", DeviceType: "vpn", DeviceName: "after the name", Unterminated: rassim.FieldEntry})
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, strings.Repeat("0123456789", 26)[:257], conns[0].Entry)
	assert.Equal(t, "vpn", conns[0].DeviceType)
}

func TestASurrogatePairCutByAFieldsEndReadsAsTheReplacementCharacter(t *testing.T) {
	useSim(t)
	// 17 units of "v🔒" repeated end with "v" and the pair's first half.
	h := add(t, rassim.Conn{Entry: "e", DeviceType: "v🔒", DeviceName: "n", Unterminated: rassim.FieldDeviceType})
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, strings.Repeat("v🔒", 5)+"v\uFFFD", conns[0].DeviceType)
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, strings.Repeat("v🔒", 5)+"v\uFFFD", st.DeviceType)
}

func TestConnectionsListsOnlyConnectedOnes(t *testing.T) {
	useSim(t)
	up := add(t, officeVPN)
	dialling, err := rassim.Dial(rassim.Conn{Entry: "Dialling"})
	require.NoError(t, err)
	conns, err := ras.Connections()
	require.NoError(t, err)
	require.Len(t, conns, 1)
	assert.Equal(t, up, conns[0].Handle)
	st, err := ras.Status(dialling)
	require.NoError(t, err)
	assert.Equal(t, ras.OpenPort, st.State)
}

func TestStatusNamesIntermediateAndUnknownStates(t *testing.T) {
	useSim(t)
	h, err := rassim.Dial(rassim.Conn{Entry: "Dialling"})
	require.NoError(t, err)
	for _, want := range []struct {
		state ras.State
		name  string
	}{{ras.Authenticate, "Authenticate"}, {ras.ApplySettings, "ApplySettings"}, {ras.PasswordExpired, "PasswordExpired"}, {0x3000, "State(0x3000)"}} {
		require.NoError(t, rassim.SetState(h, want.state))
		st, err := ras.Status(h)
		require.NoError(t, err)
		assert.Equal(t, want.state, st.State)
		assert.Equal(t, want.name, st.State.String())
	}
}

func TestSteadyStateConnectionsTakesOneCall(t *testing.T) {
	useSim(t)
	for i := range 16 {
		add(t, rassim.Conn{Entry: "VPN " + string(rune('A'+i)), DeviceType: "vpn"})
	}
	_, err := ras.Connections()
	require.NoError(t, err)
	require.NoError(t, rassim.ResetCalls())
	for range 10 {
		conns, err := ras.Connections()
		require.NoError(t, err)
		require.Len(t, conns, 16)
	}
	assert.Equal(t, uint32(10), rassim.Calls(rassim.EnumConnections))
}

func TestConnectionsThatAppearWhileListingAreListed(t *testing.T) {
	useSim(t)
	// In a process of its own: the first call must be too small, and the buffer the library keeps
	// from an earlier listing of more connections would not be.
	rassim.RunProfile(t, rassim.Win7, func(t *testing.T) {
		_, err := ras.Connections() // the library now expects few connections
		require.NoError(t, err)
		for range 6 {
			add(t, officeVPN)
		}
		require.NoError(t, rassim.AppearBetweenProbeAndFill(5))
		require.NoError(t, rassim.ResetCalls())
		conns, err := ras.Connections()
		require.NoError(t, err)
		assert.Len(t, conns, 11)
		assert.GreaterOrEqual(t, rassim.Calls(rassim.EnumConnections), uint32(2), "the first call was too small")
		want, err := rassim.Connections()
		require.NoError(t, err)
		got := make([]ras.Handle, len(conns))
		for i, c := range conns {
			got[i] = c.Handle
		}
		assert.Equal(t, want, got)
	})
}

func TestConnectionsGivesUpOnEndlessBufferTooSmall(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, uint32(errBufferSmall)))
	require.NoError(t, rassim.ResetCalls())
	_, err := ras.Connections()
	assert.ErrorIs(t, err, errBufferSmall)
	assert.ErrorContains(t, err, "RasEnumConnectionsW")
	assert.Equal(t, uint32(8), rassim.Calls(rassim.EnumConnections), "bounded")
}

func TestConnectionsFallsBackOneVersionAtATime(t *testing.T) {
	useSim(t)
	// In a process of its own: the library keeps the layout it falls back to for the process.
	rassim.RunProfile(t, rassim.Win7, func(t *testing.T) {
		add(t, officeVPN)
		// The simulated Windows 7 refuses the first size offered once: the next one must be the
		// 0x501 layout, not the oldest.
		require.NoError(t, rassim.FailNth(rassim.EnumConnections, 1, uint32(errInvalidSize)))
		conns, err := ras.Connections()
		require.NoError(t, err)
		require.Len(t, conns, 1)
		assert.False(t, conns[0].HasCorrelationID)
		assert.Equal(t, logonID, conns[0].LogonID)
	})
}

func TestConcurrentFirstCallsAgreeOnTheNewestSizeThisWindowsTakes(t *testing.T) {
	useSim(t)
	rassim.RunProfile(t, rassim.XP, func(t *testing.T) {
		add(t, officeVPN)
		// Every goroutine starts from nothing learned and is refused 1388 at once; none may step
		// down past 1372, the newest size XP takes, whatever the others learned meanwhile. The
		// service cost keeps the calls in flight together, as RPCs to the RAS service are.
		require.NoError(t, rassim.SetServiceCost(20*time.Millisecond))
		start := make(chan struct{})
		results := make(chan []ras.Conn, 8)
		errs := make(chan error, 8)
		for range 8 {
			go func() {
				<-start
				conns, err := ras.Connections()
				results <- conns
				errs <- err
			}()
		}
		close(start)
		for range 8 {
			require.NoError(t, <-errs)
			conns := <-results
			require.Len(t, conns, 1)
			assert.False(t, conns[0].HasCorrelationID)
			assert.Equal(t, ras.AllUsers|ras.GlobalCreds, conns[0].Flags, "the 0x501 fields")
			assert.Equal(t, logonID, conns[0].LogonID)
		}
		require.NoError(t, rassim.SetServiceCost(0))
		require.NoError(t, rassim.ResetCalls())
		_, err := ras.Connections()
		require.NoError(t, err)
		assert.Equal(t, uint32(1), rassim.Calls(rassim.EnumConnections), "the size that worked is remembered")
	})
}

func TestConnectionsOnAWindowsThatRefusesEverySizeNamesThem(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, uint32(errInvalidSize)))
	_, err := ras.Connections()
	assert.ErrorIs(t, err, errInvalidSize)
	assert.ErrorContains(t, err, "not supported")
	assert.ErrorContains(t, err, rasconnSizes)
}

func TestCallErrorsNameTheCallAndCarryRASText(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, 711))
	_, err := ras.Connections()
	var e *ras.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "RasEnumConnectionsW", e.Call)
	assert.Equal(t, windows.Errno(711), e.Code)
	assert.Contains(t, e.Message, "configuration error", "RasGetErrorStringW's text for 711")
}

func TestConnectionErrorIsKeptApartFromTheCallError(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.Drop(h, 628))
	st, err := ras.Status(h)
	require.NoError(t, err, "the status call worked")
	assert.Equal(t, ras.Disconnected, st.State)
	var e *ras.Error
	require.ErrorAs(t, st.Err, &e, "the connection failed")
	assert.Equal(t, windows.Errno(628), e.Code)
	assert.NotEmpty(t, e.Message)

	_, err = ras.Status(0xdead0000)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_HANDLE)
	assert.ErrorIs(t, err, ras.ErrConnectionGone)
}

func TestHangUpWaitsUntilTheHandleIsInvalid(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(200*time.Millisecond))
	h := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), h))
	_, err := ras.Status(h)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_HANDLE, "HangUp returned before the status call gave 6")
	conns, err := ras.Connections()
	require.NoError(t, err)
	assert.Empty(t, conns)
}

func TestHangUpOfAGoneHandleIsErrConnectionGone(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	h := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), h))
	err := ras.HangUp(context.Background(), h)
	assert.ErrorIs(t, err, ras.ErrConnectionGone)
	assert.ErrorContains(t, err, "RasHangUpW")
	assert.ErrorIs(t, ras.HangUp(context.Background(), 0x7777), ras.ErrConnectionGone)
}

func TestHangUpOfALinkHandleHangsUpThatLinkAndWaitsUntilItIsDown(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(300*time.Millisecond))
	h := add(t, officeVPN)
	require.NoError(t, rassim.AddLink(h))
	links, err := ras.Links(h)
	require.NoError(t, err)
	require.Len(t, links, 2)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	require.NoError(t, ras.HangUp(ctx, links[1].Handle), "a link that went down is no timeout")
	assert.NoError(t, ctx.Err(), "seen when the link went, not at the deadline")

	st, err := ras.Status(links[1].Handle)
	require.NoError(t, err, "the status call still answers for the link, as Microsoft warns")
	assert.Equal(t, ras.Connected, st.State)
	links, err = ras.Links(h)
	require.NoError(t, err)
	assert.False(t, links[1].Connected, "HangUp returned once the link was down")
	assert.True(t, links[0].Connected, "that link only")
	st, err = ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Connected, st.State, "the connection stays")
}

func TestHangUpWithACancelledContextLeavesTheConnection(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	assert.ErrorIs(t, ras.HangUp(ctx, h), context.Canceled)
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Connected, st.State)
}

func TestNotifyRegistersTheRawCall(t *testing.T) {
	useSim(t)
	ev, err := windows.CreateEvent(nil, 0, 0, nil)
	require.NoError(t, err)
	defer windows.CloseHandle(ev)
	require.NoError(t, ras.Notify(ras.AllConnections, ev, ras.NotifyConnection))
	h := add(t, officeVPN)
	got, err := windows.WaitForSingleObject(ev, 5000)
	require.NoError(t, err)
	assert.Equal(t, uint32(windows.WAIT_OBJECT_0), got)

	err = ras.Notify(h, ev, ras.NotifyConnection)
	assert.ErrorIs(t, err, windows.ERROR_INVALID_PARAMETER, "connection events need AllConnections")
	assert.ErrorContains(t, err, "RasConnectionNotificationW")
}

func next(t *testing.T, w *ras.Watcher) ras.Event {
	t.Helper()
	select {
	case e, ok := <-w.Events:
		require.True(t, ok, "Events closed")
		return e
	case err := <-w.Errors:
		t.Fatalf("watcher error: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("no event")
	}
	return ras.Event{}
}

func TestWatcherSeesTwoConnectionsChangingAtOnce(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	w, err := ras.NewWatcherRecheck(time.Hour) // notifications alone
	require.NoError(t, err)
	defer w.Close()
	require.False(t, w.Polling())

	a := add(t, rassim.Conn{Entry: "A", DeviceType: "vpn"})
	b := add(t, rassim.Conn{Entry: "B", DeviceType: "vpn"})
	e1, e2 := next(t, w), next(t, w)
	assert.Equal(t, []ras.Op{ras.OpConnected, ras.OpConnected}, []ras.Op{e1.Op, e2.Op})
	assert.Equal(t, []ras.Handle{a, b}, []ras.Handle{e1.Conn.Handle, e2.Conn.Handle})
	assert.Equal(t, "A", e1.Conn.Entry)

	require.NoError(t, rassim.Drop(a, 628))
	require.NoError(t, rassim.Drop(b, 628))
	e3, e4 := next(t, w), next(t, w)
	assert.Equal(t, []ras.Op{ras.OpDisconnected, ras.OpDisconnected}, []ras.Op{e3.Op, e4.Op})
	assert.ElementsMatch(t, []ras.Handle{a, b}, []ras.Handle{e3.Conn.Handle, e4.Conn.Handle})
}

func TestWatcherDisconnectionCarriesTheDropsError(t *testing.T) {
	useSim(t)
	w, err := ras.NewWatcherRecheck(time.Hour)
	require.NoError(t, err)
	defer w.Close()
	h := add(t, rassim.Conn{Entry: "A", DeviceType: "vpn"})
	require.Equal(t, ras.OpConnected, next(t, w).Op)
	require.NoError(t, rassim.Drop(h, 628)) // ERROR_REMOTE_DISCONNECTION; the handle stays valid
	e := next(t, w)
	assert.Equal(t, ras.OpDisconnected, e.Op)
	assert.ErrorIs(t, e.Err, windows.Errno(628))
	assert.NotErrorIs(t, e.Err, ras.ErrConnectionGone)
	require.NoError(t, ras.HangUp(context.Background(), h))

	h = add(t, rassim.Conn{Entry: "B", DeviceType: "vpn"})
	require.Equal(t, ras.OpConnected, next(t, w).Op)
	require.NoError(t, ras.HangUp(context.Background(), h))
	e = next(t, w)
	assert.Equal(t, ras.OpDisconnected, e.Op)
	assert.NoError(t, e.Err, "a hang-up is no drop")
}

func TestWatcherStartsWhileTheRASServiceIsDown(t *testing.T) {
	useSim(t)
	a := add(t, rassim.Conn{Entry: "A", DeviceType: "vpn"})
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, 711))
	w, err := ras.NewWatcherRecheck(20 * time.Millisecond)
	require.NoError(t, err)
	defer w.Close()
	select {
	case err := <-w.Errors:
		assert.ErrorIs(t, err, windows.Errno(711))
	case <-time.After(10 * time.Second):
		t.Fatal("no error while RAS cannot list")
	}
	require.NoError(t, rassim.ClearFaults())
	// The first listing that works is the baseline: A is in it; B comes after.
	for {
		calls := rassim.Calls(rassim.EnumConnections)
		time.Sleep(50 * time.Millisecond)
		if rassim.Calls(rassim.EnumConnections) > calls+1 {
			break
		}
	}
	b := add(t, rassim.Conn{Entry: "B", DeviceType: "vpn"})
	for {
		select {
		case e := <-w.Events:
			assert.Equal(t, ras.OpConnected, e.Op)
			assert.Equal(t, b, e.Conn.Handle, "A (%v) was in the baseline", a)
			return
		case err := <-w.Errors:
			assert.ErrorIs(t, err, windows.Errno(711), "only the failures while RAS was down")
		case <-time.After(10 * time.Second):
			t.Fatal("no event")
		}
	}
}

func TestWatcherStaysCorrectWhenTheRegistrationFiresOnce(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetFiresOnce(true))
	w, err := ras.NewWatcherRecheck(100 * time.Millisecond)
	require.NoError(t, err)
	defer w.Close()
	a := add(t, rassim.Conn{Entry: "A"})
	assert.Equal(t, ras.Event{Op: ras.OpConnected, Conn: ras.Conn{Handle: a, Entry: "A", HasCorrelationID: true}}, next(t, w))
	b := add(t, rassim.Conn{Entry: "B"}) // the registration is spent: only the re-check sees it
	assert.Equal(t, ras.Event{Op: ras.OpConnected, Conn: ras.Conn{Handle: b, Entry: "B", HasCorrelationID: true}}, next(t, w))
	select {
	case err := <-w.Errors:
		assert.ErrorIs(t, err, ras.ErrNotifyMissed, "and it says that notifications went quiet")
	case <-time.After(10 * time.Second):
		t.Fatal("no word that notifications went quiet")
	}
}

func TestWatcherFallsBackWhenRegistrationFails(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.FailAlways(rassim.ConnectionNotification, uint32(windows.ERROR_INVALID_FUNCTION)))
	w, err := ras.NewWatcherRecheck(20 * time.Millisecond)
	require.NoError(t, err)
	defer w.Close()
	assert.True(t, w.Polling())
	fell := <-w.Errors
	assert.ErrorIs(t, fell, ras.ErrNotifyUnavailable)
	assert.ErrorIs(t, fell, windows.ERROR_INVALID_FUNCTION)
	a := add(t, rassim.Conn{Entry: "A"})
	e, ok := <-w.Events
	require.True(t, ok)
	assert.Equal(t, ras.Event{Op: ras.OpConnected, Conn: ras.Conn{Handle: a, Entry: "A", HasCorrelationID: true}}, e)
}

func TestWatcherCloseWithAReaderThatStoppedReading(t *testing.T) {
	useSim(t)
	w, err := ras.NewWatcherRecheck(time.Hour)
	require.NoError(t, err)
	for range 3 {
		add(t, officeVPN)
	}
	time.Sleep(100 * time.Millisecond) // the loop is now blocked on the unread first event
	done := make(chan error)
	go func() { done <- w.Close() }()
	select {
	case err := <-done:
		assert.NoError(t, err)
	case <-time.After(5 * time.Second):
		t.Fatal("Close blocked")
	}
	assert.NoError(t, w.Close())
	for range w.Events {
	}
}
