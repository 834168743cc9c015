// Package ras gives Go programs the Windows Remote Access Service (RAS): the active dial-up and
// VPN connections, the status of each, their statistics and the addresses they negotiated, a
// hang-up that waits until the connection is gone, a Watcher that reports connections as they
// come and go, and the phone-book entries, with a Dial that connects one.
//
// It wraps these calls of rasapi32.dll:
//   - RasEnumConnectionsW: https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasenumconnectionsw
//   - RasGetConnectStatusW: https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasgetconnectstatusw
//   - RasHangUpW: https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rashangupw
//   - RasConnectionNotificationW: https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasconnectionnotificationw
//   - RasGetSubEntryHandleW (see Links and HangUpLink)
//   - RasGetConnectionStatistics and RasGetLinkStatistics (see Statistics)
//   - RasGetProjectionInfoEx, or RasGetProjectionInfoW where it is missing (see Projection)
//   - RasEnumEntriesW (see Entries)
//   - RasDialW and RasGetEntryDialParamsW (see Dial)
//
// Struct versions are negotiated with the running Windows: the newest layout this Windows
// accepts is used, so the fields a version lacks are reported as absent rather than misread.
//
// The package needs Windows and cgo: build with CGO_ENABLED=1 and a mingw-w64 C compiler
// (CC=x86_64-w64-mingw32-gcc when cross-compiling; Go turns cgo off when cross-compiling, and the
// build succeeds without it). Elsewhere it compiles, and every call returns ErrNotSupported,
// whose text on Windows says what to set.
package ras

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"time"
)

// Handle is a RAS connection handle (HRASCONN).
type Handle uintptr

// String returns the handle in hexadecimal, as "0x1a2b".
func (h Handle) String() string { return fmt.Sprintf("%#x", uintptr(h)) }

// AllConnections is INVALID_HANDLE_VALUE: passed to Notify, it registers for every connection.
const AllConnections = Handle(^uintptr(0))

// Conn is one active connection, as RasEnumConnectionsW lists it.
type Conn struct {
	Handle Handle
	// Entry is the phone-book entry's name; it is empty for a connection made without an entry,
	// whose number is in PhoneNumber instead (Windows lists such a connection as "." + number).
	Entry       string
	PhoneNumber string
	DeviceType  string // "vpn", "modem", "pppoe", ...
	DeviceName  string
	Phonebook   string // the phone-book file's path (Windows 2000 and later)
	SubEntry    uint32 // the multilink sub-entry index, 0 for the whole connection
	EntryID     GUID   // the phone-book entry's GUID (Windows XP and later)
	Flags       ConnFlags
	LogonID     LUID // the logon session that made the connection (Windows XP and later)
	// CorrelationID identifies the connection in RAS's diagnostics (Windows Vista and later);
	// HasCorrelationID is false where this Windows does not provide it.
	CorrelationID    GUID
	HasCorrelationID bool
}

// ConnFlags are RASCONN's dwFlags (RASCF_*).
type ConnFlags uint32

// The RASCONN flags.
const (
	AllUsers    ConnFlags = 0x1 // RASCF_AllUsers: the entry is available to all users
	GlobalCreds ConnFlags = 0x2 // RASCF_GlobalCreds: the credentials are the default ones for all users
)

// ConnStatus is the status of one connection, as RasGetConnectStatusW reports it.
type ConnStatus struct {
	State State
	// Err is the connection's own error (RASCONNSTATUS's dwError): why it failed to connect or
	// dropped. It is nil when there is none, and is never the error of the status call itself.
	Err         error
	DeviceType  string
	DeviceName  string
	PhoneNumber string // Windows 2000 and later
	// The tunnel's endpoints (Windows 7 and later); invalid when Windows reports none, which
	// SSTP connections do, or when this Windows is older.
	LocalEndpoint  netip.Addr
	RemoteEndpoint netip.Addr
	// SubState is meaningful only when HasSubState is true (Windows 7 and later).
	SubState    SubState
	HasSubState bool
}

// Error is a failed RAS call: which call, the Windows error code, and RAS's text for it.
// errors.Is(err, windows.ERROR_INVALID_HANDLE) and the like work through Unwrap, and
// errors.Is(err, ErrConnectionGone) when the connection handle the call was given is gone.
type Error struct {
	Call    string // the function that failed, as "RasGetConnectStatusW"
	Code    Errno
	Message string // from RasGetErrorStringW, or the system's message where RAS has none

	// connGone is set by the call itself, which knows whether Code is about the connection
	// handle: RasConnectionNotificationW answers 6 for a bad event handle too.
	connGone bool
}

