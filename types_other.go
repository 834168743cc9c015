//go:build !windows

package ras

import "fmt"

// GUID is windows.GUID on Windows; elsewhere a struct of the same fields and methods, so that
// code using it compiles (and vets) everywhere.
type GUID struct {
	Data1 uint32
	Data2 uint16
	Data3 uint16
	Data4 [8]byte
}

// String returns g as Windows writes it, "{6B29FC40-CA47-1067-B31D-00DD010662DA}", as
// windows.GUID's String does.
func (g GUID) String() string {
	return fmt.Sprintf("{%08X-%04X-%04X-%04X-%012X}", g.Data1, g.Data2, g.Data3, g.Data4[:2], g.Data4[2:])
}

// LUID is windows.LUID on Windows; elsewhere a struct of the same fields.
type LUID struct {
	LowPart  uint32
	HighPart int32
}

// EventHandle is windows.Handle on Windows; elsewhere a handle that no call accepts.
type EventHandle uintptr
