package ras

import (
	"unicode/utf16"
	"unicode/utf8"
	"unsafe"
)

// text decodes the fixed-size UTF-16 fields of RAS structs into strings that share one buffer,
// so a listing costs one allocation for all its strings rather than one or more per field.
// Size it with utf8Len: a buffer that has to grow still works, but leaves garbage behind.
type text struct {
	buf []byte
}

func newText(n int) text { return text{buf: make([]byte, 0, n)} }

// utf8Len returns the number of bytes text.add appends for field.
func utf8Len(field []uint16) int {
	n := 0
	for i := 0; i < len(field) && field[i] != 0; i++ {
		switch u := rune(field[i]); {
		case u < utf8.RuneSelf:
			n++
		case u < 0x800:
			n += 2
		case utf16.IsSurrogate(u) && i+1 < len(field) && utf16.DecodeRune(u, rune(field[i+1])) != utf8.RuneError:
			n += 4
			i++
		default: // the rest of the BMP, and U+FFFD for an unpaired surrogate
			n += 3
		}
	}
	return n
}

// add decodes a fixed-size UTF-16 field of a RAS struct: up to its first NUL, or the whole
// field when it has none. Unpaired surrogates become U+FFFD. The string shares t's buffer,
// whose bytes are never changed once appended, even when a later add moves it.
func (t *text) add(field []uint16) string {
	start := len(t.buf)
	for i := 0; i < len(field) && field[i] != 0; i++ {
		r := rune(field[i])
		if utf16.IsSurrogate(r) {
			if i+1 < len(field) {
				if d := utf16.DecodeRune(r, rune(field[i+1])); d != utf8.RuneError {
					t.buf = utf8.AppendRune(t.buf, d)
					i++
					continue
				}
			}
			r = utf8.RuneError
		}
		t.buf = utf8.AppendRune(t.buf, r)
	}
	if len(t.buf) == start {
		return ""
	}
	return unsafe.String(&t.buf[start], len(t.buf)-start)
}

// fieldString decodes one fixed-size UTF-16 field (see text.add).
func fieldString(field []uint16) string {
	t := newText(utf8Len(field))
	return t.add(field)
}
