//go:build windows && cgo

package bench

/*
#include <stdlib.h>
#include "fair.h"
#include "floor.h"
*/
import "C"

import (
	"syscall"
	"unsafe"

	"github.com/winras/ras"
)

// fairEnum is the fair floor of listing n connections (see fair.h): C buffers for n of
// everything (one at least), allocated once.
type fairEnum struct {
	buf  unsafe.Pointer
	cb   C.uint32_t
	out  *C.fair_conn
	text *C.uchar
}

func newFairEnum(n int) *fairEnum {
	n = max(n, 1)
	return &fairEnum{
		buf:  C.calloc(C.size_t(n), C.size_t(C.floor_conn_size())),
		cb:   C.uint32_t(n) * C.floor_conn_size(),
		out:  (*C.fair_conn)(C.calloc(C.size_t(n), C.size_t(unsafe.Sizeof(C.fair_conn{})))),
		text: (*C.uchar)(C.calloc(C.size_t(n), C.size_t(C.fair_conn_text_max()))),
	}
}

func (f *fairEnum) free() {
	C.free(f.buf)
	C.free(unsafe.Pointer(f.out))
	C.free(unsafe.Pointer(f.text))
}

// list is the fair floor's Connections: one C call, one string, one []ras.Conn.
func (f *fairEnum) list() ([]ras.Conn, error) {
	r := C.fair_enum(f.buf, f.cb, f.out, f.text)
	if r.rc != 0 {
		return nil, syscall.Errno(r.rc)
	}
	text := string(unsafe.Slice((*byte)(f.text), int(r.text_len)))
	raw := unsafe.Slice(f.out, int(r.count))
	conns := make([]ras.Conn, len(raw))
	off := 0
	next := func(n C.uint32_t) string {
		s := text[off : off+int(n)]
		off += int(n)
		return s
	}
	for i := range raw {
		c := &conns[i]
		c.Handle = ras.Handle(raw[i].handle)
		c.Entry = next(raw[i].lens[0])
		c.DeviceType = next(raw[i].lens[1])
		c.DeviceName = next(raw[i].lens[2])
		c.Phonebook = next(raw[i].lens[3])
	}
	return conns, nil
}

// fairStatus is the fair floor of RasGetConnectStatusW: its text buffer, allocated once.
type fairStatus struct{ text *C.uchar }

func newFairStatus() *fairStatus {
	return &fairStatus{text: (*C.uchar)(C.calloc(1, C.size_t(C.fair_status_text_max())))}
}

func (f *fairStatus) free() { C.free(unsafe.Pointer(f.text)) }

// status is the fair floor's Status: one C call, one string.
func (f *fairStatus) status(h uintptr) (floorStatusResult, error) {
	r := C.fair_status(C.uint64_t(h), f.text)
	if r.rc != 0 {
		return floorStatusResult{}, syscall.Errno(r.rc)
	}
	text := string(unsafe.Slice((*byte)(f.text), int(r.text_len)))
	typeEnd, nameEnd := int(r.lens[0]), int(r.lens[0]+r.lens[1])
	return floorStatusResult{
		State: uint32(r.count), DeviceType: text[:typeEnd], DeviceName: text[typeEnd:nameEnd], PhoneNumber: text[nameEnd:],
	}, nil
}
