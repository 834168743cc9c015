package ras

import "fmt"

// Errno is a Windows error code, as Error.Code carries it: syscall.Errno elsewhere, which
// Plan 9 lacks, so that the package compiles there too.
type Errno uintptr

// Error returns the code in decimal.
func (e Errno) Error() string { return fmt.Sprintf("Windows error %d", uintptr(e)) }
