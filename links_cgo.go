//go:build windows && cgo

package ras

/*
#include "shim_links.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"syscall"
)

func links(h Handle) ([]Link, error) {
	if err := loaded(); err != nil {
		return nil, err
	}
	res := C.winras_links(C.uintptr_t(h))
	if res.rc != 0 {
		return nil, connError("RasGetSubEntryHandleW", syscall.Errno(res.rc))
	}
	out := make([]Link, res.count)
	for i := range out {
		l := res.links[i]
		out[i] = Link{Number: uint32(i + 1), Connected: l.rc == 0, Handle: Handle(l.handle)}
	}
	return out, nil
}

// subEntry is RasGetSubEntryHandleW for link n of connection h.
func subEntry(h Handle, n uint32) (Handle, error) {
	l := C.winras_sub_entry(C.uintptr_t(h), C.uint32_t(n))
	if l.rc != 0 {
		return 0, connError("RasGetSubEntryHandleW", syscall.Errno(l.rc))
	}
	return Handle(l.handle), nil
}

func hangUpLink(ctx context.Context, h Handle, n uint32) error {
	if err := loaded(); err != nil {
		return err
	}
	sub, err := subEntry(h, n)
	if err != nil {
		return fmt.Errorf("ras: link %d of %s: %w", n, h, err)
	}
	return linkHangUpCalls(h, n).run(ctx, sub)
}

// linkHangUpCalls hang up the link's handle and wait for RasGetSubEntryHandleW to say that link
// n of h is no longer connected (618), or that h is gone: the link's own handle may answer the
// status call for ever.
func linkHangUpCalls(h Handle, n uint32) hangUpCalls {
	return hangUpCalls{
		hangUp: rasHangUp,
		gone: func(Handle) (bool, error) {
			_, err := subEntry(h, n)
			switch {
			case err == nil:
				return false, nil
			case errors.Is(err, ErrLinkNotConnected), errors.Is(err, ErrConnectionGone):
				return true, nil
			}
			return false, err
		},
		still: fmt.Sprintf("RasGetSubEntryHandleW still reported link %d of %s", n, h),
	}
}

// linkOf finds the connection and link number whose link handle sub is, when sub is not a listed
// connection's handle: (0, 0) when it is, when it is no link's, or when the connections cannot
// be listed (HangUp then hangs up sub as a connection, as it always did).
func linkOf(sub Handle) (Handle, uint32) {
	conns, err := appendConnections(nil)
	if err != nil {
		return 0, 0
	}
	for _, c := range conns {
		if c.Handle == sub {
			return 0, 0
		}
	}
	for _, c := range conns {
		ls, err := links(c.Handle)
		if err != nil {
			continue
		}
		for _, l := range ls {
			if l.Connected && l.Handle == sub {
				return c.Handle, l.Number
			}
		}
	}
	return 0, 0
}
