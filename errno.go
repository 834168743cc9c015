//go:build !plan9

package ras

import "syscall"

// Errno is a Windows error code, as Error.Code carries it: syscall.Errno, so that
// errors.Is(err, windows.ERROR_INVALID_HANDLE) and the like match.
type Errno = syscall.Errno
