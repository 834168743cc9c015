//go:build windows

package main

import (
	"context"
	"io"
	"math"
	"net/http"
	"net/netip"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/sys/windows"

	"github.com/winras/ras"
	"github.com/winras/ras/rassim"
)

// These tests run the exporter against the simulator (raswine exec -backend sim), in the test's
// own process: the connections the test makes are the ones the exporter reads.

func useSim(t *testing.T) {
	t.Helper()
	if os.Getenv("WINRAS_BACKEND") != "sim" {
		t.Skipf("needs the simulator (raswine exec -backend sim); WINRAS_BACKEND=%q", os.Getenv("WINRAS_BACKEND"))
	}
	require.True(t, rassim.Available(), "WINRAS_BACKEND=sim, but System32's rasapi32.dll is not the simulator")
	require.NoError(t, rassim.Reset(rassim.Win7))
	// Registered first, so it runs last: after the exporter's Close, whose watcher's
	// registration Reset would otherwise drop under it.
	t.Cleanup(func() { rassim.Reset(rassim.Win7) })
}

var (
	officeID   = windows.GUID{Data1: 0x3F2504E0, Data2: 0x4F89, Data3: 0x11D3, Data4: [8]byte{0x9A, 0x0C, 0x03, 0x05, 0xE8, 0x2C, 0x33, 0x01}}
	officeID2  = windows.GUID{Data1: 0x3F2504E0, Data2: 0x4F89, Data3: 0x11D3, Data4: [8]byte{0x9A, 0x0C, 0x03, 0x05, 0xE8, 0x2C, 0x33, 0x02}}
	officeVPN  = rassim.Conn{Entry: "Office VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)", CorrelationID: officeID}
	officeVPN2 = rassim.Conn{Entry: "Office VPN", DeviceType: "vpn", DeviceName: "WAN Miniport (IKEv2)", CorrelationID: officeID2}
	modem      = rassim.Conn{PhoneNumber: "5550123", DeviceType: "modem", DeviceName: "Standard 56000 bps Modem"}
)

func add(t *testing.T, c rassim.Conn) ras.Handle {
	t.Helper()
	h, err := rassim.Add(c)
	require.NoError(t, err)
	return h
}

func setStats(t *testing.T, h ras.Handle, s rassim.Stats) {
	t.Helper()
	require.NoError(t, rassim.SetStats(h, 0, s))
}

