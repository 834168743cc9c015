//go:build !(windows && cgo)

package ras

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestEveryCallSaysNotSupportedOffWindows(t *testing.T) {
	_, err := Connections()
	assert.ErrorIs(t, err, ErrNotSupported)
	_, err = Status(1)
	assert.ErrorIs(t, err, ErrNotSupported)
	assert.ErrorIs(t, HangUp(context.Background(), 1), ErrNotSupported)
	assert.ErrorIs(t, Notify(AllConnections, 0, NotifyConnection), ErrNotSupported)
	w, err := NewWatcher()
	assert.ErrorIs(t, err, ErrNotSupported)
	assert.Nil(t, w)
}
