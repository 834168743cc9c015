package rassim

import "strconv"

// Profile is the Windows version whose RAS structure sizes the simulator accepts.
type Profile uint32

const (
	// Win7 accepts every RASCONN size up to the 0x600 layout, every RASCONNSTATUS size up to 0x601,
	// and RASDIALPARAMS sizes up to 0x601.
	Win7 Profile = 0
	// XP accepts RASCONN sizes up to the 0x501 layout, RASCONNSTATUS and RASDIALPARAMS sizes up to
	// 0x401, and RASDIALEXTENSIONS sizes up to 0x500.
	XP Profile = 1
	// Win10 accepts what Win7 does and the 0x602 RASDIALPARAMS (Windows 8's, with szEncPassword).
	Win10 Profile = 2
)

// String returns the profile's name, or its number if it has none.
func (p Profile) String() string {
	switch p {
	case Win7:
		return "Win7"
	case XP:
		return "XP"
	case Win10:
		return "Win10"
	}
	return "Profile(" + strconv.FormatUint(uint64(p), 10) + ")"
}

// Func names a RAS function for the call counters and the injected faults; its A and W forms share one.
type Func uint32

const (
	EnumConnections         Func = 0  // RasEnumConnectionsW and RasEnumConnectionsA
	GetConnectStatus        Func = 1  // RasGetConnectStatusW and RasGetConnectStatusA
	HangUp                  Func = 2  // RasHangUpW and RasHangUpA
	ConnectionNotification  Func = 3  // RasConnectionNotificationW and RasConnectionNotificationA
	GetErrorString          Func = 4  // RasGetErrorStringW and RasGetErrorStringA
	GetSubEntryHandle       Func = 5  // RasGetSubEntryHandleW and RasGetSubEntryHandleA
	GetConnectionStatistics Func = 6  // RasGetConnectionStatistics
	EnumEntries             Func = 7  // RasEnumEntriesW and RasEnumEntriesA
	GetLinkStatistics       Func = 8  // RasGetLinkStatistics
	GetProjectionInfoEx     Func = 9  // RasGetProjectionInfoEx
	GetProjectionInfo       Func = 10 // RasGetProjectionInfoW
	DialEntry               Func = 11 // RasDialW
	GetEntryDialParams      Func = 12 // RasGetEntryDialParamsW
)

var funcNames = [...]string{
	EnumConnections:         "EnumConnections",
	GetConnectStatus:        "GetConnectStatus",
	HangUp:                  "HangUp",
	ConnectionNotification:  "ConnectionNotification",
	GetErrorString:          "GetErrorString",
	GetSubEntryHandle:       "GetSubEntryHandle",
	GetConnectionStatistics: "GetConnectionStatistics",
	EnumEntries:             "EnumEntries",
	GetLinkStatistics:       "GetLinkStatistics",
	GetProjectionInfoEx:     "GetProjectionInfoEx",
	GetProjectionInfo:       "GetProjectionInfo",
	DialEntry:               "DialEntry",
	GetEntryDialParams:      "GetEntryDialParams",
}

// String returns the function's name without the Ras prefix and the A/W suffix, or its number.
func (f Func) String() string {
	if f < Func(len(funcNames)) {
		return funcNames[f]
	}
	return "Func(" + strconv.FormatUint(uint64(f), 10) + ")"
}

// Fields is a set of RAS's fixed string fields.
type Fields uint32

const (
	FieldEntry       Fields = 1 << iota // szEntryName (RasEnumConnections, RasEnumEntries)
	FieldDeviceType                     // szDeviceType (RasEnumConnections, RasGetConnectStatus)
	FieldDeviceName                     // szDeviceName (RasEnumConnections, RasGetConnectStatus)
	FieldPhonebook                      // szPhonebook (RasEnumConnections), szPhonebookPath (RasEnumEntries)
	FieldPhoneNumber                    // szPhoneNumber (RasGetConnectStatus)

	allFields = FieldEntry | FieldDeviceType | FieldDeviceName | FieldPhonebook | FieldPhoneNumber
)

// ProjectionType is what a connection is projected as: RAS_PROJECTION_INFO's type, or none yet.
type ProjectionType uint32

const (
	NotProjected ProjectionType = 0 // the projection calls answer 730 ERROR_PROJECTION_NOT_COMPLETE
	PPP          ProjectionType = 1 // PROJECTION_INFO_TYPE_PPP
	IKEv2        ProjectionType = 2 // PROJECTION_INFO_TYPE_IKEv2
)

// String returns "none", "ppp" or "ikev2", or the type's number.
func (p ProjectionType) String() string {
	switch p {
	case NotProjected:
		return "none"
	case PPP:
		return "ppp"
	case IKEv2:
		return "ikev2"
	}
	return "ProjectionType(" + strconv.FormatUint(uint64(p), 10) + ")"
}

// Protocols is a set of IP protocols a connection's entry may configure.
type Protocols uint32

const (
	IPv4 Protocols = 1 << iota // RASP_PppIp
	IPv6                       // RASP_PppIpv6

	allProtocols = IPv4 | IPv6
)
