//go:build !windows

package ras

// GUID is windows.GUID on Windows; elsewhere a struct of the same fields, so the package
// compiles.
type GUID struct {
	Data1 uint32
	Data2 uint16
	Data3 uint16
	Data4 [8]byte
}

// LUID is windows.LUID on Windows; elsewhere a struct of the same fields.
type LUID struct {
	LowPart  uint32
	HighPart int32
}

// EventHandle is windows.Handle on Windows; elsewhere a handle that no call accepts.
type EventHandle uintptr
