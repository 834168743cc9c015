package ras

import (
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func field(s string, n int) []uint16 {
	f := make([]uint16, n)
	copy(f, utf16.Encode([]rune(s)))
	return f
}

func TestFieldStringStopsAtTheFirstNUL(t *testing.T) {
	f := field("Office VPN", 257)
	copy(f[11:], utf16.Encode([]rune("garbage after the terminator")))
	assert.Equal(t, "Office VPN", fieldString(f))
}

func TestFieldStringReadsAFullFieldWithoutTerminator(t *testing.T) {
	name := strings.Repeat("é", 257)
	f := field(name, 257)
	assert.Equal(t, name, fieldString(f))
	assert.Equal(t, name[:len(name)-2], fieldString(f[:256]), "never reads past the field")
}

func TestFieldStringDecodesSurrogatePairs(t *testing.T) {
	assert.Equal(t, "VPN 🔒", fieldString(field("VPN 🔒", 17)))
}

func TestFieldStringReplacesUnpairedSurrogates(t *testing.T) {
	assert.Equal(t, "a\uFFFDb", fieldString([]uint16{'a', 0xD800, 'b', 0}))
	assert.Equal(t, "a\uFFFD", fieldString([]uint16{'a', 0xD800}), "a high surrogate at the field's end")
	assert.Equal(t, "\uFFFDa", fieldString([]uint16{0xDC00, 'a'}))
}

func TestTextStringsShareOneBufferAndSurviveItsGrowth(t *testing.T) {
	fields := [][]uint16{field("one", 8), field("", 8), field("thrée", 8)}
	x := newText(utf8Len(fields[0]) + utf8Len(fields[1]) + utf8Len(fields[2]))
	capBefore := cap(x.buf)
	var got []string
	for _, f := range fields {
		got = append(got, x.add(f))
	}
	assert.Equal(t, []string{"one", "", "thrée"}, got)
	assert.Equal(t, capBefore, cap(x.buf), "utf8Len sized it exactly")
	assert.Equal(t, "thrée", x.add(field("thrée", 8)), "a buffer that grows")
	assert.Equal(t, []string{"one", "", "thrée"}, got, "earlier strings keep their bytes")
}

func FuzzFieldString(f *testing.F) {
	f.Add([]byte("O\x00f\x00f\x00\x00\x00"))
	f.Add([]byte{0x00, 0xD8, 0x41, 0x00})
	f.Add([]byte{0x3D, 0xD8, 0x12, 0xDD})
	f.Fuzz(func(t *testing.T, raw []byte) {
		units := make([]uint16, len(raw)/2)
		for i := range units {
			units[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
		}
		s := fieldString(units)
		if !utf8.ValidString(s) {
			t.Fatalf("invalid UTF-8 from %x", units)
		}
		if strings.ContainsRune(s, 0) {
			t.Fatalf("NUL in %q", s)
		}
		n := len(units)
		for i, u := range units {
			if u == 0 {
				n = i
				break
			}
		}
		if want := string(utf16.Decode(units[:n])); s != want {
			t.Fatalf("fieldString(%x) = %q, want %q", units, s, want)
		}
		if utf8Len(units) != len(s) {
			t.Fatalf("utf8Len(%x) = %d, but it decodes to %d bytes", units, utf8Len(units), len(s))
		}
	})
}
