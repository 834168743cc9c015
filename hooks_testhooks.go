//go:build windows && cgo && winras_testhooks

package ras

// With the winras_testhooks build tag, the library records what each buffer that held a secret
// held when it let go of it: the shim's C buffers when it releases them (shim_hooks.h), and Go's
// own copies once cleared (wiped). Tests read it back to show that the buffers were zeroed.
// Production binaries must never be built with it: it keeps copies of those buffers.

/*
#cgo CFLAGS: -DWINRAS_TEST_HOOKS
#include "shim_hooks.h"
*/
import "C"

import (
	"slices"
	"sync"
	"unsafe"
)

var wipedCopies struct {
	sync.Mutex
	last map[string][]uint16
}

// wiped records what the Go copy of the secret what holds, once the library has cleared it.
func wiped(what string, units []uint16) {
	wipedCopies.Lock()
	defer wipedCopies.Unlock()
	if wipedCopies.last == nil {
		wipedCopies.last = map[string][]uint16{}
	}
	wipedCopies.last[what] = slices.Clone(units)
}

// wipedCopy returns what the last Go copy of the secret what held once cleared (nil: none since
// forgetSecrets).
func wipedCopy(what string) []uint16 {
	wipedCopies.Lock()
	defer wipedCopies.Unlock()
	return wipedCopies.last[what]
}

// secretKind names a kind of buffer of the shim's that holds a secret (WINRAS_SECRET_*).
type secretKind uint32

const secretDialParams secretKind = C.WINRAS_SECRET_DIAL_PARAMS // a dial's RASDIALPARAMSW, in winras_dial_end

// releasedSecret returns where the last buffer of kind s was in the shim, and what it held when
// the shim released it (nil: none since forgetSecrets).
func releasedSecret(s secretKind) (uintptr, []byte) {
	var held [C.WINRAS_SECRET_BYTES]C.uint8_t
	var addr C.uintptr_t
	n := C.winras_hook_last_released(C.uint32_t(s), &addr, &held[0])
	if n == 0 {
		return uintptr(addr), nil
	}
	return uintptr(addr), C.GoBytes(unsafe.Pointer(&held[0]), C.int(n))
}

// forgetSecrets forgets every buffer recorded so far.
func forgetSecrets() {
	C.winras_hook_forget()
	wipedCopies.Lock()
	defer wipedCopies.Unlock()
	clear(wipedCopies.last)
}
