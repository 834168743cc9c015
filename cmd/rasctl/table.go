package main

import (
	"fmt"
	"io"
	"net/netip"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/winras/ras"
)

// The human output: aligned columns, "-" for what is empty or not reported, so that every row
// has every column.

func newTable(w io.Writer) *tabwriter.Writer {
	return tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
}

// orDash returns s, or "-" when it is empty.
func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// writeConns writes list's table: one row per connection. NUMBER is set for a connection made
// without an entry, as the JSON's phone_number.
func writeConns(w io.Writer, conns []ras.Conn) error {
	if len(conns) == 0 {
		_, err := fmt.Fprintln(w, "no active connections")
		return err
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "HANDLE\tENTRY\tNUMBER\tTYPE\tDEVICE\tFLAGS")
	for _, c := range conns {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", c.Handle, orDash(c.Entry), orDash(c.PhoneNumber),
			orDash(c.DeviceType), orDash(c.DeviceName), orDash(strings.Join(c.Flags.Names(), ",")))
	}
	return tw.Flush()
}

// writeStatus writes status's answer, one field per line. The connection's own fields are blank
// for a handle that RAS does not list yet (one still dialling).
func writeStatus(w io.Writer, c ras.Conn, s ras.ConnStatus, p *ras.ProjectionInfo) error {
	connErr := "none"
	if s.Err != nil {
		e := newErrorJSON(s.Err)
		connErr = fmt.Sprintf("%d: %s", e.Code, e.Message)
	}
	subState := "-"
	if s.HasSubState {
		subState = s.SubState.String()
	}
	correlation := "-"
	if c.HasCorrelationID {
		correlation = c.CorrelationID.String()
	}
	entryID := "-"
	if c.EntryID != (ras.GUID{}) {
		entryID = c.EntryID.String()
	}
	tw := newTable(w)
	for _, row := range [][2]string{
		{"Handle", c.Handle.String()},
		{"Entry", orDash(c.Entry)},
		{"State", fmt.Sprintf("%s (%d)", s.State, uint32(s.State))},
		{"Error", connErr},
		{"Device type", orDash(s.DeviceType)},
		{"Device name", orDash(s.DeviceName)},
		{"Phone number", orDash(s.PhoneNumber)},
		{"Local endpoint", addrOrDash(s.LocalEndpoint)},
		{"Remote endpoint", addrOrDash(s.RemoteEndpoint)},
		{"Sub-state", subState},
		{"Protocol", projected(p, func(p *ras.ProjectionInfo) string { return p.Protocol.String() })},
		{"Tunnel", projected(p, func(p *ras.ProjectionInfo) string { return p.Tunnel.String() })},
		{"IPv4 address", projected(p, func(p *ras.ProjectionInfo) string { return addrOrDash(p.IPv4) })},
		{"IPv6 address", projected(p, func(p *ras.ProjectionInfo) string { return addrOrDash(p.IPv6) })},
		{"Servers", projected(p, serverAddresses)},
		{"Authentication", projected(p, func(p *ras.ProjectionInfo) string { return p.Authentication.String() })},
		{"Encryption", projected(p, func(p *ras.ProjectionInfo) string { return p.Encryption.String() })},
		{"Phonebook", orDash(c.Phonebook)},
		{"Sub-entry", fmt.Sprint(c.SubEntry)},
		{"Entry ID", entryID},
		{"Flags", orDash(strings.Join(c.Flags.Names(), ","))},
		{"Correlation ID", correlation},
	} {
		fmt.Fprintf(tw, "%s:\t%s\n", row[0], row[1])
	}
	return tw.Flush()
}

// projected is field of p, or "-" when Windows gave no projection.
func projected(p *ras.ProjectionInfo, field func(*ras.ProjectionInfo) string) string {
	if p == nil {
		return "-"
	}
	return field(p)
}

func serverAddresses(p *ras.ProjectionInfo) string {
	addrs := make([]string, len(p.ServerAddresses))
	for i, a := range p.ServerAddresses {
		addrs[i] = a.String()
	}
	return orDash(strings.Join(addrs, ", "))
}

