//go:build windows

package rassim

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
)

func TestReuseHandleGivesTheNextConnectionAGoneHandle(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	old := add(t, Conn{Entry: "old"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(old)))
	rc, _ := stateOf(old)
	require.EqualValues(t, errInvalidHandle, rc, "gone")

	require.NoError(t, ReuseHandle(old))
	h := dialConn(t, Conn{Entry: "new"})
	assert.Equal(t, old, h, "the next connection takes the value")
	rc, state := stateOf(h)
	assert.EqualValues(t, 0, rc)
	assert.EqualValues(t, rascsOpenPort, state, "a new connection, dialling")
	require.NoError(t, Connect(h))
	assert.Equal(t, []ras.Handle{h}, listed(t))
	r := fill(procEnumConnectionsW, connW.newest(), connW.newest(), 0)
	require.EqualValues(t, 0, r.rc)
	assert.Equal(t, "new", str(r.buf, connW.entry, 257, 2))

	assert.NotEqual(t, old, add(t, Conn{Entry: "after"}), "only the next connection")
}

func TestReuseHandleTakesAHandlePastItsLingerOrFromBeforeAReset(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(20*time.Millisecond))
	h := add(t, Conn{Entry: "vpn"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.ErrorIs(t, ReuseHandle(h), windows.ERROR_INVALID_PARAMETER, "still lingering")
	require.Eventually(t, func() bool { rc, _ := stateOf(h); return rc == errInvalidHandle }, 5*time.Second, time.Millisecond)
	require.NoError(t, ReuseHandle(h), "past its linger")
	assert.Equal(t, h, add(t, Conn{Entry: "again"}), "Add takes it as Dial does")

	require.NoError(t, Reset(Win7))
	require.NoError(t, ReuseHandle(h), "freed by the reset")
	assert.Equal(t, h, add(t, Conn{Entry: "after the reset"}))
}

func TestReuseHandleRefusesHandlesStillValidAndValuesNeverIssued(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(time.Hour))
	valid := map[string]ras.Handle{"listed": add(t, Conn{Entry: "listed"}), "dialling": dialConn(t, Conn{Entry: "dialling"})}
	valid["dropped, not hung up"] = add(t, Conn{Entry: "dropped"})
	require.NoError(t, Drop(valid["dropped, not hung up"], errDisconnection))
	valid["lingering"] = add(t, Conn{Entry: "lingering"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(valid["lingering"])))
	var err error
	valid["a sub-entry"], err = SubEntryHandle(valid["listed"], 1)
	require.NoError(t, err)
	valid["a sub-entry, hung up"], err = SubEntryHandle(valid["listed"], 2)
	require.NoError(t, err)
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(valid["a sub-entry, hung up"])))
	for name, h := range valid {
		assert.ErrorIs(t, ReuseHandle(h), windows.ERROR_INVALID_PARAMETER, name)
	}
	never := []ras.Handle{0, 1, invalidHandle, 0x12345, valid["listed"] ^ 1}
	for _, h := range never {
		assert.ErrorIs(t, ReuseHandle(h), windows.ERROR_INVALID_PARAMETER, "never issued: %v", h)
	}
	fresh := add(t, Conn{Entry: "fresh"})
	for _, h := range append(never, valid["listed"]) {
		assert.NotEqual(t, h, fresh, "a refused value is not taken")
	}

	require.NoError(t, Reset(Win7))
	for name, h := range valid {
		assert.NoError(t, ReuseHandle(h), "%s, gone since the reset", name)
	}
}

func TestReusedHandleIsANewConnectionWithoutTheOldOnesRegistrationsAndSubEntries(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	old := add(t, Conn{Entry: "old"})
	sub, err := SubEntryHandle(old, 1)
	require.NoError(t, err)
	ev := newEvent(t)
	register(t, old, ev, rascnDisconnection)
	require.NoError(t, Drop(old, errDisconnection))
	require.True(t, signalled(ev, 5*time.Second))
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(old)))

	require.NoError(t, ReuseHandle(old))
	n, err := Registrations()
	require.NoError(t, err)
	assert.Zero(t, n, "the old connection's registration ended with it")
	h := add(t, Conn{Entry: "new"})
	require.Equal(t, old, h)

	rc, state := stateOf(sub)
	assert.EqualValues(t, 0, rc, "a sub-entry handle stays valid")
	assert.EqualValues(t, rascsDisconnected, state, "and stays the old connection's")
	var newSub ras.Handle
	require.EqualValues(t, 0, rasCall(procSubEntryHandleW, uintptr(h), 1, ptr(&newSub)))
	assert.NotEqual(t, sub, newSub, "the new connection's sub-entry has a handle of its own")

	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	assert.False(t, signalled(ev, quiet), "the old registration does not fire for the new connection")
}

