//go:build !(windows && cgo)

package ras

import (
	"context"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEveryCallSaysNotSupportedOffWindows(t *testing.T) {
	_, err := Connections()
	assert.ErrorIs(t, err, ErrNotSupported)
	_, err = Status(1)
	assert.ErrorIs(t, err, ErrNotSupported)
	assert.ErrorIs(t, HangUp(context.Background(), 1), ErrNotSupported)
	_, err = Links(1)
	assert.ErrorIs(t, err, ErrNotSupported)
	assert.ErrorIs(t, HangUpLink(context.Background(), 1, 1), ErrNotSupported)
	assert.ErrorIs(t, Notify(AllConnections, 0, NotifyConnection), ErrNotSupported)
	w, err := NewWatcher()
	assert.ErrorIs(t, err, ErrNotSupported)
	assert.Nil(t, w)
}

// Cross-compiling turns cgo off unless CGO_ENABLED=1 is set: the error must say what to set.
func TestNotSupportedOnWindowsSaysHowToBuildWithCgo(t *testing.T) {
	if runtime.GOOS != "windows" {
		assert.NotContains(t, ErrNotSupported.Error(), "CGO_ENABLED")
		return
	}
	assert.Contains(t, ErrNotSupported.Error(), "CGO_ENABLED=1")
	assert.Contains(t, ErrNotSupported.Error(), "x86_64-w64-mingw32-gcc")
}
