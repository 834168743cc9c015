//go:build !(windows && cgo)

package ras

import (
	"context"
	"time"
)

func appendConnections(dst []Conn) ([]Conn, error) { return dst, ErrNotSupported }

func status(Handle) (ConnStatus, error) { return ConnStatus{}, ErrNotSupported }

func hangUp(context.Context, Handle) error { return ErrNotSupported }

func notify(Handle, EventHandle, NotifyFlags) error { return ErrNotSupported }

func newWatcher(time.Duration) (*Watcher, error) { return nil, ErrNotSupported }

func statistics(Handle) (Stats, error) { return Stats{}, ErrNotSupported }

func linkStatistics(Handle, uint32) (Stats, error) { return Stats{}, ErrNotSupported }

func projection(Handle) (ProjectionInfo, error) { return ProjectionInfo{}, ErrNotSupported }