func TestHandlesAreFoundWhateverSlotTheyLiveIn(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	// Reset starts allocating from the first slot again, where a handle from before it lived:
	// the reused value then lives in another slot, beside a connection in its own.
	before := add(t, Conn{Entry: "before"})
	require.NoError(t, Reset(Win7))
	require.NoError(t, SetLinger(0))
	first := add(t, Conn{Entry: "first"})
	require.NoError(t, ReuseHandle(before))
	reused := add(t, Conn{Entry: "reused"})
	require.Equal(t, before, reused)
	for _, h := range []ras.Handle{first, reused} {
		rc, state := stateOf(h)
		assert.EqualValues(t, 0, rc)
		assert.EqualValues(t, rascsConnected, state)
	}
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(first)))
	rc, _ := stateOf(reused)
	assert.EqualValues(t, 0, rc, "freeing one slot leaves the other connection found")
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(reused)))
	rc, _ = stateOf(reused)
	assert.EqualValues(t, errInvalidHandle, rc)
	assert.Empty(t, listed(t))
}

func TestGoneCodeCanBeNoConnection(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(20*time.Millisecond))
	require.NoError(t, SetGoneCode(errNoConnection))
	h := add(t, Conn{Entry: "vpn"})
	require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
	rc, state := stateOf(h)
	assert.EqualValues(t, 0, rc, "lingering: still known")
	assert.EqualValues(t, rascsDisconnected, state)
	assert.EqualValues(t, errNoConnection, rasCall(procHangUpW, uintptr(h)), "hung up again: already gone")
	assert.Eventually(t, func() bool { rc, _ := stateOf(h); return rc == errNoConnection }, 5*time.Second, time.Millisecond,
		"gone after its linger")
	assert.EqualValues(t, errNoConnection, rasCall(procHangUpW, uintptr(h)))
	assert.EqualValues(t, errNoConnection, rasCall(procHangUpA, uintptr(h)))
	rc, _ = status(procGetConnectStatusA, h, statusA.sizes[2], 0)
	assert.EqualValues(t, errNoConnection, rc)
	for _, never := range []ras.Handle{0x12345, invalidHandle} {
		rc, _ = stateOf(never)
		assert.EqualValues(t, errNoConnection, rc, "never existed: %v", never)
		assert.EqualValues(t, errNoConnection, rasCall(procHangUpW, uintptr(never)))
	}
	rc, _ = stateOf(0)
	assert.EqualValues(t, errInvalidHandle, rc, "a NULL handle is no connection's")
	assert.EqualValues(t, errInvalidHandle, rasCall(procHangUpW, 0))
	stats := make([]uint32, 15)
	stats[0] = 60
	assert.EqualValues(t, errInvalidHandle, rasCall(procStatistics, uintptr(h), ptr(&stats[0])), "other calls keep 6")

	require.NoError(t, SetGoneCode(errInvalidHandle))
	rc, _ = stateOf(h)
	assert.EqualValues(t, errInvalidHandle, rc)
	for _, code := range []uint32{0, 1, errInvalidParameter, 603} {
		assert.ErrorIs(t, SetGoneCode(code), windows.ERROR_INVALID_PARAMETER, "code %d", code)
	}
	rc, _ = stateOf(h)
	assert.EqualValues(t, errInvalidHandle, rc, "a refused code changes nothing")
}

func TestHandlesSharingABucketAreEachFoundAndFreed(t *testing.T) {
	requireSim(t)
	require.NoError(t, SetLinger(0))
	// The DLL finds a handle by its low 11 bits; make connections until one shares them.
	const bucketMask = 1<<11 - 1
	for _, freeFirst := range []bool{true, false} {
		a := add(t, Conn{Entry: "a"})
		var b ras.Handle
		for i := 0; i < 4096 && b == 0; i++ {
			h := add(t, Conn{Entry: "b"})
			if h&bucketMask == a&bucketMask {
				b = h
				break
			}
			require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(h)))
		}
		require.NotZero(t, b, "no handle shared a's bucket")
		gone, kept := a, b
		if !freeFirst {
			gone, kept = b, a
		}
		for _, h := range []ras.Handle{a, b} {
			rc, _ := stateOf(h)
			require.EqualValues(t, 0, rc)
		}
		require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(gone)))
		rc, _ := stateOf(gone)
		assert.EqualValues(t, errInvalidHandle, rc)
		// Round all the slots once, so that gone's slot holds a connection of another bucket.
		for i := 0; i < 2100; i++ {
			require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(add(t, Conn{Entry: "churn"}))))
		}
		rc, state := stateOf(kept)
		assert.EqualValues(t, 0, rc, "the other one of the bucket is still found")
		assert.EqualValues(t, rascsConnected, state)
		require.EqualValues(t, 0, rasCall(procHangUpW, uintptr(kept)))
		rc, _ = stateOf(kept)
		assert.EqualValues(t, errInvalidHandle, rc)
	}
}
