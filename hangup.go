package ras

import (
	"context"
	"fmt"
	"time"
)

// The wait between status checks doubles from the first to the last: a connection that ends at
// once is seen within a millisecond, one that takes seconds costs a check every 50 ms.
const (
	firstHangUpCheck = time.Millisecond
	maxHangUpCheck   = 50 * time.Millisecond
)

// hangUpCalls are the two RAS calls a hang-up makes; gone reports whether the call that watches
// for the end (the status call, or for a link RasGetSubEntryHandleW) says it came.
type hangUpCalls struct {
	hangUp func(Handle) error
	gone   func(Handle) (bool, error)
	// still says, for the timeout's error, what went on reporting the connection or link; empty
	// for the status call.
	still string
}

func (c hangUpCalls) run(ctx context.Context, h Handle) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("ras: hang-up of %s not started: %w", h, err)
	}
	if _, ok := ctx.Deadline(); !ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, DefaultHangUpTimeout)
		defer cancel()
	}
	if err := c.hangUp(h); err != nil {
		return err
	}
	start := time.Now()
	wait := firstHangUpCheck
	timer := time.NewTimer(wait)
	defer timer.Stop()
	for {
		gone, err := c.gone(h)
		if err != nil {
			return err
		}
		if gone {
			return nil
		}
		select {
		case <-ctx.Done():
			return &hangUpTimeout{h: h, still: c.still, waited: time.Since(start), cause: ctx.Err()}
		case <-timer.C:
		}
		wait = min(2*wait, maxHangUpCheck)
		timer.Reset(wait)
	}
}

// hangUpTimeout is the error of a hang-up whose end was not seen in time.
type hangUpTimeout struct {
	h      Handle
	still  string // as hangUpCalls.still
	waited time.Duration
	cause  error // the context's error: the default bound is a context deadline too
}

// Error says which handle, how long, and why the wait ended.
func (e *hangUpTimeout) Error() string {
	still := e.still
	if still == "" {
		still = "RasGetConnectStatusW still reported the connection"
	}
	return fmt.Sprintf("ras: RasHangUpW(%s): %s after %v: %v", e.h, still, e.waited.Round(time.Millisecond), e.cause)
}

// Is makes the error match ErrHangUpTimeout.
func (e *hangUpTimeout) Is(target error) bool { return target == ErrHangUpTimeout }

// Unwrap returns the context's error.
func (e *hangUpTimeout) Unwrap() error { return e.cause }
