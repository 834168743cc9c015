//go:build windows && cgo

package bench

/*
#cgo LDFLAGS: -lrasapi32
#include <stdlib.h>
#include "floor.h"
*/
import "C"

import (
	"syscall"
	"unsafe"

	"golang.org/x/sys/windows"
)

// floorEnum is the floor of listing n connections: a C buffer that holds n RASCONNW (one at
// least), filled by RasEnumConnectionsW in a C loop.
type floorEnum struct {
	buf unsafe.Pointer
	cb  C.uint32_t
}

func newFloorEnum(n int) *floorEnum {
	cb := C.uint32_t(max(n, 1)) * C.floor_conn_size()
	return &floorEnum{buf: C.calloc(1, C.size_t(cb)), cb: cb}
}

// run calls RasEnumConnectionsW iters times and returns the count of the last call.
func (f *floorEnum) run(iters int) (int, error) {
	var n C.uint32_t
	if rc := C.floor_enum(f.buf, f.cb, C.uint64_t(iters), &n); rc != 0 {
		return 0, syscall.Errno(rc)
	}
	return int(n), nil
}

func (f *floorEnum) free() { C.free(f.buf) }

// floorConn is a RASCONNW of the last run, read by field name in C.
type floorConn struct {
	Handle     uintptr
	Entry      string
	DeviceType string
	DeviceName string
	Phonebook  string
}

// conn reads the i-th RASCONNW of the last run.
func (f *floorEnum) conn(i int) floorConn {
	field := func(which C.int) string {
		var chars C.uint32_t
		p := C.floor_conn_field(f.buf, C.uint32_t(i), which, &chars)
		return windows.UTF16ToString(unsafe.Slice((*uint16)(unsafe.Pointer(p)), int(chars)))
	}
	return floorConn{
		Handle:     uintptr(C.floor_conn_handle(f.buf, C.uint32_t(i))),
		Entry:      field(C.FLOOR_ENTRY),
		DeviceType: field(C.FLOOR_DEVICE_TYPE),
		DeviceName: field(C.FLOOR_DEVICE_NAME),
		Phonebook:  field(C.FLOOR_PHONEBOOK),
	}
}

// floorStatus is the floor of RasGetConnectStatusW (one RASCONNSTATUSW, filled in a C loop for
// each of a list of handles in turn, by run) and of RasGetConnectionStatistics (runStats).
type floorStatus struct {
	st      unsafe.Pointer
	handles *C.uint64_t
	n       C.uint32_t
}

func newFloorStatus(handles []uintptr) *floorStatus {
	hs := (*C.uint64_t)(C.calloc(C.size_t(max(len(handles), 1)), 8))
	for i, h := range handles {
		*(*C.uint64_t)(unsafe.Add(unsafe.Pointer(hs), 8*i)) = C.uint64_t(h)
	}
	return &floorStatus{st: C.calloc(1, C.size_t(C.floor_status_size())), handles: hs, n: C.uint32_t(len(handles))}
}

// run calls RasGetConnectStatusW iters times, on each handle in turn.
func (f *floorStatus) run(iters int) error {
	if rc := C.floor_status(f.st, f.handles, f.n, C.uint64_t(iters)); rc != 0 {
		return syscall.Errno(rc)
	}
	return nil
}

func (f *floorStatus) free() {
	C.free(f.st)
	C.free(unsafe.Pointer(f.handles))
}

// runStats calls RasGetConnectionStatistics iters times, on each handle in turn, and returns
// the last answer's counters.
func (f *floorStatus) runStats(iters int) ([14]uint32, error) {
	var last [14]C.uint32_t
	if rc := C.floor_stats(f.handles, f.n, C.uint64_t(iters), &last[0]); rc != 0 {
		return [14]uint32{}, syscall.Errno(rc)
	}
	var out [14]uint32
	for i, v := range last {
		out[i] = uint32(v)
	}
	return out, nil
}

// floorStatusResult is the RASCONNSTATUSW of the last run, read by field name in C.
type floorStatusResult struct {
	State       uint32
	DeviceType  string
	DeviceName  string
	PhoneNumber string
}

func (f *floorStatus) result() floorStatusResult {
	field := func(which C.int) string {
		var chars C.uint32_t
		p := C.floor_status_field(f.st, which, &chars)
		return windows.UTF16ToString(unsafe.Slice((*uint16)(unsafe.Pointer(p)), int(chars)))
	}
	return floorStatusResult{
		State:       uint32(C.floor_status_state(f.st)),
		DeviceType:  field(C.FLOOR_DEVICE_TYPE),
		DeviceName:  field(C.FLOOR_DEVICE_NAME),
		PhoneNumber: field(C.FLOOR_PHONE_NUMBER),
	}
}