// ErrNotSupported is returned by every call on a platform other than Windows with cgo. On
// Windows, it says how to build the program with cgo: Go turns cgo off when cross-compiling
// unless CGO_ENABLED=1 is set, and the build succeeds without it.
var ErrNotSupported = errors.New(notSupported)

// ErrConnectionGone matches (with errors.Is) the error of a call whose connection handle has
// already been hung up or never existed: ERROR_INVALID_HANDLE (6) or ERROR_NO_CONNECTION (668)
// about that handle, and only about it (not, say, about Notify's event handle).
var ErrConnectionGone = errors.New("ras: connection is gone")

// ErrHangUpTimeout matches (with errors.Is) the error of a HangUp whose connection was still
// reported by RasGetConnectStatusW when the wait ended, or of a HangUpLink (or HangUp of a link's
// handle) whose link RasGetSubEntryHandleW still reported connected. It may still go.
var ErrHangUpTimeout = errors.New("ras: hang-up not confirmed in time")

// ErrNotifyUnavailable matches (with errors.Is) the error a Watcher sends once on Errors when
// RasConnectionNotificationW cannot be used and it watches by re-checking alone.
var ErrNotifyUnavailable = errors.New("ras: connection notifications unavailable")

// ErrNotifyMissed matches (with errors.Is) the error a Watcher sends once on Errors when its
// re-check found a change that no notification announced, then a whole re-check interval passed
// without one: Windows' notifications went quiet (reported on Windows 11), and the watcher,
// which goes on working, sees changes up to its re-check interval late.
var ErrNotifyMissed = errors.New("ras: connection notifications missed a change")

// Connections lists the active connections. A connection is listed once RAS has connected it;
// one still dialling is not (read its state with Status).
func Connections() ([]Conn, error) { return appendConnections(nil) }

// AppendConnections appends the active connections to dst and returns the extended slice, as
// append does, for callers that list often. Given a previous listing as list[:0], it reuses
// that listing's array and, for each connection where the one it replaces has equal strings,
// those strings: listing connections that did not change allocates nothing. The Conns in dst's
// spare capacity are overwritten, as append would; the strings it reuses are immutable, so Conns
// copied out of the previous listing stay as they were. On error, dst is returned unchanged.
func AppendConnections(dst []Conn) ([]Conn, error) { return appendConnections(dst) }

// Status returns the status of the connection h.
//
// A handle that is no longer valid gives an error matching ErrConnectionGone and
// windows.ERROR_INVALID_HANDLE.
func Status(h Handle) (ConnStatus, error) { return status(h) }

// DefaultHangUpTimeout bounds HangUp's wait when the context has no deadline. It is the pause
// Microsoft recommends after RasHangUp.
const DefaultHangUpTimeout = 3 * time.Second

// HangUp terminates the connection h and waits, as Microsoft documents, until
// RasGetConnectStatusW reports the handle invalid (or, as it may instead, the connection gone:
// ERROR_NO_CONNECTION), backing off between checks. The wait ends when ctx ends or, when ctx
// has no deadline, after DefaultHangUpTimeout; either way the error matches ErrHangUpTimeout
// (and ctx.Err() when ctx ended). A context that has already ended hangs up nothing. A
// connection that was already gone gives an error matching ErrConnectionGone.
//
// The handle of one link of a multilink connection (Link.Handle, from Links) hangs up that link
// only, as Microsoft documents; the status call may never report such a link's end, so HangUp
// then waits as HangUpLink does, until RasGetSubEntryHandleW reports the link not connected. To
// tell a link's handle from a connection's, HangUp lists the connections, and the links of each,
// when h is not a listed connection's handle (one still dialling, say).
func HangUp(ctx context.Context, h Handle) error { return hangUp(ctx, h) }

// NotifyFlags choose the events of a Notify registration (RASCN_*).
type NotifyFlags uint32

// The notification events.
const (
	NotifyConnection       NotifyFlags = 0x1 // a connection was made; only with AllConnections
	NotifyDisconnection    NotifyFlags = 0x2 // h (or any connection, with AllConnections) ended
	NotifyBandwidthAdded   NotifyFlags = 0x4 // a link of the multilink connection h connected
	NotifyBandwidthRemoved NotifyFlags = 0x8 // a link of the multilink connection h disconnected
)

// Notify is the raw RasConnectionNotificationW: Windows sets event when one of flags happens
// to h (or to any connection, with AllConnections). There is no way to unregister: stop waiting
// and close the event. Signals coalesce, so a signal says that something changed, not what;
// Watcher does the enumerating and comparing for you.
func Notify(h Handle, event EventHandle, flags NotifyFlags) error { return notify(h, event, flags) }