// writeStats writes stats's answer, one counter per line; byte counts in human units too.
func writeStats(w io.Writer, c ras.Conn, s ras.Stats) error {
	tw := newTable(w)
	for _, row := range [][2]string{
		{"Handle", c.Handle.String()},
		{"Entry", orDash(c.Name())},
		{"Bytes sent", bytesText(s.BytesSent)},
		{"Bytes received", bytesText(s.BytesReceived)},
		{"Frames sent", fmt.Sprint(s.FramesSent)},
		{"Frames received", fmt.Sprint(s.FramesReceived)},
		{"CRC errors", fmt.Sprint(s.CRCErrors)},
		{"Timeout errors", fmt.Sprint(s.TimeoutErrors)},
		{"Alignment errors", fmt.Sprint(s.AlignmentErrors)},
		{"Hardware overrun errors", fmt.Sprint(s.HardwareOverrunErrors)},
		{"Framing errors", fmt.Sprint(s.FramingErrors)},
		{"Buffer overrun errors", fmt.Sprint(s.BufferOverrunErrors)},
		{"Compression ratio in", fmt.Sprintf("%d%%", s.CompressionRatioIn)},
		{"Compression ratio out", fmt.Sprintf("%d%%", s.CompressionRatioOut)},
		{"Link speed", fmt.Sprintf("%d bps", s.LinkSpeed)},
		{"Duration", s.Duration.String()},
	} {
		fmt.Fprintf(tw, "%s:\t%s\n", row[0], row[1])
	}
	return tw.Flush()
}

// bytesText is n and, from a KiB on, n in binary units: "1536 (1.5 KiB)".
func bytesText(n uint32) string {
	const unit = 1024
	if n < unit {
		return fmt.Sprint(n)
	}
	v, i := float64(n)/unit, 0
	for v >= unit && i < 2 {
		v /= unit
		i++
	}
	return fmt.Sprintf("%d (%.1f %s)", n, v, []string{"KiB", "MiB", "GiB"}[i])
}

func addrOrDash(a netip.Addr) string {
	if !a.IsValid() {
		return "-"
	}
	return a.String()
}

// watch's lines cannot go through a tabwriter, which aligns only what it has buffered: the
// columns have fixed widths instead, the name last because its width varies most.
const watchRow = "%-12s  %-12s  %-10s  %-8s  %s\n"

func writeWatchHeader(w io.Writer) error {
	_, err := fmt.Fprintf(w, watchRow, "TIME", "EVENT", "HANDLE", "TYPE", "NAME")
	return err
}

func writeEvent(w io.Writer, t time.Time, e ras.Event) error {
	if e.Op == ras.OpLinkAdded || e.Op == ras.OpLinkRemoved {
		what := "added"
		if e.Op == ras.OpLinkRemoved {
			what = "removed"
		}
		_, err := fmt.Fprintf(w, "%s  link %d %s %s %s\n", t.Format("15:04:05.000"), e.Link, what, e.Conn.Handle, e.Conn.Name())
		return err
	}
	_, err := fmt.Fprintf(w, watchRow, t.Format("15:04:05.000"), e.Op, e.Conn.Handle,
		orDash(e.Conn.DeviceType), orDash(e.Conn.Name()))
	return err
}

// writeLinks writes links's table: one row per link, HANDLE "-" for one that is not connected.
func writeLinks(w io.Writer, links []ras.Link) error {
	if len(links) == 0 {
		_, err := fmt.Fprintln(w, "no links")
		return err
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "LINK\tCONNECTED\tHANDLE")
	for _, l := range links {
		handle := "-"
		if l.Connected {
			handle = l.Handle.String()
		}
		fmt.Fprintf(tw, "%d\t%t\t%s\n", l.Number, l.Connected, handle)
	}
	return tw.Flush()
}

// writeEntries writes entries's table: one row per entry, BOOK saying whose phone book it is in.
func writeEntries(w io.Writer, entries []ras.Entry) error {
	if len(entries) == 0 {
		_, err := fmt.Fprintln(w, "no phone-book entries")
		return err
	}
	tw := newTable(w)
	fmt.Fprintln(tw, "ENTRY\tBOOK\tPHONEBOOK")
	for _, e := range entries {
		book := "user"
		if e.AllUsers {
			book = "all users"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", e.Name, book, orDash(e.Phonebook))
	}
	return tw.Flush()
}
