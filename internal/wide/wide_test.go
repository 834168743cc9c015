//go:build cgo

package wide

import (
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/stretchr/testify/assert"
)

func field(s string, n int) []uint16 {
	f := make([]uint16, n)
	copy(f, utf16.Encode([]rune(s)))
	return f
}

// goDecode is what the shim must agree with: Go's decoder, up to the first NUL.
func goDecode(units []uint16) string {
	for i, u := range units {
		if u == 0 {
			units = units[:i]
			break
		}
	}
	return string(utf16.Decode(units))
}

func TestStopsAtTheFirstNUL(t *testing.T) {
	f := field("Office VPN", 257)
	copy(f[11:], utf16.Encode([]rune("garbage after the terminator")))
	assert.Equal(t, "Office VPN", UTF8(f))
}

func TestReadsAFullFieldWithoutTerminator(t *testing.T) {
	name := strings.Repeat("é", 257)
	f := field(name, 257)
	assert.Equal(t, name, UTF8(f))
	assert.Equal(t, name[:len(name)-2], UTF8(f[:256]), "never reads past the field")
}

func TestTheLongestOutputFitsItsBound(t *testing.T) {
	for _, s := range []string{strings.Repeat("\uFFFF", 8), strings.Repeat("🔒", 4), strings.Repeat("\u0800", 8)} {
		f := field(s, 8)
		assert.Equal(t, s, UTF8(f))
		assert.LessOrEqual(t, len(UTF8(f)), 3*len(f))
	}
	assert.Len(t, UTF8([]uint16{0xDC00, 0xDC00, 0xDC00}), 9, "three lone surrogates, three bytes each")
}

func TestDecodesSurrogatePairs(t *testing.T) {
	assert.Equal(t, "VPN 🔒", UTF8(field("VPN 🔒", 17)))
}

func TestReplacesUnpairedSurrogatesAsGoDoes(t *testing.T) {
	for _, units := range [][]uint16{
		{'a', 0xD800, 'b', 0},
		{'a', 0xD800}, // a high surrogate at the field's end
		{0xDC00, 'a'},
		{0xD800, 0xD800, 0xDC00},
		{0xD800, 0},
		{0xDBFF, 0xDFFF},
		{0xD800, 0xE000}, // a high surrogate before a unit just past the low ones
	} {
		assert.Equal(t, goDecode(units), UTF8(units), "%x", units)
	}
	assert.Equal(t, "a\uFFFDb", UTF8([]uint16{'a', 0xD800, 'b', 0}))
}

func FuzzUTF8(f *testing.F) {
	f.Add([]byte("O\x00f\x00f\x00\x00\x00"))
	f.Add([]byte{0x00, 0xD8, 0x41, 0x00})
	f.Add([]byte{0x3D, 0xD8, 0x12, 0xDD})
	f.Add([]byte{0x00, 0xDC, 0x00, 0xD8, 0x00, 0xDC})
	f.Fuzz(func(t *testing.T, raw []byte) {
		units := make([]uint16, len(raw)/2)
		for i := range units {
			units[i] = uint16(raw[2*i]) | uint16(raw[2*i+1])<<8
		}
		if got, want := UTF8(units), goDecode(units); got != want {
			t.Fatalf("UTF8(%x) = %q, want %q (Go's decoder)", units, got, want)
		}
	})
}

// The decoder takes ASCII four units at a time: a NUL or a wider character at every place in
// and around a block must still stop it or be decoded where it is.
func TestEveryPlaceInAnASCIIRun(t *testing.T) {
	for _, odd := range []uint16{0, 0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xD800, 0xDC00, 0xFFFF} {
		for at := range 13 {
			for n := at + 1; n <= 13; n++ {
				units := make([]uint16, n)
				for i := range units {
					units[i] = 'a' + uint16(i)
				}
				units[at] = odd
				assert.Equal(t, goDecode(units), UTF8(units), "%#x at %d of %d", odd, at, n)
			}
		}
	}
}
