package ras

import (
	"context"
	"errors"
)

// Link is one link (sub-entry) of a connection, as RasGetSubEntryHandleW reports it.
type Link struct {
	Number    uint32 // the sub-entry's index, from 1
	Connected bool
	// Handle is the link's own handle while it is connected, 0 otherwise. HangUp of it hangs up
	// this link only (see HangUp); RasGetConnectStatusW may never report it ended.
	Handle Handle
}

// MaxLinks is the most links Links lists: RAS documents no limit, and a multilink entry has a
// handful of sub-entries.
const MaxLinks = 64

// ErrLinkNotConnected matches (with errors.Is) the error of HangUpLink for a link that is not
// connected: RasGetSubEntryHandleW's ERROR_PORT_NOT_OPEN (618).
var ErrLinkNotConnected = errors.New("ras: link is not connected")

// Links returns the links of the connection h in order, from RasGetSubEntryHandleW for link 1,
// 2, … until it answers that there is no such sub-entry (ERROR_NO_MORE_ITEMS):
// https://learn.microsoft.com/windows/win32/api/ras/nf-ras-rasgetsubentryhandlew
//
// A link that is not connected (ERROR_PORT_NOT_OPEN) is listed with Connected false. A connection
// that is not multilink has its single link, or none. A handle that is not a connected
// connection's (gone, never issued, still dialling, or a link's own) gives an error matching
// ErrConnectionGone and windows.ERROR_INVALID_HANDLE. It takes one RAS call per link, and one
// more.
func Links(h Handle) ([]Link, error) { return links(h) }

// HangUpLink hangs up link n (from 1) of the multilink connection h, and no other: RasHangUpW of
// the link's own handle. The connection stays up while another link is.
//
// It then waits, bounded as HangUp's wait is (ctx's deadline, or DefaultHangUpTimeout), until
// RasGetSubEntryHandleW reports the link not connected, or the connection gone: never by the
// link handle's status, which Windows may go on reporting after the link has ended (as
// RasHangUp's documentation warns). A wait that ends first gives an error matching
// ErrHangUpTimeout. A link that is not connected gives an error matching ErrLinkNotConnected
// and hangs up nothing; a connection that is gone, one matching ErrConnectionGone.
func HangUpLink(ctx context.Context, h Handle, n uint32) error { return hangUpLink(ctx, h, n) }
