package ras

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// The same test runs natively and under Wine, where GUID is windows.GUID and its String is
// ole32's StringFromGUID2: the methods and their answers are the same on every platform.
func TestGUIDStringIsWindowsForm(t *testing.T) {
	g := GUID{Data1: 0x6B29FC40, Data2: 0xCA47, Data3: 0x1067, Data4: [8]byte{0xB3, 0x1D, 0x00, 0xDD, 0x01, 0x06, 0x62, 0xDA}}
	assert.Equal(t, "{6B29FC40-CA47-1067-B31D-00DD010662DA}", g.String())
	assert.Equal(t, "{00000000-0000-0000-0000-000000000000}", GUID{}.String())
}
