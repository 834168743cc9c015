package main

import "github.com/prometheus/client_golang/prometheus"

// The labels of every series about one connection: its handle, which tells it from the others
// listed with it, and its entry name (or, for one made without an entry, its phone number).
var connLabels = []string{"handle", "name"}

func connDesc(name, help string, more ...string) *prometheus.Desc {
	return prometheus.NewDesc(name, help, append(connLabels[:len(connLabels):len(connLabels)], more...), nil)
}

// The metrics the collector reads at each scrape.
var (
	upDesc = prometheus.NewDesc("ras_up",
		"Whether this scrape could list the RAS connections (RasEnumConnectionsW succeeded): 1, or 0 with the failure in ras_call_failures_total.", nil, nil)
	statisticsAvailableDesc = prometheus.NewDesc("ras_statistics_available",
		"Whether this Windows gives connection statistics: 1 when RasGetConnectionStatistics answers as Windows documents, 0 when it cannot (Wine's stubs answer 635 to every call).", nil, nil)
	connectionsDesc = prometheus.NewDesc("ras_connections",
		"The active (connected) RAS connections.", nil, nil)

	infoDesc = connDesc("ras_connection_info",
		"One series of value 1 per connection: its entry (empty for one made without an entry), phone number (for one made without an entry), device and RAS correlation ID (empty before Windows Vista).",
		"entry", "phone_number", "device_type", "device_name", "correlation_id")
	stateDesc = connDesc("ras_connection_state",
		"The connection's state (RASCONNSTATE, by its name: Connected, ...) in the state label, with the value 1.", "state")

	bytesSentDesc = connDesc("ras_connection_bytes_sent_total",
		"Bytes the connection sent: Windows' 32-bit counter, kept counting past its wrap at 4 GiB; it resets when Windows starts the connection's statistics again.")
	bytesReceivedDesc = connDesc("ras_connection_bytes_received_total",
		"Bytes the connection received: Windows' 32-bit counter, kept counting past its wrap at 4 GiB; it resets when Windows starts the connection's statistics again.")
	framesSentDesc = connDesc("ras_connection_frames_sent_total",
		"Frames the connection sent.")
	framesReceivedDesc = connDesc("ras_connection_frames_received_total",
		"Frames the connection received.")
	errorsDesc = connDesc("ras_connection_errors_total",
		"The connection's errors by type: crc, timeout, alignment, hardware_overrun, framing, buffer_overrun.", "type")
	linkSpeedDesc = connDesc("ras_connection_link_speed_bytes",
		"The connection's link speed in bytes per second (RAS reports bits per second: this is that over 8).")
	durationDesc = connDesc("ras_connection_duration_seconds",
		"How long the connection has been connected.")
	intervalDesc = connDesc("ras_connection_statistics_interval_seconds",
		"How often the exporter reads the connection's statistics between scrapes: a quarter of the time its byte counters take to wrap at its link speed or at the rate they grow, from 1 to 15 seconds.")

	addressDesc = connDesc("ras_connection_address_info",
		"One series of value 1 per IP family the connection negotiated: its own address and the server's (empty when not known).",
		"family", "address", "server")
	projectionDesc = connDesc("ras_connection_projection_info",
		"One series of value 1 per projected connection: its protocol (ppp or ikev2), tunnel (sstp, l2tp, pptp, ikev2; none for dial-up), authentication and encryption (tls over SSTP, ipsec over L2TP, mppe-128 or none over PPTP and dial-up, IKEv2's cipher; unknown where Windows does not tell).",
		"protocol", "tunnel", "authentication", "encryption")
)

// descs are every metric the collector reads, for Describe.
var descs = []*prometheus.Desc{
	upDesc, statisticsAvailableDesc, connectionsDesc, infoDesc, stateDesc,
	bytesSentDesc, bytesReceivedDesc, framesSentDesc, framesReceivedDesc, errorsDesc,
	linkSpeedDesc, durationDesc, intervalDesc, addressDesc, projectionDesc,
}
