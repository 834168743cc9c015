//go:build windows && cgo

package ras

/*
#include "shim.h"
#include "shim_entries.h"
*/
import "C"

import (
	"fmt"
	"syscall"
	"unsafe"
)

// renAllUsers is RASENTRYNAME's REN_AllUsers.
const renAllUsers = 1

func entries(phonebook string) ([]Entry, error) {
	if err := loaded(); err != nil {
		return nil, err
	}
	var path *uint16
	if phonebook != "" {
		p, err := syscall.UTF16PtrFromString(phonebook)
		if err != nil {
			return nil, fmt.Errorf("ras: RasEnumEntriesW: phone book %q: %w", phonebook, err)
		}
		path = p
	}
	res := C.winras_entries((*C.uint16_t)(unsafe.Pointer(path)))
	if res.rc != 0 {
		return nil, enumError("RasEnumEntriesW", "entries", syscall.Errno(res.rc), &res.diag)
	}
	list := []Entry{}
	if res.entries == nil {
		return list, nil
	}
	defer C.winras_free_entries(res.entries)
	raw := unsafe.Slice(res.entries, int(res.count))
	t := sharedText{text: unsafe.Slice((*byte)(unsafe.Pointer(res.text)), int(res.text_len))}
	list = make([]Entry, len(raw))
	for i := range raw {
		e := &raw[i]
		list[i] = Entry{
			Name:      t.next(int(e.name_len), ""),
			Phonebook: t.next(int(e.phonebook_len), ""),
			AllUsers:  e.level >= C.WINRAS_LEVEL_500 && e.flags&renAllUsers != 0,
		}
	}
	return list, nil
}
