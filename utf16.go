package ras

import (
	"unicode/utf16"
	"unicode/utf8"
)

// text collects the strings of one listing in a single buffer, so that a listing of any size
// costs one string allocation rather than one per field.
type text struct {
	buf []byte
}

// span is a string's place in a text's buffer.
type span struct{ start, end int }

// add decodes a fixed-size UTF-16 field of a RAS struct: up to its first NUL, or the whole
// field when it has none. Unpaired surrogates become U+FFFD.
func (t *text) add(field []uint16) span {
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
	return span{start, len(t.buf)}
}

// String returns everything added so far; spans index into it.
func (t *text) String() string { return string(t.buf) }

// fieldString decodes one fixed-size UTF-16 field (see text.add).
func fieldString(field []uint16) string {
	var t text
	t.add(field)
	return t.String()
}
