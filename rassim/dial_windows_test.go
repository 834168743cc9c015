//go:build windows

package rassim

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

var officeEntry = Entry{
	Name: "Office VPN", Phonebook: bookA, DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)",
	PhoneNumber: "vpn.example.com", EntryID: windows.GUID{Data1: 0x0FF1CE},
}

// connOf returns h's RASCONNW (the newest layout) as RasEnumConnectionsW lists it, or nil.
func connOf(t testing.TB, h ras.Handle) []byte {
	t.Helper()
	pr := probe(procEnumConnectionsW)
	if pr.rc == 0 {
		return nil
	}
	require.EqualValues(t, errBufferTooSmall, pr.rc)
	size := int(connW.newest())
	r := fill(procEnumConnectionsW, uint32(size), pr.cb, 0)
	require.EqualValues(t, 0, r.rc)
	for i := 0; i < int(r.count); i++ {
		if handleAt(r.buf, i*size+4) == h {
			return r.buf[i*size : (i+1)*size]
		}
	}
	return nil
}

// isListed reports whether RasEnumConnectionsW lists h; for hooks, which cannot fail a test.
func isListed(h ras.Handle) bool {
	var cb, n uint32
	if rasCall(procEnumConnectionsW, 0, ptr(&cb), ptr(&n)) != errBufferTooSmall {
		return false
	}
	r := fill(procEnumConnectionsW, connW.newest(), cb+connW.newest(), 0)
	for i := 0; r.rc == 0 && i < int(r.count); i++ {
		if handleAt(r.buf, i*int(connW.newest())+4) == h {
			return true
		}
	}
	return false
}

func TestDialLayoutsMatchTheDocumentedSizes(t *testing.T) {
	sizes := map[int][]uint32{8: {2096, 2108, 2112, 2120}, 4: {2096, 2104, 2108, 2112}}[ptrSize]
	assert.Equal(t, sizes, dialParamsSizes, "RASDIALPARAMSW 0x400, 0x401, 0x601, 0x602 (ras-facts.md)")
	assert.EqualValues(t, 2096, (dpDomain+2*16+3)&^3, "0x400 ends after szDomain")
	assert.Equal(t, map[int]int{8: 2108, 4: 2104}[ptrSize], dpIfIndex)
}

func TestDialSynchronouslyConnectsTheEntry(t *testing.T) {
	requireSim(t)
	addEntry(t, Entry{Name: "Office VPN", Phonebook: bookB, PhoneNumber: "other.example.com"})
	e := officeEntry
	e.AllUsers = true
	addEntry(t, e)
	params := newParams(dialParamsSizes[1], "office vpn")
	var h ras.Handle
	require.EqualValues(t, 0, dialW(nil, pbk(strings.ToUpper(bookA)), params, 0, 0, &h), "the book's path and the name in any case")
	require.NotZero(t, h)
	rc, state, dwError := statusOf(h)
	require.EqualValues(t, 0, rc)
	assert.EqualValues(t, rascsConnected, state)
	assert.Zero(t, dwError)
	_, b := status(procGetConnectStatusW, h, 608, 0)
	assert.Equal(t, "vpn.example.com", str(b, statusW.phone, 129, 2))

	c := connOf(t, h)
	require.NotNil(t, c, "listed")
	assert.Equal(t, "Office VPN", str(c, connW.entry, 257, 2), "the entry's own name")
	assert.Equal(t, "vpn", str(c, connW.devType, 17, 2))
	assert.Equal(t, "WAN Miniport (IKEv2)", str(c, connW.devName, 129, 2))
	assert.Equal(t, bookA, str(c, connW.phonebook, 260, 2))
	assert.Equal(t, e.EntryID, guidAt(c, connW.guid))
	assert.EqualValues(t, 1, u32(c, connW.flags), "RASCF_AllUsers from an All Users book")
	corr := guidAt(c, connW.corrGUID)
	assert.NotEqual(t, windows.GUID{}, corr, "a correlation ID of its own")

	putStr(params, dpPhone, "override.example.com")
	var h2 ras.Handle
	require.EqualValues(t, 0, dialW(nil, pbk(bookB), params, 0, 0, &h2), "the entry of that name in the other book")
	assert.NotEqual(t, h, h2)
	c = connOf(t, h2)
	require.NotNil(t, c)
	assert.Equal(t, bookB, str(c, connW.phonebook, 260, 2))
	assert.Zero(t, u32(c, connW.flags), "a user's book")
	assert.NotEqual(t, corr, guidAt(c, connW.corrGUID))
	_, b = status(procGetConnectStatusW, h2, 608, 0)
	assert.Equal(t, "override.example.com", str(b, statusW.phone, 129, 2), "RASDIALPARAMS.szPhoneNumber overrides the entry's")

	assert.Equal(t, 2, openHandles(t))
	hangUp(t, h)
	hangUp(t, h2)
	assert.Equal(t, 0, openHandles(t))
}

