package ras

import (
	"fmt"
	"syscall"
)

// Windows codes the package looks at.
const (
	errInvalidHandle syscall.Errno = 6   // ERROR_INVALID_HANDLE
	errInvalidData   syscall.Errno = 13  // ERROR_INVALID_DATA: an answer the shim refused
	errNoConnection  syscall.Errno = 668 // ERROR_NO_CONNECTION
	errBufferSmall   syscall.Errno = 603 // ERROR_BUFFER_TOO_SMALL
	errInvalidSize   syscall.Errno = 632 // ERROR_INVALID_SIZE
)

// Error returns "ras: CALL: error CODE: MESSAGE".
func (e *Error) Error() string {
	if e.Message == "" {
		return fmt.Sprintf("ras: %s: error %d", e.Call, uint32(e.Code))
	}
	return fmt.Sprintf("ras: %s: error %d: %s", e.Call, uint32(e.Code), e.Message)
}

// Unwrap returns the Windows error code.
func (e *Error) Unwrap() error { return e.Code }

// Is reports whether e is an instance of target: ErrConnectionGone when the call found the
// connection handle it was given gone.
func (e *Error) Is(target error) bool {
	return target == ErrConnectionGone && e.connGone
}

// isGoneCode reports whether code is what RAS answers for a connection handle that is gone.
func isGoneCode(code syscall.Errno) bool {
	return code == errInvalidHandle || code == errNoConnection
}
