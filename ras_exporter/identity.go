package main

import "github.com/winras/ras"

// identity tells one connection from another as ras.Watcher does: Windows may give a new
// connection the handle of one that ended, so with the handle go the entry (or the number of a
// connection made without one), the entry's GUID and the connection's correlation ID. A new
// identity gets a new Meter, so its counters start from its own statistics.
type identity struct {
	handle        ras.Handle
	entry, number string
	entryID       ras.GUID
	correlationID ras.GUID
}

func identityOf(c ras.Conn) identity {
	return identity{handle: c.Handle, entry: c.Entry, number: c.PhoneNumber, entryID: c.EntryID, correlationID: c.CorrelationID}
}