func TestDialWithoutAPhoneBookTakesTheFirstEntryOfThatName(t *testing.T) {
	requireSim(t)
	addEntry(t, Entry{Name: "Twice", Phonebook: bookB, PhoneNumber: "first"})
	addEntry(t, Entry{Name: "Twice", Phonebook: bookA, PhoneNumber: "second"})
	for _, book := range []*uint16{nil, pbk("")} {
		var h ras.Handle
		require.EqualValues(t, 0, dialW(nil, book, newParams(dialParamsSizes[0], "Twice"), 0, 0, &h))
		_, b := status(procGetConnectStatusW, h, 608, 0)
		assert.Equal(t, "first", str(b, statusW.phone, 129, 2))
		hangUp(t, h)
	}
}

func TestDialSynchronouslySleepsTheScriptsDelays(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort, Delay: 100 * time.Millisecond}, {State: ras.ConnectDevice, Delay: 100 * time.Millisecond},
		{State: ras.Authenticate}}
	e.ConnectDelay = 100 * time.Millisecond
	addEntry(t, e)
	start := time.Now()
	rc, h := dialSync(e.Name)
	require.EqualValues(t, 0, rc)
	assert.GreaterOrEqual(t, time.Since(start), 250*time.Millisecond, "three delays of 100ms")
	hangUp(t, h)
}

func TestDialAcceptsTheProfilesSizes(t *testing.T) {
	requireSim(t)
	other := map[int][]uint32{8: {2104, 2116}, 4: {2116, 2120}}[ptrSize] // the other architecture's
	bad := append([]uint32{0, 4, 2092, 2100, 2124, 2128}, other...)
	extOther := map[int][]uint32{8: {16, 28, 40, 72}, 4: {24, 44, 60}}[ptrSize] // 72: amd64 without packing
	for _, tc := range []struct {
		p            Profile
		params, exts int // how many of the sizes the profile takes
	}{{XP, 2, 2}, {Win7, 3, 3}, {Win10, 4, 3}} {
		require.NoError(t, Reset(tc.p))
		addEntry(t, officeEntry)
		for i, size := range dialParamsSizes {
			var h ras.Handle
			rc := dialW(nil, nil, newParams(size, officeEntry.Name), 0, 0, &h)
			if i < tc.params {
				require.EqualValues(t, 0, rc, "%v takes RASDIALPARAMSW of %d bytes", tc.p, size)
				hangUp(t, h)
			} else {
				assert.EqualValues(t, errInvalidSize, rc, "%v refuses RASDIALPARAMSW of %d bytes", tc.p, size)
				assert.Zero(t, h, "no handle")
			}
		}
		for _, size := range bad {
			var h ras.Handle
			assert.EqualValues(t, errInvalidSize, dialW(nil, nil, newParams(size, officeEntry.Name), 0, 0, &h), "%v: %d bytes", tc.p, size)
			assert.Zero(t, h)
		}
		for i, size := range dialExtensionsSizes {
			var h ras.Handle
			rc := dialW(newExtensions(size), nil, newParams(dialParamsSizes[0], officeEntry.Name), 0, 0, &h)
			if i < tc.exts {
				require.EqualValues(t, 0, rc, "%v takes RASDIALEXTENSIONS of %d bytes", tc.p, size)
				hangUp(t, h)
			} else {
				assert.EqualValues(t, errInvalidSize, rc, "%v refuses RASDIALEXTENSIONS of %d bytes", tc.p, size)
			}
		}
		for _, size := range append([]uint32{0, 4}, extOther...) {
			var h ras.Handle
			rc := dialW(newExtensions(size), nil, newParams(dialParamsSizes[0], officeEntry.Name), 0, 0, &h)
			assert.EqualValues(t, errInvalidSize, rc, "%v: RASDIALEXTENSIONS of %d bytes", tc.p, size)
			assert.Zero(t, h)
		}
		assert.Equal(t, 0, openHandles(t))
	}
}

