//go:build !(windows && cgo)

package ras

import (
	"context"
	"runtime"
	"time"
)

// notSupported is ErrNotSupported's text. On Windows, the program was built without cgo.
var notSupported = notSupportedText()

func notSupportedText() string {
	if runtime.GOOS == "windows" {
		return "ras: this program was built without cgo, which the package needs on Windows: build it with " +
			"CGO_ENABLED=1 and a mingw-w64 C compiler (CC=x86_64-w64-mingw32-gcc, or i686-w64-mingw32-gcc for 386)"
	}
	return "ras: not supported on this platform (needs windows and cgo)"
}

func appendConnections(dst []Conn) ([]Conn, error) { return dst, ErrNotSupported }

func status(Handle) (ConnStatus, error) { return ConnStatus{}, ErrNotSupported }

func hangUp(context.Context, Handle) error { return ErrNotSupported }

func links(Handle) ([]Link, error) { return nil, ErrNotSupported }

func hangUpLink(context.Context, Handle, uint32) error { return ErrNotSupported }

func notify(Handle, EventHandle, NotifyFlags) error { return ErrNotSupported }

func newWatcher(time.Duration) (*Watcher, error) { return nil, ErrNotSupported }

func statistics(Handle) (Stats, error) { return Stats{}, ErrNotSupported }

func linkStatistics(Handle, uint32) (Stats, error) { return Stats{}, ErrNotSupported }

func projection(Handle) (ProjectionInfo, error) { return ProjectionInfo{}, ErrNotSupported }

func entries(string) ([]Entry, error) { return nil, ErrNotSupported }

func dial(context.Context, DialParams, func(DialEvent)) (Handle, error) { return 0, ErrNotSupported }
