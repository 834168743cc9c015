package main

import (
	"encoding/json"
	"errors"
	"io"
	"net/netip"
	"time"

	"github.com/winras/ras"
)

// The JSON rasctl prints is a contract with scripts: snake_case names, every field always
// present, and null (never an empty string or a zero) for what this Windows does not report.

// connJSON is a connection: list prints an array of them, and status, hangup and watch one each.
type connJSON struct {
	Handle        string   `json:"handle"`
	Entry         string   `json:"entry"`
	PhoneNumber   string   `json:"phone_number"`
	DeviceType    string   `json:"device_type"`
	DeviceName    string   `json:"device_name"`
	Phonebook     string   `json:"phonebook"`
	SubEntry      uint32   `json:"subentry"`
	EntryID       string   `json:"entry_id"`
	Flags         []string `json:"flags"`
	CorrelationID *string  `json:"correlation_id"`
}

func newConnJSON(c ras.Conn) connJSON {
	j := connJSON{
		Handle:      c.Handle.String(),
		Entry:       c.Entry,
		PhoneNumber: c.PhoneNumber,
		DeviceType:  c.DeviceType,
		DeviceName:  c.DeviceName,
		Phonebook:   c.Phonebook,
		SubEntry:    c.SubEntry,
		EntryID:     c.EntryID.String(),
		Flags:       c.Flags.Names(),
	}
	if c.HasCorrelationID {
		id := c.CorrelationID.String()
		j.CorrelationID = &id
	}
	return j
}

// statusJSON is status's answer.
type statusJSON struct {
	Connection     connJSON   `json:"connection"`
	State          string     `json:"state"`
	StateCode      uint32     `json:"state_code"`
	Error          *errorJSON `json:"error"`
	DeviceType     string     `json:"device_type"`
	DeviceName     string     `json:"device_name"`
	PhoneNumber    string     `json:"phone_number"`
	LocalEndpoint  *string    `json:"local_endpoint"`
	RemoteEndpoint *string    `json:"remote_endpoint"`
	SubState       *string    `json:"substate"`
	// Projection is null when Windows gives none: not projected yet, no IP protocol
	// configured, or a Windows that cannot tell.
	Projection *projectionJSON `json:"projection"`
}

// projectionJSON is what the connection negotiated. ipv6 is null for PPP, which negotiates
// interface identifiers, not addresses.
type projectionJSON struct {
	Protocol         string   `json:"protocol"`
	Tunnel           string   `json:"tunnel"`
	IPv4             *string  `json:"ipv4"`
	IPv6             *string  `json:"ipv6"`
	ServerAddresses  []string `json:"server_addresses"`
	IPv6PrefixLength *int     `json:"ipv6_prefix_length"`
	Authentication   string   `json:"authentication"`
	Encryption       string   `json:"encryption"`
}

func newProjectionJSON(p *ras.ProjectionInfo) *projectionJSON {
	if p == nil {
		return nil
	}
	j := &projectionJSON{
		Protocol:        p.Protocol.String(),
		Tunnel:          p.Tunnel.String(),
		IPv4:            addrJSON(p.IPv4),
		IPv6:            addrJSON(p.IPv6),
		ServerAddresses: make([]string, len(p.ServerAddresses)),
		Authentication:  p.Authentication.String(),
		Encryption:      p.Encryption.String(),
	}
	for i, a := range p.ServerAddresses {
		j.ServerAddresses[i] = a.String()
	}
	if p.IPv6.IsValid() {
		j.IPv6PrefixLength = &p.IPv6PrefixLength
	}
	return j
}