func TestDialArgumentErrors(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	params := newParams(dialParamsSizes[1], officeEntry.Name)
	var h ras.Handle
	assert.EqualValues(t, errInvalidParameter, dialW(nil, nil, nil, 0, 0, &h), "NULL params")
	assert.EqualValues(t, errInvalidParameter, dialW(nil, nil, params, 0, 0, nil), "NULL lphRasConn")
	for _, typ := range []uint32{3, 0xFFFFFFFF} {
		assert.EqualValues(t, errInvalidParameter, dialW(nil, nil, params, typ, dialFunc, &h), "notifier type %#x", typ)
	}
	assert.Zero(t, h)

	h = 0x12345
	assert.EqualValues(t, errInvalidHandle, dialW(nil, nil, params, 0, 0, &h), "resuming a paused dial: none ever is")
	assert.EqualValues(t, 0x12345, h, "untouched")

	require.NoError(t, FailNth(DialEntry, 1, errRasmanInit))
	h = 0
	assert.EqualValues(t, errRasmanInit, dialW(nil, nil, params, 0, 0, &h), "an injected fault")
	assert.Zero(t, h, "no handle")
	assert.EqualValues(t, 6, Calls(DialEntry), "every call counts")
	assert.Equal(t, 0, openHandles(t))

	require.EqualValues(t, 0, dialW(nil, nil, params, 7, 0, &h), "no notifier: the type does not matter")
	hangUp(t, h)
}

func TestDialAnUnknownEntryGives623AndAHandleToHangUp(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	r := newRecorder(t)
	for _, tc := range []struct {
		book  *uint16
		entry string
	}{{nil, "Nowhere"}, {pbk(bookB), officeEntry.Name}, {pbk(""), ""}} {
		for _, typ := range []uint32{0, 1, 2} {
			rc, h := r.dial(tc.book, newParams(dialParamsSizes[1], tc.entry), typ)
			assert.EqualValues(t, errCannotFindEntry, rc, "%q", tc.entry)
			require.NotZero(t, h, "a handle even so")
			rc, state, dwError := statusOf(h)
			assert.EqualValues(t, 0, rc)
			assert.EqualValues(t, rascsOpenPort, state)
			assert.EqualValues(t, errCannotFindEntry, dwError)
			assert.Nil(t, connOf(t, h), "never listed")
			assert.Equal(t, 1, openHandles(t), "it leaks unless hung up")
			hangUp(t, h)
			assert.Equal(t, 0, openHandles(t))
		}
		assert.Empty(t, r.snapshot(), "no notification")
	}
}

