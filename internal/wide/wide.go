//go:build cgo

// Package wide exposes the shim's C decoder of UTF-16 fields (wide.h) to Go, so that it is
// tested and fuzzed natively against Go's own decoder. The library's shim includes wide.h
// directly; nothing else uses this package.
package wide

/*
#include "wide.h"
*/
import "C"

import "unsafe"

// UTF8 decodes field with the shim's decoder.
func UTF8(field []uint16) string {
	if len(field) == 0 {
		return ""
	}
	dst := make([]byte, 3*len(field)) // WINRAS_UTF8_MAX
	n := C.winras_utf8((*C.uchar)(unsafe.Pointer(&dst[0])), (*C.uint16_t)(unsafe.Pointer(&field[0])), C.size_t(len(field)))
	return string(dst[:n])
}