// failureJSON is what a command that failed prints with --json: {"error": {"call": "RasEnumConnectionsW",
// "code": 711, "message": "..."}}. For a failure of rasctl's own (a name that matches nothing), the
// call is the command, as "rasctl status", and the code 0.
type failureJSON struct {
	Error struct {
		Call    string `json:"call"`
		Code    uint32 `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
}

func newFailureJSON(command string, err error) failureJSON {
	var j failureJSON
	j.Error.Call, j.Error.Message = command, err.Error()
	var rasErr *ras.Error
	if errors.As(err, &rasErr) {
		j.Error.Call, j.Error.Code = rasErr.Call, uint32(rasErr.Code)
	}
	return j
}

// errorJSON is a connection's own error: why it failed to connect or dropped.
type errorJSON struct {
	Code    uint32 `json:"code"`
	Message string `json:"message"`
}

func newStatusJSON(c ras.Conn, s ras.ConnStatus, p *ras.ProjectionInfo) statusJSON {
	j := statusJSON{
		Projection:     newProjectionJSON(p),
		Connection:     newConnJSON(c),
		State:          s.State.String(),
		StateCode:      uint32(s.State),
		DeviceType:     s.DeviceType,
		DeviceName:     s.DeviceName,
		PhoneNumber:    s.PhoneNumber,
		LocalEndpoint:  addrJSON(s.LocalEndpoint),
		RemoteEndpoint: addrJSON(s.RemoteEndpoint),
	}
	if s.Err != nil {
		j.Error = newErrorJSON(s.Err)
	}
	if s.HasSubState {
		sub := s.SubState.String()
		j.SubState = &sub
	}
	return j
}

// newErrorJSON gives the code and RAS's text of a *ras.Error, which is what ConnStatus.Err
// holds; any other error becomes code 0 and its text, rather than nothing.
func newErrorJSON(err error) *errorJSON {
	var e *ras.Error
	if errors.As(err, &e) {
		return &errorJSON{Code: uint32(e.Code), Message: e.Message}
	}
	return &errorJSON{Message: err.Error()}
}

func addrJSON(a netip.Addr) *string {
	if !a.IsValid() {
		return nil
	}
	s := a.String()
	return &s
}

// eventJSON is one line of watch --json. Error is a disconnection's cause, when Windows gave
// one, and otherwise null.
type eventJSON struct {
	Time       string     `json:"time"`
	Event      string     `json:"event"`
	Connection connJSON   `json:"connection"`
	Error      *errorJSON `json:"error"`
}

// eventTime is RFC 3339 with all nine digits of nanoseconds, so that the lines' times have one
// width and sort as text.
const eventTime = "2006-01-02T15:04:05.000000000Z07:00"

// linkEventJSON is a line of watch --json for a link of a multilink connection: "link_added" or
// "link_removed", and the link's number.
type linkEventJSON struct {
	Time       string   `json:"time"`
	Event      string   `json:"event"`
	Connection connJSON `json:"connection"`
	Link       uint32   `json:"link"`
}

// newWatchJSON is the line of watch --json for e.
func newWatchJSON(t time.Time, e ras.Event) any {
	if e.Op == ras.OpLinkAdded || e.Op == ras.OpLinkRemoved {
		return linkEventJSON{Time: t.Format(eventTime), Event: e.Op.String(), Connection: newConnJSON(e.Conn), Link: e.Link}
	}
	return newEventJSON(t, e)
}

func newEventJSON(t time.Time, e ras.Event) eventJSON {
	j := eventJSON{Time: t.Format(eventTime), Event: e.Op.String(), Connection: newConnJSON(e.Conn)}
	if e.Err != nil {
		j.Error = newErrorJSON(e.Err)
	}
	return j
}

// statsJSON is stats's answer: RAS's counters as they are, 32-bit.
type statsJSON struct {
	Connection            connJSON `json:"connection"`
	BytesSent             uint32   `json:"bytes_sent"`
	BytesReceived         uint32   `json:"bytes_received"`
	FramesSent            uint32   `json:"frames_sent"`
	FramesReceived        uint32   `json:"frames_received"`
	CRCErrors             uint32   `json:"crc_errors"`
	TimeoutErrors         uint32   `json:"timeout_errors"`
	AlignmentErrors       uint32   `json:"alignment_errors"`
	HardwareOverrunErrors uint32   `json:"hardware_overrun_errors"`
	FramingErrors         uint32   `json:"framing_errors"`
	BufferOverrunErrors   uint32   `json:"buffer_overrun_errors"`
	CompressionRatioIn    uint32   `json:"compression_ratio_in"`
	CompressionRatioOut   uint32   `json:"compression_ratio_out"`
	LinkSpeedBPS          uint32   `json:"link_speed_bps"`
	DurationMS            int64    `json:"duration_ms"`
}

func newStatsJSON(c ras.Conn, s ras.Stats) statsJSON {
	return statsJSON{
		Connection:            newConnJSON(c),
		BytesSent:             s.BytesSent,
		BytesReceived:         s.BytesReceived,
		FramesSent:            s.FramesSent,
		FramesReceived:        s.FramesReceived,
		CRCErrors:             s.CRCErrors,
		TimeoutErrors:         s.TimeoutErrors,
		AlignmentErrors:       s.AlignmentErrors,
		HardwareOverrunErrors: s.HardwareOverrunErrors,
		FramingErrors:         s.FramingErrors,
		BufferOverrunErrors:   s.BufferOverrunErrors,
		CompressionRatioIn:    s.CompressionRatioIn,
		CompressionRatioOut:   s.CompressionRatioOut,
		LinkSpeedBPS:          s.LinkSpeed,
		DurationMS:            s.Duration.Milliseconds(),
	}
}

// hangupJSON is hangup's answer; Link only with --link.
type hangupJSON struct {
	Connection connJSON `json:"connection"`
	Link       *uint32  `json:"link,omitempty"`
	Terminated bool     `json:"terminated"`
	WaitedMS   int64    `json:"waited_ms"`
}

// linkJSON is one element of links's answer; Handle is null for a link that is not connected.
type linkJSON struct {
	Link      uint32  `json:"link"`
	Handle    *string `json:"handle"`
	Connected bool    `json:"connected"`
}

func newLinkJSON(l ras.Link) linkJSON {
	j := linkJSON{Link: l.Number, Connected: l.Connected}
	if l.Connected {
		h := l.Handle.String()
		j.Handle = &h
	}
	return j
}

// writeJSON writes v indented on lines of its own, for list, status and hangup, whose one
// answer people read too.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// writeJSONLine writes v on one line, for watch: a line per event is what line-by-line readers
// (jq, a log shipper) expect.
func writeJSONLine(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