func TestDialNotifiesEachTypeFromAThreadOfItsOwn(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	r := newRecorder(t)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	me := windows.GetCurrentThreadId()
	for typ := 0; typ < 3; typ++ {
		r.clear()
		rc, h := r.dial(nil, withCallbackID(newParams(dialParamsSizes[1], officeEntry.Name), 0xC0FFEE), uint32(typ))
		require.EqualValues(t, 0, rc)
		ns := r.wait(t, 9)
		assert.Equal(t, want(ras.OpenPort, ras.PortOpened, ras.ConnectDevice, ras.DeviceConnected, ras.AllDevicesConnected,
			ras.Authenticate, ras.AuthNotify, ras.Authenticated, ras.Connected), states(ns), "type %d: the default script", typ)
		for _, n := range ns {
			assert.Equal(t, typ, n.typ)
			assert.EqualValues(t, wmRasDialEvent, n.msg, "WM_RASDIALEVENT")
			assert.NotEqual(t, me, n.thread, "not the caller's thread")
			assert.Equal(t, ns[0].thread, n.thread, "one thread per dial")
			if typ > 0 {
				assert.Equal(t, h, n.h, "the handle RasDialW returns")
			}
			if typ == 2 {
				assert.EqualValues(t, 0xC0FFEE, n.id, "RASDIALPARAMS.dwCallbackId")
				assert.EqualValues(t, 1, n.subEntry, "the first link")
			}
		}
		hangUp(t, h)
		noDialsLeft(t)
	}

	r.clear()
	rc, h := r.dial(nil, newParams(dialParamsSizes[0], officeEntry.Name), 2)
	require.EqualValues(t, 0, rc)
	ns := r.wait(t, 9)
	assert.Zero(t, ns[0].id, "a 0x400 RASDIALPARAMSW has no dwCallbackId")
	hangUp(t, h)
}

func TestDialReportsTheScriptsStatesInOrderRepeatsIncluded(t *testing.T) {
	requireSim(t)
	e := officeEntry
	// A public IKEv2 log's order: repeats, Projected before Authenticated (ras-facts.md).
	e.Script = script(ras.OpenPort, ras.ConnectDevice, ras.AuthNotify, ras.Projected, ras.AuthNotify, ras.Authenticated,
		ras.ApplySettings, ras.State(0x1234))
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 1)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, want(ras.OpenPort, ras.ConnectDevice, ras.AuthNotify, ras.Projected, ras.AuthNotify, ras.Authenticated,
		ras.ApplySettings, ras.State(0x1234), ras.Connected), states(r.wait(t, 9)))
	hangUp(t, h)
}

func TestDialReportsAStateRepeatedBackToBackEachTime(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = script(ras.OpenPort, ras.AuthNotify, ras.AuthNotify, ras.AuthNotify, ras.Authenticated, ras.Authenticated)
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 2)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, want(ras.OpenPort, ras.AuthNotify, ras.AuthNotify, ras.AuthNotify, ras.Authenticated, ras.Authenticated,
		ras.Connected), states(r.wait(t, 7)))
	hangUp(t, h)
}

func TestDialCallsBackBeforeItReturns(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], officeEntry.Name), 1)
	require.EqualValues(t, 0, rc)
	for _, n := range r.snapshot() {
		assert.False(t, n.returned, "%v: the default script has no delay: all of it is told before RasDialW returns", n.state)
		assert.Equal(t, h, n.h, "with the handle the caller does not have yet")
	}
	assert.Len(t, r.snapshot(), 9, "connected too")
	hangUp(t, h)

	e := officeEntry
	e.Name = "Slow"
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.PortOpened}, {State: ras.ConnectDevice, Delay: 2 * time.Second}}
	addEntry(t, e)
	r.clear()
	rc, h = r.dial(nil, newParams(dialParamsSizes[1], e.Name), 2)
	require.EqualValues(t, 0, rc)
	ns := r.wait(t, 4)
	assert.Equal(t, want(ras.OpenPort, ras.PortOpened, ras.ConnectDevice, ras.Connected), states(ns))
	assert.Equal(t, []bool{false, false, true, true}, []bool{ns[0].returned, ns[1].returned, ns[2].returned, ns[3].returned},
		"the leading steps without a delay before RasDialW returns, the rest after")
	hangUp(t, h)
}

