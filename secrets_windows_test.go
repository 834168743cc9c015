//go:build cgo && winras_testhooks

package ras_test

import (
	"context"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// What is left of a password in memory once Dial is done with it, read back through the test
// build's hooks (go test -tags winras_testhooks; hooks_testhooks.go). No failure message shows
// what a buffer held: only how much of it was not zero.

// notZero counts the elements of b that are not zero.
func notZero[T byte | uint16](b []T) int {
	n := 0
	for _, v := range b {
		if v != 0 {
			n++
		}
	}
	return n
}

// dialEnds dials officeEntry with password, to the end: connected and hung up, or failed.
func dialEnds(t *testing.T, password string) {
	t.Helper()
	p := officeParams
	p.Password = password
	h, err := ras.Dial(context.Background(), p, nil)
	if err == nil {
		require.NoError(t, ras.HangUp(context.Background(), h))
	}
}

func TestSecretDialParamsAreZeroedInTheShimOnceTheDialEnds(t *testing.T) {
	for _, c := range []struct{ name, password string }{
		{"connected", officeParams.Password},
		{"failed", "wrong-Password-42"},
	} {
		t.Run(c.name, func(t *testing.T) {
			useSim(t)
			addEntry(t, officeEntry)
			ras.ForgetSecrets()
			dialEnds(t, c.password)
			read, size, err := rassim.LastSecret(rassim.DialEntry)
			require.NoError(t, err)
			require.NotZero(t, read, "RasDialW was called")
			at, held := ras.ReleasedSecret(ras.SecretDialParams)
			require.Equal(t, read, at, "the shim released the RASDIALPARAMSW that RasDialW read the password from")
			require.GreaterOrEqual(t, len(held), int(size), "all of it")
			assert.Zero(t, notZero(held), "bytes of that RASDIALPARAMSW not zeroed once the dial ended")
		})
	}
}

func TestSecretPasswordsGoCopyIsClearedOnceTheShimHasIt(t *testing.T) {
	useSim(t)
	addEntry(t, officeEntry)
	ras.ForgetSecrets()
	dialEnds(t, officeParams.Password)
	copied := ras.WipedCopy(ras.WipedDialPassword)
	require.Len(t, copied, len(utf16.Encode([]rune(officeParams.Password)))+1, "Dial's UTF-16 copy, terminator included")
	assert.Zero(t, notZero(copied), "characters of Dial's UTF-16 copy of the password not cleared")
}