func TestScrapeGivesEachConnectionsSeries(t *testing.T) {
	useSim(t)
	office := add(t, officeVPN)
	dialup := add(t, modem)
	setStats(t, office, rassim.Stats{
		BytesSent: 1_000_001, BytesReceived: 2_000_002, FramesSent: 3003, FramesReceived: 4004,
		CRCErrors: 5, TimeoutErrors: 6, AlignmentErrors: 7, HardwareOverrunErrors: 8, FramingErrors: 9,
		BufferOverrunErrors: 10, Bps: 100_000_000, Duration: 90 * time.Second,
	})
	require.NoError(t, rassim.SetProjection(office, rassim.Projection{
		Type: rassim.IKEv2, IPv4: netip.MustParseAddr("10.10.0.2"), IPv4Server: netip.MustParseAddr("10.10.0.1"),
		IPv6: netip.MustParseAddr("fd00:10::2"), IPv6PrefixLength: 64, AuthenticationProtocol: uint32(ras.AuthIKEv2EAP),
		EncryptionMethod: ras.EncryptionAES256,
	}))
	e := startExporter(t)
	s := scrape(t, e)

	assert.Equal(t, 1.0, s.must(t, "ras_up"))
	assert.Equal(t, 2.0, s.must(t, "ras_connections"))
	assert.Equal(t, 1.0, s.must(t, "ras_statistics_available"))
	oh, dh := office.String(), dialup.String()
	assert.Equal(t, []string{
		"correlation_id=,device_name=Standard 56000 bps Modem,device_type=modem,entry=,handle=" + dh + ",name=5550123,phone_number=5550123",
		"correlation_id={3F2504E0-4F89-11D3-9A0C-0305E82C3301},device_name=WAN Miniport (IKEv2),device_type=vpn,entry=Office VPN,handle=" + oh + ",name=Office VPN,phone_number=",
	}, s.labelSets("ras_connection_info"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_state", "handle", oh, "name", "Office VPN", "state", "Connected"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_state", "handle", dh, "name", "5550123", "state", "Connected"))

	for name, want := range map[string]float64{
		"ras_connection_bytes_sent_total": 1_000_001, "ras_connection_bytes_received_total": 2_000_002,
		"ras_connection_frames_sent_total": 3003, "ras_connection_frames_received_total": 4004,
		"ras_connection_link_speed_bytes": 12_500_000,
	} {
		assert.Equal(t, want, s.must(t, name, "handle", oh), name)
		if name != "ras_connection_link_speed_bytes" {
			assert.Equal(t, 0.0, s.must(t, name, "handle", dh), "the modem's statistics were never set: zeros")
		}
	}
	for kind, want := range map[string]float64{"crc": 5, "timeout": 6, "alignment": 7, "hardware_overrun": 8, "framing": 9, "buffer_overrun": 10} {
		assert.Equal(t, want, s.must(t, "ras_connection_errors_total", "handle", oh, "type", kind), kind)
	}
	// The duration goes on counting on the simulator's clock from 90s: a minute more is far
	// more than a scrape takes.
	d := s.must(t, "ras_connection_duration_seconds", "handle", oh)
	assert.GreaterOrEqual(t, d, 90.0)
	assert.Less(t, d, 150.0)

	assert.Equal(t, []string{
		"address=10.10.0.2,family=ipv4,handle=" + oh + ",name=Office VPN,server=10.10.0.1",
		"address=fd00:10::2,family=ipv6,handle=" + oh + ",name=Office VPN,server=",
	}, s.labelSets("ras_connection_address_info"))
	assert.Equal(t, []string{
		"authentication=eap,encryption=aes-256,handle=" + oh + ",name=Office VPN,protocol=ikev2",
	}, s.labelSets("ras_connection_projection_info"), "the modem was never projected: no series, and no failure")
	assert.Empty(t, s.matching("ras_call_failures_total"))
	assert.Equal(t, 1.0, s.must(t, "ras_exporter_build_info"))
}

func TestCountersKeepRisingWhenWindowsCountersWrap(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	e := startExporter(t)
	hs := h.String()
	counters := func(s rassim.Stats) [3]float64 {
		t.Helper()
		setStats(t, h, s)
		sc := scrape(t, e)
		return [3]float64{
			sc.must(t, "ras_connection_bytes_sent_total", "handle", hs),
			sc.must(t, "ras_connection_bytes_received_total", "handle", hs),
			sc.must(t, "ras_connection_frames_sent_total", "handle", hs),
		}
	}
	assert.Equal(t, [3]float64{0xFFFFFF00, 0xFFFFFFF0, 0xFFFFFFFF}, counters(rassim.Stats{BytesSent: 0xFFFFFF00, BytesReceived: 0xFFFFFFF0, FramesSent: 0xFFFFFFFF}))
	assert.Equal(t, [3]float64{0x1_0000_0100, 0x1_0000_0010, 0x1_0000_0001}, counters(rassim.Stats{BytesSent: 0x100, BytesReceived: 0x10, FramesSent: 1}), "across the wrap")
	assert.Equal(t, [3]float64{0x1_0000_0200, 0x1_0000_0010, 0x1_0000_0001}, counters(rassim.Stats{BytesSent: 0x200, BytesReceived: 0x10, FramesSent: 1}), "and on from there")
}

