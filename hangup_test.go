package ras

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fakeHangUp is a connection that the status call reports for checks calls after the hang-up.
type fakeHangUp struct {
	hangUpErr error
	checks    int // status calls that still report the connection; -1: for ever
	statusErr error
	hungUp    int
	polled    int
}

func (f *fakeHangUp) calls() hangUpCalls {
	return hangUpCalls{
		hangUp: func(Handle) error { f.hungUp++; return f.hangUpErr },
		gone: func(Handle) (bool, error) {
			f.polled++
			if f.statusErr != nil {
				return false, f.statusErr
			}
			return f.checks >= 0 && f.polled > f.checks, nil
		},
	}
}

func TestHangUpWaitsUntilTheStatusCallSaysInvalidHandle(t *testing.T) {
	f := &fakeHangUp{checks: 4}
	require.NoError(t, f.calls().run(context.Background(), 0x10))
	assert.Equal(t, 1, f.hungUp)
	assert.Equal(t, 5, f.polled)
}

func TestHangUpOfAGoneHandleReturnsTheHangUpError(t *testing.T) {
	gone := &Error{Call: "RasHangUpW", Code: errNoConnection, connGone: true}
	f := &fakeHangUp{hangUpErr: gone}
	err := f.calls().run(context.Background(), 0x10)
	assert.ErrorIs(t, err, ErrConnectionGone)
	assert.Equal(t, 0, f.polled, "nothing to wait for")
}

func TestHangUpStopsAtTheContextDeadline(t *testing.T) {
	f := &fakeHangUp{checks: -1}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	err := f.calls().run(ctx, 0x10)
	assert.ErrorIs(t, err, ErrHangUpTimeout)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.ErrorContains(t, err, "RasHangUpW(0x10)")
	assert.Greater(t, f.polled, 1)
}

func TestHangUpBacksOffInsteadOfSpinning(t *testing.T) {
	f := &fakeHangUp{checks: -1}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	assert.ErrorIs(t, f.calls().run(ctx, 0x10), ErrHangUpTimeout)
	// Doubling from 1 ms to 50 ms makes about 10 checks in 300 ms; spinning would make thousands.
	assert.Less(t, f.polled, 30)
}

func TestHangUpSeesTheEndWithinTheLongestCheckInterval(t *testing.T) {
	// The connection goes a while after the hang-up: by then the checks are as far apart as
	// they get, and the end is seen at the next one. A wait that kept doubling would be
	// checking once a second by then, and see it that late.
	const goesAfter = 1200 * time.Millisecond
	start := time.Now()
	var seen time.Time
	c := hangUpCalls{
		hangUp: func(Handle) error { return nil },
		gone: func(Handle) (bool, error) {
			if time.Since(start) < goesAfter {
				return false, nil
			}
			seen = time.Now()
			return true, nil
		},
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	require.NoError(t, c.run(ctx, 0x10))
	assert.Less(t, seen.Sub(start.Add(goesAfter)), 10*maxHangUpCheck, "seen late")
}

func TestHangUpStopsWhenTheContextIsCancelled(t *testing.T) {
	f := &fakeHangUp{checks: -1}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(20 * time.Millisecond); cancel() }()
	err := f.calls().run(ctx, 0x10)
	assert.ErrorIs(t, err, ErrHangUpTimeout)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestHangUpWithAnEndedContextHangsUpNothing(t *testing.T) {
	f := &fakeHangUp{}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := f.calls().run(ctx, 0x10)
	assert.ErrorIs(t, err, context.Canceled)
	assert.NotErrorIs(t, err, ErrHangUpTimeout)
	assert.Equal(t, 0, f.hungUp)
}

func TestHangUpWithoutDeadlineEndsAfterTheDefaultBound(t *testing.T) {
	f := &fakeHangUp{checks: -1}
	start := time.Now()
	err := f.calls().run(context.Background(), 0x10)
	assert.ErrorIs(t, err, ErrHangUpTimeout)
	assert.GreaterOrEqual(t, time.Since(start), DefaultHangUpTimeout)
}

func TestHangUpReturnsAStatusCallFailure(t *testing.T) {
	down := &Error{Call: "RasGetConnectStatusW", Code: Errno(711)}
	f := &fakeHangUp{statusErr: down}
	err := f.calls().run(context.Background(), 0x10)
	var e *Error
	require.True(t, errors.As(err, &e))
	assert.Equal(t, Errno(711), e.Code)
}