// Op is what happened to a connection.
type Op uint32

// The watcher's events.
const (
	OpConnected Op = iota + 1
	OpDisconnected
	OpLinkAdded   // a link of a multilink connection connected; Event.Link says which
	OpLinkRemoved // a link of a multilink connection disconnected; Event.Link says which
)

// Event is one change seen by a Watcher. For OpDisconnected, Conn is the connection as it was
// last listed.
type Event struct {
	Op   Op
	Conn Conn
	// Err is, for OpDisconnected, the connection's own error (why it dropped: the RASCONNSTATUS
	// dwError), when Windows still reported one for its handle once it was no longer listed, as
	// it often does for a moment after a drop; nil otherwise, and for a hang-up.
	Err error
	// Link is, for OpLinkAdded and OpLinkRemoved, the link's number (from 1, as in Links); 0
	// otherwise.
	Link uint32
}

// DefaultRecheck is how often a Watcher re-lists connections when no notification arrives.
const DefaultRecheck = 5 * time.Second

// Watcher reports connections as they are made and end, and the links of multilink connections
// as they connect and disconnect. Read Events and Errors until Close.
//
// Every Watcher of a process shares one registration for notifications of every connection
// (RasConnectionNotificationW cannot withdraw a registration, and Windows may keep each one for
// the life of the process: a registration per Watcher would grow the RAS service with every
// Watcher a program makes). On each signal, it lists the connections and compares the listing
// with the last one; it also re-lists on a slow interval,
// which keeps it correct when a registration goes quiet (reported on Windows 11; it then sends
// one error matching ErrNotifyMissed) and makes it work where notifications are unavailable (it
// then sends one error matching ErrNotifyUnavailable).
//
// What it guarantees: each connection that appears in a listing gets one OpConnected, and one
// OpDisconnected at the first later listing that lacks it; a connection in the first listing
// (the baseline, taken by NewWatcher) gets no OpConnected. Connections are compared by handle and
// identity (entry or number, entry GUID, correlation ID where Windows has it): Windows may give a
// new connection the handle of one that ended, which is a disconnection and a connection.
//
// Links: a connection that Links shows with more than one link when the Watcher first sees it
// is multilink (its sub-entries are its phone-book entry's). For each, the process registers
// once more, for that connection's RASCN_BandwidthAdded and RASCN_BandwidthRemoved, and that
// registration stays in the RAS service until the process ends (at most one per multilink
// connection per process, whatever the number of Watchers). Every listing then compares the
// connection's links with the last, and each link that connected or disconnected is an
// OpLinkAdded or OpLinkRemoved with its number: Windows' signal names no link. A connection with
// one link gets no link events, and a new connection's links, as the first listing's, are where
// the comparing starts.
//
// What Windows makes impossible: a connection made and ended between two listings is never
// seen. Windows' signals coalesce and name no connection, and RAS keeps no history, so no
// watcher can report it; one that dials and fails within a few milliseconds is the usual case.
// A program that dials learns the outcome from its dial, not from a Watcher.
type Watcher struct {
	// Events delivers changes in the order they were seen: within one re-listing,
	// disconnections first, then link events (connection by connection in listing order, each
	// one's removed links before its added ones), then connections in listing order. Closed by
	// Close.
	Events <-chan Event
	// Errors delivers failures of the re-listing, and the notices matching ErrNotifyUnavailable
	// and ErrNotifyMissed. An error that arrives while the channel is full is dropped: the
	// watcher never stalls on it. Closed by Close.
	Errors <-chan error

	loop *watchLoop
}

// NewWatcher starts a Watcher that re-lists every DefaultRecheck.
//
// A Watcher starts even while RAS cannot list connections (an agent started at boot, before the
// RAS service: 711): it sends each failure on Errors and keeps re-listing on every notification
// and re-check, and the first listing that works is its baseline. NewWatcher fails only when it
// cannot create its events.
func NewWatcher() (*Watcher, error) { return NewWatcherRecheck(DefaultRecheck) }

// NewWatcherRecheck starts a Watcher that re-lists every recheck (at least a millisecond)
// besides on every notification.
func NewWatcherRecheck(recheck time.Duration) (*Watcher, error) { return newWatcher(recheck) }

// Close stops the watcher, releases its event handles and closes Events and Errors. It does
// not wait for a reader. Closing a closed Watcher returns nil.
func (w *Watcher) Close() error { return w.loop.close() }

// Polling reports whether the watcher works by re-checking alone, notifications being
// unavailable.
func (w *Watcher) Polling() bool { return w.loop.polling }
