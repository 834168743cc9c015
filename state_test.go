package ras

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestStateStringNamesEveryKnownState(t *testing.T) {
	for s, want := range map[State]string{
		OpenPort: "OpenPort", Authenticate: "Authenticate", SubEntryDisconnected: "SubEntryDisconnected",
		ApplySettings: "ApplySettings", Interactive: "Interactive", InvokeEapUI: "InvokeEapUI",
		Connected: "Connected", Disconnected: "Disconnected",
	} {
		assert.Equal(t, want, s.String())
	}
	for s := OpenPort; s <= ApplySettings; s++ {
		assert.NotContains(t, s.String(), "State(", "state %d", uint32(s))
	}
}

func TestStateStringPrintsUnknownStatesAsNumbers(t *testing.T) {
	assert.Equal(t, "State(0x19)", State(25).String())
	assert.Equal(t, "State(0x1005)", State(0x1005).String())
	assert.Equal(t, "State(0x2002)", State(0x2002).String())
	assert.Equal(t, "State(0xffffffff)", State(0xffffffff).String())
}

func TestSubStateString(t *testing.T) {
	assert.Equal(t, "Dormant", SubStateDormant.String())
	assert.Equal(t, "Reconnected", SubStateReconnected.String())
	assert.Equal(t, "SubState(0x7)", SubState(7).String())
}

func TestConnFlagsNamesKnownBitsAndKeepsUnknownOnes(t *testing.T) {
	assert.Equal(t, []string{}, ConnFlags(0).Names())
	assert.Equal(t, "0", ConnFlags(0).String())
	assert.Equal(t, []string{"all_users", "global_creds"}, (AllUsers | GlobalCreds).Names())
	assert.Equal(t, []string{"global_creds", "0x30"}, ConnFlags(0x32).Names())
	assert.Equal(t, "all_users|0x80000000", ConnFlags(0x80000001).String())
}

func TestHandleStringIsHex(t *testing.T) {
	assert.Equal(t, "0x1a2b", Handle(0x1a2b).String())
	assert.Equal(t, "0x0", Handle(0).String())
}

func TestEventStringNamesEntryOrNumber(t *testing.T) {
	assert.Equal(t, "connected 0x10 Office VPN", Event{Op: OpConnected, Conn: Conn{Handle: 0x10, Entry: "Office VPN"}}.String())
	assert.Equal(t, "disconnected 0x20 5551234", Event{Op: OpDisconnected, Conn: Conn{Handle: 0x20, PhoneNumber: "5551234"}}.String())
	assert.Equal(t, "link_removed 2 0x10 Office VPN", Event{Op: OpLinkRemoved, Conn: Conn{Handle: 0x10, Entry: "Office VPN"}, Link: 2}.String())
	assert.Equal(t, "link_added", OpLinkAdded.String())
	assert.Equal(t, "Op(9)", Op(9).String())
}
