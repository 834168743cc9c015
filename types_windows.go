package ras

import "golang.org/x/sys/windows"

// GUID is windows.GUID.
type GUID = windows.GUID

// LUID is windows.LUID.
type LUID = windows.LUID

// EventHandle is windows.Handle: an event from windows.CreateEvent.
type EventHandle = windows.Handle