// A counter the simulator grows at 100 MB/s from 20 MB below 2^32 wraps 200 ms later and then
// every 43 s: scrapes however slow (a few seconds apart) see it rise past 2^32 and never go back.
func TestACounterThatWrapsAsItGrowsKeepsRising(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	e := startExporter(t)
	hs := h.String()
	const start, rate = 0xFFFFFFFF - 20_000_000, 100_000_000
	// A first scrape before it grows, however late it comes: the connection's totals start there.
	setStats(t, h, rassim.Stats{BytesReceived: start})
	s := scrape(t, e)
	require.Equal(t, float64(start), s.must(t, "ras_connection_bytes_received_total", "handle", hs))
	ms := func(s scraped) uint64 {
		return uint64(math.Round(s.must(t, "ras_connection_duration_seconds", "handle", hs) * 1000))
	}
	grown := ms(s) // the duration goes on from there: it must not go back either
	setStats(t, h, rassim.Stats{BytesReceived: start, BytesReceivedPerSecond: rate, Duration: time.Duration(grown) * time.Millisecond})

	last := float64(start)
	deadline := time.Now().Add(60 * time.Second)
	for {
		s := scrape(t, e)
		got := s.must(t, "ras_connection_bytes_received_total", "handle", hs)
		require.GreaterOrEqual(t, got, last, "a counter went back")
		last = got
		// The simulator grows the counter by the milliseconds the same call adds to the
		// duration: the total is exactly what that duration makes it.
		since := ms(s) - grown
		want := uint64(start) + rate*(since/1000) + rate*(since%1000)/1000
		require.Equal(t, float64(want), got, "%d ms after it started growing", since)
		if got > 1<<32 {
			return
		}
		require.True(t, time.Now().Before(deadline), "no wrap in a minute: at %v", got)
		time.Sleep(50 * time.Millisecond)
	}
}

func TestANewConnectionStartsItsOwnCounters(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	e := startExporter(t)
	first := add(t, officeVPN)
	setStats(t, first, rassim.Stats{BytesSent: 0xFFFFFF00})
	s := scrape(t, e)
	assert.Equal(t, float64(0xFFFFFF00), s.must(t, "ras_connection_bytes_sent_total", "handle", first.String()))
	require.NoError(t, ras.HangUp(context.Background(), first))

	// The entry dials again and gets a new handle: its series are new, the old ones gone.
	second := add(t, officeVPN2)
	require.NotEqual(t, first, second)
	setStats(t, second, rassim.Stats{BytesSent: 100})
	s = scrape(t, e)
	assert.Empty(t, s.matching("ras_connection_bytes_sent_total", "handle", first.String()))
	assert.Equal(t, 100.0, s.must(t, "ras_connection_bytes_sent_total", "handle", second.String()))
}

