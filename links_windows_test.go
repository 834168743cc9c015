//go:build cgo

package ras_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

func TestLinksListsEveryLinkOfAMultilinkConnection(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.AddLink(h))
	require.NoError(t, rassim.AddLink(h))
	require.NoError(t, rassim.RemoveLink(h))
	one, err := rassim.SubEntryHandle(h, 1)
	require.NoError(t, err)
	two, err := rassim.SubEntryHandle(h, 2)
	require.NoError(t, err)

	links, err := ras.Links(h)
	require.NoError(t, err)
	assert.Equal(t, []ras.Link{
		{Number: 1, Connected: true, Handle: one},
		{Number: 2, Connected: true, Handle: two},
		{Number: 3}, // down: 618
	}, links)
}

func TestLinksOfASingleLinkConnectionIsItsOneLink(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	links, err := ras.Links(h)
	require.NoError(t, err)
	require.Len(t, links, 1)
	assert.Equal(t, uint32(1), links[0].Number)
	assert.True(t, links[0].Connected)
	assert.NotZero(t, links[0].Handle)
	assert.NotEqual(t, h, links[0].Handle, "the link's own handle")
}

func TestLinksOfAGoneConnectionIsErrConnectionGone(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	h := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), h))
	for _, gone := range []ras.Handle{h, 0x7777} {
		_, err := ras.Links(gone)
		assert.ErrorIs(t, err, ras.ErrConnectionGone)
		assert.ErrorIs(t, err, windows.ERROR_INVALID_HANDLE)
		assert.ErrorContains(t, err, "RasGetSubEntryHandleW")
	}
}

func TestHangUpLinkReturnsWhenTheLinkIsDownAndLeavesTheConnection(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(300*time.Millisecond))
	h := add(t, officeVPN)
	require.NoError(t, rassim.AddLink(h))
	two, err := rassim.SubEntryHandle(h, 2)
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()

	require.NoError(t, ras.HangUpLink(ctx, h, 2))
	assert.NoError(t, ctx.Err(), "seen when the link went, not at the deadline")
	links, err := ras.Links(h)
	require.NoError(t, err)
	assert.Equal(t, []bool{true, false}, []bool{links[0].Connected, links[1].Connected},
		"link 2 only, and down when HangUpLink returned")
	st, err := ras.Status(h)
	require.NoError(t, err)
	assert.Equal(t, ras.Connected, st.State, "the connection stays")
	_, err = ras.Status(two)
	assert.NoError(t, err, "the link's own handle still answers the status call: no way to see the end")
}

func TestHangUpLinkTimesOutOnlyWhileTheLinkStays(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(time.Hour))
	h := add(t, officeVPN)
	require.NoError(t, rassim.AddLink(h))
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	err := ras.HangUpLink(ctx, h, 2)
	assert.ErrorIs(t, err, ras.ErrHangUpTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, "RasGetSubEntryHandleW still reported link 2 of "+h.String())
}

func TestHangUpLinkOfALinkNotConnectedHangsUpNothing(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.AddLink(h))
	require.NoError(t, rassim.RemoveLink(h))
	require.NoError(t, rassim.ResetCalls())
	err := ras.HangUpLink(context.Background(), h, 2)
	assert.ErrorIs(t, err, ras.ErrLinkNotConnected)
	assert.ErrorIs(t, err, windows.Errno(618))
	assert.Zero(t, rassim.Calls(rassim.HangUp))

	err = ras.HangUpLink(context.Background(), h, 3)
	assert.ErrorIs(t, err, windows.ERROR_NO_MORE_ITEMS, "no such link")
	assert.ErrorIs(t, ras.HangUpLink(context.Background(), 0x7777, 1), ras.ErrConnectionGone)
}

// watchMultilink adds a connection of two links and one of one link (named other), with no
// linger, and then starts a Watcher that works by notifications alone.
func watchMultilink(t *testing.T, other string) (multi, single ras.Handle, w *ras.Watcher) {
	t.Helper()
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	multi = add(t, officeVPN)
	require.NoError(t, rassim.AddLink(multi))
	single = add(t, rassim.Conn{Entry: other, DeviceType: "vpn"})
	w, err := ras.NewWatcherRecheck(time.Hour)
	require.NoError(t, err)
	t.Cleanup(func() { w.Close() })
	return multi, single, w
}

func TestWatcherReportsLinksAddedAndRemovedWithTheirNumbers(t *testing.T) {
	multi, single, w := watchMultilink(t, "Single")

	require.NoError(t, rassim.AddLink(multi))
	e := next(t, w)
	assert.Equal(t, ras.OpLinkAdded, e.Op)
	assert.Equal(t, uint32(3), e.Link)
	assert.Equal(t, multi, e.Conn.Handle)

	require.NoError(t, ras.HangUpLink(context.Background(), multi, 2))
	e = next(t, w)
	assert.Equal(t, []any{ras.OpLinkRemoved, uint32(2), multi}, []any{e.Op, e.Link, e.Conn.Handle})
	require.NoError(t, rassim.RemoveLink(multi))
	e = next(t, w)
	assert.Equal(t, []any{ras.OpLinkRemoved, uint32(3), multi}, []any{e.Op, e.Link, e.Conn.Handle})

	require.NoError(t, ras.HangUp(context.Background(), single))
	e = next(t, w)
	assert.Equal(t, []any{ras.OpDisconnected, uint32(0), single}, []any{e.Op, e.Link, e.Conn.Handle},
		"no link events for a connection with one link")

	n, err := rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "every connection, and the one multilink connection's bandwidth")
	again, err := ras.NewWatcherRecheck(time.Hour)
	require.NoError(t, err)
	require.NoError(t, again.Close())
	n, err = rassim.Registrations()
	require.NoError(t, err)
	assert.Equal(t, 2, n, "one per connection per process, whatever the Watchers")
}

func TestWatcherReportsALinkChangeInOrderWithTheConnectionsEvents(t *testing.T) {
	multi, ending, w := watchMultilink(t, "Ending")
	require.NoError(t, rassim.SetNotifyDelay(500*time.Millisecond)) // the three changes, one re-listing

	other := add(t, rassim.Conn{Entry: "Other", DeviceType: "vpn"})
	require.NoError(t, rassim.RemoveLink(multi))
	require.NoError(t, rassim.Drop(ending, 0))
	var got [][]any
	for range 3 {
		e := next(t, w)
		got = append(got, []any{e.Op, e.Conn.Handle, e.Link})
	}
	assert.Equal(t, [][]any{
		{ras.OpDisconnected, ending, uint32(0)},
		{ras.OpLinkRemoved, multi, uint32(2)},
		{ras.OpConnected, other, uint32(0)},
	}, got, "disconnections, links, connections")
}
