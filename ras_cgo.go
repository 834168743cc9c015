//go:build windows && cgo

package ras

/*
#cgo LDFLAGS: -lrasapi32
#include "shim.h"
*/
import "C"

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"syscall"
	"unsafe"
)

// wchars views a fixed-size WCHAR array of a shim struct as a Go slice.
func wchars(p *C.uint16_t, n int) []uint16 {
	return unsafe.Slice((*uint16)(unsafe.Pointer(p)), n)
}

func guid(g C.winras_guid) GUID {
	return GUID{
		Data1: uint32(g.data1), Data2: uint16(g.data2), Data3: uint16(g.data3),
		Data4: *(*[8]byte)(unsafe.Pointer(&g.data4)),
	}
}

func connections() ([]Conn, error) {
	var res C.winras_enum_result
	if rc := C.winras_enum(&res); rc != 0 {
		return nil, enumError(syscall.Errno(rc), res)
	}
	defer C.winras_free_conns(res.conns)
	return convertConns(unsafe.Slice(res.conns, int(res.count))), nil
}

func enumError(code syscall.Errno, res C.winras_enum_result) error {
	err := newError("RasEnumConnectionsW", code)
	switch code {
	case errInvalidSize:
		sizes := make([]string, res.ntried)
		for i := range sizes {
			sizes[i] = fmt.Sprint(res.tried[i])
		}
		err.Message += fmt.Sprintf(" (every RASCONNW size was refused: dwSize %s; this version of Windows is not supported)",
			strings.Join(sizes, ", "))
	case errBufferSmall:
		err.Message += fmt.Sprintf(" (still, after %d calls: connections kept appearing while they were listed)", res.calls)
	case errInvalidData:
		switch res.bad {
		case C.WINRAS_BAD_NEEDED:
			err.Message += fmt.Sprintf(" (RasEnumConnectionsW answered 603 asking for %d bytes; %d connections take at most %d: refused)",
				res.reported, C.WINRAS_MAX_CONNS, res.limit)
		case C.WINRAS_BAD_COUNT:
			err.Message += fmt.Sprintf(" (RasEnumConnectionsW reported %d connections in a buffer that holds %d: refused)",
				res.reported, res.limit)
		}
	}
	return err
}

// convertConns turns the shim's structs into Conns whose strings share one allocation.
func convertConns(raw []C.winras_conn) []Conn {
	type fields struct{ entry, deviceType, deviceName, phonebook []uint16 }
	of := func(c *C.winras_conn) fields {
		return fields{
			entry:      wchars(&c.entry[0], len(c.entry)),
			deviceType: wchars(&c.device_type[0], len(c.device_type)),
			deviceName: wchars(&c.device_name[0], len(c.device_name)),
			phonebook:  wchars(&c.phonebook[0], len(c.phonebook)),
		}
	}
	n := 0
	for i := range raw {
		f := of(&raw[i])
		n += utf8Len(f.entry) + utf8Len(f.deviceType) + utf8Len(f.deviceName) + utf8Len(f.phonebook)
	}
	t := newText(n)
	conns := make([]Conn, len(raw))
	for i := range raw {
		c, f := &raw[i], of(&raw[i])
		conn := Conn{
			Handle:     Handle(c.handle),
			Entry:      t.add(f.entry),
			DeviceType: t.add(f.deviceType),
			DeviceName: t.add(f.deviceName),
			Phonebook:  t.add(f.phonebook),
			SubEntry:   uint32(c.subentry),
			EntryID:    guid(c.entry_id),
			Flags:      ConnFlags(c.flags),
			LogonID:    LUID{LowPart: uint32(c.luid_low), HighPart: int32(c.luid_high)},
		}
		// Phone-book entry names cannot start with ".": Windows marks an entry-less
		// connection's number with it.
		if number, ok := strings.CutPrefix(conn.Entry, "."); ok {
			conn.Entry, conn.PhoneNumber = "", number
		}
		if c.level >= C.WINRAS_LEVEL_600 {
			conn.CorrelationID, conn.HasCorrelationID = guid(c.correlation_id), true
		}
		conns[i] = conn
	}
	return conns
}

// getStatus calls RasGetConnectStatusW through the shim.
func getStatus(h Handle) (*C.winras_status, error) {
	res := new(C.winras_status_result)
	if rc := C.winras_status_get(C.uintptr_t(h), res); rc != 0 {
		err := connError("RasGetConnectStatusW", syscall.Errno(rc))
		if err.Code == errInvalidSize {
			err.Message += fmt.Sprintf(" (every RASCONNSTATUSW size was refused: dwSize %v; this version of Windows is not supported)",
				res.tried[:res.ntried])
		}
		return nil, err
	}
	return &res.status, nil
}

func status(h Handle) (ConnStatus, error) {
	st, err := getStatus(h)
	if err != nil {
		return ConnStatus{}, err
	}
	deviceType := wchars(&st.device_type[0], len(st.device_type))
	deviceName := wchars(&st.device_name[0], len(st.device_name))
	phoneNumber := wchars(&st.phone_number[0], len(st.phone_number))
	t := newText(utf8Len(deviceType) + utf8Len(deviceName) + utf8Len(phoneNumber))
	s := ConnStatus{
		State:       State(st.state),
		DeviceType:  t.add(deviceType),
		DeviceName:  t.add(deviceName),
		PhoneNumber: t.add(phoneNumber),
	}
	if st.error != 0 {
		s.Err = newError("connection", syscall.Errno(st.error))
	}
	if st.level >= C.WINRAS_LEVEL_601 {
		s.LocalEndpoint = endpoint(uint32(st.local_type), *(*[16]byte)(unsafe.Pointer(&st.local_addr)))
		s.RemoteEndpoint = endpoint(uint32(st.remote_type), *(*[16]byte)(unsafe.Pointer(&st.remote_addr)))
		s.SubState, s.HasSubState = SubState(st.substate), true
	}
	return s, nil
}

func hangUp(ctx context.Context, h Handle) error {
	return hangUpCalls{
		hangUp: func(h Handle) error {
			if rc := C.winras_hangup(C.uintptr_t(h)); rc != 0 {
				return connError("RasHangUpW", syscall.Errno(rc))
			}
			return nil
		},
		// Microsoft documents 6 as the end; 668 (no connection) says it is gone as well.
		gone: func(h Handle) (bool, error) {
			_, err := getStatus(h)
			if errors.Is(err, ErrConnectionGone) {
				return true, nil
			}
			return false, err
		},
	}.run(ctx, h)
}

func notify(h Handle, event EventHandle, flags NotifyFlags) error {
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
	var buf [512]uint16
	msg := ""
	text := code
	if w, ok := win32Of(code); ok {
		text = w // an HRESULT's text is its Win32 code's
	}
	if C.winras_error_string(C.uint32_t(text), (*C.uint16_t)(unsafe.Pointer(&buf[0])), C.uint32_t(len(buf))) == 0 {
		msg = fieldString(buf[:])
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

// forget makes the next calls start afresh, as in a new process, for tests that change the
// simulated Windows.
func forget() { C.winras_forget() }