// Windows may give a new connection the handle of one that ended: the series' labels are the
// same, and its counters start again from the new connection's own (a counter reset), not from
// the old one's totals (which would read as a wrap, and a jump of 4 GiB).
func TestANewConnectionOnAReusedHandleResetsTheCounters(t *testing.T) {
	useSim(t)
	require.NoError(t, rassim.SetLinger(0))
	e := startExporter(t)
	first := add(t, officeVPN)
	setStats(t, first, rassim.Stats{BytesSent: 5_000_000, FramesSent: 5000, CRCErrors: 3})
	s := scrape(t, e)
	hs := first.String()
	assert.Equal(t, 5_000_000.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	require.NoError(t, ras.HangUp(context.Background(), first))

	require.NoError(t, rassim.ReuseHandle(first))
	second := add(t, officeVPN2)
	require.Equal(t, first, second)
	setStats(t, second, rassim.Stats{BytesSent: 100, FramesSent: 1})
	s = scrape(t, e)
	assert.Equal(t, 100.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_frames_sent_total", "handle", hs))
	assert.Equal(t, 0.0, s.must(t, "ras_connection_errors_total", "handle", hs, "type", "crc"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_info", "handle", hs, "correlation_id", officeID2.String()))
}

// waitFor scrapes until ready says the scrape shows what the Watcher counted, which it does once
// Windows has notified it; check then checks that scrape. Every value is asserted, none timed.
func waitFor(t *testing.T, e *exporter, ready func(scraped) bool) scraped {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for {
		s := scrape(t, e)
		if ready(s) {
			return s
		}
		require.True(t, time.Now().Before(deadline), "the watcher did not count the change in a minute")
		time.Sleep(20 * time.Millisecond)
	}
}

func TestConnectionsMadeEndedAndDroppedAreCountedByError(t *testing.T) {
	useSim(t)
	before := add(t, officeVPN)
	e := startExporter(t)
	s := scrape(t, e)
	assert.Equal(t, 0.0, s.must(t, "ras_connections_connected_total"), "the connection was up before the exporter started")
	assert.Equal(t, 0.0, s.must(t, "ras_connections_disconnected_total"))
	assert.Empty(t, s.matching("ras_connections_dropped_total"))

	dialup := add(t, modem)
	s = waitFor(t, e, func(s scraped) bool { return s.must(t, "ras_connections_connected_total") == 1 })
	assert.Equal(t, 2.0, s.must(t, "ras_connections"))

	// The server ends the modem's call: 629, "The port was disconnected by the remote machine."
	require.NoError(t, rassim.Drop(dialup, 629))
	s = waitFor(t, e, func(s scraped) bool { return s.must(t, "ras_connections_disconnected_total") == 1 })
	assert.Equal(t, 1.0, s.must(t, "ras_connections_dropped_total", "code", "629"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections"))
	assert.Empty(t, s.matching("ras_connection_info", "handle", dialup.String()))

	// A hang-up ends a connection with no error: it is no drop.
	require.NoError(t, ras.HangUp(context.Background(), before))
	s = waitFor(t, e, func(s scraped) bool { return s.must(t, "ras_connections_disconnected_total") == 2 })
	assert.Equal(t, []string{"code=629"}, s.labelSets("ras_connections_dropped_total"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections_dropped_total", "code", "629"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections_connected_total"))
	assert.Equal(t, 0.0, s.must(t, "ras_connections"))
}

// 711: the RAS service (RasMan) is not running, as at boot before it starts.
func TestAScrapeWhileRASIsDownAnswersWithTheFailure(t *testing.T) {
	useSim(t)
	add(t, officeVPN)
	e := startExporter(t)
	require.NoError(t, rassim.FailAlways(rassim.EnumConnections, 711))
	for i := 1; i <= 2; i++ {
		s := scrape(t, e)
		assert.Equal(t, 0.0, s.must(t, "ras_up"))
		assert.Equal(t, float64(i), s.must(t, "ras_call_failures_total", "call", "RasEnumConnectionsW", "code", "711"))
		assert.Empty(t, s.matching("ras_connections"), "not known: not 0")
		assert.Empty(t, s.matching("ras_connection_info"))
		assert.Equal(t, 1.0, s.must(t, "ras_exporter_build_info"))
	}
	require.NoError(t, rassim.ClearFaults())
	s := scrape(t, e)
	assert.Equal(t, 1.0, s.must(t, "ras_up"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections"))
	assert.Equal(t, 2.0, s.must(t, "ras_call_failures_total", "call", "RasEnumConnectionsW", "code", "711"), "a counter")
}

// A call about one connection that fails leaves out that call's series, and is counted.
func TestAFailingCallLeavesOutItsSeriesAndIsCounted(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	require.NoError(t, rassim.SetProjection(h, rassim.Projection{Type: rassim.PPP, IPv4: netip.MustParseAddr("10.0.0.2")}))
	e := startExporter(t)
	hs := h.String()
	require.NoError(t, rassim.FailAlways(rassim.GetConnectStatus, 5))
	require.NoError(t, rassim.FailAlways(rassim.GetConnectionStatistics, 635))
	require.NoError(t, rassim.FailAlways(rassim.GetProjectionInfoEx, 8))
	s := scrape(t, e)
	assert.Equal(t, 1.0, s.must(t, "ras_up"))
	assert.Equal(t, 1.0, s.must(t, "ras_connections"))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_info", "handle", hs))
	assert.Empty(t, s.matching("ras_connection_state"))
	assert.Empty(t, s.matching("ras_connection_bytes_sent_total"))
	assert.Empty(t, s.matching("ras_connection_address_info"))
	assert.Equal(t, 1.0, s.must(t, "ras_call_failures_total", "call", "RasGetConnectStatusW", "code", "5"))
	assert.Equal(t, 1.0, s.must(t, "ras_call_failures_total", "call", "RasGetConnectionStatistics", "code", "635"))
	assert.Equal(t, 1.0, s.must(t, "ras_call_failures_total", "call", "RasGetProjectionInfoEx", "code", "8"))
	assert.Equal(t, 0.0, s.must(t, "ras_statistics_available"), "RasGetConnectionStatistics answers 635 to anything")

	require.NoError(t, rassim.ClearFaults())
	s = scrape(t, e)
	assert.Equal(t, 1.0, s.must(t, "ras_connection_state", "handle", hs, "state", "Connected"))
	assert.Equal(t, 0.0, s.must(t, "ras_connection_bytes_sent_total", "handle", hs))
	assert.Equal(t, 1.0, s.must(t, "ras_connection_address_info", "handle", hs, "address", "10.0.0.2"))
	assert.Equal(t, 1.0, s.must(t, "ras_statistics_available"))
}

// A connection that ends between the listing and a call about it is gone: it is left out of
// that scrape, with no failure. The simulator answers the call as Windows does for a handle that
// has ended (6, ERROR_INVALID_HANDLE), for the first connection listed.
func TestAConnectionThatEndsDuringTheScrapeIsLeftOut(t *testing.T) {
	for _, f := range []rassim.Func{rassim.GetConnectStatus, rassim.GetConnectionStatistics, rassim.GetProjectionInfoEx} {
		t.Run(f.String(), func(t *testing.T) {
			useSim(t)
			gone := add(t, officeVPN)
			stays := add(t, modem)
			e := startExporter(t)
			require.NoError(t, rassim.FailNth(f, 1, 6))
			s := scrape(t, e)
			assert.Equal(t, 1.0, s.must(t, "ras_connections"))
			for _, name := range []string{"ras_connection_info", "ras_connection_state", "ras_connection_bytes_sent_total"} {
				assert.Empty(t, s.matching(name, "handle", gone.String()), name)
				assert.Len(t, s.matching(name, "handle", stays.String()), 1, name)
			}
			assert.Empty(t, s.matching("ras_call_failures_total"))
		})
	}
}

// Scrapes that arrive together take turns, and each one answers.
func TestConcurrentScrapesAllAnswer(t *testing.T) {
	useSim(t)
	h := add(t, officeVPN)
	setStats(t, h, rassim.Stats{BytesSent: 42})
	e := startExporter(t)
	type answer struct {
		code int
		body string
		err  error
	}
	done := make(chan answer)
	for range 4 {
		go func() {
			resp, err := http.Get("http://" + e.Addr().String() + "/metrics")
			if err != nil {
				done <- answer{err: err}
				return
			}
			defer resp.Body.Close()
			body, err := io.ReadAll(resp.Body)
			done <- answer{resp.StatusCode, string(body), err}
		}()
	}
	for range 4 {
		a := <-done
		require.NoError(t, a.err)
		assert.Equal(t, http.StatusOK, a.code)
		want := `ras_connection_bytes_sent_total{handle="` + h.String() + `",name="Office VPN"} 42`
		assert.True(t, strings.Contains(a.body, want), "no %s in the scrape", want)
	}
}
