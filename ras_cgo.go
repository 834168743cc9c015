//go:build windows && cgo

package ras

/*
#include "shim.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"syscall"
	"unsafe"
)

// notSupported is ErrNotSupported's text; with cgo on Windows, no call returns it.
const notSupported = "ras: not supported on this platform (needs windows and cgo)"

func guid(g C.winras_guid) GUID {
	return GUID{
		Data1: uint32(g.data1), Data2: uint16(g.data2), Data3: uint16(g.data3),
		Data4: *(*[8]byte)(unsafe.Pointer(&g.data4)),
	}
}

func appendConnections(dst []Conn) ([]Conn, error) {
	if err := loaded(); err != nil {
		return dst, err
	}
	res := C.winras_enum()
	if res.rc != 0 {
		return dst, enumError("RasEnumConnectionsW", "connections", syscall.Errno(res.rc), &res.diag)
	}
	if res.conns == nil {
		return dst, nil
	}
	defer C.winras_free_conns(res.conns)
	raw := unsafe.Slice(res.conns, int(res.count))
	return appendConns(dst, raw, unsafe.Slice((*byte)(unsafe.Pointer(res.text)), int(res.text_len))), nil
}

// enumError is the error of an enumerating call (shim_enum.h) that failed with code; what names
// the items it lists ("connections").
func enumError(call, what string, code syscall.Errno, diag *C.winras_enum_diag) error {
	err := newError(call, code)
	switch code {
	case errInvalidSize:
		sizes := make([]string, diag.ntried)
		for i := range sizes {
			sizes[i] = fmt.Sprint(diag.tried[i])
		}
		err.Message += fmt.Sprintf(" (every dwSize was refused: %s; this version of Windows is not supported)",
			strings.Join(sizes, ", "))
	case errBufferSmall:
		err.Message += fmt.Sprintf(" (still, after %d calls: %s kept appearing while they were listed)", diag.calls, what)
	case errInvalidData:
		switch diag.bad {
		case C.WINRAS_BAD_NEEDED:
			err.Message += fmt.Sprintf(" (%s answered 603 asking for %d bytes; %d %s take at most %d: refused)",
				call, diag.reported, C.WINRAS_MAX_ITEMS, what, diag.limit)
		case C.WINRAS_BAD_COUNT:
			err.Message += fmt.Sprintf(" (%s reported %d %s in a buffer that holds %d: refused)",
				call, diag.reported, what, diag.limit)
		}
	}
	return err
}

// appendConns appends the shim's connections to dst, their strings sliced from one string of the
// shim's text. A Conn in dst's spare capacity, where the new one goes (a previous listing's, when
// dst is that listing[:0]), lends the new one each string that is equal: a listing that did not
// change allocates nothing.
func appendConns(dst []Conn, raw []C.winras_conn, text []byte) []Conn {
	dst = slices.Grow(dst, len(raw))
	t := sharedText{text: text}
	for i := range raw {
		c := &raw[i]
		var was Conn
		if len(dst) < cap(dst) {
			was = dst[:len(dst)+1][len(dst)]
		}
		conn := Conn{
			Handle:   Handle(c.handle),
			SubEntry: uint32(c.subentry),
			EntryID:  guid(c.entry_id),
			Flags:    ConnFlags(c.flags),
			LogonID:  LUID{LowPart: uint32(c.luid_low), HighPart: int32(c.luid_high)},
		}
		// Phone-book entry names cannot start with ".": Windows marks an entry-less connection's
		// number with it.
		if n := int(c.entry_len); n > 0 && t.peek() == '.' {
			t.skip(1)
			conn.PhoneNumber = t.next(n-1, was.PhoneNumber)
		} else {
			conn.Entry = t.next(n, was.Entry)
		}
		conn.DeviceType = t.next(int(c.device_type_len), was.DeviceType)
		conn.DeviceName = t.next(int(c.device_name_len), was.DeviceName)
		conn.Phonebook = t.next(int(c.phonebook_len), was.Phonebook)
		if c.level >= C.WINRAS_LEVEL_600 {
			conn.CorrelationID, conn.HasCorrelationID = guid(c.correlation_id), true
		}
		dst = append(dst, conn)
	}
	return dst
}

func status(h Handle) (ConnStatus, error) {
	if err := loaded(); err != nil {
		return ConnStatus{}, err
	}
	res := C.winras_status_get(C.uintptr_t(h))
	if res.rc != 0 {
		return ConnStatus{}, statusError(res.rc, res.tried, res.ntried)
	}
	typeEnd := int(res.device_type_len)
	nameEnd := typeEnd + int(res.device_name_len)
	text := string(unsafe.Slice((*byte)(unsafe.Pointer(&res.text[0])), nameEnd+int(res.phone_number_len)))
	s := ConnStatus{
		State:       State(res.state),
		DeviceType:  text[:typeEnd],
		DeviceName:  text[typeEnd:nameEnd],
		PhoneNumber: text[nameEnd:],
	}
	if res.error != 0 {
		s.Err = newError("connection", syscall.Errno(res.error))
	}
	if res.level >= C.WINRAS_LEVEL_601 {
		s.LocalEndpoint = endpoint(uint32(res.local_type), *(*[16]byte)(unsafe.Pointer(&res.local_addr)))
		s.RemoteEndpoint = endpoint(uint32(res.remote_type), *(*[16]byte)(unsafe.Pointer(&res.remote_addr)))
		s.SubState, s.HasSubState = SubState(res.substate), true
	}
	return s, nil
}

// statusError takes the result's fields by value: a pointer to it would move every result to the heap.
func statusError(rc C.uint32_t, tried [4]C.uint32_t, ntried C.uint32_t) error {
	err := connError("RasGetConnectStatusW", syscall.Errno(rc))
	if err.Code == errInvalidSize {
		err.Message += fmt.Sprintf(" (every RASCONNSTATUSW size was refused: dwSize %v; this version of Windows is not supported)",
			tried[:ntried])
	}
	return err
}

func hangUp(ctx context.Context, h Handle) error {
	if err := loaded(); err != nil {
		return err
	}
	// A link's handle never reliably reports its end to the status call: its hang-up is waited
	// for as HangUpLink's is.
	if conn, n := linkOf(h); conn != 0 {
		return linkHangUpCalls(conn, n).run(ctx, h)
	}
	return hangUpCalls{
		hangUp: rasHangUp,
		// Microsoft documents 6 as the end; 668 (no connection) says it is gone as well.
		gone: func(h Handle) (bool, error) {
			res := C.winras_status_get(C.uintptr_t(h))
			if res.rc == 0 {
				return false, nil
			}
			err := statusError(res.rc, res.tried, res.ntried)
			if errors.Is(err, ErrConnectionGone) {
				return true, nil
			}
			return false, err
		},
	}.run(ctx, h)
}

// rasHangUp is RasHangUpW, which returns before the hang-up has finished.
func rasHangUp(h Handle) error {
	if rc := C.winras_hangup(C.uintptr_t(h)); rc != 0 {
		return connError("RasHangUpW", syscall.Errno(rc))
	}
	return nil
}

func notify(h Handle, event EventHandle, flags NotifyFlags) error {
	if err := loaded(); err != nil {
		return err
	}
	rc := syscall.Errno(C.winras_notify(C.uintptr_t(h), C.uintptr_t(event), C.uint32_t(flags)))
	if rc == 0 {
		return nil
	}
	// 6 is about the connection only when there is one and the event handle is sound.
	if h != AllConnections && C.winras_is_handle(C.uintptr_t(event)) != 0 {
		return connError("RasConnectionNotificationW", rc)
	}
	return newError("RasConnectionNotificationW", rc)
}

// newError names the failed call and its code, with RAS's text for the code, or the system's
// where RAS has none (Wine's RasGetErrorStringW writes nothing).
func newError(call string, code syscall.Errno) *Error {
	var buf [C.WINRAS_ERROR_TEXT_MAX]C.char
	msg := ""
	text := code
	if w, ok := win32Of(code); ok {
		text = w // an HRESULT's text is its Win32 code's
	}
	if C.winras_error_string(C.uint32_t(text), &buf[0]) == 0 {
		msg = C.GoString(&buf[0])
	}
	if msg == "" {
		msg = text.Error()
	}
	return &Error{Call: call, Code: code, Message: strings.TrimSpace(msg)}
}

// connError is newError for a call about one connection handle: its 6 or 668 says that the
// connection is gone.
func connError(call string, code syscall.Errno) *Error {
	e := newError(call, code)
	e.connGone = isGoneCode(code)
	return e
}