func TestDialWithWrongCredentialsFailsAtAuthenticateWith691(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.User, e.Password, e.Domain = "alice", "Secret", "CORP"
	addEntry(t, e)
	for _, creds := range [][3]string{
		{"alice", "secret", "CORP"}, // the password is exact
		{"bob", "Secret", "CORP"},
		{"alice", "Secret", "LAB"},
		{"alice", SavedPassword, "CORP"}, // not saved: the stand-in is no password
		{"", "", ""},
	} {
		rc, h := dialSync(e.Name, creds[:]...)
		assert.EqualValues(t, errAuthenticationFailure, rc, "%q", creds)
		require.NotZero(t, h, "a handle to hang up")
		rc, state, dwError := statusOf(h)
		assert.EqualValues(t, 0, rc)
		assert.EqualValues(t, rascsAuthenticate, state, "it failed there")
		assert.EqualValues(t, errAuthenticationFailure, dwError)
		assert.Nil(t, connOf(t, h))
		hangUp(t, h)
	}
	rc, h := dialSync(e.Name, "ALICE", "Secret", "corp")
	assert.EqualValues(t, 0, rc, "user and domain in any case")
	hangUp(t, h)

	r := newRecorder(t)
	rc, h = r.dial(nil, withCredentials(newParams(dialParamsSizes[1], e.Name), "alice", "wrong", "CORP"), 1)
	assert.EqualValues(t, 0, rc, "asynchronous: the error comes by the notifier")
	assert.Equal(t, want(ras.OpenPort, ras.PortOpened, ras.ConnectDevice, ras.DeviceConnected, ras.AllDevicesConnected,
		ras.Authenticate, "Authenticate:691"), states(r.wait(t, 7)))
	noDialsLeft(t)
	assert.Len(t, r.snapshot(), 7, "nothing after the error")
	assert.Equal(t, 1, openHandles(t))
	hangUp(t, h)
	assert.Equal(t, 0, openHandles(t))
}

func TestDialTakesTheSavedPasswordsStandIn(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.User, e.Password, e.Domain, e.Saved = "alice", "secret", "CORP", true
	addEntry(t, e)
	params := newParams(dialParamsSizes[2], e.Name)
	var saved uint32
	require.EqualValues(t, 0, getEntryDialParams(nil, params, &saved))
	require.EqualValues(t, 1, saved)
	var h ras.Handle
	require.EqualValues(t, 0, dialW(nil, nil, params, 0, 0, &h), "what RasGetEntryDialParamsW gave")
	hangUp(t, h)
	rc, h := dialSync(e.Name, "alice", "secret", "CORP")
	assert.EqualValues(t, 0, rc, "and the password itself")
	hangUp(t, h)
}

func TestDialChecksCredentialsBeforeConnectedWithoutAnAuthenticateStep(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.User, e.Password = "alice", "secret"
	e.Script = script(ras.OpenPort, ras.ConnectDevice, ras.Projected)
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 1)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, want(ras.OpenPort, ras.ConnectDevice, ras.Projected, "Projected:691"), states(r.wait(t, 4)))
	_, state, dwError := statusOf(h)
	assert.EqualValues(t, ras.Projected, state)
	assert.EqualValues(t, errAuthenticationFailure, dwError)
	hangUp(t, h)
}

func TestAScriptStepWithAnErrorFailsTheDialThere(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Err: 800, ExtendedErr: 13801}, {State: ras.Authenticate}}
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 2)
	require.EqualValues(t, 0, rc)
	ns := r.wait(t, 3)
	assert.Equal(t, want(ras.OpenPort, ras.ConnectDevice, "ConnectDevice:800"), states(ns), "the state, then its error")
	assert.EqualValues(t, 13801, ns[2].ext, "the extended error")
	assert.Zero(t, ns[1].ext)
	noDialsLeft(t)
	assert.Len(t, r.snapshot(), 3)
	rc, state, dwError := statusOf(h)
	assert.EqualValues(t, 0, rc, "the handle stays valid")
	assert.EqualValues(t, ras.ConnectDevice, state)
	assert.EqualValues(t, 800, dwError)
	assert.Nil(t, connOf(t, h))

	rc, h2 := dialSync(e.Name)
	assert.EqualValues(t, 800, rc, "synchronous: the error is RasDialW's answer")
	hangUp(t, h2)
	hangUp(t, h)
	assert.Equal(t, 0, openHandles(t))
}

