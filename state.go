package ras

import (
	"fmt"
	"strings"
)

// State is a connection's RASCONNSTATE.
type State uint32

// The connection states, in the order a connection passes through them.
const (
	OpenPort State = iota
	PortOpened
	ConnectDevice
	DeviceConnected
	AllDevicesConnected
	Authenticate
	AuthNotify
	AuthRetry
	AuthCallback
	AuthChangePassword
	AuthProject
	AuthLinkSpeed
	AuthAck
	ReAuthenticate
	Authenticated
	PrepareForCallback
	WaitForModemReset
	WaitForCallback
	Projected
	StartAuthentication
	CallbackComplete
	LogonNetwork
	SubEntryConnected
	SubEntryDisconnected
	ApplySettings // Windows 7 and later
)

// The paused states, in which RasDial waits for its caller.
const (
	Interactive State = 0x1000 + iota
	RetryAuthentication
	CallbackSetByCaller
	PasswordExpired
	InvokeEapUI
)

// The final states.
const (
	Connected    State = 0x2000
	Disconnected State = 0x2001
)

var stateNames = [...]string{
	"OpenPort", "PortOpened", "ConnectDevice", "DeviceConnected", "AllDevicesConnected",
	"Authenticate", "AuthNotify", "AuthRetry", "AuthCallback", "AuthChangePassword",
	"AuthProject", "AuthLinkSpeed", "AuthAck", "ReAuthenticate", "Authenticated",
	"PrepareForCallback", "WaitForModemReset", "WaitForCallback", "Projected",
	"StartAuthentication", "CallbackComplete", "LogonNetwork", "SubEntryConnected",
	"SubEntryDisconnected", "ApplySettings",
}

var pausedNames = [...]string{
	"Interactive", "RetryAuthentication", "CallbackSetByCaller", "PasswordExpired", "InvokeEapUI",
}

// String returns the RASCS_ name without its prefix ("Connected"), or the number for a state
// this package does not know ("State(0x3000)").
func (s State) String() string {
	switch {
	case s < State(len(stateNames)):
		return stateNames[s]
	case s >= Interactive && s-Interactive < State(len(pausedNames)):
		return pausedNames[s-Interactive]
	case s == Connected:
		return "Connected"
	case s == Disconnected:
		return "Disconnected"
	}
	return fmt.Sprintf("State(%#x)", uint32(s))
}

// SubState is a connection's RASCONNSUBSTATE (Windows 7 and later).
type SubState uint32

// The sub-states.
const (
	SubStateNone         SubState = 0
	SubStateDormant      SubState = 1
	SubStateReconnecting SubState = 2
	SubStateReconnected  SubState = 0x2000
)

// String returns the RASCSS_ name without its prefix, or the number for one this package does
// not know.
func (s SubState) String() string {
	switch s {
	case SubStateNone:
		return "None"
	case SubStateDormant:
		return "Dormant"
	case SubStateReconnecting:
		return "Reconnecting"
	case SubStateReconnected:
		return "Reconnected"
	}
	return fmt.Sprintf("SubState(%#x)", uint32(s))
}

// String returns the operation's name: "connected", "disconnected", "link_added" or
// "link_removed".
func (op Op) String() string {
	switch op {
	case OpConnected:
		return "connected"
	case OpDisconnected:
		return "disconnected"
	case OpLinkAdded:
		return "link_added"
	case OpLinkRemoved:
		return "link_removed"
	}
	return fmt.Sprintf("Op(%d)", uint32(op))
}

// String returns the event as "connected 0x1a2b VPN name", and a link's with its number, as
// "link_added 2 0x1a2b VPN name".
func (e Event) String() string {
	if e.Op == OpLinkAdded || e.Op == OpLinkRemoved {
		return fmt.Sprintf("%s %d %s %s", e.Op, e.Link, e.Conn.Handle, e.Conn.Name())
	}
	return fmt.Sprintf("%s %s %s", e.Op, e.Conn.Handle, e.Conn.Name())
}

// Name returns the entry name, or for a connection made without an entry its phone number.
func (c Conn) Name() string {
	if c.Entry == "" {
		return c.PhoneNumber
	}
	return c.Entry
}

var connFlagNames = []struct {
	flag ConnFlags
	name string
}{{AllUsers, "all_users"}, {GlobalCreds, "global_creds"}}

// Names returns the names of the flags set ("all_users", "global_creds"), with the bits this
// package does not know as one hexadecimal number.
func (f ConnFlags) Names() []string {
	names := []string{}
	for _, n := range connFlagNames {
		if f&n.flag != 0 {
			names = append(names, n.name)
			f &^= n.flag
		}
	}
	if f != 0 {
		names = append(names, fmt.Sprintf("%#x", uint32(f)))
	}
	return names
}

// String returns the flags' names joined by "|", or "0".
func (f ConnFlags) String() string {
	if f == 0 {
		return "0"
	}
	return strings.Join(f.Names(), "|")
}
