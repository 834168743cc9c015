//go:build cgo

package ras_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

func TestEveryCallReportsInjectedFaultsByNameAndCode(t *testing.T) {
	calls := []struct {
		f    rassim.Func
		name string
		call func(h ras.Handle) error
	}{
		{rassim.EnumConnections, "RasEnumConnectionsW", func(ras.Handle) error { _, err := ras.Connections(); return err }},
		{rassim.GetConnectStatus, "RasGetConnectStatusW", func(h ras.Handle) error { _, err := ras.Status(h); return err }},
		{rassim.HangUp, "RasHangUpW", func(h ras.Handle) error { return ras.HangUp(context.Background(), h) }},
		{rassim.ConnectionNotification, "RasConnectionNotificationW", func(h ras.Handle) error {
			ev, err := windows.CreateEvent(nil, 0, 0, nil)
			require.NoError(t, err)
			defer windows.CloseHandle(ev)
			return ras.Notify(h, ev, ras.NotifyDisconnection)
		}},
	}
	codes := []windows.Errno{
		windows.ERROR_INVALID_PARAMETER, // 87
		635,                             // ERROR_UNKNOWN
		711,                             // ERROR_RASMAN_CANNOT_INITIALIZE: the RAS service is not running
	}
	for _, c := range calls {
		for _, code := range codes {
			t.Run(fmt.Sprintf("%s/%d", c.name, code), func(t *testing.T) {
				useSim(t)
				h := add(t, officeVPN)
				require.NoError(t, rassim.FailAlways(c.f, uint32(code)))
				err := c.call(h)
				var e *ras.Error
				require.ErrorAs(t, err, &e)
				assert.Equal(t, c.name, e.Call)
				assert.ErrorIs(t, err, code)
				assert.NotEmpty(t, e.Message)
				assert.Contains(t, err.Error(), fmt.Sprintf("%s: error %d", c.name, code))
			})
		}
	}
}

func TestBadHandlesGiveErrorsCallersCanTest(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	stale := add(t, officeVPN)
	require.NoError(t, ras.HangUp(context.Background(), stale))
	for _, h := range []ras.Handle{0, stale, 0x5eed0000, ras.AllConnections} {
		_, err := ras.Status(h)
		assert.ErrorIs(t, err, windows.ERROR_INVALID_HANDLE, "Status(%v)", h)
		assert.ErrorIs(t, err, ras.ErrConnectionGone, "Status(%v)", h)
		assert.ErrorIs(t, ras.HangUp(context.Background(), h), ras.ErrConnectionGone, "HangUp(%v)", h)
	}
}

func TestExpiredContextHangsUpNothing(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	require.NoError(t, rassim.ResetCalls())
	assert.ErrorIs(t, ras.HangUp(ctx, h), context.DeadlineExceeded)
	assert.Zero(t, rassim.Calls(rassim.HangUp))
}