func TestHangUpStopsADialMidway(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(2*time.Second))
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: time.Minute}, {State: ras.Authenticate}}
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 1)
	require.EqualValues(t, 0, rc)
	require.Equal(t, 1, dialsRunning(t), "waiting a minute for ConnectDevice")
	hangUp(t, h)
	rc, state, _ := statusOf(h)
	assert.EqualValues(t, 0, rc)
	assert.EqualValues(t, rascsDisconnected, state)
	noDialsLeft(t) // well before the minute
	assert.Equal(t, want(ras.OpenPort), states(r.snapshot()), "no notification after the hang-up")
	assert.Equal(t, 0, openHandles(t))
	assert.Eventually(t, func() bool { rc, _, _ := statusOf(h); return rc == errInvalidHandle }, 20*time.Second, 10*time.Millisecond,
		"gone after the linger")
}

func TestHangUpFromTheCallbackHappensWhenItReturns(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(time.Hour))
	addEntry(t, officeEntry)
	r := newRecorder(t)
	r.hook = func(n *notice) {
		if n.state == ras.ConnectDevice {
			rc := rasCall(procHangUpW, uintptr(n.h))
			_, state, _ := statusOf(n.h)
			n.note = fmt.Sprintf("RasHangUp %d, then %v", rc, ras.State(state))
		}
	}
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], officeEntry.Name), 1)
	require.EqualValues(t, 0, rc, "RasDialW returns after the leading steps, the hang-up among them")
	noDialsLeft(t)
	ns := r.snapshot()
	assert.Equal(t, want(ras.OpenPort, ras.PortOpened, ras.ConnectDevice), states(ns), "nothing after the callback that hung up")
	assert.Equal(t, "RasHangUp 0, then ConnectDevice", ns[2].note, "the dial is suspended while its callback runs")
	_, state, _ := statusOf(h)
	assert.EqualValues(t, rascsDisconnected, state, "hung up once the callback returned")
	assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpW, uintptr(h)), "already hung up")
	assert.Equal(t, 0, openHandles(t))
}

func TestRasDialFunc2ReturningZeroStopsTheNotificationsNotTheDial(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: 50 * time.Millisecond}, {State: ras.Authenticate}}
	addEntry(t, e)
	r := newRecorder(t)
	r.stop = func(n notice) bool { return n.state == ras.OpenPort }
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 2)
	require.EqualValues(t, 0, rc)
	require.Eventually(t, func() bool { _, state, _ := statusOf(h); return state == rascsConnected }, 20*time.Second,
		5*time.Millisecond, "the dial goes on")
	noDialsLeft(t)
	assert.Equal(t, want(ras.OpenPort), states(r.snapshot()))
	hangUp(t, h)
}

func TestDialAnEntryAlreadyConnectedReturnsItsHandleAndTakesAHangUpEach(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	added := add(t, Conn{Entry: strings.ToUpper(officeEntry.Name), Phonebook: strings.ToLower(officeEntry.Phonebook)})
	r := newRecorder(t)
	for typ := uint32(0); typ < 3; typ++ {
		rc, h := r.dial(nil, newParams(dialParamsSizes[1], officeEntry.Name), typ)
		require.EqualValues(t, 0, rc)
		assert.Equal(t, added, h, "the connection RasSimAdd made for the entry")
	}
	rc, h := dialSync(officeEntry.Name)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, added, h)
	assert.Equal(t, 5, openHandles(t), "Add's, and one for each RasDialW")
	for i := 0; i < 4; i++ {
		hangUp(t, added)
		_, state, _ := statusOf(added)
		assert.EqualValues(t, rascsConnected, state, "one reference less, still connected")
		assert.Equal(t, []ras.Handle{added}, listed(t))
	}
	hangUp(t, added)
	_, state, _ := statusOf(added)
	assert.EqualValues(t, rascsDisconnected, state, "the last hang-up ends it")
	assert.Equal(t, 0, openHandles(t))
	noDialsLeft(t)
	assert.Empty(t, r.snapshot(), "no notification at all: the caller learns it from RasGetConnectStatus")

	rc, h = dialSync(officeEntry.Name)
	require.EqualValues(t, 0, rc, "dialled anew")
	assert.NotEqual(t, added, h)
	rc, h2 := dialSync(officeEntry.Name)
	require.EqualValues(t, 0, rc)
	assert.Equal(t, h, h2, "a dialled connection is shared too")
	hangUp(t, h)
	assert.Equal(t, []ras.Handle{h}, listed(t))
	hangUp(t, h2)
	assert.Empty(t, listed(t))
}

