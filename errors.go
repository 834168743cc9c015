package ras

import "fmt"

// Windows codes the package looks at.
const (
	errInvalidHandle Errno = 6   // ERROR_INVALID_HANDLE
	errInvalidData   Errno = 13  // ERROR_INVALID_DATA: an answer the shim refused
	errNoConnection  Errno = 668 // ERROR_NO_CONNECTION
	errBufferSmall   Errno = 603 // ERROR_BUFFER_TOO_SMALL
	errPortNotOpen   Errno = 618 // ERROR_PORT_NOT_OPEN: a link that is not connected
	errInvalidSize   Errno = 632 // ERROR_INVALID_SIZE

	errProjectionNotComplete Errno = 730 // ERROR_PROJECTION_NOT_COMPLETE
	errProtocolNotConfigured Errno = 731 // ERROR_PROTOCOL_NOT_CONFIGURED
)

// Error returns "ras: CALL: error CODE: MESSAGE", with an HRESULT's CODE in hexadecimal.
func (e *Error) Error() string {
	code := fmt.Sprint(uint32(e.Code))
	if _, ok := win32Of(e.Code); ok || e.Code >= 1<<31 {
		code = fmt.Sprintf("%#08x", uint32(e.Code))
	}
	if e.Message == "" {
		return fmt.Sprintf("ras: %s: error %s", e.Call, code)
	}
	return fmt.Sprintf("ras: %s: error %s: %s", e.Call, code, e.Message)
}

// Unwrap returns the Windows error code.
func (e *Error) Unwrap() error { return e.Code }

// Is reports whether e is an instance of target: ErrConnectionGone when the call found the
// connection handle it was given gone; ErrNotProjected, ErrProtocolNotConfigured and
// ErrLinkNotConnected for their codes; and for an HRESULT that wraps a Win32 code
// (RasGetConnectionStatistics answers E_INVALIDARG, 0x80070057), that code
// (ERROR_INVALID_PARAMETER, 87).
func (e *Error) Is(target error) bool {
	switch target {
	case ErrConnectionGone:
		return e.connGone
	case ErrNotProjected:
		return e.Code == errProjectionNotComplete
	case ErrProtocolNotConfigured:
		return e.Code == errProtocolNotConfigured
	case ErrLinkNotConnected:
		return e.Code == errPortNotOpen
	}
	code, ok := win32Of(e.Code)
	return ok && target == error(code)
}

// win32Of returns the Win32 code an HRESULT of FACILITY_WIN32 (0x8007xxxx) carries.
func win32Of(code Errno) (Errno, bool) {
	if uint32(code)&0xFFFF0000 != 0x80070000 {
		return 0, false
	}
	return code & 0xFFFF, true
}

// isGoneCode reports whether code is what RAS answers for a connection handle that is gone.
func isGoneCode(code Errno) bool {
	return code == errInvalidHandle || code == errNoConnection
}
