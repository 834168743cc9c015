package main

import (
	"net/netip"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/winras/ras"
)

// reading is what one scrape read of one connection.
type reading struct {
	conn ras.Conn

	status    ras.ConnStatus
	hasStatus bool

	stats    ras.Stats
	statsAt  time.Time     // when stats were read
	totals   ras.Totals    // the connection's Meter, given stats
	interval time.Duration // how often its statistics are read between scrapes
	hasStats bool

	projection    ras.ProjectionInfo
	hasProjection bool
}

// send sends the connection's series: those of the calls that answered.
func (r *reading) send(ch chan<- prometheus.Metric) {
	c := r.conn
	handle, name := c.Handle.String(), c.Name()
	metric := func(d *prometheus.Desc, t prometheus.ValueType, v float64, more ...string) {
		ch <- prometheus.MustNewConstMetric(d, t, v, append([]string{handle, name}, more...)...)
	}
	correlation := ""
	if c.HasCorrelationID && c.CorrelationID != (ras.GUID{}) {
		correlation = c.CorrelationID.String()
	}
	metric(infoDesc, prometheus.GaugeValue, 1, c.Entry, c.PhoneNumber, c.DeviceType, c.DeviceName, correlation)
	if r.hasStatus {
		metric(stateDesc, prometheus.GaugeValue, 1, r.status.State.String())
	}
	if r.hasStats {
		t := r.totals
		metric(bytesSentDesc, prometheus.CounterValue, float64(t.BytesSent))
		metric(bytesReceivedDesc, prometheus.CounterValue, float64(t.BytesReceived))
		metric(framesSentDesc, prometheus.CounterValue, float64(t.FramesSent))
		metric(framesReceivedDesc, prometheus.CounterValue, float64(t.FramesReceived))
		for _, e := range []struct {
			kind string
			n    uint64
		}{
			{"crc", t.CRCErrors}, {"timeout", t.TimeoutErrors}, {"alignment", t.AlignmentErrors},
			{"hardware_overrun", t.HardwareOverrunErrors}, {"framing", t.FramingErrors},
			{"buffer_overrun", t.BufferOverrunErrors},
		} {
			metric(errorsDesc, prometheus.CounterValue, float64(e.n), e.kind)
		}
		metric(linkSpeedDesc, prometheus.GaugeValue, float64(r.stats.LinkSpeed)/8)
		metric(durationDesc, prometheus.GaugeValue, t.Duration.Seconds())
		metric(intervalDesc, prometheus.GaugeValue, r.interval.Seconds())
	}
	if r.hasProjection {
		p := r.projection
		metric(projectionDesc, prometheus.GaugeValue, 1, p.Protocol.String(), p.Tunnel.String(), p.Authentication.String(), p.Encryption.String())
		if p.IPv4.IsValid() {
			metric(addressDesc, prometheus.GaugeValue, 1, "ipv4", p.IPv4.String(), addrLabel(p.IPv4Server))
		}
		if p.IPv6.IsValid() {
			metric(addressDesc, prometheus.GaugeValue, 1, "ipv6", p.IPv6.String(), addrLabel(p.IPv6Server))
		}
	}
}

// addrLabel is a's text, or "" for no address.
func addrLabel(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}