func TestDialAnEntryBeingDialledGives756(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort, Delay: time.Minute}}
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 1)
	require.EqualValues(t, 0, rc)
	rc, h2 := dialSync(e.Name)
	assert.EqualValues(t, errDialAlreadyInProgress, rc)
	assert.Zero(t, h2)
	hangUp(t, h)
	noDialsLeft(t)
	assert.Empty(t, r.snapshot())
}

func TestADialledConnectionIsListedAndNotifiedBeforeItsConnectedCallback(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	ev := newEvent(t)
	register(t, invalidHandle, ev, rascnConnection)
	r := newRecorder(t)
	r.hook = func(n *notice) {
		w, _ := windows.WaitForSingleObject(ev, 0)
		n.note = fmt.Sprintf("listed %v, signalled %v", isListed(n.h), w == windows.WAIT_OBJECT_0)
	}
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], officeEntry.Name), 1)
	require.EqualValues(t, 0, rc)
	ns := r.wait(t, 9)
	for _, n := range ns[:8] {
		assert.Equal(t, "listed false, signalled false", n.note, n.state)
	}
	assert.Equal(t, "listed true, signalled true", ns[8].note, "at RASCS_Connected")
	assert.Equal(t, []ras.Handle{h}, listed(t))
	hangUp(t, h)
}

func TestADialSignalsRASCN_ConnectionToAnotherProcess(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	exe, err := os.Executable()
	require.NoError(t, err)
	var out io.Reader
	cmd, err := StartProcess(func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=waitconnection")
		pipe, err := cmd.StdoutPipe()
		require.NoError(t, err)
		out = pipe
		return cmd
	})
	require.NoError(t, err)
	line, err := bufio.NewReader(out).ReadString('\n')
	require.NoError(t, err)
	require.Equal(t, "registered\n", line)

	rc, h := dialSync(officeEntry.Name)
	require.EqualValues(t, 0, rc)
	assert.NoError(t, cmd.Wait(), "the other process was signalled")
	hangUp(t, h)
}

func TestADialWhoseProcessExitedStopsWhereItWasAndHoldsNoEntry(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: time.Minute}}
	addEntry(t, e)
	runChild(t, "dialandexit")
	assert.Equal(t, 1, openHandles(t), "the exited process's dial, never hung up: leaked")
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 1)
	assert.EqualValues(t, 0, rc, "not 756: nobody dials the entry any more")
	hangUp(t, h)
	assert.Equal(t, 1, openHandles(t))
}

func TestDropWhileDiallingFailsTheDial(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.ConnectDevice, Delay: time.Minute}}
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], e.Name), 1)
	require.EqualValues(t, 0, rc)
	require.NoError(t, Drop(h, errDisconnection))
	assert.Equal(t, want(ras.OpenPort, "Disconnected:628"), states(r.wait(t, 2)))
	noDialsLeft(t)
	hangUp(t, h)
}

