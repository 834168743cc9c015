package ras

import (
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
)

func TestSharedTextSlicesEveryFieldOutOfOneString(t *testing.T) {
	x := sharedText{text: []byte("Office VPNvpnWAN")}
	entry, kind, name := x.next(10, ""), x.next(3, ""), x.next(3, "")
	assert.Equal(t, []string{"Office VPN", "vpn", "WAN"}, []string{entry, kind, name})
	assert.Equal(t, unsafe.StringData(entry), unsafe.StringData(x.all), "one string")
	assert.Equal(t, unsafe.Add(unsafe.Pointer(unsafe.StringData(entry)), 10), unsafe.Pointer(unsafe.StringData(kind)))
}

func TestSharedTextReturnsAnEqualStringItIsGiven(t *testing.T) {
	was := string([]byte("vpn"))
	x := sharedText{text: []byte("vpnWAN")}
	got := x.next(3, was)
	assert.Equal(t, unsafe.StringData(was), unsafe.StringData(got))
	assert.Empty(t, x.all, "nothing copied while every field is equal")
	assert.Equal(t, "WAN", x.next(3, "LAN"), "a different one is the text's")
}

func TestSharedTextCopiesTheTextSoItMayChangeAfterwards(t *testing.T) {
	text := []byte("vpn")
	x := sharedText{text: text}
	got := x.next(3, "")
	copy(text, "xxx") // as the shim's buffer is, by the next call
	assert.Equal(t, "vpn", got)
}
