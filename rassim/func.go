package rassim

import "strconv"

// Profile is the Windows version whose RAS structure sizes the simulator accepts.
type Profile uint32

const (
	// Win7 accepts every RASCONN size up to the 0x600 layout and every RASCONNSTATUS size up to 0x601.
	Win7 Profile = 0
	// XP accepts RASCONN sizes up to the 0x501 layout and RASCONNSTATUS sizes up to 0x401.
	XP Profile = 1
)

// String returns the profile's name, or its number if it has none.
func (p Profile) String() string {
	switch p {
	case Win7:
		return "Win7"
	case XP:
		return "XP"
	}
	return "Profile(" + strconv.FormatUint(uint64(p), 10) + ")"
}

// Func names a RAS function for the call counters and the injected faults; its A and W forms share one.
type Func uint32

const (
	EnumConnections         Func = 0 // RasEnumConnectionsW and RasEnumConnectionsA
	GetConnectStatus        Func = 1 // RasGetConnectStatusW and RasGetConnectStatusA
	HangUp                  Func = 2 // RasHangUpW and RasHangUpA
	ConnectionNotification  Func = 3 // RasConnectionNotificationW and RasConnectionNotificationA
	GetErrorString          Func = 4 // RasGetErrorStringW and RasGetErrorStringA
	GetSubEntryHandle       Func = 5 // RasGetSubEntryHandleW and RasGetSubEntryHandleA
	GetConnectionStatistics Func = 6 // RasGetConnectionStatistics
	EnumEntries             Func = 7 // RasEnumEntriesW and RasEnumEntriesA
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
	FieldEntry       Fields = 1 << iota // szEntryName (RasEnumConnections)
	FieldDeviceType                     // szDeviceType (RasEnumConnections, RasGetConnectStatus)
	FieldDeviceName                     // szDeviceName (RasEnumConnections, RasGetConnectStatus)
	FieldPhonebook                      // szPhonebook (RasEnumConnections)
	FieldPhoneNumber                    // szPhoneNumber (RasGetConnectStatus)

	allFields = FieldEntry | FieldDeviceType | FieldDeviceName | FieldPhonebook | FieldPhoneNumber
)