func TestDialCopiesTheParamsAtTheCall(t *testing.T) {
	requireSim(t)
	e := officeEntry
	e.User, e.Password = "alice", "secret"
	e.Script = []Step{{State: ras.OpenPort}, {State: ras.Authenticate, Delay: 100 * time.Millisecond}}
	addEntry(t, e)
	r := newRecorder(t)
	params := withCredentials(withCallbackID(newParams(dialParamsSizes[1], e.Name), 42), "alice", "secret", "")
	rc, h := r.dial(nil, params, 2)
	require.EqualValues(t, 0, rc)
	for i := range params {
		params[i] = 0xEE // the caller may reuse or free them
	}
	ns := r.wait(t, 3)
	assert.Equal(t, want(ras.OpenPort, ras.Authenticate, ras.Connected), states(ns))
	assert.EqualValues(t, 42, ns[2].id)
	hangUp(t, h)
}

func TestLastSecretIsTheCallersDialParams(t *testing.T) {
	requireSim(t)
	addr, size, err := LastSecret(DialEntry)
	require.NoError(t, err)
	assert.Zero(t, addr, "none since the reset")
	assert.Zero(t, size)

	e := officeEntry
	e.User, e.Password = "alice", "secret"
	addEntry(t, e)
	params := withCredentials(newParams(dialParamsSizes[1], e.Name), "alice", "secret", "")
	rc, h := dialSync(e.Name, "alice", "wrong", "")
	require.EqualValues(t, errAuthenticationFailure, rc)
	hangUp(t, h)
	var h2 ras.Handle
	require.EqualValues(t, 0, dialW(nil, nil, params, 0, 0, &h2))
	addr, size, err = LastSecret(DialEntry)
	require.NoError(t, err)
	assert.Equal(t, uintptr(unsafe.Pointer(&params[0])), addr, "the caller's RASDIALPARAMSW, not a copy")
	assert.Equal(t, dialParamsSizes[1], size)
	runtime.KeepAlive(params)
	hangUp(t, h2)

	for _, f := range []Func{EnumConnections, GetEntryDialParams, Func(99)} {
		_, _, err := LastSecret(f)
		assert.ErrorIs(t, err, windows.ERROR_INVALID_PARAMETER, f)
	}
	require.NoError(t, Reset(Win7))
	addr, _, err = LastSecret(DialEntry)
	require.NoError(t, err)
	assert.Zero(t, addr, "Reset forgets it")
}

// threads counts this process's threads.
func threads(t testing.TB) int {
	t.Helper()
	snap, err := windows.CreateToolhelp32Snapshot(windows.TH32CS_SNAPTHREAD, 0)
	require.NoError(t, err)
	defer windows.CloseHandle(snap)
	te := windows.ThreadEntry32{Size: uint32(unsafe.Sizeof(windows.ThreadEntry32{}))}
	n := 0
	pid := windows.GetCurrentProcessId()
	for err = windows.Thread32First(snap, &te); err == nil; err = windows.Thread32Next(snap, &te) {
		if te.OwnerProcessID == pid {
			n++
		}
	}
	return n
}

func TestAThousandDialsLeaveNoHandlesNorThreads(t *testing.T) {
	requireSim(t)
	addEntry(t, officeEntry)
	e := officeEntry
	e.Name = "Wrong password"
	e.User, e.Password = "alice", "secret"
	addEntry(t, e)
	r := newRecorder(t)
	rc, h := r.dial(nil, newParams(dialParamsSizes[1], officeEntry.Name), 1) // the first dial pins the DLL, starts whatever it starts once
	require.EqualValues(t, 0, rc)
	hangUp(t, h)
	noDialsLeft(t)
	before := threads(t)
	n := 1000
	if testing.Short() {
		n = 100
	}
	for i := 0; i < n; i++ {
		entry := officeEntry.Name
		if i%3 == 0 {
			entry = e.Name
		}
		rc, h := r.dial(nil, newParams(dialParamsSizes[1], entry), uint32(i%3))
		require.NotZero(t, h, "dial %d: %d", i, rc)
		hangUp(t, h)
	}
	noDialsLeft(t)
	assert.Equal(t, 0, openHandles(t))
	// Slack for the threads the Go runtime starts meanwhile; a thread left per dial would be n.
	assert.LessOrEqual(t, threads(t), before+50, "%d dials, each on a thread of its own that ends with it", n)
}
