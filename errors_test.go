package ras

import (
	"errors"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestErrorNamesTheCallAndTheCode(t *testing.T) {
	e := &Error{Call: "RasGetConnectStatusW", Code: 6, Message: "The handle is invalid."}
	assert.Equal(t, "ras: RasGetConnectStatusW: error 6: The handle is invalid.", e.Error())
	assert.Equal(t, "ras: RasHangUpW: error 668", (&Error{Call: "RasHangUpW", Code: 668}).Error())
}

func TestErrorUnwrapsToTheErrno(t *testing.T) {
	err := fmt.Errorf("wrapped: %w", &Error{Call: "RasHangUpW", Code: 6})
	assert.ErrorIs(t, err, Errno(6))
	assert.NotErrorIs(t, err, Errno(87))
}

func TestOnlyAGoneConnectionHandleMatchesErrConnectionGone(t *testing.T) {
	assert.ErrorIs(t, &Error{Code: 6, connGone: true}, ErrConnectionGone)
	assert.ErrorIs(t, &Error{Code: 668, connGone: true}, ErrConnectionGone)
	assert.False(t, errors.Is(&Error{Code: 6}, ErrConnectionGone), "a 6 about another handle")
	assert.True(t, isGoneCode(6))
	assert.True(t, isGoneCode(668))
	assert.False(t, isGoneCode(711))
}
